//! The calendar export (iCalendar, RFC 5545) for Outlook and Google Calendar: each milestone
//! with a due date, and each initiative's go-live (target) date, as an all-day event.
//!
//! - `UID` is `{item id}@bridgeboard`, so importing a newer export updates the same events
//!   instead of adding copies;
//! - `DTSTAMP` is `today` at midnight UTC, never the clock, so the file is reproducible;
//! - `DTSTART;VALUE=DATE` is the day and `DTEND` the day after (all-day events end exclusively);
//! - text values escape `\` `;` `,` and line breaks (`\n`), drop other control characters, and
//!   every line is folded at 75 octets on a UTF-8 character boundary, with CRLF line ends.

use chrono::{Duration, NaiveDate};

use crate::domain::model::{Id, TaskKind};
use crate::export::roadmap::Roadmap;

/// An RFC 5545 TEXT value: `\` `;` `,` escaped, a line break (CRLF, CR or LF) as `\n`, other
/// control characters (which the standard forbids) dropped, tabs kept.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line folded to at most 75 octets per physical line (continuations start with a
/// space, which counts), never splitting a UTF-8 character nor ending a physical line on a
/// blank, each line ended by CRLF.
pub fn fold(line: &str, out: &mut String) {
    let mut room = 75;
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        // Never end a physical line on a space or tab: some readers trim it when unfolding.
        let blank = c == ' ' || c == '\t';
        if used + width > room || (blank && used + width == room) {
            out.push_str("\r\n ");
            room = 74;
            used = 0;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
}

struct Event {
    id: Id,
    day: NaiveDate,
    summary: String,
    description: String,
}

pub fn render(roadmap: &Roadmap) -> String {
    let mut events = Vec::new();
    for lane in &roadmap.lanes {
        let i = &lane.initiative;
        if let Some(target) = i.target {
            let owners = [("Marketing owner", &lane.marketing_owner), ("IT owner", &lane.it_owner), ("Sponsor", &lane.sponsor)]
                .iter()
                .filter_map(|(role, p)| p.as_ref().map(|p| format!("{role}: {}", p.name)))
                .collect::<Vec<_>>();
            let mut description = format!("Go-live of the initiative \"{}\".\nStatus: {}", i.title, i.status.label());
            if lane.blocked {
                description.push_str(" (blocked)");
            }
            if lane.late {
                description.push_str(" (late)");
            }
            for line in owners {
                description.push('\n');
                description.push_str(&line);
            }
            events.push(Event { id: i.id, day: target, summary: format!("Go-live: {}", i.title), description });
        }
        for rt in &lane.tasks {
            let t = &rt.task;
            let Some(due) = t.due.filter(|_| t.kind == TaskKind::Milestone) else { continue };
            let mut description = format!("Milestone of \"{}\" ({}).\nStatus: {}", i.title, rt.department.name, t.status.label());
            if rt.blocked {
                description.push_str(" (blocked)");
            }
            if let Some(p) = &rt.assignee {
                description.push_str(&format!("\nAssignee: {}", p.name));
            }
            events.push(Event { id: t.id, day: due, summary: t.title.clone(), description });
        }
    }
    // By day, then id: a stable order however the lanes were sorted.
    events.sort_by_key(|e| (e.day, e.id));

    let stamp = roadmap.today.format("%Y%m%dT000000Z");
    let mut out = String::new();
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Bridgeboard//Roadmap export//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"] {
        fold(line, &mut out);
    }
    fold(&format!("X-WR-CALNAME:{}", escape(&roadmap.board.name)), &mut out);
    for e in events {
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}@bridgeboard", e.id), &mut out);
        fold(&format!("DTSTAMP:{stamp}"), &mut out);
        fold(&format!("DTSTART;VALUE=DATE:{}", e.day.format("%Y%m%d")), &mut out);
        fold(&format!("DTEND;VALUE=DATE:{}", (e.day + Duration::days(1)).format("%Y%m%d")), &mut out);
        fold(&format!("SUMMARY:{}", escape(&e.summary)), &mut out);
        fold(&format!("DESCRIPTION:{}", escape(&e.description)), &mut out);
        // All-day markers that should not block anyone's free/busy time.
        fold("TRANSP:TRANSPARENT", &mut out);
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

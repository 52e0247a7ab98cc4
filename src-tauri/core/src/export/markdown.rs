//! The Markdown export, for an email, a wiki page or a Teams post: the title and "as of" date,
//! then the roadmap by quarter of each initiative's target (go-live) date, undated ones last
//! under "Not yet scheduled". Each initiative shows its owners, status, priority, target, a
//! late marker, what blocks it (and what the blockers wait on), then its tasks by department.
//!
//! Every piece of user text goes through [`escape`]: HTML-escaped and with Markdown's special
//! characters backslash-escaped, on one line, so that a title cannot open a link, an image, a
//! heading, a list, a table cell or raw HTML.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use chrono::Datelike;

use crate::domain::model::{Id, TaskKind};
use crate::export::roadmap::{Lane, Roadmap};
use crate::export::text::{day, kpi_line};

/// User text made inert in Markdown, on one line: `& < > " '` become HTML entities; the ASCII
/// punctuation that opens inline markup anywhere (emphasis, code, links, images, tables,
/// strikethrough, math, GFM autolinks through `www.`, `://` and `@`) is backslash-escaped; `-`
/// `+` `=` only at the start, where they would open a list or underline a heading; line breaks
/// become spaces and other control characters are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Still at the start: only whitespace so far, which Markdown skips before a list marker.
    let mut start = true;
    for c in text.chars() {
        let first = start;
        start = start && c.is_whitespace();
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' | '\n' | '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_control() => {}
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '!' | '|' | '~' | ':' | '@' | '.' | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if first => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

pub fn render(roadmap: &Roadmap) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} — joint roadmap\n", escape(&roadmap.board.name));
    let _ = writeln!(out, "As of {}: {}{}.\n", roadmap.today, count(roadmap.lanes.len(), "initiative"), filters(roadmap));

    // BTreeMap: quarters in date order, `None` (undated) after every dated quarter.
    let mut quarters: BTreeMap<(bool, i32, u32), Vec<&Lane>> = BTreeMap::new();
    for lane in &roadmap.lanes {
        let key = lane.initiative.target.map_or((true, 0, 0), |t| (false, t.year(), t.month0() / 3 + 1));
        quarters.entry(key).or_default().push(lane);
    }
    let items = items(roadmap);
    for ((undated, year, quarter), lanes) in quarters {
        if undated {
            let _ = writeln!(out, "## Not yet scheduled\n");
        } else {
            let _ = writeln!(out, "## {year} Q{quarter}\n");
        }
        for lane in lanes {
            initiative(&mut out, roadmap, lane, &items);
        }
    }
    if roadmap.lanes.is_empty() {
        let _ = writeln!(out, "Nothing on the roadmap matches these filters.\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn initiative(out: &mut String, roadmap: &Roadmap, lane: &Lane, items: &Items) {
    let i = &lane.initiative;
    let late = if lane.late { " — **LATE**" } else { "" };
    let _ = writeln!(out, "### {}{late}\n", escape(&i.title));
    let person = |p: Option<&crate::Person>| p.map_or("*not set*".to_string(), |p| escape(&p.name));
    let _ = writeln!(
        out,
        "- **Owners:** Marketing: {} · IT: {}{}",
        person(lane.marketing_owner.as_ref()),
        person(lane.it_owner.as_ref()),
        lane.sponsor.as_ref().map_or(String::new(), |s| format!(" · Sponsor: {}", escape(&s.name)))
    );
    let target = i.target.map_or("not set".to_string(), |t| t.to_string());
    let _ = writeln!(out, "- **Status:** {} · **Priority:** {} · **Target:** {target}", i.status.label(), i.priority.label());
    if let Some(accountable) = &lane.accountable {
        let _ = writeln!(out, "- **Accountable:** {}", escape(&accountable.name));
    }
    if !lane.gates.is_empty() {
        let summary = &lane.gate_summary;
        let _ = writeln!(out, "- **Gates ({}/{} passed or waived):**", summary.settled, summary.total);
        for g in &lane.gates {
            let approver = g.approver.as_deref().map_or("no approver yet".to_string(), escape);
            let reason = g.reason.as_deref().map(|r| format!(": {}", escape(r))).unwrap_or_default();
            let _ = writeln!(out, "  - {} — {}{reason} ({approver})", escape(&g.name), g.state.label());
        }
    }
    if !lane.kpis.is_empty() {
        let _ = writeln!(out, "- **KPIs:**");
        for k in &lane.kpis {
            let _ = writeln!(out, "  - {}", escape(&kpi_line(k)));
        }
    }
    if !i.tags.is_empty() {
        let tags: Vec<String> = i.tags.iter().map(|t| escape(t)).collect();
        let _ = writeln!(out, "- **Tags:** {}", tags.join(", "));
    }
    if lane.blocked {
        let _ = writeln!(out, "- **Blocked:** {}", blockers(i.block_reason.as_deref(), &lane.depends_on, items));
    }
    // Departments in the board's order (Marketing, IT, then the others).
    for dept in &roadmap.departments {
        let tasks: Vec<_> = lane.tasks.iter().filter(|t| t.department.id == dept.id).collect();
        if tasks.is_empty() {
            continue;
        }
        let _ = writeln!(out, "- **{}**", escape(&dept.name));
        for rt in tasks {
            let t = &rt.task;
            let kind = if t.kind == TaskKind::Milestone { "◆ " } else { "" };
            let who = rt.assignee.as_ref().map_or(String::new(), |p| format!(" — {}", escape(&p.name)));
            let due = t.due.map_or(String::new(), |d| format!(", due {d}"));
            let _ = write!(out, "  - {kind}{}{who} ({}{due})", escape(&t.title), t.status.label());
            if rt.blocked {
                let _ = write!(out, " — blocked: {}", blockers(t.block_reason.as_deref(), &rt.depends_on, items));
            }
            out.push('\n');
        }
    }
    out.push('\n');
}

/// Every item in the roadmap by id: its title, status label and whether it is still open.
type Items<'a> = HashMap<Id, (&'a str, &'static str, bool)>;

fn items(roadmap: &Roadmap) -> Items<'_> {
    let mut items = HashMap::new();
    for l in &roadmap.lanes {
        let i = &l.initiative;
        items.insert(i.id, (i.title.as_str(), i.status.label(), i.status.is_open()));
        for t in &l.tasks {
            items.insert(t.task.id, (t.task.title.as_str(), t.task.status.label(), t.task.status.is_open()));
        }
    }
    items
}

/// "waits for “X” (In progress); reason: ..." — only the predecessors that are still open.
fn blockers(reason: Option<&str>, depends_on: &[Id], items: &Items) -> String {
    let mut parts = Vec::new();
    let open: Vec<String> = depends_on
        .iter()
        .filter_map(|id| items.get(id).filter(|(_, _, open)| *open))
        .map(|(title, status, _)| format!("“{}” ({status})", escape(title)))
        .collect();
    if !open.is_empty() {
        parts.push(format!("waits for {}", open.join(", ")));
    }
    if let Some(reason) = reason {
        parts.push(format!("reason: {}", escape(reason)));
    }
    if parts.is_empty() {
        // The open predecessor was left out by the filters; it still blocks on the board.
        parts.push("waits for work outside this export".into());
    }
    parts.join("; ")
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// A sentence naming the filters in force, so a reader knows the list is partial.
fn filters(roadmap: &Roadmap) -> String {
    let f = &roadmap.filter;
    let mut parts = Vec::new();
    if f.from.is_some() || f.to.is_some() {
        let or = |text: String, other: &str| if text.is_empty() { other.to_string() } else { text };
        parts.push(format!("dates {} to {}", or(day(f.from), "the start"), or(day(f.to), "the end")));
    }
    if let Some(id) = f.department_id {
        let dept = roadmap.department(id).map_or("one department".to_string(), |d| escape(&d.name));
        parts.push(format!("department {dept}"));
    }
    if let Some(id) = f.owner_id {
        let person = roadmap
            .lanes
            .iter()
            .flat_map(|l| {
                [&l.marketing_owner, &l.it_owner, &l.sponsor]
                    .into_iter()
                    .flatten()
                    .chain(l.tasks.iter().filter_map(|t| t.assignee.as_ref()))
            })
            .find(|p| p.id == id)
            .map_or("one person".to_string(), |p| escape(&p.name));
        parts.push(format!("owner {person}"));
    }
    if !f.statuses.is_empty() {
        let labels: Vec<&str> = f.statuses.iter().map(|s| s.label()).collect();
        parts.push(format!("status {}", labels.join(" or ")));
    }
    if let Some(tag) = &f.tag {
        parts.push(format!("tag {}", escape(tag)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(", filtered by {}", parts.join(", "))
    }
}

//! Reading a Jira CSV export ("Export CSV (all fields)" or "(current fields)", Cloud and Data
//! Center) into a [`SourcePlan`].
//!
//! What Jira writes, and how it is read:
//! - Column names repeat (`Labels`, `Component/s`, `Sprint`, `Watchers`, `Comment` once per
//!   value), so columns are read by position, every column of a name together.
//! - Each issue has an `Issue key` (PSS-12: what people say, and what links name) and an `Issue
//!   id` (10012: stable when the issue moves project, so it is the key kept).
//! - An issue hangs under another through `Parent id` (the parent's issue id; newer exports call
//!   the column `Parent`), or, in older company-managed projects, `Custom field (Epic Link)`
//!   holding the epic's issue key. Epics, and issues with no parent, become initiatives.
//! - `Inward issue link (Blocks)` on A naming B means B blocks A (A waits for B); `Outward issue
//!   link (Blocks)` on A naming B means A blocks B. Each issue lists its own side of a link, so a
//!   link usually appears twice, once from each end; it is one dependency. `(Relates)` links are
//!   relates-to. Other link types are reported, not read.
//! - Dates are written in the exporting person's profile format, by default `dd/MMM/yy h:mm a`
//!   (`31/Dec/26 12:00 AM`), in their time zone: the calendar date is the date written (see
//!   `jira_dates` for the other formats and languages). An instant with an offset is the
//!   calendar date in `zone`.
//! - Each issue's key is its `Issue id` with the site, from an attachment's address (see
//!   `reimport`).
//! - Comments are `date;author;text` (the author is a display name, a user name or, in Cloud, an
//!   account id); the time is in `zone`.
//! - `Status Category` (To Do, In Progress, Done) says where a workflow's own status names stand;
//!   without it, common names are understood and the rest need a mapping.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::csv::DateOrder;
use super::jira_dates;
use super::plan::{Skipped, SourceComment, SourceItem, SourceLink, SourcePerson, SourcePlan, SourceStatus, Stage};
use super::sheet::{self, Columns, Sheet};
use crate::domain::model::{DependencyKind, Priority};
use crate::{Error, Result};

/// The Jira site an export comes from, as the only place it is written: the address of an
/// attachment (`date;author;name;https://SITE/...`). Empty when no issue has one.
fn site<'a>(attachments: impl Iterator<Item = &'a str>) -> String {
    attachments
        .filter_map(|cell| {
            let (_, address) = cell.split_once("://")?;
            let host = address.split('/').next()?.split(':').next()?;
            (!host.is_empty()).then(|| host.to_ascii_lowercase())
        })
        .next()
        .unwrap_or_default()
}

/// Does this header line look like Jira's? (`Issue key` and `Issue id` together are Jira's alone.)
pub fn looks_like(headers: &[String]) -> bool {
    let has = |name: &str| headers.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
    has("Issue key") && has("Issue id") && has("Summary")
}

/// The columns of an issue's due date and of its start, each under the names Jira uses.
const DATE_COLUMNS: [&[&str]; 2] = [&["Due Date", "Due"], &["Custom field (Start date)", "Custom field (Target start)", "Start date"]];

/// Every heading read by this reader; the others are listed as not read.
const READ: &[&str] = &[
    "summary",
    "issue key",
    "issue id",
    "issue type",
    "parent id",
    "parent",
    "parent summary",
    "custom field (epic link)",
    "status",
    "status category",
    "priority",
    "assignee",
    "assignee email",
    "due date",
    "due",
    "custom field (start date)",
    "custom field (target start)",
    "start date",
    "labels",
    "description",
    "comment",
    "inward issue link (blocks)",
    "outward issue link (blocks)",
    "inward issue link (relates)",
    "outward issue link (relates)",
];

/// Reads a Jira CSV export. `zone` is the time zone the export's times are in (the exporting
/// person's, usually this desktop's).
pub fn read(bytes: &[u8], zone: Tz, order: Option<DateOrder>) -> Result<SourcePlan> {
    let Sheet { headers, rows } = sheet::read(bytes, "Jira export")?;
    if !looks_like(&headers) {
        return Err(Error::Validation("This is not a Jira CSV export: it has no Issue key, Issue id and Summary columns.".into()));
    }
    let cols = Columns::new(&headers);
    let mut plan = SourcePlan { unread: sheet::unread(&headers, READ), ..SourcePlan::default() };
    let other_links: Vec<String> = plan.unread.iter().filter(|h| h.to_lowercase().contains("issue link (")).cloned().collect();

    plan.origin = site(rows.iter().flat_map(|(_, r)| cols.all(r, &["Attachment"])));
    // Day and month in numbers (a profile format such as dd/MM/yy) are read in the order the
    // file's own dates prove, or the one given.
    let dated = rows.iter().flat_map(|(line, r)| {
        let days = cols.all(r, &DATE_COLUMNS.concat());
        let comments = cols.all(r, &["Comment"]).into_iter().filter_map(|c| c.split(';').next());
        days.into_iter().chain(comments).map(move |text| (format!("line {line}"), text))
    });
    let order = jira_dates::order_of(dated, order)?;
    // Keys (PSS-12) to issue ids, for Epic Link and the link columns.
    let id_of: HashMap<String, String> =
        rows.iter().map(|(_, r)| (cols.one(r, &["Issue key"]).to_string(), cols.one(r, &["Issue id"]).to_string())).collect();
    let mut links: Vec<SourceLink> = Vec::new();
    for (line, r) in &rows {
        let key = cols.one(r, &["Issue key"]);
        let id = cols.one(r, &["Issue id"]);
        let label = if key.is_empty() { format!("line {line}") } else { key.to_string() };
        if id.is_empty() {
            plan.skipped.push(Skipped { at: label, reason: "it has no Issue id".into() });
            continue;
        }
        let kind = cols.one(r, &["Issue Type"]);
        let epic_link = cols.one(r, &["Custom field (Epic Link)"]);
        let parent = Some(cols.one(r, &["Parent id", "Parent"]))
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .or_else(|| (!epic_link.is_empty()).then(|| id_of.get(epic_link).cloned().unwrap_or_else(|| epic_link.to_string())));
        let mut item = SourceItem {
            key: id.to_string(),
            label: label.clone(),
            top_level: kind.eq_ignore_ascii_case("epic"),
            parent,
            title: cols.one(r, &["Summary"]).to_string(),
            notes: cols.one(r, &["Description"]).to_string(),
            priority: priority(cols.one(r, &["Priority"])),
            tags: cols.all(r, &["Labels"]).into_iter().map(str::to_string).collect(),
            ..SourceItem::default()
        };
        let status = cols.one(r, &["Status"]);
        if !status.is_empty() {
            item.status = Some(SourceStatus { name: status.to_string(), stage: category(cols.one(r, &["Status Category"])) });
        }
        let assignee = cols.one(r, &["Assignee"]);
        if !assignee.is_empty() {
            let email = cols.one(r, &["Assignee email"]);
            item.assignee = Some(SourcePerson { name: assignee.to_string(), email: (!email.is_empty()).then(|| email.to_string()) });
        }
        for (field, names) in [("due", DATE_COLUMNS[0]), ("start", DATE_COLUMNS[1])] {
            let text = cols.one(r, names);
            if text.is_empty() {
                continue;
            }
            match date(text, zone, order) {
                Some(day) if field == "due" => item.due = Some(day),
                Some(day) => item.start = Some(day),
                None => plan.skipped.push(Skipped {
                    at: label.clone(),
                    reason: format!("its {field} date “{text}” is not a date Bridgeboard can read, so it comes in without one"),
                }),
            }
        }
        for c in cols.all(r, &["Comment"]) {
            match comment(c, zone, order) {
                Some(c) => item.comments.push(c),
                None => plan
                    .skipped
                    .push(Skipped {
                        at: label.clone(), reason: format!("a comment is not written as date;author;text: “{}”", clip(c))
                    }),
            }
        }
        for (column, kind, waits) in [
            ("Inward issue link (Blocks)", DependencyKind::FinishToStart, true),
            ("Outward issue link (Blocks)", DependencyKind::FinishToStart, false),
            ("Inward issue link (Relates)", DependencyKind::RelatesTo, true),
            ("Outward issue link (Relates)", DependencyKind::RelatesTo, false),
        ] {
            for other in cols.all(r, &[column]) {
                let other_id = id_of.get(other).cloned().unwrap_or_else(|| other.to_string());
                let (from, to) = if waits { (other_id, id.to_string()) } else { (id.to_string(), other_id) };
                links.push(SourceLink { from, to, kind, lag_days: 0, label: format!("{label}'s link to {other}") });
            }
        }
        if item.title.is_empty() {
            plan.skipped.push(Skipped { at: label, reason: "it has no Summary".into() });
            continue;
        }
        plan.items.push(item);
    }
    if !other_links.is_empty() {
        plan.notes.push(format!("Links of other kinds are not read: {}.", other_links.join(", ")));
    }
    plan.links = links;
    Ok(plan)
}

fn clip(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

fn category(text: &str) -> Option<Stage> {
    match text.trim().to_lowercase().as_str() {
        "to do" | "new" => Some(Stage::ToDo),
        "in progress" | "indeterminate" => Some(Stage::InProgress),
        "done" | "complete" => Some(Stage::Done),
        _ => None,
    }
}

fn priority(text: &str) -> Option<Priority> {
    Some(match text.trim().to_lowercase().as_str() {
        "highest" | "blocker" | "critical" => Priority::Critical,
        "high" | "major" => Priority::High,
        "medium" => Priority::Medium,
        "low" | "lowest" | "minor" | "trivial" => Priority::Low,
        _ => return None,
    })
}

/// A date or date-time as Jira writes one; a time without an offset is already in the
/// exporter's zone, so its calendar date is the one written.
pub fn date(text: &str, zone: Tz, order: Option<DateOrder>) -> Option<NaiveDate> {
    if let Some(at) = offset_instant(text) {
        return Some(at.with_timezone(&zone).date_naive());
    }
    jira_dates::read(text, order).map(|(day, _)| day)
}

fn offset_instant(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .ok()
        .or_else(|| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z").ok())
        .or_else(|| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%z").ok())
        .map(|t| t.with_timezone(&Utc))
}

/// An instant written in `zone` (or with its own offset).
fn instant(text: &str, zone: Tz, order: Option<DateOrder>) -> Option<DateTime<Utc>> {
    offset_instant(text).or_else(|| {
        let local = jira_dates::local(text, order)?;
        zone.from_local_datetime(&local).earliest().map(|t| t.with_timezone(&Utc))
    })
}

/// `date;author;text`: the text may itself hold semicolons.
fn comment(cell: &str, zone: Tz, order: Option<DateOrder>) -> Option<SourceComment> {
    let mut parts = cell.splitn(3, ';');
    let (when, author, body) = (parts.next()?, parts.next()?, parts.next()?);
    let written_at = instant(when, zone, order)?;
    let body = body.trim();
    (!body.is_empty() && !author.trim().is_empty()).then(|| SourceComment {
        author: SourcePerson { name: author.trim().to_string(), email: None },
        written_at: Some(written_at),
        body: body.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jiras_default_date_format_and_iso_dates_are_read_as_the_calendar_date_written() {
        let zone = chrono_tz::America::Chicago;
        assert_eq!(date("31/Dec/26 12:00 AM", zone, None), NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(date("05/Jan/27 11:30 PM", zone, None), NaiveDate::from_ymd_opt(2027, 1, 5), "late evening stays on its day");
        assert_eq!(date("2027-01-05", zone, None), NaiveDate::from_ymd_opt(2027, 1, 5));
        assert_eq!(date("2027-01-05T23:30:00", zone, None), NaiveDate::from_ymd_opt(2027, 1, 5), "no offset: the date written");
        assert_eq!(
            date("2027-01-06T03:00:00.000+0000", zone, None),
            NaiveDate::from_ymd_opt(2027, 1, 5),
            "an instant becomes Chicago's date"
        );
        assert_eq!(date("31/Xyz/26 12:00 AM", zone, None), None, "a month Bridgeboard cannot read is not guessed");
    }

    #[test]
    fn a_comment_keeps_its_author_its_time_and_the_semicolons_in_its_text() {
        let c = comment("05/Jan/27 9:15 AM;557058:f58131cb;Vendor call moved; see notes", chrono_tz::UTC, None).unwrap();
        assert_eq!(c.author.name, "557058:f58131cb");
        assert_eq!(c.body, "Vendor call moved; see notes");
        assert_eq!(c.written_at, "2027-01-05T09:15:00Z".parse().ok());
    }
}

//! Reading a Microsoft Project plan saved as XML (File → Save As → XML, the MSPDI format) into
//! a [`SourcePlan`].
//!
//! What Project writes, and how it is read:
//! - `Tasks/Task` in outline order, each with `UID` (the key kept), `Name`, `OutlineLevel`,
//!   `Start` and `Finish` (local date-times: the calendar date is the one written), `Milestone`,
//!   `Summary`, `PercentComplete`, `Notes`. The task with `UID` 0 (outline level 0) is the
//!   project itself; blank rows (`IsNull` 1) are not tasks.
//! - Outline level 1 (or the level chosen) gives the initiatives; the tasks below one are its
//!   tasks, deeper levels flattened with their path in the notes. Levels above the chosen one
//!   only group initiatives and are not imported.
//! - `PredecessorLink` on the successor names `PredecessorUID`, a `Type` (0 finish-to-finish,
//!   1 finish-to-start, 2 start-to-finish, 3 start-to-start) and `LinkLag` in tenths of a minute,
//!   shown in `LagFormat` (working minutes, hours, days, weeks, months, or their elapsed forms).
//!   Finish-to-start links become dependencies with the lag in whole days (working time through
//!   the project's `MinutesPerDay`, 480 by default; elapsed time through 1,440 minutes a day),
//!   rounding reported; the other types come in as relates-to, reported.
//! - `Resources/Resource` give people (`Name`, `EmailAddress`; UID 0 is Project's own blank
//!   resource); `Assignments/Assignment` tie them to tasks (`ResourceUID` -65535 means none). The
//!   first resource of a task is its assignee.
//! - 100 % complete is done, anything above 0 % in progress.

use std::collections::HashMap;

use chrono::NaiveDate;
use roxmltree::{Document, Node};

use super::plan::{Skipped, SourceItem, SourceLink, SourcePerson, SourcePlan, SourceStatus, Stage};
use crate::domain::model::DependencyKind;
use crate::{Error, Result};

/// Is this an MSPDI file? (XML whose root is Project's `Project` element.)
pub fn looks_like(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &text[..text.len().min(4096)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') && has(b"<Project") && has(b"schemas.microsoft.com/project")
}

fn child<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name(name))
}

fn value<'a>(node: Node<'a, 'a>, name: &str) -> &'a str {
    child(node, name).and_then(|c| c.text()).unwrap_or("").trim()
}

fn number(node: Node, name: &str) -> Option<i64> {
    value(node, name).parse().ok()
}

/// `2027-01-04T08:00:00` as the calendar date written.
fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

/// Reads an MSPDI file; `level` is the outline level of the initiatives (1 when not given).
pub fn read(bytes: &[u8], level: Option<u32>) -> Result<SourcePlan> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| Error::Validation("The Project file is not UTF-8 XML; save it again from Project (File → Save As → XML).".into()))?;
    let doc = Document::parse(text).map_err(|err| {
        Error::Validation(format!("The Project file cannot be read as XML ({err}); the file may be cut short. Save it again as XML."))
    })?;
    let project = doc.root_element();
    if !project.has_tag_name("Project") {
        return Err(Error::Validation("This is not a Microsoft Project XML file: its root is not a Project element.".into()));
    }
    let level = level.unwrap_or(1).max(1) as i64;
    let minutes_per_day = number(project, "MinutesPerDay").filter(|m| *m > 0).unwrap_or(480);
    // UIDs are a plan's own; its GUID (written since Project 2007) says which plan.
    let mut plan = SourcePlan { origin: value(project, "GUID").to_ascii_lowercase(), ..SourcePlan::default() };

    let people: HashMap<&str, SourcePerson> = child(project, "Resources")
        .into_iter()
        .flat_map(|r| r.children().filter(|c| c.has_tag_name("Resource")))
        .filter(|r| value(*r, "UID") != "0" && !value(*r, "Name").is_empty())
        .map(|r| {
            let email = value(r, "EmailAddress");
            (value(r, "UID"), SourcePerson { name: value(r, "Name").to_string(), email: (!email.is_empty()).then(|| email.to_string()) })
        })
        .collect();
    let mut assigned: HashMap<&str, Vec<SourcePerson>> = HashMap::new();
    for a in child(project, "Assignments").into_iter().flat_map(|a| a.children().filter(|c| c.has_tag_name("Assignment"))) {
        if let Some(person) = people.get(value(a, "ResourceUID")) {
            assigned.entry(value(a, "TaskUID")).or_default().push(person.clone());
        }
    }

    // The outline: the nearest task above at each level is the parent of the next level down.
    let mut above: Vec<(i64, String)> = Vec::new();
    let mut grouping = 0;
    for task in child(project, "Tasks").into_iter().flat_map(|t| t.children().filter(|c| c.has_tag_name("Task"))) {
        let uid = value(task, "UID");
        let outline = number(task, "OutlineLevel").unwrap_or(1);
        if uid.is_empty() || outline == 0 || value(task, "IsNull") == "1" {
            continue;
        }
        let name = value(task, "Name");
        let label = format!("task {} “{name}”", value(task, "ID"));
        while above.last().is_some_and(|(l, _)| *l >= outline) {
            above.pop();
        }
        let parent = above.last().map(|(_, k)| k.clone());
        above.push((outline, uid.to_string()));
        if outline < level {
            grouping += 1;
            continue;
        }
        if name.is_empty() {
            plan.skipped.push(Skipped { at: format!("task {}", value(task, "ID")), reason: "it has no name".into() });
            continue;
        }
        let done = number(task, "PercentComplete").unwrap_or(0);
        let status = match done {
            100.. => SourceStatus { name: "100% complete".into(), stage: Some(Stage::Done) },
            1..=99 => SourceStatus { name: "Under way".into(), stage: Some(Stage::InProgress) },
            _ => SourceStatus { name: "Not started".into(), stage: Some(Stage::ToDo) },
        };
        let mut people = assigned.remove(uid).unwrap_or_default().into_iter();
        plan.items.push(SourceItem {
            key: uid.to_string(),
            label: label.clone(),
            parent: parent.filter(|_| outline > level),
            top_level: outline == level,
            title: name.to_string(),
            notes: value(task, "Notes").to_string(),
            status: Some(status),
            assignee: people.next(),
            members: people.collect(),
            start: day(value(task, "Start")),
            due: day(value(task, "Finish")),
            milestone: value(task, "Milestone") == "1",
            ..SourceItem::default()
        });
        for link in task.children().filter(|c| c.has_tag_name("PredecessorLink")) {
            let from = value(link, "PredecessorUID").to_string();
            let kind = number(link, "Type").unwrap_or(1);
            let (lag_days, rounded) = lag(number(link, "LinkLag").unwrap_or(0), number(link, "LagFormat").unwrap_or(7), minutes_per_day);
            let where_ = format!("{label}'s link to task UID {from}");
            if rounded {
                plan.notes.push(format!("{where_}: its lag is not a whole number of days; it is rounded to {lag_days} days."));
            }
            if kind == 1 {
                plan.links.push(SourceLink { from, to: uid.to_string(), kind: DependencyKind::FinishToStart, lag_days, label: where_ });
            } else {
                let what = match kind {
                    0 => "finish-to-finish",
                    2 => "start-to-finish",
                    _ => "start-to-start",
                };
                plan.notes
                    .push(format!("{where_} is {what}; it comes in as “relates to”, since Bridgeboard schedules finish-to-start only."));
                plan.links.push(SourceLink { from, to: uid.to_string(), kind: DependencyKind::RelatesTo, lag_days: 0, label: where_ });
            }
        }
    }
    if grouping > 0 {
        plan.notes.push(format!("{grouping} summary tasks above outline level {level} only group the initiatives and are not imported."));
    }
    plan.unread = ["Work, costs and baselines", "calendars", "constraints"].into_iter().map(str::to_string).collect();
    Ok(plan)
}

/// A lag in whole calendar days, and whether it had to be rounded. `tenths` is in tenths of a
/// minute, whatever `format` it is shown in; elapsed formats count 24-hour days.
fn lag(tenths: i64, format: i64, minutes_per_day: i64) -> (i32, bool) {
    let minutes = tenths as f64 / 10.0;
    let elapsed = matches!(format, 4 | 6 | 8 | 10 | 12 | 20 | 36 | 38 | 40 | 42 | 44);
    let days = minutes / if elapsed { 1440.0 } else { minutes_per_day as f64 };
    let whole = days.round();
    (whole as i32, (days - whole).abs() > 1e-9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lags_are_tenths_of_a_minute_counted_in_working_or_elapsed_days() {
        assert_eq!(lag(4800, 7, 480), (1, false), "4800 tenths = 480 minutes = one working day");
        assert_eq!(lag(9600, 5, 480), (2, false), "16 hours shown as hours: two working days");
        assert_eq!(lag(14400, 8, 480), (1, false), "an elapsed day is 24 hours");
        assert_eq!(lag(900, 3, 480), (0, true), "90 minutes rounds to no day, and says so");
        assert_eq!(lag(-4800, 7, 480), (-1, false), "a lead is a negative lag");
    }
}

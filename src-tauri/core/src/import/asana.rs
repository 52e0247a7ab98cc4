//! Reading an Asana project's CSV export (project menu → Export/Print → CSV) into a
//! [`SourcePlan`].
//!
//! What Asana writes, and how it is read:
//! - One row per task and subtask: `Task ID`, `Name`, `Section/Column` (top-level tasks only),
//!   `Assignee` and `Assignee Email`, `Start Date` and `Due Date` (ISO dates), `Completed At`
//!   (a date when done), `Tags` (comma-separated), `Notes`, `Projects`, then the project's custom
//!   fields, each a column of its own (a `Priority` and a `Department` field are read).
//! - A subtask names its parent in `Parent task` by the parent's *name*, not its id; a name that
//!   several tasks share is refused for that subtask rather than guessed.
//! - `Blocked By (Dependencies)` on A lists the task ids A waits for; `Blocking (Dependencies)`
//!   the ones waiting for A (comma-separated). Each dependency usually appears on both ends; it is
//!   one dependency.
//! - Top-level tasks become initiatives and their subtasks tasks; or, with
//!   `sections_as_initiatives`, each section becomes an initiative and its top-level tasks (with
//!   their subtasks) its tasks.
//! - Asana knows done and not done: a completed task is done; an open top-level task stands where
//!   its section's name says ("In progress", "Done"), else it is still to do. The section names
//!   are listed as the statuses, so a person can map them.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::plan::{Skipped, SourceItem, SourceLink, SourcePerson, SourcePlan, SourceStatus, Stage};
use super::sheet::{self, Columns, Sheet};
use crate::domain::model::{DependencyKind, Priority};
use crate::{Error, Result};

/// Does this header line look like Asana's? (`Task ID` with `Section/Column` is Asana's alone.)
pub fn looks_like(headers: &[String]) -> bool {
    let has = |name: &str| headers.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
    has("Task ID") && has("Section/Column") && has("Name")
}

const READ: &[&str] = &[
    "task id",
    "name",
    "section/column",
    "assignee",
    "assignee email",
    "start date",
    "due date",
    "completed at",
    "tags",
    "notes",
    "parent task",
    "blocked by (dependencies)",
    "blocking (dependencies)",
    "priority",
    "department",
];

/// Reads an Asana CSV export; with `sections_as_initiatives`, sections are the initiatives.
pub fn read(bytes: &[u8], sections_as_initiatives: bool) -> Result<SourcePlan> {
    let Sheet { headers, rows } = sheet::read(bytes, "Asana export")?;
    if !looks_like(&headers) {
        return Err(Error::Validation("This is not an Asana CSV export: it has no Task ID, Name and Section/Column columns.".into()));
    }
    let cols = Columns::new(&headers);
    let mut plan = SourcePlan { unread: sheet::unread(&headers, READ), ..SourcePlan::default() };
    let mut by_name: HashMap<&str, Vec<&str>> = HashMap::new();
    for (_, r) in &rows {
        by_name.entry(cols.one(r, &["Name"])).or_default().push(cols.one(r, &["Task ID"]));
    }
    let mut sections: Vec<String> = Vec::new();
    // A section is its project's: two projects' "Backlog" sections are two initiatives.
    let project = rows.iter().map(|(_, r)| cols.one(r, &["Projects"])).find(|p| !p.is_empty()).unwrap_or_default();
    let project = project.split(',').next().unwrap_or_default().trim().to_string();
    let section_key = |section: &str| format!("section:{project}/{section}");
    for (line, r) in &rows {
        let id = cols.one(r, &["Task ID"]);
        let name = cols.one(r, &["Name"]);
        let label = if name.is_empty() { format!("line {line}") } else { format!("“{name}”") };
        if id.is_empty() {
            plan.skipped.push(Skipped { at: label, reason: "it has no Task ID".into() });
            continue;
        }
        if name.is_empty() {
            plan.skipped.push(Skipped { at: label, reason: "it has no name".into() });
            continue;
        }
        let parent_name = cols.one(r, &["Parent task"]);
        let parent = match by_name.get(parent_name).map(Vec::as_slice) {
            _ if parent_name.is_empty() => None,
            Some([only]) => Some(only.to_string()),
            Some(_) => {
                plan.skipped.push(Skipped {
                    at: label,
                    reason: format!(
                        "its parent task “{parent_name}” names several tasks; give them different names in Asana and export again"
                    ),
                });
                continue;
            }
            None => Some(format!("name:{parent_name}")),
        };
        let section = cols.one(r, &["Section/Column"]);
        let done = !cols.one(r, &["Completed At"]).is_empty();
        let status = match (done, section) {
            (true, _) => SourceStatus { name: "Completed".into(), stage: Some(Stage::Done) },
            (false, "") => SourceStatus { name: "Not completed".into(), stage: Some(Stage::ToDo) },
            (false, s) => SourceStatus { name: s.to_string(), stage: Some(Stage::of_name(s).unwrap_or(Stage::ToDo)) },
        };
        let mut item = SourceItem {
            key: id.to_string(),
            label: label.clone(),
            top_level: parent.is_none() && !sections_as_initiatives,
            parent: parent.or_else(|| (sections_as_initiatives && !section.is_empty()).then(|| section_key(section))),
            title: name.to_string(),
            notes: cols.one(r, &["Notes"]).to_string(),
            status: Some(status),
            priority: priority(cols.one(r, &["Priority"])),
            department: Some(cols.one(r, &["Department"])).filter(|d| !d.is_empty()).map(str::to_string),
            tags: cols.one(r, &["Tags"]).split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect(),
            ..SourceItem::default()
        };
        let assignee = cols.one(r, &["Assignee"]);
        let email = cols.one(r, &["Assignee Email"]);
        if !assignee.is_empty() || !email.is_empty() {
            let name = if assignee.is_empty() { email } else { assignee };
            item.assignee = Some(SourcePerson { name: name.to_string(), email: (!email.is_empty()).then(|| email.to_string()) });
        }
        for (field, column) in [("start", "Start Date"), ("due", "Due Date")] {
            let text = cols.one(r, &[column]);
            match (text, NaiveDate::parse_from_str(text, "%Y-%m-%d")) {
                ("", _) => {}
                (_, Ok(day)) if field == "start" => item.start = Some(day),
                (_, Ok(day)) => item.due = Some(day),
                (_, Err(_)) => plan.skipped.push(Skipped {
                    at: label.clone(),
                    reason: format!("its {column} “{text}” is not a date (YYYY-MM-DD), so it comes in without one"),
                }),
            }
        }
        for (column, waits) in [("Blocked By (Dependencies)", true), ("Blocking (Dependencies)", false)] {
            for other in cols.one(r, &[column]).split(',').map(str::trim).filter(|o| !o.is_empty()) {
                // Task ids, as Asana writes them; a task's name is understood too when it names one task.
                let other_id = match by_name.get(other).map(Vec::as_slice) {
                    Some([only]) if !other.bytes().all(|b| b.is_ascii_digit()) => only.to_string(),
                    _ => other.to_string(),
                };
                let (from, to) = if waits { (other_id, id.to_string()) } else { (id.to_string(), other_id) };
                plan.links.push(SourceLink {
                    from,
                    to,
                    kind: DependencyKind::FinishToStart,
                    lag_days: 0,
                    label: format!("{label}'s dependency on {other}"),
                });
            }
        }
        if sections_as_initiatives
            && item.parent.as_deref().is_some_and(|p| p.starts_with("section:"))
            && !sections.iter().any(|s| s == section)
        {
            sections.push(section.to_string());
        }
        plan.items.push(item);
    }
    // Sections as initiatives: one per section, in the order first met; no status of their own.
    for section in sections.into_iter().rev() {
        plan.items.insert(
            0,
            SourceItem {
                key: section_key(&section),
                label: format!("section “{section}”"),
                top_level: true,
                title: section,
                ..SourceItem::default()
            },
        );
    }
    Ok(plan)
}

fn priority(text: &str) -> Option<Priority> {
    Some(match text.trim().to_lowercase().as_str() {
        "urgent" | "critical" | "highest" => Priority::Critical,
        "high" => Priority::High,
        "medium" | "normal" => Priority::Medium,
        "low" | "lowest" => Priority::Low,
        _ => return None,
    })
}

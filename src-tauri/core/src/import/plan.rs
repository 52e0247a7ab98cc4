//! What a file from another tool says, in the tool's own terms, before anything is matched to a
//! board: its items with their source keys and their parent, its links between items, the people
//! it names, its status names. Every source reader (Jira, Asana, Trello, MS Project) produces one
//! [`SourcePlan`]; `resolve` then matches it to a board (people, statuses, which items are
//! initiatives) and `write` writes it. A reader never fails on one bad item: it notes a
//! [`Skipped`] with where the item is and reads on; only a file it cannot read at all is refused.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::model::{DependencyKind, Priority};

/// The tools a file can come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Jira,
    Asana,
    Trello,
    MsProject,
    Xlsx,
    Csv,
    Bridgeboard,
}

impl Source {
    pub const ALL: &'static [Source] =
        &[Source::Jira, Source::Asana, Source::Trello, Source::MsProject, Source::Xlsx, Source::Csv, Source::Bridgeboard];

    /// The spelling of `import --source`.
    pub fn wire(self) -> &'static str {
        match self {
            Source::Jira => "jira",
            Source::Asana => "asana",
            Source::Trello => "trello",
            Source::MsProject => "msproject",
            Source::Xlsx => "xlsx",
            Source::Csv => "csv",
            Source::Bridgeboard => "bridgeboard",
        }
    }

    pub fn from_wire(text: &str) -> Option<Source> {
        Source::ALL.iter().copied().find(|s| s.wire() == text.trim().to_ascii_lowercase())
    }

    pub fn label(self) -> &'static str {
        match self {
            Source::Jira => "Jira",
            Source::Asana => "Asana",
            Source::Trello => "Trello",
            Source::MsProject => "Microsoft Project",
            Source::Xlsx => "Excel",
            Source::Csv => "CSV",
            Source::Bridgeboard => "Bridgeboard",
        }
    }
}

/// Someone a file names: by display name, user name or account id, with an email when the
/// file has one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct SourcePerson {
    pub name: String,
    pub email: Option<String>,
}

/// Where a status stands, as the tool groups its status names (Jira's status categories, a
/// Trello list, Asana's completed flag).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    ToDo,
    InProgress,
    Done,
    Cancelled,
}

impl Stage {
    /// How a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            Stage::ToDo => "to do",
            Stage::InProgress => "in progress",
            Stage::Done => "done",
            Stage::Cancelled => "cancelled",
        }
    }

    /// The stage a common status name stands for, in any tool ("Backlog", "Closed", "Won't do").
    pub fn of_name(name: &str) -> Option<Stage> {
        let n = name.trim().to_lowercase();
        Some(match n.as_str() {
            "to do"
            | "todo"
            | "open"
            | "backlog"
            | "new"
            | "selected for development"
            | "not started"
            | "ideas"
            | "planned"
            | "reopened" => Stage::ToDo,
            "in progress" | "doing" | "in review" | "review" | "in development" | "started" => Stage::InProgress,
            "done" | "closed" | "resolved" | "complete" | "completed" | "finished" | "live" => Stage::Done,
            "cancelled" | "canceled" | "won't do" | "wont do" | "declined" | "rejected" | "abandoned" => Stage::Cancelled,
            _ => return None,
        })
    }
}

/// An item's status as the file writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SourceStatus {
    pub name: String,
    /// The tool's own grouping, when the file has one.
    pub stage: Option<Stage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceComment {
    pub author: SourcePerson,
    pub written_at: Option<DateTime<Utc>>,
    pub body: String,
}

/// One issue, task, card, checklist item or plan line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceItem {
    /// The tool's own id for it (a Jira issue id, an Asana task id, a Trello card id, an MS
    /// Project UID): what a later import of the same project recognises it by.
    pub key: String,
    /// Where it is, for messages: "PSS-12", "line 7", "card “Launch”", "task 14".
    pub label: String,
    /// The key of the item it hangs under, if any.
    pub parent: Option<String>,
    /// The tool says it must be an initiative (a Jira epic, a Trello card), or a task under one.
    pub top_level: bool,
    pub title: String,
    pub notes: String,
    pub status: Option<SourceStatus>,
    pub priority: Option<Priority>,
    pub assignee: Option<SourcePerson>,
    /// Others on it (a Trello card's other members): candidates for its owners.
    pub members: Vec<SourcePerson>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub milestone: bool,
    /// The department the file gives it by name (an Asana "Department" field).
    pub department: Option<String>,
    pub tags: Vec<String>,
    pub comments: Vec<SourceComment>,
}

/// A dependency between two items, by their keys: `to` waits for `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    pub from: String,
    pub to: String,
    pub kind: DependencyKind,
    pub lag_days: i32,
    /// Where the link is written, for messages.
    pub label: String,
}

/// Something in the file that is not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Skipped {
    /// Where it is: "PSS-12", "line 7", "card “Launch”".
    pub at: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourcePlan {
    /// What the items' keys belong to, so that a newer export of the same project finds them
    /// again (see `reimport`): a Jira site, a Project plan's GUID; empty when the keys are
    /// unique on their own (Asana, Trello) or the file does not say.
    pub origin: String,
    pub items: Vec<SourceItem>,
    pub links: Vec<SourceLink>,
    /// The file's columns or fields that are not read, by name.
    pub unread: Vec<String>,
    pub skipped: Vec<Skipped>,
    /// What was read in a way worth saying ("a lag of 90 minutes was rounded to 0 days").
    pub notes: Vec<String>,
}

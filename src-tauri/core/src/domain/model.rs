//! The board's nouns: departments, people, initiatives, tasks, dependencies, comments and
//! activity, with the wire spellings of their enums (`in_progress`, `finish_to_start`, ...).
//!
//! These structs are the single source of the UI's types: `cargo test` regenerates nothing, but
//! the bindings test fails when `ui/src/lib/bindings/` drifts from them.

use super::wire_time;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

pub type Id = Uuid;

/// Marketing and IT exist on every board, with the same ids everywhere, so that copies of a
/// board made on different desktops agree on them.
pub const MARKETING: Id = Uuid::from_u128(0x0000_0000_0000_7000_8000_0000_0000_0001);
pub const IT: Id = Uuid::from_u128(0x0000_0000_0000_7000_8000_0000_0000_0002);

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:literal / $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in files, the database and the CLI.
            pub fn wire(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// The word a person reads in the app and in messages.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_wire(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.wire() == text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

wire_enum!(InitiativeStatus {
    Proposed = "proposed" / "Proposed",
    Planned = "planned" / "Planned",
    InProgress = "in_progress" / "In progress",
    Live = "live" / "Live",
    Cancelled = "cancelled" / "Cancelled",
});

wire_enum!(TaskStatus {
    Todo = "todo" / "To do",
    InProgress = "in_progress" / "In progress",
    Done = "done" / "Done",
    Cancelled = "cancelled" / "Cancelled",
});

wire_enum!(Priority {
    Low = "low" / "Low",
    Medium = "medium" / "Medium",
    High = "high" / "High",
    Critical = "critical" / "Critical",
});

wire_enum!(DependencyKind {
    FinishToStart = "finish_to_start" / "Depends on",
    RelatesTo = "relates_to" / "Relates to",
});

wire_enum!(TaskKind {
    Task = "task" / "Task",
    Milestone = "milestone" / "Milestone",
});

wire_enum!(
    /// What a dependency end or an activity entry points at.
    ItemKind {
        Initiative = "initiative" / "Initiative",
        Task = "task" / "Task",
        Person = "person" / "Person",
        Department = "department" / "Department",
        Dependency = "dependency" / "Dependency",
        Comment = "comment" / "Comment",
        Board = "board" / "Board",
        Gate = "gate" / "Gate",
        GateType = "gate_type" / "Gate type",
        Kpi = "kpi" / "KPI",
        Template = "template" / "Template",
        Baseline = "baseline" / "Baseline",
    }
);

impl InitiativeStatus {
    /// Open work still blocks its successors; Live and Cancelled do not.
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Live | Self::Cancelled)
    }
}

impl TaskStatus {
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Done | Self::Cancelled)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Department {
    pub id: Id,
    pub name: String,
    /// A CSS colour such as `#7c3aed`, chosen to stay distinct from the others.
    pub color: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Person {
    pub id: Id,
    pub name: String,
    pub email: String,
    pub title: String,
    pub department_id: Id,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Initiative {
    pub id: Id,
    pub title: String,
    pub summary: String,
    pub status: InitiativeStatus,
    pub priority: Priority,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub start: Option<NaiveDate>,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub target: Option<NaiveDate>,
    pub marketing_owner_id: Option<Id>,
    pub it_owner_id: Option<Id>,
    pub sponsor_id: Option<Id>,
    pub tags: Vec<String>,
    pub block_reason: Option<String>,
    #[serde(serialize_with = "wire_time::instant")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "wire_time::instant")]
    pub updated_at: DateTime<Utc>,
    /// The one person who answers for it (RACI); required once it has left Proposed.
    #[serde(default)]
    pub accountable_id: Option<Id>,
    /// The day it first went Live.
    #[serde(default, serialize_with = "wire_time::opt_day")]
    pub went_live_on: Option<NaiveDate>,
    /// The post-go-live review of its results; 90 days after going Live when not set.
    #[serde(default, serialize_with = "wire_time::opt_day")]
    pub review_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Task {
    pub id: Id,
    pub initiative_id: Id,
    pub title: String,
    pub notes: String,
    pub department_id: Id,
    pub assignee_id: Option<Id>,
    pub status: TaskStatus,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub start: Option<NaiveDate>,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub due: Option<NaiveDate>,
    pub kind: TaskKind,
    /// Sort key within the initiative; fractional so that a move rewrites one row.
    pub position: f64,
    pub block_reason: Option<String>,
    #[serde(serialize_with = "wire_time::instant")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "wire_time::instant")]
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub accountable_id: Option<Id>,
    /// This milestone is its initiative's go-live: marking it done waits for the gates.
    #[serde(default)]
    pub go_live: bool,
    /// How often recurring work happens ("weekly", "3× a week"): shown, not scheduled.
    #[serde(default)]
    pub cadence: Option<String>,
}

/// `from` must finish before `to` starts (finish-to-start, plus `lag_days`), or the two are
/// merely related.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dependency {
    pub id: Id,
    pub from_id: Id,
    pub from_kind: ItemKind,
    pub to_id: Id,
    pub to_kind: ItemKind,
    pub kind: DependencyKind,
    pub lag_days: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Comment {
    pub id: Id,
    pub item_id: Id,
    pub author_id: Option<Id>,
    pub author_name: String,
    pub body: String,
    #[serde(serialize_with = "wire_time::instant")]
    pub created_at: DateTime<Utc>,
}

/// One line of the append-only log: who changed what, when, from what to what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Activity {
    pub id: Id,
    #[serde(serialize_with = "wire_time::instant")]
    pub at: DateTime<Utc>,
    pub actor_id: Option<Id>,
    pub actor_name: String,
    pub item_kind: ItemKind,
    pub item_id: Id,
    /// The initiative the change belongs to, so its panel can show its whole history.
    pub initiative_id: Option<Id>,
    /// `create`, `set`, `delete`, `restore`, `add_dependency`, `remove_dependency`, `comment`.
    pub action: String,
    pub field: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
    /// A sentence for people: "Dana Whitfield set Status of “Portal campaign”: Planned → In progress".
    pub summary: String,
    /// On a shared board, the desktop the change was made on ("IT-PM-LAPTOP-7").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub device: Option<String>,
}

/// Who is making a change: a person on the board, or someone not yet known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Actor {
    pub id: Option<Id>,
    pub name: String,
}

impl Actor {
    pub fn unknown() -> Self {
        Actor { id: None, name: "Someone (not yet chosen in Settings)".into() }
    }
}

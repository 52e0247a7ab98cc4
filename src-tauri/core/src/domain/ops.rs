//! The write funnel's vocabulary. Every change to a board is one of these operations; the store
//! validates it, applies it in one transaction and logs it. Sharing a board between desktops will
//! feed the same operations into the merge engine, so nothing may write around them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::governance::{GateState, RaciRole};
use super::model::{DependencyKind, Id, InitiativeStatus, Priority, TaskKind, TaskStatus};
use super::results::Direction;
use super::templates::TemplatePlan;
use super::wire_time;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    CreateDepartment(NewDepartment),
    CreatePerson(NewPerson),
    UpdatePerson {
        id: Id,
        changes: Vec<PersonChange>,
    },
    CreateInitiative(NewInitiative),
    UpdateInitiative {
        id: Id,
        changes: Vec<InitiativeChange>,
    },
    /// Move an initiative's plan by `days` calendar days (negative: earlier): its start and
    /// target, and the start and due dates of its open tasks. Done and cancelled tasks keep
    /// their dates, since those record what happened.
    MoveInitiative {
        id: Id,
        days: i32,
    },
    CreateTask(NewTask),
    UpdateTask {
        id: Id,
        changes: Vec<TaskChange>,
    },
    /// Soft-delete an initiative (with its tasks), a task, or a person. A person who still owns
    /// or is assigned work is refused unless `reassign_to` names who takes it over.
    Delete {
        id: Id,
        reassign_to: Option<Id>,
    },
    Restore {
        id: Id,
    },
    AddDependency(NewDependency),
    RemoveDependency {
        id: Id,
    },
    AddComment {
        item_id: Id,
        body: String,
    },
    /// A comment brought over from another tool, with its own author and time: the author need
    /// not be on the board (a Jira account id stays as it is written).
    ImportComment {
        item_id: Id,
        body: String,
        author_id: Option<Id>,
        author_name: String,
        written_at: DateTime<Utc>,
    },
    /// Rename the board, or mark it as the sample board (demo data).
    /// Where an imported item came from: its key in the other tool and, as JSON, the value of
    /// each field as the import wrote it, so that importing a newer export updates the item
    /// instead of adding it again (see `import::reimport`). Not logged on its own: the import's
    /// entries say what it did.
    SetImportSource {
        id: Id,
        key: String,
        values: String,
    },
    SetBoard {
        name: String,
        sample: bool,
    },
    /// Give `person` a RACI role on an initiative or a task. An Accountable replaces the one
    /// there was (the item has exactly one).
    SetRole {
        item_id: Id,
        person_id: Id,
        role: RaciRole,
    },
    RemoveRole {
        item_id: Id,
        person_id: Id,
        role: RaciRole,
    },
    AddGate(NewGate),
    UpdateGate {
        id: Id,
        changes: Vec<GateChange>,
    },
    RemoveGate {
        id: Id,
    },
    CreateGateType(NewGateType),
    UpdateGateType {
        id: Id,
        changes: Vec<GateTypeChange>,
    },
    RemoveGateType {
        id: Id,
    },
    AddKpi(NewKpi),
    UpdateKpi {
        id: Id,
        changes: Vec<KpiChange>,
    },
    RemoveKpi {
        id: Id,
    },
    AddReading(NewReading),
    RemoveReading {
        id: Id,
    },
    /// A new initiative from a template, in one write: its tasks dated from `start`, their
    /// dependencies, the go-live milestone, the gates and the suggested KPIs.
    CreateFromTemplate {
        template: TemplateRef,
        title: String,
        start: NaiveDate,
    },
    /// Save an initiative's plan as a template of the board, under `name`.
    SaveTemplate {
        initiative_id: Id,
        name: String,
        #[serde(default)]
        description: String,
    },
    /// A template from a file (or another board), as a template of this board.
    AddTemplate {
        name: String,
        #[serde(default)]
        description: String,
        plan: TemplatePlan,
    },
    RemoveTemplate {
        id: Id,
    },
    /// Save the board's schedule as it stands now under a name, to compare with later.
    SaveBaseline {
        name: String,
    },
}

/// Which template: a built-in one by its name, or one of the board's by its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum TemplateRef {
    Builtin(String),
    Board(Id),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewKpi {
    pub initiative_id: Id,
    pub name: String,
    #[serde(default)]
    pub unit: String,
    pub direction: Direction,
    pub baseline: f64,
    #[serde(serialize_with = "wire_time::day")]
    pub baseline_on: NaiveDate,
    pub target: f64,
    #[serde(serialize_with = "wire_time::day")]
    pub target_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum KpiChange {
    Name(String),
    Unit(String),
    Direction(Direction),
    Baseline(f64),
    BaselineOn(NaiveDate),
    Target(f64),
    TargetOn(NaiveDate),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewReading {
    pub kpi_id: Id,
    pub value: f64,
    #[serde(serialize_with = "wire_time::day")]
    pub taken_on: NaiveDate,
    #[serde(default)]
    pub note: String,
}

/// A gate of one type on an initiative; adding one that was removed brings it back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewGate {
    pub initiative_id: Id,
    pub gate_type_id: Id,
    #[serde(default)]
    pub approver_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum GateChange {
    /// A new state, with the reason failing and waiving need.
    State {
        state: GateState,
        reason: Option<String>,
    },
    Approver(Option<Id>),
    Evidence(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewGateType {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub usual_approver: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum GateTypeChange {
    Key(String),
    Name(String),
    Description(String),
    UsualApprover(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewDepartment {
    pub name: String,
    #[serde(default)]
    pub color: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewPerson {
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub title: String,
    pub department_id: Id,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewInitiative {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default = "proposed")]
    pub status: InitiativeStatus,
    #[serde(default = "medium")]
    pub priority: Priority,
    #[serde(default, serialize_with = "wire_time::opt_day")]
    pub start: Option<NaiveDate>,
    #[serde(default, serialize_with = "wire_time::opt_day")]
    pub target: Option<NaiveDate>,
    #[serde(default)]
    pub marketing_owner_id: Option<Id>,
    #[serde(default)]
    pub it_owner_id: Option<Id>,
    #[serde(default)]
    pub sponsor_id: Option<Id>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub block_reason: Option<String>,
    #[serde(default)]
    pub accountable_id: Option<Id>,
}

impl NewInitiative {
    pub fn titled(title: impl Into<String>) -> Self {
        NewInitiative {
            title: title.into(),
            summary: String::new(),
            status: InitiativeStatus::Proposed,
            priority: Priority::Medium,
            start: None,
            target: None,
            marketing_owner_id: None,
            it_owner_id: None,
            sponsor_id: None,
            tags: Vec::new(),
            block_reason: None,
            accountable_id: None,
        }
    }
}

fn proposed() -> InitiativeStatus {
    InitiativeStatus::Proposed
}

fn medium() -> Priority {
    Priority::Medium
}

fn todo() -> TaskStatus {
    TaskStatus::Todo
}

fn task_kind() -> TaskKind {
    TaskKind::Task
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewTask {
    pub initiative_id: Id,
    pub title: String,
    #[serde(default)]
    pub notes: String,
    pub department_id: Id,
    #[serde(default)]
    pub assignee_id: Option<Id>,
    #[serde(default = "todo")]
    pub status: TaskStatus,
    #[serde(default, serialize_with = "wire_time::opt_day")]
    pub start: Option<NaiveDate>,
    #[serde(default, serialize_with = "wire_time::opt_day")]
    pub due: Option<NaiveDate>,
    #[serde(default = "task_kind")]
    pub kind: TaskKind,
    #[serde(default)]
    pub block_reason: Option<String>,
    #[serde(default)]
    pub go_live: bool,
    #[serde(default)]
    pub cadence: Option<String>,
}

impl NewTask {
    pub fn titled(initiative_id: Id, department_id: Id, title: impl Into<String>) -> Self {
        NewTask {
            initiative_id,
            title: title.into(),
            notes: String::new(),
            department_id,
            assignee_id: None,
            status: TaskStatus::Todo,
            start: None,
            due: None,
            kind: TaskKind::Task,
            block_reason: None,
            go_live: false,
            cadence: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewDependency {
    /// The predecessor: what must finish first.
    pub from_id: Id,
    /// The successor: what waits.
    pub to_id: Id,
    pub kind: DependencyKind,
    #[serde(default)]
    pub lag_days: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum InitiativeChange {
    Title(String),
    Summary(String),
    Status(InitiativeStatus),
    Priority(Priority),
    Start(Option<NaiveDate>),
    Target(Option<NaiveDate>),
    MarketingOwner(Option<Id>),
    ItOwner(Option<Id>),
    Sponsor(Option<Id>),
    Tags(Vec<String>),
    BlockReason(Option<String>),
    Accountable(Option<Id>),
    /// The post-go-live review of the results; `None`: 90 days after going Live.
    ReviewOn(Option<NaiveDate>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum TaskChange {
    Title(String),
    Notes(String),
    Department(Id),
    Assignee(Option<Id>),
    Status(TaskStatus),
    Start(Option<NaiveDate>),
    Due(Option<NaiveDate>),
    Kind(TaskKind),
    Position(f64),
    BlockReason(Option<String>),
    Accountable(Option<Id>),
    GoLive(bool),
    Cadence(Option<String>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum PersonChange {
    Name(String),
    Email(String),
    Title(String),
    Department(Id),
}

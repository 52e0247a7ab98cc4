//! What the app displays, computed by the core so that every host shows the same thing: the
//! board's cards, one initiative's detail panel, and the references between items.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::governance::{GateSummary, GateType, GateView, Raci};
use super::model::{Activity, Comment, Department, DependencyKind, Id, Initiative, InitiativeStatus, ItemKind, Person, Priority, Task};
use super::results::KpiView;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct BoardInfo {
    pub id: Id,
    pub name: String,
    /// The sample hospital board: demo data, never real work.
    pub sample: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonRef {
    pub id: Id,
    pub name: String,
    pub department_id: Id,
}

/// A deleted initiative, as the app offers it back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeletedInitiative {
    pub id: Id,
    pub title: String,
    pub deleted_at: DateTime<Utc>,
    /// The tasks deleted with it, which come back with it.
    pub tasks: u32,
}

/// A task or initiative as seen from elsewhere (a dependency end, a blocker).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ItemRef {
    pub id: Id,
    pub kind: ItemKind,
    pub title: String,
    /// For a task, the initiative it belongs to; for an initiative, itself.
    pub initiative_id: Id,
    pub initiative_title: String,
    /// The status as a person reads it ("In progress").
    pub status: String,
    pub open: bool,
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DepartmentProgress {
    pub department_id: Id,
    pub name: String,
    pub done: u32,
    /// Cancelled tasks are left out of both numbers.
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InitiativeCard {
    pub id: Id,
    pub title: String,
    pub status: InitiativeStatus,
    pub priority: Priority,
    pub start: Option<NaiveDate>,
    pub target: Option<NaiveDate>,
    pub marketing_owner: Option<PersonRef>,
    pub it_owner: Option<PersonRef>,
    pub sponsor: Option<PersonRef>,
    pub tags: Vec<String>,
    pub block_reason: Option<String>,
    pub accountable: Option<PersonRef>,
    pub gates: GateSummary,
    /// Live, past its post-go-live review, and no KPI reading taken since.
    pub results_due: bool,
    /// Waiting on an open finish-to-start predecessor, a block reason is set, or a gate failed.
    pub blocked: bool,
    pub blocked_by: Vec<ItemRef>,
    /// The target date has passed and the initiative is not Live (or Cancelled).
    pub overdue: bool,
    pub progress: Vec<DepartmentProgress>,
    /// Lower-case text the free-text filter searches: title, summary, tags and task titles.
    pub search_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BoardView {
    pub info: BoardInfo,
    pub today: NaiveDate,
    pub departments: Vec<Department>,
    pub people: Vec<Person>,
    pub initiatives: Vec<InitiativeCard>,
    /// The board's gate catalogue, built-in types first.
    pub gate_types: Vec<GateType>,
}

/// One end of a dependency, seen from the other end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DependencyLink {
    pub id: Id,
    pub kind: DependencyKind,
    pub lag_days: i32,
    pub item: ItemRef,
    /// The successor starts before the predecessor's finish plus lag.
    pub conflict: Option<ScheduleConflict>,
    /// On a shared board, a dependency added on another desktop at the same time as others that
    /// together close a loop: the loop it would close, by title. It does not block until one
    /// dependency of the loop is removed. `None` for a dependency that counts.
    pub suspended_loop: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScheduleConflict {
    pub dependency_id: Id,
    pub predecessor_id: Id,
    pub successor_id: Id,
    /// The successor's start date.
    pub start: NaiveDate,
    /// The earliest start the dependency allows: predecessor finish + lag.
    pub earliest_start: NaiveDate,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TaskRow {
    pub task: Task,
    pub assignee: Option<PersonRef>,
    pub raci: Raci,
    pub blocked: bool,
    pub blocked_by: Vec<ItemRef>,
    pub upstream: Vec<DependencyLink>,
    pub downstream: Vec<DependencyLink>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InitiativeDetail {
    pub initiative: Initiative,
    pub card: InitiativeCard,
    /// In board order: by department, then position.
    pub tasks: Vec<TaskRow>,
    /// What this initiative waits for.
    pub upstream: Vec<DependencyLink>,
    /// What waits for this initiative.
    pub downstream: Vec<DependencyLink>,
    pub activity: Vec<Activity>,
    pub comments: Vec<Comment>,
    pub raci: Raci,
    /// In the catalogue's order.
    pub gates: Vec<GateView>,
    /// In the order they were added.
    pub kpis: Vec<KpiView>,
    /// The post-go-live review: the date set, or 90 days after it went Live.
    pub review_on: Option<NaiveDate>,
}

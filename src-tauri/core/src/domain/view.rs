//! What the app displays, computed by the core so that every host shows the same thing: the
//! board's cards, one initiative's detail panel, and the references between items.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::governance::{Gate, GateState, GateType, RaciRole, RoleAssignment};
use super::model::{Activity, Comment, Department, DependencyKind, Id, Initiative, InitiativeStatus, ItemKind, Person, Priority, Task};
use super::results::KpiView;
use super::wire_time;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct BoardInfo {
    pub id: Id,
    pub name: String,
    /// The sample hospital board: demo data, never real work.
    pub sample: bool,
}

#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize, TS)]
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
    #[serde(serialize_with = "wire_time::instant")]
    pub deleted_at: DateTime<Utc>,
    /// The tasks deleted with it, which come back with it.
    pub tasks: u32,
}

/// A task or initiative as seen from elsewhere (a dependency end, a blocker).
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize, TS)]
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
    #[serde(serialize_with = "wire_time::opt_day")]
    pub start: Option<NaiveDate>,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub finish: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize, TS)]
pub struct DepartmentProgress {
    pub department_id: Id,
    pub name: String,
    pub done: u32,
    /// Cancelled tasks are left out of both numbers.
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize, TS)]
pub struct InitiativeCard {
    pub id: Id,
    pub title: String,
    pub status: InitiativeStatus,
    pub priority: Priority,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub start: Option<NaiveDate>,
    #[serde(serialize_with = "wire_time::opt_day")]
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
    /// Lower-case text the free-text filter searches: title, summary, tags and the owners' names.
    pub search_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BoardView {
    pub info: BoardInfo,
    #[serde(serialize_with = "wire_time::day")]
    pub today: NaiveDate,
    pub departments: Vec<Department>,
    pub people: Vec<Person>,
    /// In board order: by target date (undated last), then title.
    // Shared: a card that did not change since the last read is the very object of that read.
    pub initiatives: Vec<Arc<InitiativeCard>>,
    /// The board's gate catalogue, built-in types first.
    pub gate_types: Vec<GateType>,
}

/// The order of initiatives on the board: by target date (undated last), then title (byte for
/// byte, as SQLite's default collation compares), then id.
pub fn board_order(target: Option<NaiveDate>, title: &str, id: Id) -> (bool, Option<NaiveDate>, &str, Id) {
    (target.is_none(), target, title, id)
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
    #[serde(serialize_with = "wire_time::day")]
    pub start: NaiveDate,
    /// The earliest start the dependency allows: predecessor finish + lag.
    #[serde(serialize_with = "wire_time::day")]
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
    #[serde(serialize_with = "wire_time::opt_day")]
    pub review_on: Option<NaiveDate>,
}

/// How far an initiative's gates are: "2/4 gates" on its card, red when one failed.
#[derive(Debug, Clone, Default, PartialEq, Hash, Serialize, Deserialize, TS)]
pub struct GateSummary {
    /// Passed or waived.
    pub settled: u32,
    pub total: u32,
    /// Each failed gate with its reason, as the card's Blocked says it: "Privacy … failed: …".
    pub failed: Vec<String>,
}

impl GateSummary {
    pub fn add(&mut self, name: &str, state: GateState, reason: Option<&str>) {
        self.total += 1;
        if state.is_settled() {
            self.settled += 1;
        }
        if state == GateState::Failed {
            self.failed.push(GateSummary::failure(name, reason));
        }
    }

    /// How a failed gate reads on its card: "Privacy … failed: the chat widget …".
    pub fn failure(name: &str, reason: Option<&str>) -> String {
        match reason {
            Some(reason) => format!("{name} failed: {reason}"),
            None => format!("{name} failed"),
        }
    }
}

/// A person in a RACI role, and whether they hold it by default (an owner is Responsible for
/// their initiative, an assignee for their task) rather than by a role someone gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RaciPerson {
    pub person: PersonRef,
    pub by_default: bool,
}

/// Who is Responsible, Accountable, Consulted and Informed for an initiative or a task.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Raci {
    pub accountable: Option<PersonRef>,
    pub responsible: Vec<RaciPerson>,
    pub consulted: Vec<RaciPerson>,
    pub informed: Vec<RaciPerson>,
}

impl Raci {
    /// The one place RACI is put together: the Accountable field, the people Responsible by
    /// default (shown, never stored twice), and the roles given. `find` names a person on the
    /// board; someone no longer on it is left out.
    pub fn of<'a>(
        find: impl Fn(Id) -> Option<PersonRef>,
        accountable: Option<Id>,
        by_default: impl IntoIterator<Item = Option<Id>>,
        given: impl IntoIterator<Item = &'a RoleAssignment>,
    ) -> Raci {
        let mut raci = Raci { accountable: accountable.and_then(&find), ..Raci::default() };
        for id in by_default.into_iter().flatten() {
            if let Some(person) = find(id).filter(|p| !raci.responsible.iter().any(|r| r.person.id == p.id)) {
                raci.responsible.push(RaciPerson { person, by_default: true });
            }
        }
        for role in given {
            let list = match role.role {
                RaciRole::Responsible => &mut raci.responsible,
                RaciRole::Consulted => &mut raci.consulted,
                RaciRole::Informed => &mut raci.informed,
                RaciRole::Accountable => continue,
            };
            match list.iter_mut().find(|r| r.person.id == role.person_id) {
                Some(held) => held.by_default = false,
                None => list.extend(find(role.person_id).map(|person| RaciPerson { person, by_default: false })),
            }
        }
        raci
    }

    /// The roles a person holds here, as letters for the matrix: "A", "R", "C", "I", "AR".
    pub fn letters(&self, person: Id) -> String {
        let holds = |list: &[RaciPerson]| list.iter().any(|r| r.person.id == person);
        [
            (self.accountable.as_ref().is_some_and(|a| a.id == person), 'A'),
            (holds(&self.responsible), 'R'),
            (holds(&self.consulted), 'C'),
            (holds(&self.informed), 'I'),
        ]
        .into_iter()
        .filter_map(|(held, letter)| held.then_some(letter))
        .collect()
    }
}

/// A gate as the detail panel shows it: with its type and approver.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GateView {
    pub gate: Gate,
    pub gate_type: GateType,
    pub approver: Option<PersonRef>,
    /// The evidence as a link the operating system may open, when it is one.
    pub evidence_link: Option<String>,
}

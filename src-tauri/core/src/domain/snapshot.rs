//! The whole live board in memory: what schedule analysis, the roadmap and the exports read.
//! Deleted rows are left out, and so are dependencies with a deleted end.

use serde::{Deserialize, Serialize};

use super::governance::{Gate, GateType, RoleAssignment};
use super::model::{Department, Dependency, Id, Initiative, Person, Task};
use super::results::KpiView;
use super::view::BoardInfo;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub info: BoardInfo,
    /// Marketing, IT, then the others by name.
    pub departments: Vec<Department>,
    /// By name.
    pub people: Vec<Person>,
    /// By target date (undated last), then title.
    pub initiatives: Vec<Initiative>,
    /// By initiative, then position.
    pub tasks: Vec<Task>,
    /// In creation order.
    pub dependencies: Vec<Dependency>,
    /// The catalogue, built-in types first.
    #[serde(default)]
    pub gate_types: Vec<GateType>,
    /// By initiative, in the catalogue's order.
    #[serde(default)]
    pub gates: Vec<Gate>,
    /// By initiative, then item.
    #[serde(default)]
    pub roles: Vec<RoleAssignment>,
    /// With their readings, oldest first; in the order they were added.
    #[serde(default)]
    pub kpis: Vec<KpiView>,
}

impl Snapshot {
    pub fn initiative(&self, id: Id) -> Option<&Initiative> {
        self.initiatives.iter().find(|i| i.id == id)
    }

    pub fn person(&self, id: Id) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    pub fn department(&self, id: Id) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    pub fn tasks_of(&self, initiative: Id) -> impl Iterator<Item = &Task> {
        self.tasks.iter().filter(move |t| t.initiative_id == initiative)
    }

    pub fn gate_type(&self, id: Id) -> Option<&GateType> {
        self.gate_types.iter().find(|t| t.id == id)
    }
}

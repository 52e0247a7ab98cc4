//! The RACI matrix: the board's people across, its initiatives down, and in each cell the roles
//! a person holds there ("A", "R", "AR", "C", "I"), for a steering committee or a project
//! charter. Built from the same RACI the detail panel shows (`Raci::of`: the Accountable field,
//! owners Responsible by default, the roles given), for every initiative but the cancelled ones.
//! A department filter keeps its people, and the initiatives where one of them holds a role.
//! `export::raci` renders it.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::governance::RoleAssignment;
use super::model::{Id, Initiative, InitiativeStatus, Person};
use super::snapshot::Snapshot;
use super::view::{BoardInfo, PersonRef, Raci};
use super::wire_time;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RaciMatrix {
    pub board: BoardInfo,
    #[serde(serialize_with = "wire_time::day")]
    pub today: NaiveDate,
    /// The department the matrix is filtered to, by name.
    pub department: Option<String>,
    /// The columns: people holding a role on a listed initiative, by department, then name.
    pub people: Vec<PersonRef>,
    pub rows: Vec<RaciRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RaciRow {
    pub initiative_id: Id,
    pub title: String,
    pub status: InitiativeStatus,
    /// One entry per column of [`RaciMatrix::people`]: "A", "R", "AR", "C", "I" or "".
    pub letters: Vec<String>,
}

impl RaciMatrix {
    pub fn build(snapshot: &Snapshot, department: Option<Id>, today: NaiveDate) -> RaciMatrix {
        let people: HashMap<Id, &Person> = snapshot.people.iter().map(|p| (p.id, p)).collect();
        let find = |id: Id| people.get(&id).map(|p| PersonRef { id: p.id, name: p.name.clone(), department_id: p.department_id });
        let mut given: HashMap<Id, Vec<&RoleAssignment>> = HashMap::new();
        for role in snapshot.roles.iter().filter(|r| r.item_id == r.initiative_id) {
            given.entry(role.initiative_id).or_default().push(role);
        }
        let racis: Vec<(&Initiative, Raci)> = snapshot
            .initiatives
            .iter()
            .filter(|i| i.status != InitiativeStatus::Cancelled)
            .map(|i| {
                let roles = given.get(&i.id).into_iter().flatten().copied();
                (i, Raci::of(find, i.accountable_id, [i.marketing_owner_id, i.it_owner_id], roles))
            })
            .collect();
        let in_scope = |p: &PersonRef| department.is_none_or(|d| p.department_id == d);
        let mut columns: Vec<PersonRef> = Vec::new();
        for (_, raci) in &racis {
            let holders =
                raci.accountable.iter().chain(raci.responsible.iter().chain(&raci.consulted).chain(&raci.informed).map(|r| &r.person));
            for person in holders.filter(|p| in_scope(p)) {
                if !columns.iter().any(|c| c.id == person.id) {
                    columns.push(person.clone());
                }
            }
        }
        let rank = |d: Id| snapshot.departments.iter().position(|x| x.id == d).unwrap_or(usize::MAX);
        columns.sort_by(|a, b| (rank(a.department_id), &a.name, a.id).cmp(&(rank(b.department_id), &b.name, b.id)));
        let rows = racis
            .into_iter()
            .map(|(i, raci)| RaciRow {
                initiative_id: i.id,
                title: i.title.clone(),
                status: i.status,
                letters: columns.iter().map(|p| raci.letters(p.id)).collect(),
            })
            .filter(|row| department.is_none() || row.letters.iter().any(|l| !l.is_empty()))
            .collect();
        RaciMatrix {
            board: snapshot.info.clone(),
            today,
            department: department.and_then(|d| snapshot.department(d)).map(|d| d.name.clone()),
            people: columns,
            rows,
        }
    }

    /// The matrix's heading, in every format.
    pub fn title(&self) -> String {
        match &self.department {
            Some(d) => format!("RACI: {} ({d})", self.board.name),
            None => format!("RACI: {}", self.board.name),
        }
    }
}

//! Loading the whole live board at once, for schedule analysis and exports.

use std::collections::HashSet;

use super::{board, departments, dependencies, gate_types, gates, initiatives, people, roles, tasks, Store};
use crate::domain::snapshot::Snapshot;
use crate::Result;

impl Store {
    pub fn snapshot(&self) -> Result<Snapshot> {
        let conn = self.conn();
        let initiatives = initiatives::all(conn)?;
        let tasks = tasks::all(conn)?;
        let live: HashSet<_> = initiatives.iter().map(|i| i.id).chain(tasks.iter().map(|t| t.id)).collect();
        let dependencies = dependencies::all(conn)?.into_iter().filter(|d| live.contains(&d.from_id) && live.contains(&d.to_id)).collect();
        Ok(Snapshot {
            info: board::info(conn)?,
            departments: departments::all(conn)?,
            people: people::all(conn)?,
            initiatives,
            tasks,
            dependencies,
            gate_types: gate_types::all(conn)?,
            gates: gates::all(conn)?,
            roles: roles::all(conn)?,
        })
    }
}

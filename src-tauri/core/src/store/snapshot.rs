//! Loading the whole live board at once, for schedule analysis and exports.

use super::{board, departments, dependencies, gate_types, gates, initiatives, kpis, people, roles, tasks, Store};
use crate::domain::id_hash::IdSet;
use crate::domain::raci::RaciMatrix;
use crate::domain::results::KpiView;
use crate::domain::snapshot::Snapshot;
use crate::Result;

impl Store {
    /// The parts of the board the RACI matrix reads (initiatives, people, roles), without the
    /// tasks and dependencies that make a whole snapshot costly on a large board.
    pub fn raci_matrix(&self, department: Option<crate::Id>, today: chrono::NaiveDate) -> Result<RaciMatrix> {
        let conn = self.conn();
        let parts = Snapshot {
            info: board::info(conn)?,
            departments: departments::all(conn)?,
            people: people::all(conn)?,
            initiatives: initiatives::all(conn)?,
            roles: roles::all(conn)?,
            ..Snapshot::default()
        };
        Ok(RaciMatrix::build(&parts, department, today))
    }

    /// Only the board's people and departments: what matching another tool's file to the board
    /// reads (`import::resolve`), without loading every item.
    pub fn people_and_departments(&self) -> Result<Snapshot> {
        let conn = self.conn();
        Ok(Snapshot { info: board::info(conn)?, departments: departments::all(conn)?, people: people::all(conn)?, ..Snapshot::default() })
    }

    /// Every item an import brought in, with where it came from (deleted ones too).
    pub fn imported_items(&self) -> Result<Vec<super::items::Imported>> {
        super::items::imported(self.conn())
    }

    /// The comments on these items, oldest first.
    pub fn comments_on(&self, items: &[crate::Id]) -> Result<Vec<crate::domain::model::Comment>> {
        super::comments::on(self.conn(), items)
    }

    /// The whole live board, read in one transaction: every part from the same state of the
    /// file, even while another process writes to it.
    pub fn snapshot(&self) -> Result<Snapshot> {
        self.reading(|conn| {
            let initiatives = initiatives::all(conn)?;
            let tasks = tasks::all(conn)?;
            let live: IdSet = initiatives.iter().map(|i| i.id).chain(tasks.iter().map(|t| t.id)).collect();
            // Each initiative's KPIs in the order they were added (UUIDv7 ids), the board's in a fixed order.
            let mut kpis: Vec<KpiView> = kpis::views(conn, None)?.into_values().flatten().collect();
            kpis.sort_by_key(|k| (k.kpi.initiative_id, k.kpi.id));
            let mut dependencies = dependencies::all(conn)?;
            dependencies.retain(|d| live.contains(&d.from_id) && live.contains(&d.to_id));
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
                kpis,
            })
        })
    }
}

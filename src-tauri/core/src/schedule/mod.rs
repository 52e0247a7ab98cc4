//! Schedule analysis for the roadmap: which finish-to-start dependencies the plan breaks, the
//! critical path with each item's earliest and latest dates and slack, and "what slips if this
//! slips".
//!
//! Contract: pure functions of a [`Snapshot`] (from `Store::snapshot`); no SQL, no clock, and
//! nothing is written. Every dated initiative and task is analysed; undated ones are listed as
//! unscheduled and never given a made-up date; cancelled ones are left out (a cancelled
//! predecessor no longer blocks). A dependency loop, which the board refuses but a hand-edited
//! file could hold, is reported and its members skipped, never a panic or an endless loop. All
//! passes are linear in items plus dependencies and iterative, so a chain of any depth is safe.
//!
//! Where things live: `graph` (spans and edges from the snapshot), `order` (topological order,
//! loops), `cpm` (the two passes, slack, critical paths, and the date conventions), `violations`
//! (the board's conflict rule over every edge), `slip` (pushing one finish through the graph).

mod cpm;
mod graph;
mod order;
mod slip;
mod types;
mod violations;

pub use types::*;
pub use violations::{earliest_start, message as conflict_message};

use crate::domain::model::Id;
use crate::domain::snapshot::Snapshot;
use crate::Result;

use graph::{date, ScheduleGraph};

/// The whole board's schedule: every dated item's earliest/latest dates and slack, the critical
/// paths, the violated dependencies, the unscheduled items and any loop.
pub fn analyze(snapshot: &Snapshot) -> ScheduleAnalysis {
    let graph = ScheduleGraph::build(snapshot);
    let order = order::order(&graph);
    let cpm = cpm::run(&graph, &order.topo);
    let mut in_cycle = vec![false; graph.len()];
    for &n in &order.cycle {
        in_cycle[n as usize] = true;
    }
    let items = (0..graph.len())
        .filter(|&n| !in_cycle[n])
        .map(|n| {
            let node = &graph.nodes[n];
            ScheduledItem {
                id: node.id,
                kind: node.kind,
                title: node.title.to_string(),
                initiative_id: node.initiative_id,
                milestone: node.milestone,
                start: date(node.start),
                finish: date(node.finish),
                duration_days: days(node.duration()),
                earliest_start: date(cpm.es[n]),
                earliest_finish: date(cpm.ef[n]),
                latest_start: date(cpm.ls[n]),
                latest_finish: date(cpm.lf[n]),
                slack_days: days(cpm.lf[n] - cpm.ef[n]),
                critical: cpm.critical[n],
            }
        })
        .collect();
    let id_of = |n: &u32| graph.nodes[*n as usize].id;
    ScheduleAnalysis {
        items,
        project_finish: cpm.project_finish.map(date),
        critical_paths: cpm.paths.iter().map(|path| path.iter().map(id_of).collect()).collect(),
        violations: violations::violations(snapshot, &graph),
        unscheduled: graph.unscheduled.clone(),
        cycle: order.cycle.iter().map(id_of).collect(),
    }
}

/// Every item whose finish moves when `item` finishes `days` later, and by how much (the item
/// itself included). Errors: `not_found` for an item that is not on the board, has no dates or
/// is cancelled; `cycle` for an item caught in a dependency loop; `validation` for a negative
/// number of days.
pub fn slip(snapshot: &Snapshot, item: Id, days: i32) -> Result<SlipImpact> {
    let graph = ScheduleGraph::build(snapshot);
    let order = order::order(&graph);
    slip::slip(snapshot, &graph, &order, item, days)
}

/// A day count for people: far beyond any real plan it saturates rather than wraps.
fn days(count: i64) -> i32 {
    count.clamp(i32::MIN.into(), i32::MAX.into()) as i32
}

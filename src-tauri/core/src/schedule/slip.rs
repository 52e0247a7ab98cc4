//! "What slips if this slips": push one item's finish later and see whose finish follows.
//!
//! The baseline is the forward pass of the critical path method (the plan, with any broken
//! dependency already pushed right). The slipped item's finish moves `days` later and is passed
//! on through finish-to-start edges with their lag and through containment, in topological
//! order. Slack absorbs it: a successor moves only where the pushed finish + lag passes its
//! current earliest start (or, for an initiative, its current finish), and then only by the
//! difference. Negative slips are refused: with planned starts held as constraints, finishing
//! early moves nothing but the item, which is not the question people ask.

use std::cmp::Reverse;

use super::cpm;
use super::graph::{self, ScheduleGraph};
use super::order::Order;
use super::types::{Moved, SlipImpact};
use crate::domain::model::{Id, InitiativeStatus, TaskStatus};
use crate::domain::snapshot::Snapshot;
use crate::{Error, Result};

pub(crate) fn slip(snapshot: &Snapshot, graph: &ScheduleGraph, order: &Order, item: Id, days: i32) -> Result<SlipImpact> {
    let Some(node) = graph.node_of(item) else {
        return Err(not_scheduled(snapshot, item));
    };
    if order.cycle.contains(&node) {
        let cycle: Vec<String> = order.cycle.iter().map(|&n| graph.nodes[n as usize].title.to_string()).collect();
        return Err(Error::Cycle {
            message: format!(
                "“{}” is in a loop of dependencies ({}), so its knock-on effect cannot be worked out. Remove one of those dependencies first.",
                graph.nodes[node as usize].title,
                cycle.join(", ")
            ),
            cycle,
        });
    }
    if days < 0 {
        return Err(Error::Validation(format!("A slip is a number of days later ({days} is earlier); enter 0 or more days.")));
    }

    let before = cpm::forward(graph, &order.topo, None);
    let after = cpm::forward(graph, &order.topo, Some((node, days.into())));
    let mut moved: Vec<Moved> = order
        .topo
        .iter()
        .filter(|&&v| after.ef[v as usize] != before.ef[v as usize])
        .map(|&v| {
            let n = &graph.nodes[v as usize];
            Moved {
                id: n.id,
                title: n.title.to_string(),
                kind: n.kind,
                days: (after.ef[v as usize] - before.ef[v as usize]).try_into().unwrap_or(i32::MAX),
                new_finish: graph::date(after.ef[v as usize]),
            }
        })
        .collect();
    moved.sort_by(|a, b| (Reverse(a.days), &a.title, a.id).cmp(&(Reverse(b.days), &b.title, b.id)));
    Ok(SlipImpact { item_id: item, days, moved })
}

/// Why an item on the board has no place in the schedule, or that it is not on the board.
fn not_scheduled(snapshot: &Snapshot, item: Id) -> Error {
    let initiative = |id: Id| snapshot.initiatives.iter().find(|i| i.id == id);
    let (title, cancelled) = match (initiative(item), snapshot.tasks.iter().find(|t| t.id == item)) {
        (Some(i), _) => (&i.title, i.status == InitiativeStatus::Cancelled),
        (None, Some(t)) => {
            let parent_cancelled = initiative(t.initiative_id).is_some_and(|i| i.status == InitiativeStatus::Cancelled);
            (&t.title, t.status == TaskStatus::Cancelled || parent_cancelled)
        }
        (None, None) => {
            return Error::NotFound(format!("No task or initiative with id {item} is on this board; it may have been deleted."))
        }
    };
    Error::NotFound(if cancelled {
        format!("“{title}” is cancelled, so nothing waits for it and nothing can slip with it.")
    } else {
        format!("“{title}” has no dates yet, so there is nothing to slip. Give it a start or due date first.")
    })
}

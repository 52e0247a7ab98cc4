//! Commands that take any item: `status`, `depend`, `undepend`, `delete`, `restore` and `comment`.
//! The rules (owners before leaving Proposed, nothing done while it waits, no cycles, no
//! deleting someone who still owns work) live in the core; these only name the items.

use bridgeboard_core::{DependencyKind, DependencyLink, Error, Id, InitiativeChange, NewDependency, Op, Result, TaskChange};

use super::Edit;
use crate::parse;
use crate::resolve::{Deletable, Item};

pub fn status(e: &mut Edit, item: &str, status: &str) -> Result<Id> {
    let op = match e.board.item(item)? {
        Item::Initiative { id, .. } => {
            Op::UpdateInitiative { id, changes: vec![InitiativeChange::Status(parse::initiative_status(status)?)] }
        }
        Item::Task { id, .. } => Op::UpdateTask { id, changes: vec![TaskChange::Status(parse::task_status(status)?)] },
    };
    e.apply(op)
}

pub fn depend(e: &mut Edit, successor: &str, predecessor: &str, lag_days: i32, relates: bool) -> Result<Id> {
    let (to, from) = (e.board.item(successor)?, e.board.item(predecessor)?);
    let kind = if relates { DependencyKind::RelatesTo } else { DependencyKind::FinishToStart };
    e.apply(Op::AddDependency(NewDependency { from_id: from.id(), to_id: to.id(), kind, lag_days }))
}

/// Removes a dependency given by its id, or by its two ends.
pub fn undepend(e: &mut Edit, item: &str, predecessor: Option<&str>) -> Result<Id> {
    let id = match predecessor {
        Some(predecessor) => {
            let (successor, predecessor) = (e.board.item(item)?, e.board.item(predecessor)?);
            link_between(e, &successor, &predecessor)?
        }
        None => Id::parse_str(item.trim()).map_err(|_| {
            Error::Validation(format!(
                "“{item}” is not a dependency id. Give the id that `depend` printed, or name both ends: undepend SUCCESSOR --on PREDECESSOR."
            ))
        })?,
    };
    e.apply(Op::RemoveDependency { id })
}

/// The dependency by which `successor` waits for (or relates to) `predecessor`, read from the
/// successor's initiative detail, the same view the app's panel shows.
fn link_between(e: &Edit, successor: &Item, predecessor: &Item) -> Result<Id> {
    let upstream = |item: &Item| -> Result<Vec<DependencyLink>> {
        let detail = e.store.initiative_detail(item.initiative_id(), e.clock.today)?;
        Ok(match item {
            Item::Initiative { .. } => detail.upstream,
            Item::Task { id, .. } => detail.tasks.into_iter().find(|row| row.task.id == *id).map(|row| row.upstream).unwrap_or_default(),
        })
    };
    if let Some(link) = upstream(successor)?.into_iter().find(|l| l.item.id == predecessor.id()) {
        return Ok(link.id);
    }
    let reversed = upstream(predecessor)?.into_iter().any(|l| l.item.id == successor.id());
    let hint = if reversed {
        format!(" It is the other way round: try undepend “{}” --on “{}”.", predecessor.title(), successor.title())
    } else {
        String::new()
    };
    Err(Error::NotFound(format!("“{}” does not depend on “{}”.{hint}", successor.title(), predecessor.title())))
}

pub fn delete(e: &mut Edit, item: &str, reassign_to: Option<&str>) -> Result<Id> {
    let target = match e.board.deletable(item) {
        Ok(target) => target,
        // Any other id (a dependency's) goes to the core, which knows what it is.
        Err(Error::NotFound(_)) if Id::parse_str(item.trim()).is_ok() => {
            return e.apply(Op::Delete { id: Id::parse_str(item.trim()).expect("checked"), reassign_to: None });
        }
        Err(err) => return Err(err),
    };
    let reassign_to = match (&target, reassign_to) {
        (Deletable::Person(_), Some(who)) => Some(e.board.person(who)?.id),
        (Deletable::Item(item), Some(_)) => {
            return Err(Error::Validation(format!("--reassign-to is for deleting a person; “{}” is not a person.", item.title())))
        }
        (_, None) => None,
    };
    let id = match target {
        Deletable::Item(item) => item.id(),
        Deletable::Person(id) => id,
    };
    e.apply(Op::Delete { id, reassign_to })
}

pub fn comment(e: &mut Edit, item: &str, text: String) -> Result<Id> {
    let item_id = e.board.item(item)?.id();
    e.apply(Op::AddComment { item_id, body: text })
}

/// A deleted item by id, or a deleted initiative by its exact title (the most recently deleted
/// when several share it).
pub fn restore(e: &mut Edit, item: &str) -> Result<Id> {
    let item = item.trim();
    let id = match Id::parse_str(item) {
        Ok(id) => id,
        Err(_) => e.store.deleted_initiatives()?.into_iter().find(|d| d.title == item).map(|d| d.id).ok_or_else(|| {
            Error::NotFound(format!("No deleted initiative is called “{item}”; give its exact title, or the id of what to restore."))
        })?,
    };
    e.apply(Op::Restore { id })
}

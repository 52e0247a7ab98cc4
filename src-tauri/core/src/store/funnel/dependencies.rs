//! Adding and removing dependencies: no loops, no link between a task and its own initiative.

use super::activity::Entry;
use super::{quoted, Ctx};
use crate::domain::graph::{dependency_id, find_cycle};
use crate::domain::model::*;
use crate::domain::ops::*;
use crate::domain::view::ItemRef;
use crate::domain::{rules, validate};
use crate::store::{dependencies, items};
use crate::{Error, Result};

pub(super) fn refuse_cycle(ctx: &Ctx, from: &ItemRef, to: &ItemRef) -> Result<()> {
    let Some(cycle) = find_cycle(from.id, to.id, |n| dependencies::successors(ctx.tx, n))? else {
        return Ok(());
    };
    let mut titles = Vec::with_capacity(cycle.len());
    for id in &cycle {
        titles.push(items::get(ctx.tx, *id)?.map_or_else(|| id.to_string(), |i| i.title));
    }
    let message = if from.id == to.id {
        format!("{} cannot depend on itself.", quoted(&from.title))
    } else {
        format!(
            "This dependency would close a loop: {}. Nothing can start first in a loop; remove one of those dependencies, or use “relates to”.",
            titles.join(" → ")
        )
    };
    Err(Error::Cycle { cycle: titles, message })
}

pub(super) fn add_dependency(ctx: &Ctx, n: NewDependency) -> Result<Id> {
    let (from, to) = (ctx.item(n.from_id)?, ctx.item(n.to_id)?);
    let lag_days = validate::lag(n.lag_days)?;
    if from.id == to.id {
        refuse_cycle(ctx, &from, &to)?;
    }
    rules::check_not_own_initiative(&from, &to)?;
    if n.kind == DependencyKind::FinishToStart {
        refuse_cycle(ctx, &from, &to)?;
    }
    if let Some(existing) = dependencies::between(ctx.tx, from.id, to.id)? {
        return Err(Error::Conflict(format!(
            "{} and {} are already linked ({}); remove that link first to change it.",
            quoted(&from.title),
            quoted(&to.title),
            existing.kind.label().to_lowercase()
        )));
    }
    let dep = Dependency {
        id: dependency_id(from.id, to.id),
        from_id: from.id,
        from_kind: from.kind,
        to_id: to.id,
        to_kind: to.kind,
        kind: n.kind,
        lag_days,
    };
    dependencies::insert(ctx.tx, &dep, ctx.now)?;
    log_dependency(ctx, &dep, &from, &to, "add_dependency", "added a dependency:")
}

pub(super) fn log_dependency(ctx: &Ctx, d: &Dependency, from: &ItemRef, to: &ItemRef, action: &str, verb: &str) -> Result<Id> {
    let link = match d.kind {
        DependencyKind::FinishToStart if d.lag_days != 0 => {
            format!("{} waits for {} (+{} days)", quoted(&to.title), quoted(&from.title), d.lag_days)
        }
        DependencyKind::FinishToStart => format!("{} waits for {}", quoted(&to.title), quoted(&from.title)),
        DependencyKind::RelatesTo => format!("{} relates to {}", quoted(&to.title), quoted(&from.title)),
    };
    ctx.log(Entry {
        item_kind: ItemKind::Dependency,
        item_id: d.id,
        initiative_id: Some(to.initiative_id),
        action,
        field: None,
        before: None,
        after: Some(link.clone()),
        summary: format!("{verb} {link}"),
    })?;
    Ok(d.id)
}

pub(super) fn remove_dependency(ctx: &Ctx, id: Id) -> Result<Id> {
    let Some((d, false)) = dependencies::get_any(ctx.tx, id)? else {
        return Err(Error::NotFound(format!("No dependency with id {id} is on this board; it may already be removed.")));
    };
    let name = |item: Id| -> Result<ItemRef> {
        Ok(items::get(ctx.tx, item)?.unwrap_or(ItemRef {
            id: item,
            kind: ItemKind::Task,
            title: "a deleted item".into(),
            initiative_id: item,
            initiative_title: String::new(),
            status: String::new(),
            open: false,
            start: None,
            finish: None,
        }))
    };
    let (from, to) = (name(d.from_id)?, name(d.to_id)?);
    dependencies::set_deleted(ctx.tx, id, Some(ctx.now), ctx.now)?;
    log_dependency(ctx, &d, &from, &to, "remove_dependency", "removed the dependency")
}

//! Soft delete and restore, comments, and the board's own name.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::activity::Entry;
use super::dependencies::{log_dependency, refuse_cycle, remove_dependency};
use super::people::delete_person;
use super::{quoted, Ctx};
use crate::domain::model::*;
use crate::domain::rules;
use crate::domain::validate;
use crate::store::{board, comments, dependencies, initiatives, people, tasks};
use crate::{Error, Result};

pub(super) fn delete(ctx: &Ctx, id: Id, reassign_to: Option<Id>) -> Result<Id> {
    if let Some(i) = initiatives::get(ctx.tx, id)? {
        initiatives::set_deleted(ctx.tx, id, Some(ctx.now), None, ctx.now)?;
        return ctx.log_deleted(ItemKind::Initiative, id, Some(id), &i.title, "delete", "deleted the initiative");
    }
    if let Some(t) = tasks::get(ctx.tx, id)? {
        tasks::set_deleted(ctx.tx, id, Some(ctx.now), ctx.now)?;
        return ctx.log_deleted(ItemKind::Task, id, Some(t.initiative_id), &t.title, "delete", "deleted the task");
    }
    if let Some(p) = people::get(ctx.tx, id)? {
        return delete_person(ctx, p, reassign_to);
    }
    if dependencies::get_any(ctx.tx, id)?.is_some_and(|(_, deleted)| !deleted) {
        return remove_dependency(ctx, id);
    }
    Err(Error::NotFound(format!("Nothing with id {id} is on this board to delete; it may already be deleted.")))
}

pub(super) fn restore(ctx: &Ctx, id: Id) -> Result<Id> {
    if let Some((i, Some(deleted_at))) = initiatives::get_any(ctx.tx, id)? {
        initiatives::set_deleted(ctx.tx, id, None, Some(&deleted_at), ctx.now)?;
        return ctx.log_deleted(ItemKind::Initiative, id, Some(id), &i.title, "restore", "restored the initiative");
    }
    if let Some((t, true)) = tasks::get_any(ctx.tx, id)? {
        rules::check_task_restorable(&t.title, initiatives::get(ctx.tx, t.initiative_id)?.is_some())?;
        tasks::set_deleted(ctx.tx, id, None, ctx.now)?;
        return ctx.log_deleted(ItemKind::Task, id, Some(t.initiative_id), &t.title, "restore", "restored the task");
    }
    if let Some((p, true)) = people::get_any(ctx.tx, id)? {
        people::set_deleted(ctx.tx, id, None, ctx.now)?;
        return ctx.log_deleted(ItemKind::Person, id, None, &p.name, "restore", "restored the person");
    }
    if let Some((d, true)) = dependencies::get_any(ctx.tx, id)? {
        let (from, to) = (ctx.item(d.from_id)?, ctx.item(d.to_id)?);
        if d.kind == DependencyKind::FinishToStart {
            refuse_cycle(ctx, &from, &to)?;
        }
        dependencies::set_deleted(ctx.tx, id, None, ctx.now)?;
        return log_dependency(ctx, &d, &from, &to, "restore", "restored the dependency");
    }
    Err(Error::NotFound(format!("Nothing deleted with id {id} is on this board to restore.")))
}

/// Who wrote a comment and when: the person at this desktop now, or, for a comment brought over
/// from another tool, its own author and time.
pub(super) struct Author {
    pub id: Option<Id>,
    pub name: String,
    pub at: DateTime<Utc>,
}

pub(super) fn add_comment(ctx: &Ctx, item_id: Id, body: String, author: Author) -> Result<Id> {
    let item = ctx.item(item_id)?;
    let body = validate::long_text("A comment", body.trim())?;
    if body.is_empty() {
        return Err(Error::Validation("A comment cannot be empty: type what you want to say.".into()));
    }
    let name = validate::required_text("A comment's author", &author.name, validate::TITLE_MAX)?;
    let comment = Comment { id: Uuid::now_v7(), item_id, author_id: author.id, author_name: name, body, created_at: author.at };
    comments::insert(ctx.tx, &comment)?;
    ctx.log(Entry {
        item_kind: ItemKind::Comment,
        item_id: comment.id,
        initiative_id: Some(item.initiative_id),
        action: "comment",
        field: None,
        before: None,
        after: Some(comment.body.clone()),
        summary: format!("commented on {}", quoted(&item.title)),
    })?;
    Ok(comment.id)
}

pub(super) fn set_board(ctx: &Ctx, name: String, sample: bool) -> Result<Id> {
    let name = validate::required_text("A board name", &name, validate::TITLE_MAX)?;
    let old = board::info(ctx.tx)?;
    board::set_info(ctx.tx, &name, sample, ctx.now)?;
    ctx.log(Entry {
        item_kind: ItemKind::Board,
        item_id: old.id,
        initiative_id: None,
        action: "set",
        field: Some("board"),
        before: Some(old.name),
        after: Some(name.clone()),
        summary: format!("named the board {}", quoted(&name)),
    })?;
    Ok(old.id)
}

/// Saves the schedule as it stands under `name` (unique on the board).
pub(super) fn save_baseline(ctx: &Ctx, name: String) -> Result<Id> {
    use crate::domain::baselines::Baseline;
    use crate::store::baselines;
    let name = validate::required_text("A baseline name", &name, 120)?;
    if baselines::by_name(ctx.tx, &name)?.is_some() {
        return Err(Error::Validation(format!("There is already a baseline called {}; choose another name.", quoted(&name))));
    }
    let baseline = Baseline { id: Uuid::now_v7(), name, saved_at: ctx.now, items: baselines::items_now(ctx.tx)? };
    baselines::insert(ctx.tx, &baseline, ctx.now)?;
    ctx.log(Entry {
        item_kind: ItemKind::Baseline,
        item_id: baseline.id,
        initiative_id: None,
        action: "create",
        field: None,
        before: None,
        after: Some(baseline.name.clone()),
        summary: format!("saved the baseline {} ({} items)", quoted(&baseline.name), baseline.items.len()),
    })?;
    Ok(baseline.id)
}

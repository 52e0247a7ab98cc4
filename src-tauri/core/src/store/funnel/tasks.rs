//! Creating and changing tasks, under the finishing rule.

use uuid::Uuid;

use super::activity::Entry;
use super::{initiative_missing, quoted, shown_date, shown_text, task_missing, Ctx};
use crate::domain::model::*;
use crate::domain::ops::*;
use crate::domain::{governance, rules, validate};
use crate::store::{departments, gates, initiatives, items, tasks};
use crate::{Error, Result};

pub(super) fn check_task(ctx: &Ctx, t: &Task) -> Result<()> {
    validate::date_order(t.start, t.due, "due date")?;
    ctx.department(t.department_id)?;
    ctx.person(t.assignee_id, "assignee")?;
    ctx.person(t.accountable_id, "Accountable")?;
    if t.go_live && t.kind != TaskKind::Milestone {
        return Err(Error::Validation(format!("Only a milestone can be the go-live; make {} a milestone first.", quoted(&t.title))));
    }
    Ok(())
}

pub(super) fn create_task(ctx: &Ctx, n: NewTask) -> Result<Id> {
    let initiative = initiatives::get(ctx.tx, n.initiative_id)?.ok_or_else(|| initiative_missing(n.initiative_id))?;
    let task = Task {
        id: Uuid::now_v7(),
        initiative_id: initiative.id,
        title: validate::title(&n.title)?,
        notes: validate::long_text("The notes", &n.notes)?,
        department_id: n.department_id,
        assignee_id: n.assignee_id,
        status: n.status,
        start: n.start,
        due: n.due,
        kind: n.kind,
        position: tasks::next_position(ctx.tx, initiative.id)?,
        block_reason: validate::optional_line("The block reason", n.block_reason.as_deref())?,
        created_at: ctx.now,
        updated_at: ctx.now,
        accountable_id: None,
        go_live: n.go_live,
        cadence: validate::optional_line("The cadence", n.cadence.as_deref())?,
    };
    check_task(ctx, &task)?;
    if task.go_live {
        clear_other_go_lives(ctx, task.initiative_id, task.id)?;
    }
    tasks::insert(ctx.tx, &task)?;
    ctx.log(Entry {
        item_kind: ItemKind::Task,
        item_id: task.id,
        initiative_id: Some(initiative.id),
        action: "create",
        field: None,
        before: None,
        after: Some(task.title.clone()),
        summary: format!("added the task {} to {}", quoted(&task.title), quoted(&initiative.title)),
    })?;
    Ok(task.id)
}

pub(super) fn update_task(ctx: &Ctx, id: Id, changes: Vec<TaskChange>) -> Result<Id> {
    let old = tasks::get(ctx.tx, id)?.ok_or_else(|| task_missing(id))?;
    let mut new = old.clone();
    for change in changes {
        match change {
            TaskChange::Title(v) => new.title = validate::title(&v)?,
            TaskChange::Notes(v) => new.notes = validate::long_text("The notes", &v)?,
            TaskChange::Department(v) => new.department_id = v,
            TaskChange::Assignee(v) => new.assignee_id = v,
            TaskChange::Status(v) => new.status = v,
            TaskChange::Start(v) => new.start = v,
            TaskChange::Due(v) => new.due = v,
            TaskChange::Kind(v) => new.kind = v,
            TaskChange::Position(v) if v.is_finite() => new.position = v,
            TaskChange::Position(_) => return Err(Error::Validation("A task position must be a number.".into())),
            TaskChange::BlockReason(v) => new.block_reason = validate::optional_line("The block reason", v.as_deref())?,
            TaskChange::Accountable(v) => new.accountable_id = v,
            TaskChange::GoLive(v) => new.go_live = v,
            TaskChange::Cadence(v) => new.cadence = validate::optional_line("The cadence", v.as_deref())?,
        }
    }
    // A task that stops being a milestone stops being the go-live.
    if new.kind == TaskKind::Task && old.kind == TaskKind::Milestone {
        new.go_live = false;
    }
    if new == old {
        return Ok(id);
    }
    check_task(ctx, &new)?;
    if new.status == TaskStatus::Done && old.status != TaskStatus::Done {
        rules::check_can_finish(&new.title, "done", &items::open_predecessors(ctx.tx, id)?)?;
        if new.go_live {
            let initiative = initiatives::get(ctx.tx, new.initiative_id)?.ok_or_else(|| initiative_missing(new.initiative_id))?;
            let what = format!("have its go-live milestone {} marked done", quoted(&new.title));
            governance::check_gates_for_go_live(&initiative.title, &what, &gates::open_of(ctx.tx, initiative.id)?)?;
        }
    }
    if new.go_live && !old.go_live {
        clear_other_go_lives(ctx, new.initiative_id, id)?;
    }
    new.updated_at = ctx.now;
    tasks::update(ctx.tx, &new)?;
    let dept_name = |d: Id| -> Result<String> { Ok(departments::get(ctx.tx, d)?.map(|d| d.name).unwrap_or_default()) };
    let diffs = [
        ("title", old.title.clone(), new.title.clone()),
        ("notes", old.notes.clone(), new.notes.clone()),
        ("department", dept_name(old.department_id)?, dept_name(new.department_id)?),
        ("assignee", ctx.person_name(old.assignee_id)?, ctx.person_name(new.assignee_id)?),
        ("status", old.status.label().into(), new.status.label().into()),
        ("start date", shown_date(old.start), shown_date(new.start)),
        ("due date", shown_date(old.due), shown_date(new.due)),
        ("kind", old.kind.label().into(), new.kind.label().into()),
        ("position", old.position.to_string(), new.position.to_string()),
        ("block reason", shown_text(old.block_reason.as_deref()), shown_text(new.block_reason.as_deref())),
        ("Accountable", ctx.person_name(old.accountable_id)?, ctx.person_name(new.accountable_id)?),
        ("go-live", yes_no(old.go_live), yes_no(new.go_live)),
        ("cadence", shown_text(old.cadence.as_deref()), shown_text(new.cadence.as_deref())),
    ];
    ctx.log_changes(ItemKind::Task, id, Some(new.initiative_id), diffs, |field, before, after| match field {
        "notes" => format!("edited the notes of {}", quoted(&new.title)),
        "position" => format!("moved the task {}", quoted(&new.title)),
        "go-live" if after == "yes" => format!("marked {} as the go-live milestone", quoted(&new.title)),
        "go-live" => format!("{} is no longer the go-live milestone", quoted(&new.title)),
        "Accountable" if before != "nobody" => format!("made {after} Accountable for {}, replacing {before}", quoted(&new.title)),
        _ => format!("set {field} of {}: {before} → {after}", quoted(&new.title)),
    })?;
    Ok(id)
}

/// An initiative has one go-live milestone: marking another moves the flag.
fn clear_other_go_lives(ctx: &Ctx, initiative: Id, keep: Id) -> Result<()> {
    for other in tasks::go_live_of(ctx.tx, initiative)?.into_iter().filter(|t| *t != keep) {
        update_task(ctx, other, vec![TaskChange::GoLive(false)])?;
    }
    Ok(())
}

fn yes_no(flag: bool) -> String {
    if flag { "yes" } else { "no" }.into()
}

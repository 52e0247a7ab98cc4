//! The write funnel: every change to a board enters here as an [`Op`], is validated against the
//! board's rules, applied, and logged in the activity table, all in one transaction. Nothing
//! else writes to the board's tables.
//!
//! Its modules depend one way only: `lifecycle` (deletes, restores) → `people` →
//! `governance` (roles, gates) → `initiatives` → `tasks`; `lifecycle` → `dependencies`;
//! `results` (KPIs) stands alone; `templates` writes a whole plan through the others. What several need (the write in
//! progress, its log, looking up a person or a department) is on [`Ctx`] here.

use chrono::{DateTime, Utc};
use rusqlite::Transaction;

mod batch;
mod dependencies;
mod governance;
mod import;
mod initiatives;
mod lifecycle;
mod people;
mod results;
mod tasks;
mod templates;

pub use batch::Batch;
pub use import::ImportSummary;

use self::lifecycle::Author;
use super::activity::{self, Entry};
use super::{items, Store};
use crate::domain::graph::find_cycle;
use crate::domain::model::*;
use crate::domain::ops::*;
use crate::domain::view::ItemRef;
use crate::{Error, Result};

/// One write in progress: the transaction, who makes it and when.
struct Ctx<'a> {
    tx: &'a Transaction<'a>,
    actor: &'a Actor,
    now: DateTime<Utc>,
    /// Set while the parts of one larger change are written (a template's plan), which is
    /// logged as one entry of its own.
    quiet: std::cell::Cell<bool>,
}

impl<'a> Ctx<'a> {
    fn new(tx: &'a Transaction<'a>, actor: &'a Actor, now: DateTime<Utc>) -> Ctx<'a> {
        Ctx { tx, actor, now, quiet: std::cell::Cell::new(false) }
    }

    fn log(&self, entry: Entry) -> Result<()> {
        if self.quiet.get() {
            return Ok(());
        }
        activity::append(self.tx, self.actor, self.now, entry)
    }

    /// Runs `f` without logging its parts.
    fn quietly<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let was = self.quiet.replace(true);
        let result = f();
        self.quiet.set(was);
        result
    }

    fn person_name(&self, id: Option<Id>) -> Result<String> {
        Ok(match id {
            None => "nobody".into(),
            Some(id) => crate::store::people::get_any(self.tx, id)?.map(|(p, _)| p.name).unwrap_or_else(|| "someone removed".into()),
        })
    }

    fn person(&self, id: Option<Id>, role: &str) -> Result<Option<Person>> {
        match id {
            None => Ok(None),
            Some(id) => crate::store::people::get(self.tx, id)?.map(Some).ok_or_else(|| {
                Error::NotFound(format!("The {role} chosen is not on this board (any more); choose someone from the list."))
            }),
        }
    }

    /// Logs one `set` entry per field whose shown value changed: `(field, before, after)`.
    fn log_changes(
        &self,
        item_kind: ItemKind,
        item_id: Id,
        initiative_id: Option<Id>,
        diffs: impl IntoIterator<Item = (&'static str, String, String)>,
        summary: impl Fn(&str, &str, &str) -> String,
    ) -> Result<()> {
        for (field, before, after) in diffs.into_iter().filter(|(_, b, a)| b != a) {
            self.log(Entry {
                item_kind,
                item_id,
                initiative_id,
                action: "set",
                field: Some(field),
                summary: summary(field, &before, &after),
                before: Some(before),
                after: Some(after),
            })?;
        }
        Ok(())
    }

    /// A department on the board, or what to do when it is not.
    fn department(&self, id: Id) -> Result<Department> {
        super::departments::get(self.tx, id)?
            .ok_or_else(|| Error::NotFound(format!("No department with id {id} is on this board; choose one from the list.")))
    }

    /// Logs a delete or a restore of `title`, and answers with its id.
    fn log_deleted(&self, kind: ItemKind, id: Id, initiative: Option<Id>, title: &str, action: &str, verb: &str) -> Result<Id> {
        self.log(Entry {
            item_kind: kind,
            item_id: id,
            initiative_id: initiative,
            action,
            field: None,
            before: Some(title.to_string()),
            after: None,
            summary: format!("{verb} {}", quoted(title)),
        })?;
        Ok(id)
    }

    fn item(&self, id: Id) -> Result<ItemRef> {
        items::get(self.tx, id)?
            .ok_or_else(|| Error::NotFound(format!("No task or initiative with id {id} is on this board; it may have been deleted.")))
    }
}

impl Store {
    /// Validates, applies and logs one operation as one transaction. Returns the id of the item
    /// created or changed.
    pub fn apply(&mut self, actor: &Actor, now: DateTime<Utc>, op: Op) -> Result<Id> {
        self.write(actor, now, |tx| apply_in(&Ctx::new(tx, actor, now), op))
    }

    /// Applies several operations as one transaction: all of them land, or none (an import,
    /// a generated board). Returns the ids in order.
    pub fn apply_all(&mut self, actor: &Actor, now: DateTime<Utc>, ops: Vec<Op>) -> Result<Vec<Id>> {
        self.write(actor, now, |tx| {
            let ctx = Ctx::new(tx, actor, now);
            ops.into_iter().map(|op| apply_in(&ctx, op)).collect()
        })
    }

    /// Would a finish-to-start edge `from → to` close a loop? The loop's ids if so. Read-only.
    pub fn find_cycle(&self, from: Id, to: Id) -> Result<Option<Vec<Id>>> {
        find_cycle(from, to, |n| super::dependencies::successors(self.conn(), n)).map_err(Error::from)
    }

    /// Moves a task one place up or down among its department's tasks in its initiative.
    pub fn move_task(&mut self, actor: &Actor, now: DateTime<Utc>, id: Id, up: bool) -> Result<()> {
        self.write(actor, now, |tx| {
            let ctx = Ctx::new(tx, actor, now);
            let task = super::tasks::get(tx, id)?.ok_or_else(|| task_missing(id))?;
            let (ids, group): (Vec<Id>, Vec<f64>) = super::tasks::of_initiative(tx, task.initiative_id)?
                .into_iter()
                .filter(|t| t.department_id == task.department_id)
                .map(|t| (t.id, t.position))
                .unzip();
            // By id: tasks added on two desktops at once can share a position.
            let at = ids.iter().position(|t| *t == id).unwrap_or(0);
            let position = match (up, at) {
                (true, 0) => return Ok(()),
                (true, 1) => group[0] - 1.0,
                (true, i) => (group[i - 2] + group[i - 1]) / 2.0,
                (false, i) if i + 1 >= group.len() => return Ok(()),
                (false, i) if i + 2 == group.len() => group[i + 1] + 1.0,
                (false, i) => (group[i + 1] + group[i + 2]) / 2.0,
            };
            tasks::update_task(&ctx, id, vec![TaskChange::Position(position)]).map(|_| ())
        })
    }
}

fn apply_in(ctx: &Ctx, op: Op) -> Result<Id> {
    match op {
        Op::CreateDepartment(n) => people::create_department(ctx, n),
        Op::CreatePerson(n) => people::create_person(ctx, n),
        Op::UpdatePerson { id, changes } => people::update_person(ctx, id, changes),
        Op::CreateInitiative(n) => initiatives::create_initiative(ctx, n),
        Op::UpdateInitiative { id, changes } => initiatives::update_initiative(ctx, id, changes),
        Op::MoveInitiative { id, days } => initiatives::move_initiative(ctx, id, days),
        Op::CreateTask(n) => tasks::create_task(ctx, n),
        Op::UpdateTask { id, changes } => tasks::update_task(ctx, id, changes),
        Op::Delete { id, reassign_to } => lifecycle::delete(ctx, id, reassign_to),
        Op::Restore { id } => lifecycle::restore(ctx, id),
        Op::AddDependency(n) => dependencies::add_dependency(ctx, n),
        Op::RemoveDependency { id } => dependencies::remove_dependency(ctx, id),
        Op::AddComment { item_id, body } => {
            let author = Author { id: ctx.actor.id, name: ctx.actor.name.clone(), at: ctx.now };
            lifecycle::add_comment(ctx, item_id, body, author)
        }
        Op::ImportComment { item_id, body, author_id, author_name, written_at } => {
            lifecycle::add_comment(ctx, item_id, body, Author { id: author_id, name: author_name, at: written_at })
        }
        Op::SetImportSource { id, key, values } => import::set_import_source(ctx, id, &key, &values),
        Op::SetBoard { name, sample } => lifecycle::set_board(ctx, name, sample),
        Op::SetRole { item_id, person_id, role } => governance::set_role(ctx, item_id, person_id, role),
        Op::RemoveRole { item_id, person_id, role } => governance::remove_role(ctx, item_id, person_id, role),
        Op::AddGate(n) => governance::add_gate(ctx, n),
        Op::UpdateGate { id, changes } => governance::update_gate(ctx, id, changes),
        Op::RemoveGate { id } => governance::remove_gate(ctx, id),
        Op::CreateGateType(n) => governance::create_gate_type(ctx, n),
        Op::UpdateGateType { id, changes } => governance::update_gate_type(ctx, id, changes),
        Op::RemoveGateType { id } => governance::remove_gate_type(ctx, id),
        Op::AddKpi(n) => results::add_kpi(ctx, n),
        Op::UpdateKpi { id, changes } => results::update_kpi(ctx, id, changes),
        Op::RemoveKpi { id } => results::remove_kpi(ctx, id),
        Op::AddReading(n) => results::add_reading(ctx, n),
        Op::RemoveReading { id } => results::remove_reading(ctx, id),
        Op::CreateFromTemplate { template, title, start } => templates::create_from_template(ctx, template, title, start),
        Op::SaveTemplate { initiative_id, name, description } => templates::save_template(ctx, initiative_id, name, description),
        Op::AddTemplate { name, description, plan } => templates::add_template(ctx, name, description, plan),
        Op::RemoveTemplate { id } => templates::remove_template(ctx, id),
        Op::SaveBaseline { name } => lifecycle::save_baseline(ctx, name),
    }
}

fn task_missing(id: Id) -> Error {
    Error::NotFound(format!("No task with id {id} is on this board; it may have been deleted."))
}

fn initiative_missing(id: Id) -> Error {
    Error::NotFound(format!("No initiative with id {id} is on this board; it may have been deleted."))
}

fn quoted(text: &str) -> String {
    format!("“{text}”")
}

fn shown_date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "none".into(), |d| d.to_string())
}

fn shown_text(t: Option<&str>) -> String {
    t.map_or_else(|| "none".into(), str::to_string)
}

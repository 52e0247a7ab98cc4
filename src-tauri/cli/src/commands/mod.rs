//! Runs one parsed command against the board file and returns what to print on stdout.
//!
//! Read commands (`list`, `check`, `backup`) never create a board: a missing file is refused.
//! `demo` and the commands that can start a board (`add-initiative`, `add-person`,
//! `add-department`) open the file as the app does, so a missing file in an existing folder
//! becomes a new board. Edits read a snapshot to resolve titles and names, then write through
//! the core's one funnel, `Store::apply`, recorded as the `--as` person.

mod board;
mod export;
mod governance;
mod import;
mod initiatives;
mod links;
mod people;
mod results;
mod sharing;
mod table;
mod tasks;
mod templates;

use std::path::Path;

use bridgeboard_core::{Actor, Error, Id, Op, Result, Store};
use chrono::{DateTime, NaiveDate, Utc};

use crate::args::Command;
use crate::resolve::Snapshot;

/// The host's clock, read once in `main` (the core takes time as a parameter).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

/// An open board ready for changes: the store, a snapshot to resolve names in, and who writes.
pub struct Edit {
    pub store: Store,
    pub board: Snapshot,
    pub actor: Actor,
    pub clock: Clock,
    /// `--allow-phi-like`: save text that looks like patient information, with a warning.
    pub allow_phi: bool,
}

impl Edit {
    /// Applies one operation through the core's funnel, after the PHI guardrail: text that
    /// looks like patient information is refused (or, with --allow-phi-like, saved with a
    /// warning on stderr).
    fn apply(&mut self, op: Op) -> Result<Id> {
        let found = bridgeboard_core::domain::phi::check_op(&op);
        if !found.is_empty() {
            let message = bridgeboard_core::PhiFinding::message(&found);
            if !self.allow_phi {
                return Err(Error::Validation(format!("{message} Edit it out, or give --allow-phi-like to save it anyway.")));
            }
            eprintln!("warning: {message} Saved anyway (--allow-phi-like).");
        }
        self.store.apply(&self.actor, self.clock.now, op)
    }
}

pub fn run(command: Command, db: &Path, actor: Option<&str>, allow_phi: bool, clock: Clock) -> Result<String> {
    match command {
        Command::Demo { today } => board::demo(db, today.as_deref(), clock),
        Command::List { json } => board::list(&open_existing(db)?, json, clock.today),
        Command::Check => board::check(&open_existing(db)?, db),
        Command::Backup { out } => board::backup(&open_existing(db)?, db, &out),
        Command::Export(args) => export::export(&open_existing(db)?, &args, clock),
        Command::Import(args) => import::import(db, actor, &args, clock),
        Command::Share { folder, device } => sharing::share(db, &folder, device, actor, clock),
        Command::Join { folder, board, device } => sharing::join(db, &folder, board.as_deref(), device, actor, clock),
        Command::Sync { watch, every } => sharing::sync(db, watch, every, actor, clock),
        Command::SyncStatus { json } => sharing::status(&open_existing(db)?, json),
        Command::Conflicts { json } => sharing::conflicts(&open_existing(db)?, json),
        Command::Resolve { item, field, keep } => sharing::resolve(db, &item, &field, keep, actor, clock),
        Command::Unshare => sharing::unshare(db, actor, clock),
        Command::NeedsAttention { json } => sharing::needs_attention(&open_existing(db)?, json),
        Command::KeepDeleted { item } => sharing::keep_deleted(db, &item, actor, clock),
        Command::Gates { item, json } => governance::gates(&open_existing(db)?, &item, json, clock),
        Command::GateTypes { json } => governance::gate_types(&open_existing(db)?, json),
        Command::Kpis { item, json } => results::kpis(&open_existing(db)?, &item, json, clock),
        Command::Templates { json } => templates::list(&open_existing(db)?, json),
        Command::Baselines { json } => board::baselines(&open_existing(db)?, json),
        Command::CompareBaseline { name, json } => board::compare_baseline(&open_existing(db)?, &name, json),
        Command::ExportTemplate { template, out } => templates::export(&open_existing(db)?, &template, &out),
        edit => {
            // Only a command that can start a board may create its file; the others name items
            // that a new board cannot have, so on a mistyped path they refuse instead of
            // leaving an empty board behind.
            let starts_a_board = matches!(edit, Command::AddInitiative { .. } | Command::AddPerson { .. } | Command::AddDepartment { .. });
            let store = if starts_a_board { Store::open(db, None)? } else { open_existing(db)? };
            let board = Snapshot::read(&store, clock.today)?;
            let actor = actor_in(&board, actor)?;
            run_edit(&mut Edit { store, board, actor, clock, allow_phi }, edit)
        }
    }
}

fn run_edit(e: &mut Edit, command: Command) -> Result<String> {
    let id = match command {
        Command::AddInitiative { title, template: Some(template), fields } => templates::add_from(e, title, &template, fields)?,
        Command::AddInitiative { title, template: None, fields } => initiatives::add(e, title, fields)?,
        Command::SaveTemplate { item, name, description } => templates::save(e, &item, name, description)?,
        Command::ImportTemplate { path } => templates::import(e, &path)?,
        Command::RemoveTemplate { template } => templates::remove(e, &template)?,
        Command::SaveBaseline { name } => e.apply(Op::SaveBaseline { name })?,
        Command::EditInitiative { item, title, fields, clear } => initiatives::edit(e, &item, title, fields, clear)?,
        Command::AddTask { initiative, title, department, fields, milestone, go_live } => {
            tasks::add(e, &initiative, title, &department, fields, milestone, go_live)?
        }
        Command::EditTask { task, title, department, fields, kind, go_live, clear } => {
            tasks::edit(e, &task, title, department, fields, kind, go_live, clear)?
        }
        Command::MoveInitiative { item, days } => initiatives::move_plan(e, &item, days)?,
        Command::MoveTask { task, direction } => tasks::move_task(e, &task, direction.up)?,
        Command::Status { item, status } => links::status(e, &item, &status)?,
        Command::AddPerson { name, department, email, title } => people::add(e, name, &department, email, title)?,
        Command::EditPerson { person, name, email, title, department } => people::edit(e, &person, name, email, title, department)?,
        Command::AddDepartment { name, color } => people::add_department(e, name, color)?,
        Command::Depend { successor, predecessor, lag, relates } => links::depend(e, &successor, &predecessor, lag, relates)?,
        Command::Undepend { item, predecessor } => links::undepend(e, &item, predecessor.as_deref())?,
        Command::Delete { item, reassign_to } => links::delete(e, &item, reassign_to.as_deref())?,
        Command::Restore { item } => links::restore(e, &item)?,
        Command::Comment { item, text } => links::comment(e, &item, text)?,
        Command::SetRole { item, role, person } => governance::set_role(e, &item, &role, &person)?,
        Command::RemoveRole { item, role, person } => governance::remove_role(e, &item, &role, &person)?,
        Command::AddGate { item, gate, approver } => governance::add_gate(e, &item, &gate, &approver)?,
        Command::Gate { item, gate, state, reason, evidence, approver } => {
            governance::change_gate(e, &item, &gate, governance::GateEdit { state, reason, evidence, approver })?
        }
        Command::RemoveGate { item, gate } => governance::remove_gate(e, &item, &gate)?,
        Command::AddGateType { key, name, description, usual_approver } => {
            governance::add_gate_type(e, key, name, description, usual_approver)?
        }
        Command::EditGateType { gate, key, name, description, usual_approver } => {
            governance::edit_gate_type(e, &gate, key, name, description, usual_approver)?
        }
        Command::RemoveGateType { gate } => governance::remove_gate_type(e, &gate)?,
        Command::AddKpi { item, name, unit, direction, baseline, baseline_date, target, target_date } => {
            let kpi = results::NewKpiArgs { name, unit, direction, baseline, baseline_date, target, target_date };
            results::add_kpi(e, &item, kpi)?
        }
        Command::AddReading { item, kpi, value, date, note } => results::add_reading(e, &item, &kpi, value, &date, note)?,
        Command::RemoveKpi { item, kpi } => results::remove_kpi(e, &item, &kpi)?,
        _ => unreachable!("commands on the board file as a whole are dispatched in run"),
    };
    Ok(id.to_string())
}

/// Who `--as` names, as the activity log records them; the CLI itself when no one is named.
fn actor_in(board: &Snapshot, query: Option<&str>) -> Result<Actor> {
    Ok(match query {
        Some(query) => {
            let person = board.person(query)?;
            Actor { id: Some(person.id), name: person.name.clone() }
        }
        None => Actor { id: None, name: "bridgeboard-cli".into() },
    })
}

/// Opens a board that must already exist: reading must never leave an empty board behind.
fn open_existing(db: &Path) -> Result<Store> {
    match std::fs::metadata(db) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err(Error::Storage(format!(
            "There is no board file at {} (the file or its folder does not exist). Check the path; \
             a new board is started by add-initiative, add-person or add-department, or by `demo`.",
            db.display()
        ))),
        Ok(meta) if meta.is_file() && meta.len() == 0 => {
            Err(Error::Storage(format!("{} is empty: it holds no board yet. Add something to it first, or run `demo`.", db.display())))
        }
        _ => Store::open(db, None),
    }
}

/// Refuses an edit that names nothing to change.
fn require_changes<T>(changes: &[T], command: &str) -> Result<()> {
    if changes.is_empty() {
        return Err(Error::Validation(format!(
            "Nothing to change: give at least one option, such as --status. See `bridgeboard-cli {command} --help`."
        )));
    }
    Ok(())
}

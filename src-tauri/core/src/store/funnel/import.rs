//! Importing a board export (the JSON bundle) into an empty board, all or nothing: the bundle is
//! checked row by row against the same rules as any edit, every problem is reported at once with
//! where it is, and only a clean bundle is written, in one transaction, with one activity entry
//! that records the import. Ids, timestamps, deleted rows and the history are kept, so exporting
//! the imported board gives the same file back, apart from that one entry.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::activity::Entry;
use super::{quoted, Ctx};
use crate::domain::graph::find_cycle;
use crate::domain::model::*;
use crate::domain::{rules, validate};
use crate::store::bundle::Bundle;
use crate::store::{restore, Store};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportSummary {
    pub initiatives: usize,
    pub tasks: usize,
    pub people: usize,
    pub dependencies: usize,
}

impl Store {
    pub fn import_bundle(&mut self, actor: &Actor, now: DateTime<Utc>, bundle: &Bundle) -> Result<ImportSummary> {
        let problems = check(bundle);
        if !problems.is_empty() {
            let intro = format!("The board export was not imported; nothing was changed. Fix these {} problems first:", problems.len());
            return Err(Error::Problems { intro, problems });
        }
        if self.is_shared() {
            return Err(Error::Conflict(
                "This board is shared with other desktops, so a board export cannot fill it. Import the export into a new board file, then share that one.".into(),
            ));
        }
        self.write(actor, now, |tx| {
            if restore::has_content(tx)? {
                return Err(Error::Conflict(
                    "This board already holds work. A board export is imported into a new, empty board file, which it fills whole; create one in Settings (or with --db NEW-FILE) and import there.".into(),
                ));
            }
            // Writing into an empty board, a refusal by the database (a row pointing at one the
            // file does not hold, a value twice) comes from the file: say so, not that the
            // board is broken. A full disk or a busy file still says what it is.
            restore::write(tx, bundle).map_err(|err| match err {
                Error::Storage(detail) => Error::Validation(format!(
                    "The board export was not imported; nothing was changed. Its rows do not fit together ({detail}); it may be damaged: export the board again from Bridgeboard."
                )),
                other => other,
            })?;
            // A copy of a board, never mistaken for the board it came from (which may be shared).
            crate::store::board::set_id(tx, uuid::Uuid::now_v7(), now)?;
            let summary = ImportSummary {
                initiatives: bundle.initiatives.iter().filter(|i| i.deleted_at.is_none()).count(),
                tasks: bundle.tasks.iter().filter(|t| t.deleted_at.is_none()).count(),
                people: bundle.people.iter().filter(|p| p.stamps.deleted_at.is_none()).count(),
                dependencies: bundle.dependencies.iter().filter(|d| d.stamps.deleted_at.is_none()).count(),
            };
            let ctx = Ctx::new(tx, actor, now);
            ctx.log(Entry {
                item_kind: ItemKind::Board,
                item_id: bundle.board.info.id,
                initiative_id: None,
                action: "import",
                field: None,
                before: None,
                after: Some(bundle.board.info.name.clone()),
                summary: format!(
                    "imported the board {} from a Bridgeboard export: {} initiatives, {} tasks, {} people",
                    quoted(&bundle.board.info.name),
                    summary.initiatives,
                    summary.tasks,
                    summary.people
                ),
            })?;
            Ok(summary)
        })
    }
}

/// Records where an imported item came from (`Op::SetImportSource`).
pub(super) fn set_import_source(ctx: &Ctx, id: Id, key: &str, values: &str) -> Result<Id> {
    if key.trim().is_empty() {
        return Err(Error::Validation("An imported item's source key cannot be empty.".into()));
    }
    if !matches!(serde_json::from_str::<serde_json::Value>(values), Ok(serde_json::Value::Object(_))) {
        return Err(Error::Validation(format!("The values recorded for {key} are not a JSON object.")));
    }
    if !crate::store::items::set_source(ctx.tx, id, key, values)? {
        return Err(Error::NotFound(format!("No initiative or task with id {id} is on this board; it may have been deleted.")));
    }
    Ok(id)
}

/// Every problem in the bundle, each saying where it is and what is wrong.
fn check(b: &Bundle) -> Vec<String> {
    let mut problems = Vec::new();
    let mut note = |place: String, result: Result<()>| {
        if let Err(err) = result {
            problems.push(format!("{place}: {err}"));
        }
    };
    let departments: HashSet<Id> = b.departments.iter().map(|d| d.department.id).collect();
    for (id, name) in [(MARKETING, "Marketing"), (IT, "IT")] {
        if !departments.contains(&id) {
            note("departments".into(), Err(Error::Validation(format!("the built-in {name} department is missing."))));
        }
    }
    let people: HashMap<Id, &Person> = b.people.iter().map(|p| (p.person.id, &p.person)).collect();
    for (n, p) in b.people.iter().enumerate() {
        let place = format!("people #{} ({})", n + 1, p.person.id);
        note(place.clone(), validate::name(&p.person.name).map(|_| ()));
        if !departments.contains(&p.person.department_id) {
            note(place, Err(Error::Validation("their department is not in the export.".into())));
        }
    }
    let person = |id: Option<Id>| id.map(|id| people.get(&id).copied().ok_or(id));
    let mut kinds: HashMap<Id, ItemKind> = HashMap::new();
    for (n, row) in b.initiatives.iter().enumerate() {
        let i = &row.initiative;
        kinds.insert(i.id, ItemKind::Initiative);
        let place = format!("initiatives #{} ({})", n + 1, quoted(&i.title));
        note(place.clone(), validate::title(&i.title).map(|_| ()));
        note(place.clone(), validate::long_text("The summary", &i.summary).map(|_| ()));
        note(place.clone(), validate::date_order(i.start, i.target, "target date"));
        let mut owners = Vec::new();
        for (role, id) in [("Marketing owner", i.marketing_owner_id), ("IT owner", i.it_owner_id), ("executive sponsor", i.sponsor_id)] {
            match person(id) {
                Some(Err(missing)) => note(place.clone(), Err(Error::Validation(format!("the {role} ({missing}) is not in the export.")))),
                Some(Ok(p)) => owners.push((role, p)),
                None => {}
            }
        }
        if row.deleted_at.is_none() {
            for (role, p) in owners {
                let dept = match role {
                    "Marketing owner" => MARKETING,
                    "IT owner" => IT,
                    _ => continue,
                };
                note(place.clone(), rules::check_owner(role, dept, Some(p)));
            }
            note(place.clone(), rules::check_owners_for_status(&i.title, i.status, i.marketing_owner_id, i.it_owner_id));
        }
    }
    let initiative_ids: HashSet<Id> = b.initiatives.iter().map(|i| i.initiative.id).collect();
    let mut parent: HashMap<Id, Id> = HashMap::new();
    for (n, row) in b.tasks.iter().enumerate() {
        let t = &row.task;
        kinds.insert(t.id, ItemKind::Task);
        parent.insert(t.id, t.initiative_id);
        let place = format!("tasks #{} ({})", n + 1, quoted(&t.title));
        note(place.clone(), validate::title(&t.title).map(|_| ()));
        note(place.clone(), validate::long_text("The notes", &t.notes).map(|_| ()));
        note(place.clone(), validate::date_order(t.start, t.due, "due date"));
        if !initiative_ids.contains(&t.initiative_id) {
            note(place.clone(), Err(Error::Validation("its initiative is not in the export.".into())));
        }
        if !departments.contains(&t.department_id) {
            note(place.clone(), Err(Error::Validation("its department is not in the export.".into())));
        }
        if let Some(Err(missing)) = person(t.assignee_id) {
            note(place, Err(Error::Validation(format!("its assignee ({missing}) is not in the export."))));
        }
    }
    // Live finish-to-start edges, added in creation order, must never close a loop.
    let live: HashSet<Id> = b
        .initiatives
        .iter()
        .filter(|i| i.deleted_at.is_none())
        .map(|i| i.initiative.id)
        .chain(b.tasks.iter().filter(|t| t.deleted_at.is_none()).map(|t| t.task.id))
        .collect();
    let mut successors: HashMap<Id, Vec<Id>> = HashMap::new();
    for (task, initiative) in &parent {
        successors.entry(*task).or_default().push(*initiative);
    }
    for (n, row) in b.dependencies.iter().enumerate() {
        let d = &row.dependency;
        let place = format!("dependencies #{} ({})", n + 1, d.id);
        for (end, kind) in [(d.from_id, d.from_kind), (d.to_id, d.to_kind)] {
            if kinds.get(&end) != Some(&kind) {
                note(place.clone(), Err(Error::Validation(format!("its end {end} is not a {} in the export.", kind.wire()))));
            }
        }
        note(place.clone(), validate::lag(d.lag_days).map(|_| ()));
        let active = row.stamps.deleted_at.is_none() && live.contains(&d.from_id) && live.contains(&d.to_id);
        if active && d.kind == DependencyKind::FinishToStart {
            let lookup = |id: Id| Ok::<_, ()>(successors.get(&id).cloned().unwrap_or_default());
            if find_cycle(d.from_id, d.to_id, lookup).ok().flatten().is_some() {
                note(place, Err(Error::Validation("it closes a loop of dependencies.".into())));
            } else {
                successors.entry(d.from_id).or_default().push(d.to_id);
            }
        }
    }
    for (n, row) in b.comments.iter().enumerate() {
        if !kinds.contains_key(&row.comment.item_id) {
            note(format!("comments #{}", n + 1), Err(Error::Validation("it is on an item that is not in the export.".into())));
        }
    }
    problems
}

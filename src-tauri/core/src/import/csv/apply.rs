//! Writing a plan through the write funnel, one operation at a time inside one transaction
//! (`Store::batch`): initiatives first, then their tasks, then the dependencies, each in file
//! order. The activity log gets a line on each initiative the file adds to and one on the board,
//! not one per row. A refusal by the funnel (a dependency loop, a task linked to its own initiative) is
//! noted against its row like any other problem and the rest goes on; rows that depend on a
//! row that was not created are left out quietly, its own problem being reported already.

use super::columns::{Columns, Field};
use super::refs::Ref;
use super::rows::{Item, Plan};
use super::{CsvImportSummary, Problem};
use crate::domain::model::{DependencyKind, Id};
use std::collections::HashMap;

use crate::domain::ops::{NewDependency, Op};
use crate::store::Batch;
use crate::{Error, Result};

/// Applies `plan` through `batch` (one funnel operation each), adding the funnel's refusals to
/// `problems`. Only a storage failure stops it.
pub(super) fn apply(plan: &Plan, columns: &Columns, batch: &Batch, problems: &mut Vec<Problem>) -> Result<CsvImportSummary> {
    let apply = |op| batch.apply_quietly(op);
    let mut created: Vec<Option<Id>> = vec![None; plan.drafts.len()];
    let mut summary = CsvImportSummary {
        initiatives: 0,
        tasks: 0,
        people: 0,
        dependencies: 0,
        ignored_columns: columns.ignored.clone(),
        phi_like: Vec::new(),
    };
    let mut refused = |line: u64, field: Option<Field>, err: Error| -> Result<()> {
        if err.code() == "storage" {
            return Err(err);
        }
        problems.push(Problem { line, column: field.and_then(|f| columns.heading(f)), message: err.to_string() });
        Ok(())
    };
    let resolve = |created: &[Option<Id>], r: Ref| match r {
        Ref::Row(at) => created[at],
        Ref::Board(id) => Some(id),
    };
    for (at, draft) in plan.drafts.iter().enumerate() {
        if let Some(Item::Initiative(new)) = &draft.item {
            match apply(Op::CreateInitiative(new.clone())) {
                Ok(id) => {
                    created[at] = Some(id);
                    summary.initiatives += 1;
                }
                Err(err) => refused(draft.line, None, err)?,
            }
        }
    }
    for (at, draft) in plan.drafts.iter().enumerate() {
        let Some(Item::Task { parent, task }) = &draft.item else { continue };
        let Some(initiative_id) = resolve(&created, *parent) else { continue };
        match apply(Op::CreateTask(crate::NewTask { initiative_id, ..task.clone() })) {
            Ok(id) => {
                created[at] = Some(id);
                summary.tasks += 1;
            }
            Err(err) => refused(draft.line, None, err)?,
        }
    }
    let mut titles: Vec<(Id, String)> = Vec::new();
    let mut tasks_of: HashMap<Id, usize> = HashMap::new();
    for (at, draft) in plan.drafts.iter().enumerate() {
        match (&draft.item, created[at]) {
            (Some(Item::Initiative(new)), Some(id)) => titles.push((id, new.title.clone())),
            (Some(Item::Task { parent, .. }), Some(_)) => {
                *tasks_of.entry(resolve(&created, *parent).expect("a task made has its initiative")).or_default() += 1
            }
            _ => {}
        }
    }
    for link in &plan.links {
        let (Some(from_id), Some(to_id)) = (resolve(&created, link.from), created[link.to]) else { continue };
        let op = Op::AddDependency(NewDependency { from_id, to_id, kind: DependencyKind::FinishToStart, lag_days: 0 });
        match apply(op) {
            Ok(_) => summary.dependencies += 1,
            Err(err) => refused(link.line, Some(Field::DependsOn), err)?,
        }
    }
    for (id, title) in &titles {
        let tasks = tasks_of.remove(id).unwrap_or(0);
        batch.note(Some(*id), "import", format!("imported “{title}” from a CSV file with {tasks} tasks"))?;
    }
    for (id, tasks) in tasks_of {
        batch.note(Some(id), "import", format!("imported {tasks} tasks into it from a CSV file"))?;
    }
    batch.note(
        None,
        "import",
        format!(
            "imported {} initiatives, {} tasks and {} dependencies from a CSV file",
            summary.initiatives, summary.tasks, summary.dependencies
        ),
    )?;
    Ok(summary)
}

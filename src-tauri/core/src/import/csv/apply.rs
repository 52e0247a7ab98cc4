//! Writing a plan through the write funnel, one operation at a time inside one transaction
//! (`Store::batch`): initiatives first, then their tasks, then the dependencies, each in file
//! order. A row whose id is an item of this board (a sheet of the board's own items), or that an
//! earlier import of the same sheet brought in, updates that item instead of adding one (see
//! `reimport`): only the columns the sheet has, each change logged. The activity log gets a line
//! on each initiative the file adds or adds to and one on the board, not one per row. A refusal by the funnel (a dependency loop, a task linked to its own initiative) is
//! noted against its row like any other problem and the rest goes on; rows that depend on a
//! row that was not created are left out quietly, its own problem being reported already.

use std::collections::{HashMap, HashSet};

use super::columns::{Columns, Field};
use super::refs::Ref;
use super::rows::{Item, Plan};
use super::{CsvImportSummary, Problem};
use crate::domain::model::{DependencyKind, Id, ItemKind};
use crate::domain::ops::{InitiativeChange, NewDependency, Op, TaskChange};
use crate::import::reimport::{self, Fields, Found, Known, Standing, Updated};
use crate::store::Batch;
use crate::ErrorCode;
use crate::{Error, Result};

/// The tool name of a sheet's keys (`sheet::ID`).
const SHEET: &str = "sheet";

/// Applies `plan` through `batch` (one funnel operation each), adding the funnel's refusals to
/// `problems`. Only a storage failure stops it.
pub(super) fn apply(plan: &Plan, columns: &Columns, known: &Known, batch: &Batch, problems: &mut Vec<Problem>) -> Result<CsvImportSummary> {
    let apply = |op| batch.apply_quietly(op);
    let mut created: Vec<Option<Id>> = vec![None; plan.drafts.len()];
    let mut again: HashSet<Id> = HashSet::new();
    let mut summary = CsvImportSummary {
        initiatives: 0,
        tasks: 0,
        people: 0,
        dependencies: 0,
        updated: Updated::default(),
        ignored_columns: columns.ignored.clone(),
        phi_like: Vec::new(),
    };
    let mut refused = |line: u64, field: Option<Field>, err: Error| -> Result<()> {
        if err.code() == ErrorCode::Storage {
            return Err(err);
        }
        problems.push(Problem { line, column: field.and_then(|f| columns.heading(f)), message: err.to_string() });
        Ok(())
    };
    let resolve = |created: &[Option<Id>], r: Ref| match r {
        Ref::Row(at) => created[at],
        Ref::Board(id) => Some(id),
    };
    let has = |field: Field| columns.index(field).is_some();
    for (at, draft) in plan.drafts.iter().enumerate() {
        let Some(Item::Initiative(new)) = &draft.item else { continue };
        // Only the fields the sheet has columns for: a sheet without a summary keeps the board's.
        let file = Fields::Initiative(
            reimport::initiative_fields(new)
                .into_iter()
                .filter(|c| match c {
                    InitiativeChange::Title(_) => has(Field::Title),
                    InitiativeChange::Status(_) => has(Field::Status),
                    InitiativeChange::Priority(_) => has(Field::Priority),
                    InitiativeChange::Start(_) => has(Field::Start),
                    InitiativeChange::Target(_) => has(Field::Finish),
                    InitiativeChange::MarketingOwner(_) => has(Field::MarketingOwner),
                    InitiativeChange::ItOwner(_) => has(Field::ItOwner),
                    InitiativeChange::Accountable(_) => has(Field::Accountable),
                    InitiativeChange::Tags(_) => has(Field::Tags),
                    _ => false,
                })
                .collect(),
        );
        if let Some((found, key)) = found_again(known, &draft.id, ItemKind::Initiative) {
            let standing = reimport::bring_up_to_date(batch, known, &found, key.as_deref(), &draft.at(), &file, &mut summary.updated)?;
            created[at] = stand(standing, draft.line, &mut again, &mut refused)?;
            continue;
        }
        match apply(Op::CreateInitiative(new.clone())) {
            Ok(id) => {
                record(batch, id, &draft.id, &file)?;
                created[at] = Some(id);
                summary.initiatives += 1;
            }
            Err(err) => refused(draft.line, None, err)?,
        }
    }
    for (at, draft) in plan.drafts.iter().enumerate() {
        let Some(Item::Task { parent, task }) = &draft.item else { continue };
        let file = Fields::Task(
            reimport::task_fields(task)
                .into_iter()
                .filter(|c| match c {
                    TaskChange::Title(_) => has(Field::Title),
                    TaskChange::Department(_) => has(Field::Department) || has(Field::Assignee),
                    TaskChange::Assignee(_) => has(Field::Assignee),
                    TaskChange::Status(_) => has(Field::Status),
                    TaskChange::Start(_) => has(Field::Start),
                    TaskChange::Due(_) => has(Field::Finish),
                    TaskChange::Kind(_) => has(Field::Type) || has(Field::Milestone),
                    _ => false,
                })
                .collect(),
        );
        if let Some((found, key)) = found_again(known, &draft.id, ItemKind::Task) {
            let standing = reimport::bring_up_to_date(batch, known, &found, key.as_deref(), &draft.at(), &file, &mut summary.updated)?;
            created[at] = stand(standing, draft.line, &mut again, &mut refused)?;
            continue;
        }
        let Some(initiative_id) = resolve(&created, *parent) else { continue };
        match apply(Op::CreateTask(crate::NewTask { initiative_id, ..task.clone() })) {
            Ok(id) => {
                record(batch, id, &draft.id, &file)?;
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
            (_, Some(id)) if again.contains(&id) => {}
            (Some(Item::Initiative(new)), Some(id)) => titles.push((id, new.title.clone())),
            (Some(Item::Task { parent, .. }), Some(_)) => {
                *tasks_of.entry(resolve(&created, *parent).expect("a task made has its initiative")).or_default() += 1
            }
            _ => {}
        }
    }
    for link in &plan.links {
        let (Some(from_id), Some(to_id)) = (resolve(&created, link.from), created[link.to]) else { continue };
        if known.linked(from_id, to_id) {
            continue;
        }
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
    let mut note = format!(
        "imported {} initiatives, {} tasks and {} dependencies from a CSV file",
        summary.initiatives, summary.tasks, summary.dependencies
    );
    if summary.updated.items > 0 {
        note.push_str(&format!(" and updated {} items already on the board", summary.updated.items));
    }
    batch.note(None, "import", note)?;
    Ok(summary)
}

/// The item of this board a row with this id cell is, and the key to record on it: the board's
/// own item by its id (no key: it keeps whatever source it has), or the item an earlier import
/// of the sheet brought in.
fn found_again(known: &Known, id: &str, kind: ItemKind) -> Option<(Found, Option<String>)> {
    if id.is_empty() {
        return None;
    }
    if let Ok(own) = id.parse::<Id>() {
        let here = match kind {
            ItemKind::Initiative => known.initiative(own).is_some(),
            _ => known.task(own).is_some(),
        };
        if here {
            return Some((Found { id: own, kind, deleted: false, last: None }, None));
        }
    }
    let key = reimport::key(SHEET, "", id);
    known.find(&key).map(|found| (found, Some(key)))
}

/// Where a row's item found again leaves the import: its id, for the rows and links that refer
/// to it; a refusal of the file's changes to it is a problem of its row.
fn stand(
    standing: Standing,
    line: u64,
    again: &mut HashSet<Id>,
    refused: &mut impl FnMut(u64, Option<Field>, Error) -> Result<()>,
) -> Result<Option<Id>> {
    if let Some(reason) = standing.refused {
        refused(line, None, Error::Validation(reason))?;
    }
    again.extend(standing.id);
    Ok(standing.id)
}

/// Records where a row's new item came from, when the row has an id.
fn record(batch: &Batch, id: Id, row_id: &str, fields: &Fields) -> Result<()> {
    if row_id.is_empty() {
        return Ok(());
    }
    reimport::record(batch, id, &reimport::key(SHEET, "", row_id), fields)
}

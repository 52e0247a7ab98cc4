//! Importing a newer export of the same project: each imported item keeps its key in the tool
//! it came from and the value of each field as the import wrote it, so that the next import of
//! that project finds it again and changes only what the file changed since.
//!
//! For each field of an item already on the board, three values meet: the one the last import
//! wrote, the file's, and the board's. When the file's differs from the last import's, the
//! source changed it: the board takes the file's value, and if the board's value had been
//! changed here since (someone edited it), that edit is overwritten, which the preview lists.
//! When the file's is the last import's, the source did not change it and the board keeps
//! whatever it has, local edits included. An item on the board whose file no longer has it is
//! never deleted; an item deleted on the board is not brought back.
//!
//! Keys are `TOOL:ORIGIN:ID`: the tool (`jira`, `asana`, `trello`, `msproject`, `sheet`), the
//! project or site the ids belong to (a Jira site, an MS Project plan's GUID; empty when the
//! ids are unique on their own, or when the file does not say), and the item's id there (a Jira
//! issue id, an Asana task id, a Trello card id, an MS Project UID, a sheet's id cell). An
//! empty origin matches any: a Jira export without attachments does not name its site.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::domain::model::{Id, Initiative, ItemKind, Task};
use crate::domain::ops::{InitiativeChange, NewInitiative, NewTask, Op, TaskChange};
use crate::domain::snapshot::Snapshot;
use crate::store::{Batch, ImportedItem};
use crate::ErrorCode;
use crate::{Result, Store};

/// The value of each field, by its wire name, as an import wrote it.
pub type Values = BTreeMap<String, Value>;

/// A key made of the tool, the origin its ids belong to and the item's id there.
pub fn key(tool: &str, origin: &str, id: &str) -> String {
    format!("{tool}:{}:{id}", origin.replace(':', "_"))
}

/// A field a newer file changes on an item already on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldUpdate {
    /// The item, as the file names it ("DFD-12 Launch the portal", "line 7").
    pub at: String,
    pub field: String,
    /// The board's value now, and the file's, as a person reads them.
    pub board: String,
    pub file: String,
    /// The board's value was changed here since the last import (or no import recorded what it
    /// wrote): the update overwrites that edit.
    pub edited_here: bool,
}

/// What the board knows of earlier imports: the items they brought in, by key, with the board
/// as it is now (their current values, who the people are, the dependencies and comments there).
pub struct Known {
    items: Vec<ImportedItem>,
    by_id: HashMap<(String, String), Vec<usize>>,
    pub board: Snapshot,
    edges: HashSet<(Id, Id)>,
    comments: HashSet<(Id, String)>,
    /// Where each initiative and task is in `board`.
    at: HashMap<Id, usize>,
}

/// One item an import finds on the board again.
pub struct Found {
    pub id: Id,
    pub kind: ItemKind,
    pub deleted: bool,
    pub last: Option<Values>,
}

impl Known {
    /// Reads what `store` knows of earlier imports. `board` is its snapshot, or only its people
    /// and departments when nothing on it was imported (the first import of a file reads no more).
    pub fn load(store: &Store) -> Result<Known> {
        let items = store.imported_items()?;
        let board = if items.is_empty() { store.people_and_departments()? } else { store.snapshot()? };
        Known::with(store, items, board)
    }

    /// [`Known::load`] with the board's whole snapshot, which a sheet's rows may name items of.
    pub fn load_whole(store: &Store) -> Result<Known> {
        Known::with(store, store.imported_items()?, store.snapshot()?)
    }

    fn with(store: &Store, items: Vec<ImportedItem>, board: Snapshot) -> Result<Known> {
        let ids: Vec<Id> = items.iter().filter(|i| !i.deleted).map(|i| i.id).collect();
        let comments = store.comments_on(&ids)?.into_iter().map(|c| (c.item_id, c.body.trim().to_string())).collect();
        Ok(Known::new(items, board, comments))
    }

    pub fn new(items: Vec<ImportedItem>, board: Snapshot, comments: HashSet<(Id, String)>) -> Known {
        let mut by_id: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (at, item) in items.iter().enumerate() {
            if let Some((tool, _, id)) = split(&item.key) {
                by_id.entry((tool.to_string(), id.to_string())).or_default().push(at);
            }
        }
        let edges = board.dependencies.iter().flat_map(|d| [(d.from_id, d.to_id), (d.to_id, d.from_id)]).collect();
        let at = board
            .initiatives
            .iter()
            .enumerate()
            .map(|(n, i)| (i.id, n))
            .chain(board.tasks.iter().enumerate().map(|(n, t)| (t.id, n)))
            .collect();
        Known { items, by_id, board, edges, comments, at }
    }

    /// The item an earlier import brought in under `key` (same tool and id; same origin, or
    /// one of the two unknown).
    pub fn find(&self, key: &str) -> Option<Found> {
        let (tool, origin, id) = split(key)?;
        let candidates = self.by_id.get(&(tool.to_string(), id.to_string()))?;
        let same = |at: &&usize| split(&self.items[**at].key).is_some_and(|(_, o, _)| o == origin);
        let loose = |at: &&usize| split(&self.items[**at].key).is_some_and(|(_, o, _)| o.is_empty() || origin.is_empty());
        let at = candidates.iter().find(same).or_else(|| candidates.iter().find(loose))?;
        let item = &self.items[*at];
        let last = item.values.as_deref().and_then(|v| serde_json::from_str(v).ok());
        Some(Found { id: item.id, kind: item.kind, deleted: item.deleted, last })
    }

    pub fn initiative(&self, id: Id) -> Option<&Initiative> {
        self.board.initiatives.get(*self.at.get(&id)?).filter(|i| i.id == id)
    }

    pub fn task(&self, id: Id) -> Option<&Task> {
        self.board.tasks.get(*self.at.get(&id)?).filter(|t| t.id == id)
    }

    /// Are these two items linked already (either way round)?
    pub fn linked(&self, a: Id, b: Id) -> bool {
        self.edges.contains(&(a, b))
    }

    /// Does the item have a comment with this text already?
    pub fn has_comment(&self, item: Id, body: &str) -> bool {
        self.comments.contains(&(item, body.trim().to_string()))
    }

    /// How a field's value reads: a person or a department by name, a list joined, none said so.
    fn shown(&self, value: &Value) -> String {
        match value {
            Value::Null => "none".into(),
            Value::String(text) => match text.parse::<Id>() {
                Ok(id) => self
                    .board
                    .people
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| p.name.clone())
                    .or_else(|| self.board.departments.iter().find(|d| d.id == id).map(|d| d.name.clone()))
                    .unwrap_or_else(|| text.clone()),
                Err(_) if text.is_empty() => "none".into(),
                Err(_) => text.clone(),
            },
            Value::Array(list) if list.is_empty() => "none".into(),
            Value::Array(list) => list.iter().map(|v| self.shown(v)).collect::<Vec<_>>().join(", "),
            other => other.to_string(),
        }
    }
}

fn split(key: &str) -> Option<(&str, &str, &str)> {
    let mut parts = key.splitn(3, ':');
    Some((parts.next()?, parts.next()?, parts.next()?))
}

/// The fields of an initiative an import writes, as the changes that would write them.
pub fn initiative_fields(new: &NewInitiative) -> Vec<InitiativeChange> {
    vec![
        InitiativeChange::Title(new.title.trim().to_string()),
        InitiativeChange::Summary(new.summary.clone()),
        InitiativeChange::Status(new.status),
        InitiativeChange::Priority(new.priority),
        InitiativeChange::Start(new.start),
        InitiativeChange::Target(new.target),
        InitiativeChange::MarketingOwner(new.marketing_owner_id),
        InitiativeChange::ItOwner(new.it_owner_id),
        InitiativeChange::Accountable(new.accountable_id),
        InitiativeChange::Tags(tag_set(&new.tags)),
    ]
}

/// The same fields of an initiative on the board.
pub fn initiative_now(i: &Initiative) -> Vec<InitiativeChange> {
    let new = NewInitiative {
        title: i.title.clone(),
        summary: i.summary.clone(),
        status: i.status,
        priority: i.priority,
        start: i.start,
        target: i.target,
        marketing_owner_id: i.marketing_owner_id,
        it_owner_id: i.it_owner_id,
        sponsor_id: i.sponsor_id,
        tags: i.tags.clone(),
        block_reason: i.block_reason.clone(),
        accountable_id: i.accountable_id,
    };
    initiative_fields(&new)
}

/// The fields of a task an import writes, as the changes that would write them.
pub fn task_fields(new: &NewTask) -> Vec<TaskChange> {
    vec![
        TaskChange::Title(new.title.trim().to_string()),
        TaskChange::Notes(new.notes.clone()),
        TaskChange::Department(new.department_id),
        TaskChange::Assignee(new.assignee_id),
        TaskChange::Status(new.status),
        TaskChange::Start(new.start),
        TaskChange::Due(new.due),
        TaskChange::Kind(new.kind),
    ]
}

/// The same fields of a task on the board.
pub fn task_now(t: &Task) -> Vec<TaskChange> {
    let new = NewTask {
        notes: t.notes.clone(),
        assignee_id: t.assignee_id,
        status: t.status,
        start: t.start,
        due: t.due,
        kind: t.kind,
        ..NewTask::titled(t.initiative_id, t.department_id, t.title.clone())
    };
    task_fields(&new)
}

/// Tags compare as a set, whatever their order or case.
fn tag_set(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = crate::domain::validate::tags(tags).unwrap_or_else(|_| tags.to_vec());
    out.sort_by_key(|t| t.to_lowercase());
    out
}

/// Each change's value by its field's wire name.
pub fn values<C: Serialize>(changes: &[C]) -> Values {
    changes
        .iter()
        .filter_map(|c| match serde_json::to_value(c) {
            Ok(Value::Object(mut map)) => {
                let field = map.remove("field")?.as_str()?.to_string();
                Some((field, map.remove("value").unwrap_or(Value::Null)))
            }
            _ => None,
        })
        .collect()
}

/// The changes the file makes to an item already on the board (`file`: its fields as the file
/// has them; `now`: as the board has them; `last`: as the last import wrote them), and each
/// field update as the preview lists it.
pub fn changes<C: Serialize + Clone>(known: &Known, at: &str, file: &[C], now: &[C], last: Option<&Values>) -> (Vec<C>, Vec<FieldUpdate>) {
    let now_values = values(now);
    let mut out = (Vec::new(), Vec::new());
    for change in file {
        let Some((field, value)) = values(std::slice::from_ref(change)).into_iter().next() else { continue };
        let board = now_values.get(&field).unwrap_or(&Value::Null);
        let before = last.and_then(|l| l.get(&field));
        let changed_at_source = before != Some(&value);
        if !changed_at_source || *board == value {
            continue;
        }
        out.0.push(change.clone());
        out.1.push(FieldUpdate {
            at: at.to_string(),
            field: label(&field).to_string(),
            board: known.shown(board),
            file: known.shown(&value),
            edited_here: before != Some(board),
        });
    }
    out
}

/// A field as a person names it.
fn label(field: &str) -> &str {
    match field {
        "title" => "title",
        "summary" => "summary",
        "notes" => "notes",
        "status" => "status",
        "priority" => "priority",
        "start" => "start date",
        "target" => "target date",
        "due" => "due date",
        "marketing_owner" => "Marketing owner",
        "it_owner" => "IT owner",
        "accountable" => "Accountable",
        "tags" => "tags",
        "department" => "department",
        "assignee" => "assignee",
        "kind" => "kind",
        other => other,
    }
}

/// What an import did to items already on the board.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Updated {
    /// Items the file changed.
    pub items: usize,
    /// Items found again with nothing changed at the source since the last import.
    pub unchanged: usize,
    /// Each field changed, with the local edits it overwrites marked.
    pub fields: Vec<FieldUpdate>,
}

/// An item found again, as the import leaves it.
pub struct Standing {
    /// The item, when it stands on the board (updated or not), for its tasks and links.
    pub id: Option<Id>,
    /// Why the file's changes to it are not all brought in.
    pub refused: Option<String>,
}

/// An item's fields as a file has them, as the changes that would write them.
pub enum Fields {
    Initiative(Vec<InitiativeChange>),
    Task(Vec<TaskChange>),
}

/// Brings an item found on the board again up to date with the file, through `batch` (each
/// change logged), and records what the file said under `key` (`None`: the item is the board's
/// own, named by its id in a sheet, and keeps whatever source it has).
pub fn bring_up_to_date(
    batch: &Batch,
    known: &Known,
    found: &Found,
    key: Option<&str>,
    at: &str,
    fields: &Fields,
    updated: &mut Updated,
) -> Result<Standing> {
    let id = found.id;
    match fields {
        Fields::Initiative(file) => {
            let now = known.initiative(id).filter(|_| found.kind == ItemKind::Initiative).map(initiative_now);
            update(batch, known, found, key, at, file, now, |changes| Op::UpdateInitiative { id, changes }, updated)
        }
        Fields::Task(file) => {
            let now = known.task(id).filter(|_| found.kind == ItemKind::Task).map(task_now);
            update(batch, known, found, key, at, file, now, |changes| Op::UpdateTask { id, changes }, updated)
        }
    }
}

/// [`bring_up_to_date`] for one kind of item: `file` its fields as the file has them, `now` as
/// the board has them (`None`: it is on the board as the other kind of item), `op` makes the update.
#[allow(clippy::too_many_arguments)]
fn update<C: Serialize + Clone>(
    batch: &Batch,
    known: &Known,
    found: &Found,
    key: Option<&str>,
    at: &str,
    file: &[C],
    now: Option<Vec<C>>,
    op: impl Fn(Vec<C>) -> Op,
    updated: &mut Updated,
) -> Result<Standing> {
    if found.deleted {
        let refused = "it was deleted on the board, so the file's changes to it are not brought in (restore it, then import again)";
        return Ok(Standing { id: None, refused: Some(refused.into()) });
    }
    let Some(now) = now else {
        let refused = "an earlier import brought it in as another kind of item (an initiative, or a task), so it stays as it is";
        return Ok(Standing { id: None, refused: Some(refused.into()) });
    };
    let (changes, fields) = changes(known, at, file, &now, found.last.as_ref());
    let mut record = values(file);
    let mut refused = None;
    if changes.is_empty() {
        updated.unchanged += 1;
    } else {
        match batch.apply(op(changes.clone())) {
            Ok(_) => {
                updated.items += 1;
                updated.fields.extend(fields);
            }
            Err(err) if err.code() == ErrorCode::Storage => return Err(err),
            Err(err) => {
                // Refused as a whole (most often its status, which its owners or predecessors do
                // not allow here): the rest of it, without the status, which the next import tries again.
                let is_status = |c: &C| values(std::slice::from_ref(c)).contains_key("status");
                let rest: Vec<C> = changes.iter().filter(|c| !is_status(c)).cloned().collect();
                let kept = rest.len() < changes.len() && (rest.is_empty() || batch.apply(op(rest.clone())).is_ok());
                refused = Some(format!("the file's changes to it are refused here: {err}"));
                if kept {
                    match found.last.as_ref().and_then(|l| l.get("status")) {
                        Some(last) => record.insert("status".into(), last.clone()),
                        None => record.remove("status"),
                    };
                    if !rest.is_empty() {
                        updated.items += 1;
                        updated.fields.extend(fields.into_iter().filter(|f| f.field != "status"));
                    }
                } else {
                    return Ok(Standing { id: Some(found.id), refused });
                }
            }
        }
    }
    if let Some(key) = key {
        let values = serde_json::to_string(&record).expect("values are plain JSON");
        batch.apply_quietly(Op::SetImportSource { id: found.id, key: key.to_string(), values })?;
    }
    Ok(Standing { id: Some(found.id), refused })
}

/// Records where a new item came from and what the import wrote.
pub fn record(batch: &Batch, id: Id, key: &str, fields: &Fields) -> Result<()> {
    let values = match fields {
        Fields::Initiative(f) => values(f),
        Fields::Task(f) => values(f),
    };
    let values = serde_json::to_string(&values).expect("values are plain JSON");
    batch.apply_quietly(Op::SetImportSource { id, key: key.to_string(), values })?;
    Ok(())
}

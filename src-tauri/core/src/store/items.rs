//! Tasks and initiatives seen as "items": the ends of dependencies, the blockers, the picker's
//! search results. Every query here selects the same eight columns so one reader serves all:
//! id, title, status, start, finish, kind (`initiative`, `task` or `milestone`), initiative id,
//! initiative title.

use std::collections::HashMap;

use rusqlite::{params, Connection, Row};

use super::rows;
use crate::domain::model::{Id, InitiativeStatus, ItemKind, TaskStatus};
use crate::domain::view::ItemRef;
use crate::Result;

const ITEM_BY_ID: &str = "
    SELECT id, title, status, start_date, target_date, 'initiative', id, title
      FROM initiatives WHERE id = ?1 AND deleted_at IS NULL
    UNION ALL
    SELECT t.id, t.title, t.status, t.start_date, t.due_date, t.kind, i.id, i.title
      FROM tasks t JOIN initiatives i ON i.id = t.initiative_id
     WHERE t.id = ?1 AND t.deleted_at IS NULL AND i.deleted_at IS NULL";

/// An item's kind, status label and whether it is open, from the kind and status among the
/// eight columns starting at `at`, read in place.
fn status_of(r: &Row, at: usize) -> rusqlite::Result<(ItemKind, &'static str, bool)> {
    let status = r.get_ref(at + 2)?.as_str()?;
    Ok(match r.get_ref(at + 5)?.as_str()? {
        "initiative" => {
            let s = InitiativeStatus::from_wire(status).unwrap_or(InitiativeStatus::Proposed);
            (ItemKind::Initiative, s.label(), s.is_open())
        }
        _ => {
            let s = TaskStatus::from_wire(status).unwrap_or(TaskStatus::Todo);
            (ItemKind::Task, s.label(), s.is_open())
        }
    })
}

/// Reads an item from eight columns starting at `at`.
pub fn item_ref_from(r: &Row, at: usize) -> rusqlite::Result<ItemRef> {
    // Read in place: this runs for every dependency when a whole board is loaded.
    let (kind, label, open) = status_of(r, at)?;
    let (start, finish) = (rows::date(r, at + 3)?, rows::date(r, at + 4)?);
    // A milestone is a single day: its due date is also its start.
    let start = if r.get_ref(at + 5)?.as_str()? == "milestone" { start.or(finish) } else { start };
    Ok(ItemRef {
        id: rows::id(r, at)?,
        kind,
        title: r.get(at + 1)?,
        status: label.to_string(),
        open,
        start,
        finish,
        initiative_id: rows::id(r, at + 6)?,
        initiative_title: r.get(at + 7)?,
    })
}

/// A live (not deleted) task or initiative.
pub fn get(conn: &Connection, id: Id) -> Result<Option<ItemRef>> {
    let mut stmt = conn.prepare_cached(ITEM_BY_ID)?;
    let mut rows = stmt.query(params![id.to_string()])?;
    Ok(match rows.next()? {
        Some(r) => Some(item_ref_from(r, 0)?),
        None => None,
    })
}

/// Items whose title contains `query` (ignoring case), initiatives first, at most `limit`.
pub fn find(conn: &Connection, query: &str, limit: usize) -> Result<Vec<ItemRef>> {
    let pattern = format!("%{}%", query.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let mut stmt = conn.prepare_cached(
        "SELECT * FROM (
            SELECT id, title, status, start_date, target_date, 'initiative', id, title, 0 AS rank
              FROM initiatives WHERE deleted_at IS NULL AND title LIKE ?1 ESCAPE '\\'
            UNION ALL
            SELECT t.id, t.title, t.status, t.start_date, t.due_date, t.kind, i.id, i.title, 1
              FROM tasks t JOIN initiatives i ON i.id = t.initiative_id
             WHERE t.deleted_at IS NULL AND i.deleted_at IS NULL AND t.title LIKE ?1 ESCAPE '\\')
         ORDER BY rank, title, id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![pattern, limit as i64], |r| item_ref_from(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// For every item that waits on open finish-to-start predecessors (of one kind, or all), those
/// predecessors: for each, what [`open_predecessors`] finds. "Open" is the statuses' own
/// `is_open`, as everywhere; a task of a deleted initiative is not on the board and blocks nothing.
///
/// Each branch looks up only the kind of item its dependencies start from (`from_kind`): the
/// lookups by id are most of the cost on a large board.
pub fn open_blockers(conn: &Connection, successors: Option<ItemKind>) -> Result<HashMap<Id, Vec<ItemRef>>> {
    // With a kind, the index `dependencies_blocking` finds just the dependencies that block it.
    // Without one, every kind is named all the same, so the index still serves the scan.
    let successors_are = if successors.is_some() { "d.to_kind = ?1" } else { "?1 IS NULL AND d.to_kind IN ('initiative', 'task')" };
    let sql = format!(
        "SELECT d.to_id, p.id, p.title, p.status, p.start_date, p.target_date, 'initiative', p.id, p.title
           FROM dependencies d JOIN initiatives p ON p.id = d.from_id AND p.deleted_at IS NULL
          WHERE d.from_kind = 'initiative' AND d.deleted_at IS NULL AND d.suspended = 0 AND d.kind = 'finish_to_start'
            AND {successors_are}
         UNION ALL
         SELECT d.to_id, t.id, t.title, t.status, t.start_date, t.due_date, t.kind, i.id, i.title
           FROM dependencies d JOIN tasks t ON t.id = d.from_id AND t.deleted_at IS NULL
           JOIN initiatives i ON i.id = t.initiative_id AND i.deleted_at IS NULL
          WHERE d.from_kind = 'task' AND d.deleted_at IS NULL AND d.suspended = 0 AND d.kind = 'finish_to_start'
            AND {successors_are}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut out: HashMap<Id, Vec<ItemRef>> = HashMap::new();
    let mut rows = stmt.query(params![successors.map(ItemKind::wire)])?;
    while let Some(r) = rows.next()? {
        // Most links start from an item that is finished: those are skipped before being read.
        let (_, _, open) = status_of(r, 1)?;
        if open {
            out.entry(rows::id(r, 0)?).or_default().push(item_ref_from(r, 1)?);
        }
    }
    // Each item's predecessors by id. Sorted here: an ORDER BY made SQLite walk the
    // dependencies by index instead of in one plain scan, several times slower.
    for list in out.values_mut() {
        list.sort_unstable_by_key(|p| p.id);
    }
    Ok(out)
}

/// The finish-to-start predecessors of `id` that are still open (they block it).
pub fn open_predecessors(conn: &Connection, id: Id) -> Result<Vec<ItemRef>> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_id FROM dependencies WHERE to_id = ?1 AND kind = 'finish_to_start' AND deleted_at IS NULL AND suspended = 0",
    )?;
    let ids: Vec<Id> = stmt.query_map(params![id.to_string()], |r| rows::id(r, 0))?.collect::<rusqlite::Result<_>>()?;
    let mut open = Vec::new();
    for pred in ids {
        if let Some(item) = get(conn, pred)?.filter(|i| i.open) {
            open.push(item);
        }
    }
    Ok(open)
}

/// An item an import brought in, with where it came from (see migration 4).
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub id: Id,
    pub kind: ItemKind,
    /// Its key in the tool it came from.
    pub key: String,
    /// The value of each field as the last import wrote it (JSON), if recorded.
    pub values: Option<String>,
    /// Deleted on the board (or its initiative is): an import leaves it alone.
    pub deleted: bool,
}

/// Every item that came from an import, deleted ones too.
pub fn imported(conn: &Connection) -> Result<Vec<Imported>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, 'initiative', source_key, source_values, deleted_at IS NOT NULL FROM initiatives WHERE source_key IS NOT NULL
         UNION ALL
         SELECT t.id, 'task', t.source_key, t.source_values, t.deleted_at IS NOT NULL OR i.deleted_at IS NOT NULL
           FROM tasks t JOIN initiatives i ON i.id = t.initiative_id WHERE t.source_key IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(1)?;
        Ok(Imported {
            id: rows::id(r, 0)?,
            kind: if kind == "initiative" { ItemKind::Initiative } else { ItemKind::Task },
            key: r.get(2)?,
            values: r.get(3)?,
            deleted: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records where a live item came from; false when there is no such item.
pub fn set_source(tx: &rusqlite::Transaction, id: Id, key: &str, values: &str) -> Result<bool> {
    let id = id.to_string();
    for sql in [
        "UPDATE initiatives SET source_key = ?2, source_values = ?3 WHERE id = ?1 AND deleted_at IS NULL",
        "UPDATE tasks SET source_key = ?2, source_values = ?3 WHERE id = ?1 AND deleted_at IS NULL",
    ] {
        if tx.prepare_cached(sql)?.execute(params![id, key, values])? > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

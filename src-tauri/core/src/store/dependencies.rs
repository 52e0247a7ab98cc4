//! Dependencies between items: `from` (predecessor) → `to` (successor).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::rows;
use crate::domain::model::{Dependency, DependencyKind, Id, ItemKind};
use crate::Result;

pub(super) const COLUMNS: &str = "id, from_id, from_kind, to_id, to_kind, kind, lag_days";

pub(super) fn from_row(r: &Row) -> rusqlite::Result<Dependency> {
    Ok(Dependency {
        id: rows::id(r, 0)?,
        from_id: rows::id(r, 1)?,
        from_kind: rows::wire(r, 2, ItemKind::from_wire)?,
        to_id: rows::id(r, 3)?,
        to_kind: rows::wire(r, 4, ItemKind::from_wire)?,
        kind: rows::wire(r, 5, DependencyKind::from_wire)?,
        lag_days: r.get(6)?,
    })
}

pub fn get_any(conn: &Connection, id: Id) -> Result<Option<(Dependency, bool)>> {
    let sql = format!("SELECT {COLUMNS}, deleted_at IS NOT NULL FROM dependencies WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row(params![id.to_string()], |r| Ok((from_row(r)?, r.get(7)?))).optional()?)
}

/// Active edges, by their ends (item ids sort by creation time; a dependency's own id is derived
/// from its ends, so it says nothing of order). Sorted here rather than by an ORDER BY, which
/// made SQLite walk an index and look every row up instead of reading the table straight.
pub fn all(conn: &Connection) -> Result<Vec<Dependency>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM dependencies WHERE deleted_at IS NULL AND suspended = 0"))?;
    let rows = stmt.query_map([], from_row)?;
    let mut all: Vec<Dependency> = rows.collect::<rusqlite::Result<_>>()?;
    all.sort_by_key(|d| (d.from_id, d.to_id));
    Ok(all)
}

/// Live edges with either end among `ids`, each with whether it is suspended (see
/// `store/sharing/project.rs`): the detail view shows suspended ones too, as such.
pub fn touching(conn: &Connection, ids: &[Id]) -> Result<Vec<(Dependency, bool)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, suspended FROM dependencies WHERE deleted_at IS NULL AND (from_id = ?1 OR to_id = ?1) ORDER BY from_id, to_id"
    ))?;
    let mut out: Vec<(Dependency, bool)> = Vec::new();
    for id in ids {
        for dep in stmt.query_map(params![id.to_string()], |r| Ok((from_row(r)?, r.get::<_, bool>(7)?)))? {
            let dep = dep?;
            if !out.iter().any(|(d, _)| d.id == dep.0.id) {
                out.push(dep);
            }
        }
    }
    Ok(out)
}

/// An active edge between the two items, in either direction.
pub fn between(conn: &Connection, a: Id, b: Id) -> Result<Option<Dependency>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM dependencies WHERE deleted_at IS NULL
            AND ((from_id = ?1 AND to_id = ?2) OR (from_id = ?2 AND to_id = ?1)) LIMIT 1"
    );
    Ok(conn.prepare_cached(&sql)?.query_row(params![a.to_string(), b.to_string()], from_row).optional()?)
}

/// What directly follows `id` in the finish-to-start order: drawn edges, plus a task's own
/// initiative (which cannot finish before its tasks).
pub fn successors(conn: &Connection, id: Id) -> rusqlite::Result<Vec<Id>> {
    let mut stmt = conn.prepare_cached(
        "SELECT to_id FROM dependencies WHERE from_id = ?1 AND kind = 'finish_to_start' AND deleted_at IS NULL AND suspended = 0
         UNION ALL SELECT initiative_id FROM tasks WHERE id = ?1",
    )?;
    let rows = stmt.query_map(params![id.to_string()], |r| rows::id(r, 0))?;
    rows.collect()
}

pub fn insert(tx: &Transaction, d: &Dependency, now: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached(
        // A link removed earlier keeps its row (and id); adding it again brings that row back.
        &format!(
            "INSERT INTO dependencies ({COLUMNS}, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
             ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, lag_days = excluded.lag_days, deleted_at = NULL, updated_at = excluded.updated_at"
        ))?.execute(params![
            d.id.to_string(),
            d.from_id.to_string(),
            d.from_kind.wire(),
            d.to_id.to_string(),
            d.to_kind.wire(),
            d.kind.wire(),
            d.lag_days,
            rows::stamp(now)
        ])?;
    Ok(())
}

pub fn set_deleted(tx: &Transaction, id: Id, at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached("UPDATE dependencies SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![
        id.to_string(),
        at.map(rows::stamp),
        rows::stamp(now)
    ])?;
    Ok(())
}

/// Every live finish-to-start edge, suspended or not: `(id, from, to)`.
pub fn finish_to_start_edges(conn: &Connection) -> Result<Vec<(Id, Id, Id)>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, from_id, to_id FROM dependencies WHERE deleted_at IS NULL AND kind = 'finish_to_start'")?;
    let rows = stmt.query_map([], |r| Ok((rows::id(r, 0)?, rows::id(r, 1)?, rows::id(r, 2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Marks exactly `ids` as suspended (see `store/sharing/project.rs`).
pub fn set_suspended(tx: &Transaction, ids: &[Id]) -> Result<()> {
    tx.prepare_cached("UPDATE dependencies SET suspended = 0 WHERE suspended = 1")?.execute([])?;
    for id in ids {
        tx.prepare_cached("UPDATE dependencies SET suspended = 1 WHERE id = ?1")?.execute([id.to_string()])?;
    }
    Ok(())
}

/// Suspended dependencies: `(id, from, to)`.
pub fn suspended(conn: &Connection) -> Result<Vec<(Id, Id, Id)>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, from_id, to_id FROM dependencies WHERE deleted_at IS NULL AND suspended = 1 ORDER BY from_id, to_id")?;
    let rows = stmt.query_map([], |r| Ok((rows::id(r, 0)?, rows::id(r, 1)?, rows::id(r, 2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The loop, by title, that `from → to` closes with the dependencies that count: what a
/// suspended dependency is shown with.
pub fn loop_closed_by(conn: &Connection, from: Id, to: Id) -> Result<Vec<String>> {
    let cycle = crate::domain::graph::find_cycle(from, to, |n| successors(conn, n))?.unwrap_or_default();
    cycle.into_iter().map(|n| Ok(super::items::get(conn, n)?.map_or_else(|| n.to_string(), |i| i.title))).collect()
}

//! The board's catalogue of gate types: the six that ship with Bridgeboard (fixed ids, the same
//! on every board) and those people add.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::{rows, Store};
use crate::domain::governance::{GateType, BUILTIN_GATE_TYPES};
use crate::domain::model::Id;
use crate::Result;

const COLUMNS: &str = "id, key, name, description, usual_approver";

/// The moment the built-in types are dated, the same on every desktop, so that two copies of a
/// board hold identical rows.
const BUILTIN_AT: &str = "2026-12-01T00:00:00.000000Z";

pub fn insert_builtin(tx: &Transaction) -> rusqlite::Result<()> {
    for (id, key, name, description, approver) in BUILTIN_GATE_TYPES {
        tx.execute(
            "INSERT OR IGNORE INTO gate_types (id, key, name, description, usual_approver, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![uuid::Uuid::from_u128(id).to_string(), key, name, description, approver, BUILTIN_AT],
        )?;
    }
    Ok(())
}

fn from_row(r: &Row) -> rusqlite::Result<GateType> {
    Ok(GateType { id: rows::id(r, 0)?, key: r.get(1)?, name: r.get(2)?, description: r.get(3)?, usual_approver: r.get(4)? })
}

/// The catalogue in the order it was built: the built-in types first.
pub fn all(conn: &Connection) -> Result<Vec<GateType>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM gate_types WHERE deleted_at IS NULL ORDER BY created_at, id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: Id) -> Result<Option<GateType>> {
    let sql = format!("SELECT {COLUMNS} FROM gate_types WHERE id = ?1 AND deleted_at IS NULL");
    Ok(conn.query_row(&sql, params![id.to_string()], from_row).optional()?)
}

pub fn by_key(conn: &Connection, key: &str) -> Result<Option<GateType>> {
    let sql = format!("SELECT {COLUMNS} FROM gate_types WHERE key = ?1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1");
    Ok(conn.query_row(&sql, params![key], from_row).optional()?)
}

pub fn insert(tx: &Transaction, t: &GateType, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO gate_types (id, key, name, description, usual_approver, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![t.id.to_string(), t.key, t.name, t.description, t.usual_approver, rows::stamp(now)],
    )?;
    Ok(())
}

pub fn update(tx: &Transaction, t: &GateType, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "UPDATE gate_types SET key = ?2, name = ?3, description = ?4, usual_approver = ?5, updated_at = ?6 WHERE id = ?1",
        params![t.id.to_string(), t.key, t.name, t.description, t.usual_approver, rows::stamp(now)],
    )?;
    Ok(())
}

pub fn set_deleted(tx: &Transaction, id: Id, now: DateTime<Utc>) -> Result<()> {
    let now = rows::stamp(now);
    tx.execute("UPDATE gate_types SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", params![id.to_string(), now])?;
    Ok(())
}

/// The initiatives whose gates use a type, by title.
pub fn used_by(conn: &Connection, id: Id) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.title FROM gates g JOIN initiatives i ON i.id = g.initiative_id
          WHERE g.gate_type_id = ?1 AND g.deleted_at IS NULL AND i.deleted_at IS NULL ORDER BY i.title",
    )?;
    let rows = stmt.query_map(params![id.to_string()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The board's gate catalogue, built-in types first.
    pub fn gate_types(&self) -> Result<Vec<GateType>> {
        all(self.conn())
    }
}

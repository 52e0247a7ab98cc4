//! Departments: Marketing and IT on every board (fixed ids), others added by people.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::rows;
use crate::domain::model::{Department, Id, IT, MARKETING};
use crate::Result;

/// Colours for added departments, distinct from Marketing's purple and IT's teal.
pub const PALETTE: &[&str] = &["#b45309", "#be123c", "#4d7c0f", "#1d4ed8", "#6d28d9", "#0e7490"];

pub fn insert_builtin(tx: &Transaction, now: DateTime<Utc>) -> rusqlite::Result<()> {
    for (id, name, color) in [(MARKETING, "Marketing", "#7c3aed"), (IT, "IT", "#0f766e")] {
        insert(tx, &Department { id, name: name.into(), color: color.into() }, now)?;
    }
    Ok(())
}

pub fn insert(tx: &Transaction, d: &Department, now: DateTime<Utc>) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO departments (id, name, color, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![d.id.to_string(), d.name, d.color, rows::stamp(now)],
    )?;
    Ok(())
}

/// Marketing, IT, then the others by name.
pub fn all(conn: &Connection) -> Result<Vec<Department>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, color FROM departments WHERE deleted_at IS NULL
         ORDER BY id NOT IN (?1, ?2), CASE id WHEN ?1 THEN 0 ELSE 1 END, name",
    )?;
    let rows = stmt.query_map(params![MARKETING.to_string(), IT.to_string()], |r| {
        Ok(Department { id: rows::id(r, 0)?, name: r.get(1)?, color: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: Id) -> Result<Option<Department>> {
    Ok(conn
        .prepare_cached("SELECT id, name, color FROM departments WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row(params![id.to_string()], |r| Ok(Department { id: rows::id(r, 0)?, name: r.get(1)?, color: r.get(2)? }))
        .optional()?)
}

pub fn count(conn: &Connection) -> Result<usize> {
    Ok(conn.prepare_cached("SELECT count(*) FROM departments")?.query_row([], |r| r.get::<_, i64>(0))? as usize)
}

pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<Department>> {
    Ok(all(conn)?.into_iter().find(|d| d.name.eq_ignore_ascii_case(name.trim())))
}

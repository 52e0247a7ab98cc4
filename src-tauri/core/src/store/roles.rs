//! Roles: the Responsible, Consulted and Informed people of an initiative or a task. A role's id
//! is derived from its item, person and role, so giving it again brings back the same row.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row, Transaction};

use super::rows;
use crate::domain::governance::{RaciRole, RoleAssignment};
use crate::domain::model::Id;
use crate::Result;

pub(super) const COLUMNS: &str = "id, item_id, initiative_id, person_id, role";

pub(super) fn from_row(r: &Row) -> rusqlite::Result<RoleAssignment> {
    Ok(RoleAssignment {
        id: rows::id(r, 0)?,
        item_id: rows::id(r, 1)?,
        initiative_id: rows::id(r, 2)?,
        person_id: rows::id(r, 3)?,
        role: rows::wire(r, 4, RaciRole::from_wire)?,
    })
}

/// Every role on the board's live items, by initiative, then role, then when it was given.
pub fn all(conn: &Connection) -> Result<Vec<RoleAssignment>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM roles WHERE deleted_at IS NULL
            AND initiative_id IN (SELECT id FROM initiatives WHERE deleted_at IS NULL)
            AND (item_id = initiative_id OR item_id IN (SELECT id FROM tasks WHERE deleted_at IS NULL))
          ORDER BY initiative_id, item_id, role, created_at, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn of_initiative(conn: &Connection, initiative: Id) -> Result<Vec<RoleAssignment>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM roles WHERE initiative_id = ?1 AND deleted_at IS NULL
            AND (item_id = initiative_id OR item_id IN (SELECT id FROM tasks WHERE deleted_at IS NULL))
          ORDER BY item_id, role, created_at, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![initiative.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Is this role given (and not taken back)?
pub fn is_given(conn: &Connection, id: Id) -> Result<bool> {
    let found: i64 =
        conn.query_row("SELECT count(*) FROM roles WHERE id = ?1 AND deleted_at IS NULL", params![id.to_string()], |r| r.get(0))?;
    Ok(found > 0)
}

/// Gives a role, or gives back one that was taken back.
pub fn give(tx: &Transaction, r: &RoleAssignment, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO roles (id, item_id, initiative_id, person_id, role, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT(id) DO UPDATE SET deleted_at = NULL, updated_at = ?6",
        params![
            r.id.to_string(),
            r.item_id.to_string(),
            r.initiative_id.to_string(),
            r.person_id.to_string(),
            r.role.wire(),
            rows::stamp(now)
        ],
    )?;
    Ok(())
}

pub fn take_back(tx: &Transaction, id: Id, now: DateTime<Utc>) -> Result<()> {
    let now = rows::stamp(now);
    tx.execute("UPDATE roles SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id.to_string(), now])?;
    Ok(())
}

/// The roles a person holds on live items.
pub fn held_by(conn: &Connection, person: Id) -> Result<Vec<RoleAssignment>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM roles WHERE person_id = ?1 AND deleted_at IS NULL
            AND initiative_id IN (SELECT id FROM initiatives WHERE deleted_at IS NULL) ORDER BY created_at, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![person.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

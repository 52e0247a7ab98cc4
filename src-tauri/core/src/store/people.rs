//! People: who owns, sponsors and does the work.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::rows;
use crate::domain::model::{Id, Person};
use crate::Result;

const COLUMNS: &str = "id, name, email, title, department_id";

fn from_row(r: &Row) -> rusqlite::Result<Person> {
    Ok(Person { id: rows::id(r, 0)?, name: r.get(1)?, email: r.get(2)?, title: r.get(3)?, department_id: rows::id(r, 4)? })
}

pub fn all(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM people WHERE deleted_at IS NULL ORDER BY name"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The people deleted from the board (a short list: the checks that look for work left with a
/// deleted person read it once instead of asking per item).
pub fn deleted(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM people WHERE deleted_at IS NOT NULL"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A person, deleted or not; the flag says which.
pub fn get_any(conn: &Connection, id: Id) -> Result<Option<(Person, bool)>> {
    let sql = format!("SELECT {COLUMNS}, deleted_at IS NOT NULL FROM people WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row(params![id.to_string()], |r| Ok((from_row(r)?, r.get(5)?))).optional()?)
}

pub fn get(conn: &Connection, id: Id) -> Result<Option<Person>> {
    Ok(get_any(conn, id)?.filter(|(_, deleted)| !deleted).map(|(p, _)| p))
}

pub fn insert(tx: &Transaction, p: &Person, now: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO people (id, name, email, title, department_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![p.id.to_string(), p.name, p.email, p.title, p.department_id.to_string(), rows::stamp(now)])?;
    Ok(())
}

pub fn update(tx: &Transaction, p: &Person, now: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached("UPDATE people SET name = ?2, email = ?3, title = ?4, department_id = ?5, updated_at = ?6 WHERE id = ?1")?
        .execute(params![p.id.to_string(), p.name, p.email, p.title, p.department_id.to_string(), rows::stamp(now)])?;
    Ok(())
}

pub fn set_deleted(tx: &Transaction, id: Id, at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached("UPDATE people SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![
        id.to_string(),
        at.map(rows::stamp),
        rows::stamp(now)
    ])?;
    Ok(())
}

/// What a person still owns or is assigned, as phrases for a refusal message.
pub fn work(conn: &Connection, id: Id) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT 'Marketing owner of “' || title || '”' FROM initiatives WHERE marketing_owner_id = ?1 AND deleted_at IS NULL
         UNION ALL SELECT 'IT owner of “' || title || '”' FROM initiatives WHERE it_owner_id = ?1 AND deleted_at IS NULL
         UNION ALL SELECT 'sponsor of “' || title || '”' FROM initiatives WHERE sponsor_id = ?1 AND deleted_at IS NULL
         UNION ALL SELECT 'Accountable for “' || title || '”' FROM initiatives WHERE accountable_id = ?1 AND deleted_at IS NULL
         UNION ALL SELECT 'assigned “' || title || '”' FROM tasks WHERE assignee_id = ?1 AND deleted_at IS NULL
         UNION ALL SELECT 'Accountable for the task “' || title || '”' FROM tasks WHERE accountable_id = ?1 AND deleted_at IS NULL
         UNION ALL SELECT 'approver of the ' || t.name || ' gate of “' || i.title || '”'
                     FROM gates g JOIN gate_types t ON t.id = g.gate_type_id JOIN initiatives i ON i.id = g.initiative_id
                    WHERE g.approver_id = ?1 AND g.deleted_at IS NULL AND i.deleted_at IS NULL
         UNION ALL SELECT r.role || ' for “' || coalesce(tk.title, i.title) || '”'
                     FROM roles r JOIN initiatives i ON i.id = r.initiative_id LEFT JOIN tasks tk ON tk.id = r.item_id
                    WHERE r.person_id = ?1 AND r.deleted_at IS NULL AND i.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map(params![id.to_string()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

//! The append-only activity log. Rows are only ever inserted, in the same transaction as the
//! change they describe.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row, Transaction};
use uuid::Uuid;

use super::rows;
use crate::domain::model::{Activity, Actor, Id, ItemKind};
use crate::Result;

/// What one change was, before it is stamped with who and when.
pub struct Entry<'a> {
    pub item_kind: ItemKind,
    pub item_id: Id,
    pub initiative_id: Option<Id>,
    pub action: &'a str,
    pub field: Option<&'a str>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub summary: String,
}

pub fn append(tx: &Transaction, actor: &Actor, now: DateTime<Utc>, e: Entry) -> Result<()> {
    tx.prepare_cached(
        // The device is named only on a shared board, where it tells whose desktop made it.
        "INSERT INTO activity (id, at, actor_id, actor_name, item_kind, item_id, initiative_id, action, field, before, after, summary, device)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, (SELECT device_name FROM sync_share WHERE id = 1))")?.execute(params![
            Uuid::now_v7().to_string(),
            rows::stamp(now),
            rows::text_id(actor.id),
            actor.name,
            e.item_kind.wire(),
            e.item_id.to_string(),
            rows::text_id(e.initiative_id),
            e.action,
            e.field,
            e.before,
            e.after,
            format!("{} {}", actor.name, e.summary),
        ])?;
    Ok(())
}

pub(super) fn from_row(r: &Row) -> rusqlite::Result<Activity> {
    Ok(Activity {
        id: rows::id(r, 0)?,
        at: rows::time(r, 1)?,
        actor_id: rows::opt_id(r, 2)?,
        actor_name: r.get(3)?,
        item_kind: rows::wire(r, 4, ItemKind::from_wire)?,
        item_id: rows::id(r, 5)?,
        initiative_id: rows::opt_id(r, 6)?,
        action: r.get(7)?,
        field: r.get(8)?,
        before: r.get(9)?,
        after: r.get(10)?,
        summary: r.get(11)?,
        device: r.get(12)?,
    })
}

pub(super) const COLUMNS: &str =
    "id, at, actor_id, actor_name, item_kind, item_id, initiative_id, action, field, before, after, summary, device";

/// The newest `limit` entries about an initiative and its tasks, newest first.
pub fn of_initiative(conn: &Connection, initiative: Id, limit: usize) -> Result<Vec<Activity>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM activity WHERE initiative_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2"))?;
    let rows = stmt.query_map(params![initiative.to_string(), limit as i64], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// This desktop's name on a shared board (the one activity rows carry), `None` on a private one.
pub fn device_name(conn: &Connection) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn.query_row("SELECT device_name FROM sync_share WHERE id = 1", [], |r| r.get(0)).optional()?)
}

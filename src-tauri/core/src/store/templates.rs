//! The board's own templates (saved from an initiative, or imported); the built-in ones are in
//! `domain::templates`.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::{rows, Store};
use crate::domain::model::Id;
use crate::domain::templates::{builtin, Template};
use crate::{Error, Result};

pub(super) const COLUMNS: &str = "id, name, description, plan";

pub(super) fn from_row(r: &Row) -> rusqlite::Result<Template> {
    let plan: String = r.get(3)?;
    Ok(Template {
        id: Some(rows::id(r, 0)?),
        name: r.get(1)?,
        description: r.get(2)?,
        plan: serde_json::from_str(&plan).map_err(|_| rows::bad(3, "template plan"))?,
    })
}

pub fn all(conn: &Connection) -> Result<Vec<Template>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM templates WHERE deleted_at IS NULL ORDER BY name, id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: Id) -> Result<Option<Template>> {
    let sql = format!("SELECT {COLUMNS} FROM templates WHERE id = ?1 AND deleted_at IS NULL");
    Ok(conn.query_row(&sql, params![id.to_string()], from_row).optional()?)
}

pub fn insert(tx: &Transaction, t: &Template, id: Id, now: DateTime<Utc>) -> Result<()> {
    let plan = serde_json::to_string(&t.plan).map_err(|e| Error::Storage(format!("The template could not be stored ({e}).")))?;
    tx.execute(
        "INSERT INTO templates (id, name, description, plan, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id.to_string(), t.name, t.description, plan, rows::stamp(now)],
    )?;
    Ok(())
}

pub fn set_deleted(tx: &Transaction, id: Id, now: DateTime<Utc>) -> Result<()> {
    let now = rows::stamp(now);
    tx.execute("UPDATE templates SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", params![id.to_string(), now])?;
    Ok(())
}

impl Store {
    /// Every template to start from: the built-in ones, then the board's own by name.
    pub fn templates(&self) -> Result<Vec<Template>> {
        let mut out = builtin();
        out.extend(all(self.conn())?);
        Ok(out)
    }
}

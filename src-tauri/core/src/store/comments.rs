//! Comments on initiatives and tasks.

use rusqlite::{params, Connection, Row, Transaction};

use super::rows;
use crate::domain::model::{Comment, Id};
use crate::Result;

pub fn insert(tx: &Transaction, c: &Comment) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO comments (id, item_id, author_id, author_name, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![
        c.id.to_string(),
        c.item_id.to_string(),
        rows::text_id(c.author_id),
        c.author_name,
        c.body,
        rows::stamp(c.created_at)
    ])?;
    Ok(())
}

pub(super) const COLUMNS: &str = "id, item_id, author_id, author_name, body, created_at";

pub(super) fn from_row(r: &Row) -> rusqlite::Result<Comment> {
    Ok(Comment {
        id: rows::id(r, 0)?,
        item_id: rows::id(r, 1)?,
        author_id: rows::opt_id(r, 2)?,
        author_name: r.get(3)?,
        body: r.get(4)?,
        created_at: rows::time(r, 5)?,
    })
}

/// Comments on any of `items`, oldest first.
pub fn on(conn: &Connection, items: &[Id]) -> Result<Vec<Comment>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM comments WHERE item_id = ?1 AND deleted_at IS NULL"))?;
    let mut out = Vec::new();
    for item in items {
        let rows = stmt.query_map(params![item.to_string()], from_row)?;
        out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    out.sort_by_key(|c| c.created_at);
    Ok(out)
}

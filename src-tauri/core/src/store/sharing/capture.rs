//! What a local write changed, told by SQLite itself: on a shared board each replicated table
//! has temporary triggers (this connection's only, never in the file) that note every column an
//! insert sets and every column an update changes, with its old and new value. After the
//! write, the notes become the document writes.
//!
//! This is why a new kind of write syncs with no extra code: whatever the funnel writes to a
//! replicated table is noted, so nothing can write around the document.

use std::collections::HashMap;

use rusqlite::types::ValueRef;
use rusqlite::Connection;

use crate::sync::doc::{self, TABLES};
use crate::sync::{Cell, FieldWrite};
use crate::Result;

/// The replicated columns of each replicated table, in declaration order.
pub type Columns = HashMap<String, Vec<String>>;

/// Columns that belong to this desktop's projection, never to the document.
const LOCAL: [(&str, &str); 1] = [("dependencies", "suspended")];

pub fn columns(conn: &Connection) -> Result<Columns> {
    let mut all = Columns::new();
    for table in TABLES {
        let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
        let names = stmt.query_map([], |r| r.get::<_, String>(1))?.collect::<rusqlite::Result<Vec<_>>>()?;
        all.insert(table.to_string(), names.into_iter().filter(|c| !LOCAL.contains(&(table, c.as_str()))).collect());
    }
    Ok(all)
}

/// Creates this connection's notes table and triggers (once per connection).
pub fn install(conn: &Connection, columns: &Columns) -> Result<()> {
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS sync_capture (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_id TEXT NOT NULL, col TEXT NOT NULL, old, new);",
    );
    // Names come from the tables' own schema (PRAGMA table_info), never from input.
    for table in TABLES {
        let names = &columns[table];
        let noted = |when_changed: bool| -> String {
            names
                .iter()
                .skip(1)
                .map(|c| {
                    let filter = if when_changed { format!(" WHERE old.{c} IS NOT new.{c}") } else { String::new() };
                    let old = if when_changed { format!("old.{c}") } else { "NULL".into() };
                    format!(
                        "INSERT INTO sync_capture (tbl, row_id, col, old, new) SELECT '{table}', new.id, '{c}', {old}, new.{c}{filter};"
                    )
                })
                .collect()
        };
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS sync_insert_{table} AFTER INSERT ON main.{table} BEGIN {} END;
             CREATE TEMP TRIGGER IF NOT EXISTS sync_update_{table} AFTER UPDATE ON main.{table} BEGIN {} END;",
            noted(false),
            noted(true)
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Removes this connection's triggers: the board is no longer shared.
pub fn uninstall(conn: &Connection) -> Result<()> {
    let mut sql = String::from("DROP TABLE IF EXISTS temp.sync_capture;");
    for table in TABLES {
        sql.push_str(&format!("DROP TRIGGER IF EXISTS temp.sync_insert_{table}; DROP TRIGGER IF EXISTS temp.sync_update_{table};"));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// The document writes for what was noted since the last call, which are then forgotten.
pub fn take(conn: &Connection) -> Result<Vec<FieldWrite>> {
    let mut writes = Vec::new();
    {
        let mut stmt = conn.prepare_cached("SELECT tbl, row_id, col, old, new FROM temp.sync_capture ORDER BY seq")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (table, id, column): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let old = cell(r.get_ref(3)?);
            let old = (old != Cell::Null).then_some(old);
            writes.extend(doc::writes_for(&table, &id, &column, old.as_ref(), cell(r.get_ref(4)?)));
        }
    }
    discard(conn)?;
    Ok(writes)
}

/// Forgets what was noted: the projection's own writes are the document's, not new edits.
pub fn discard(conn: &Connection) -> Result<()> {
    conn.prepare_cached("DELETE FROM temp.sync_capture")?.execute([])?;
    Ok(())
}

/// A value as SQLite handed it over.
pub fn cell(v: ValueRef) -> Cell {
    match v {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(n) => Cell::Int(n),
        ValueRef::Real(x) => Cell::Real(x),
        // No replicated column holds a blob; one would travel as text.
        ValueRef::Text(t) | ValueRef::Blob(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
    }
}

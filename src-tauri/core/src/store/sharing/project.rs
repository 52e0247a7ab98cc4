//! The projection: the rows of the merged document written into the tables the UI reads, the
//! same on every desktop, and never a repair written back into the document. Also the reverse
//! for the one time a board becomes shared: every row read as document writes.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, Transaction};

use super::capture::{cell, Columns};
use super::journal;
use crate::domain::graph;
use crate::domain::model::Id;
use crate::store::{dependencies, tasks};
use crate::sync::doc::{self, TABLES};
use crate::sync::{Cell, DocRow, FieldWrite, Replica};
use crate::Result;

/// Writes the document's current values of `rows` into the tables, with their conflicts.
pub fn project<'a>(
    tx: &Transaction,
    replica: &Replica,
    columns: &Columns,
    rows: impl IntoIterator<Item = (&'a str, String)>,
) -> Result<()> {
    let mut rows: Vec<(&str, String)> = rows.into_iter().collect();
    // What is referred to first: departments before people, initiatives before their tasks.
    rows.sort_by_key(|(table, id)| (TABLES.iter().position(|t| t == table), id.clone()));
    let links_changed = rows.iter().any(|(table, _)| *table == "dependencies");
    for (table, id) in rows {
        if let Some(row) = replica.row(table, &id) {
            write_row(tx, replica, table, &id, &row, columns)?;
        }
    }
    if links_changed {
        suspend_loops(tx, replica)?;
    }
    Ok(())
}

/// Writes every row of the document into the tables: for a board that was just joined. One
/// pass over each table's map, not one look-up per row.
pub fn project_all(tx: &Transaction, replica: &Replica, columns: &Columns) -> Result<()> {
    for table in TABLES {
        for (id, row) in replica.rows_of(table) {
            write_row(tx, replica, table, &id, &row, columns)?;
        }
    }
    suspend_loops(tx, replica)
}

fn write_row(tx: &Transaction, replica: &Replica, table: &str, id: &str, row: &DocRow, columns: &Columns) -> Result<()> {
    let known = &columns[table];
    let cells: Vec<&(String, Cell)> = row.cells.iter().filter(|(c, _)| known.contains(c) && c != "id").collect();
    let names: Vec<&str> = cells.iter().map(|(c, _)| c.as_str()).collect();
    let marks: Vec<String> = (1..=cells.len() + 1).map(|n| format!("?{n}")).collect();
    let updates: Vec<String> = names.iter().map(|c| format!("{c} = excluded.{c}")).collect();
    // Column names come from the table's own schema, never from the document's keys alone.
    let sql = format!(
        "INSERT INTO {table} (id{}{}) VALUES ({}) ON CONFLICT(id) DO {}",
        if names.is_empty() { "" } else { ", " },
        names.join(", "),
        marks.join(", "),
        if updates.is_empty() { "NOTHING".to_string() } else { format!("UPDATE SET {}", updates.join(", ")) }
    );
    let values = std::iter::once(Value::Text(id.to_string())).chain(cells.iter().map(|(_, c)| value(c)));
    tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    if matches!(table, "initiatives" | "tasks") {
        let deleted = row.cells.iter().any(|(c, v)| c == "deleted_at" && *v != Cell::Null);
        journal::set_deleted_while_edited(tx, table, id, deleted && replica.edited_while_deleted(table, id))?;
    }
    let conflicts: Vec<(String, String)> = row
        .conflicts
        .iter()
        .map(|(column, competing)| (column.clone(), serde_json::to_string(competing).expect("competing values are JSON")))
        .collect();
    journal::set_conflicts(tx, table, id, &conflicts)
}

/// Restores "no dependency loops" after a merge without writing anything back: dependencies
/// added apart that together close a loop are taken in creation order (Automerge's op ids, the
/// same on every desktop) and the one that closes it is marked suspended in this desktop's
/// tables. A suspended dependency does not block; removing one edge of its loop revives it.
fn suspend_loops(tx: &Transaction, replica: &Replica) -> Result<()> {
    let mut edges = dependencies::finish_to_start_edges(tx)?;
    edges.sort_by_cached_key(|(id, _, _)| (replica.created_op("dependencies", &id.to_string()), *id));
    let pairs: Vec<(Id, Id)> = edges.iter().map(|(_, from, to)| (*from, *to)).collect();
    let suspended: Vec<Id> =
        graph::suspended_edges(&pairs, &tasks::task_initiative_edges(tx)?).into_iter().map(|(n, _)| edges[n].0).collect();
    dependencies::set_suspended(tx, &suspended)
}

/// Every row of the replicated tables as document writes, for the genesis of a shared board.
pub fn all_writes(conn: &Connection, columns: &Columns) -> Result<Vec<FieldWrite>> {
    let mut writes = Vec::new();
    for table in TABLES {
        let names = &columns[table];
        let mut stmt = conn.prepare(&format!("SELECT {} FROM {table} ORDER BY rowid", names.join(", ")))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let Cell::Text(id) = cell(row.get_ref(0)?) else { continue };
            for (index, name) in names.iter().enumerate().skip(1) {
                writes.extend(doc::writes_for(table, &id, name, None, cell(row.get_ref(index)?)));
            }
        }
    }
    Ok(writes)
}

pub(super) fn value(c: &Cell) -> Value {
    match c {
        Cell::Null => Value::Null,
        Cell::Int(n) => Value::Integer(*n),
        Cell::Real(x) => Value::Real(*x),
        Cell::Text(t) => Value::Text(t.clone()),
    }
}

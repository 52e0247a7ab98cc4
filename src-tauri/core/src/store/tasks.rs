//! Tasks: each belongs to one initiative and one department.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};

use super::rows;
use crate::domain::id_hash::IdSet;
use crate::domain::model::{Id, Task, TaskKind, TaskStatus};
use crate::Result;

pub(super) const COLUMNS: &str = "id, initiative_id, title, notes, department_id, assignee_id, status, start_date, due_date, \
                       kind, position, block_reason, created_at, updated_at, accountable_id, go_live, cadence";

pub(super) fn from_row(r: &Row) -> rusqlite::Result<Task> {
    Ok(Task {
        id: rows::id(r, 0)?,
        initiative_id: rows::id(r, 1)?,
        title: r.get(2)?,
        notes: r.get(3)?,
        department_id: rows::id(r, 4)?,
        assignee_id: rows::opt_id(r, 5)?,
        status: rows::wire(r, 6, TaskStatus::from_wire)?,
        start: rows::date(r, 7)?,
        due: rows::date(r, 8)?,
        kind: rows::wire(r, 9, TaskKind::from_wire)?,
        position: r.get(10)?,
        block_reason: r.get(11)?,
        created_at: rows::time(r, 12)?,
        updated_at: rows::time(r, 13)?,
        accountable_id: rows::opt_id(r, 14)?,
        go_live: r.get(15)?,
        cadence: r.get(16)?,
    })
}

/// Live tasks of live initiatives, in board order (by initiative, then position, then id).
///
/// Read in one plain scan of the table and sorted here: walking the index and sorting each
/// initiative's tasks in a temporary b-tree took half the time of loading a large board, and
/// checking each task's initiative in SQL (`initiative_id IN (SELECT …)`) nearly doubled the
/// scan, so the live initiatives are looked up here too. Ids compare as their text does (the
/// store writes them lowercase and hyphenated), positions as SQLite's numbers do.
pub fn all(conn: &Connection) -> Result<Vec<Task>> {
    live_where(conn, "TRUE")
}

/// The live tasks of live initiatives that are done or assigned to someone deleted, in board
/// order: the only ones that can break a rule for a task alone (Needs attention reads these, not
/// all 20,000 of a large board).
pub fn done_or_assigned_to_deleted(conn: &Connection) -> Result<Vec<Task>> {
    live_where(conn, "status = 'done' OR assignee_id IN (SELECT id FROM people WHERE deleted_at IS NOT NULL)")
}

/// [`all`] narrowed by an SQL condition on the task's own row.
fn live_where(conn: &Connection, condition: &str) -> Result<Vec<Task>> {
    let live: IdSet = conn
        .prepare_cached("SELECT id FROM initiatives WHERE deleted_at IS NULL")?
        .query_map([], |r| rows::id(r, 0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM tasks WHERE deleted_at IS NULL AND ({condition})"))?;
    let mut tasks = Vec::new();
    for task in stmt.query_map([], from_row)? {
        let task = task?;
        if live.contains(&task.initiative_id) {
            tasks.push(task);
        }
    }
    tasks.sort_unstable_by(|a, b| {
        let position = a.position.partial_cmp(&b.position).unwrap_or(std::cmp::Ordering::Equal);
        a.initiative_id.cmp(&b.initiative_id).then(position).then(a.id.cmp(&b.id))
    });
    Ok(tasks)
}

pub fn of_initiative(conn: &Connection, initiative: Id) -> Result<Vec<Task>> {
    let sql = format!("SELECT {COLUMNS} FROM tasks WHERE initiative_id = ?1 AND deleted_at IS NULL ORDER BY position, id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![initiative.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get_any(conn: &Connection, id: Id) -> Result<Option<(Task, bool)>> {
    let sql = format!("SELECT {COLUMNS}, deleted_at IS NOT NULL FROM tasks WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row(params![id.to_string()], |r| Ok((from_row(r)?, r.get(17)?))).optional()?)
}

pub fn get(conn: &Connection, id: Id) -> Result<Option<Task>> {
    Ok(get_any(conn, id)?.filter(|(_, deleted)| !deleted).map(|(t, _)| t))
}

pub fn next_position(conn: &Connection, initiative: Id) -> Result<f64> {
    let max: Option<f64> = conn
        .prepare_cached("SELECT max(position) FROM tasks WHERE initiative_id = ?1")?
        .query_row(params![initiative.to_string()], |r| r.get(0))?;
    Ok(max.map_or(1.0, |m| m.floor() + 1.0))
}

/// The columns in `COLUMNS` order, without the two timestamps and what follows them.
fn values(t: &Task) -> Vec<Value> {
    vec![
        t.id.to_string().into(),
        t.initiative_id.to_string().into(),
        t.title.clone().into(),
        t.notes.clone().into(),
        t.department_id.to_string().into(),
        rows::text_id(t.assignee_id).into(),
        t.status.wire().to_string().into(),
        rows::day(t.start).into(),
        rows::day(t.due).into(),
        t.kind.wire().to_string().into(),
        t.position.into(),
        t.block_reason.clone().into(),
    ]
}

pub fn insert(tx: &Transaction, t: &Task) -> Result<()> {
    let after = [
        rows::stamp(t.created_at).into(),
        rows::stamp(t.updated_at).into(),
        rows::text_id(t.accountable_id).into(),
        Value::Integer(t.go_live.into()),
        t.cadence.clone().into(),
    ];
    tx.prepare_cached(&format!(
        "INSERT INTO tasks ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
    ))?
    .execute(params_from_iter(values(t).into_iter().chain(after)))?;
    Ok(())
}

/// Rewrites every field but the initiative (a task never moves between initiatives).
pub fn update(tx: &Transaction, t: &Task) -> Result<()> {
    let mut values = values(t);
    values.remove(1);
    values.push(rows::stamp(t.updated_at).into());
    values.push(rows::text_id(t.accountable_id).into());
    values.push(Value::Integer(t.go_live.into()));
    values.push(t.cadence.clone().into());
    tx.prepare_cached(
        "UPDATE tasks SET title = ?2, notes = ?3, department_id = ?4, assignee_id = ?5, status = ?6, start_date = ?7,
                due_date = ?8, kind = ?9, position = ?10, block_reason = ?11, updated_at = ?12, accountable_id = ?13,
                go_live = ?14, cadence = ?15
          WHERE id = ?1",
    )?
    .execute(params_from_iter(values))?;
    Ok(())
}

pub fn set_deleted(tx: &Transaction, id: Id, at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached("UPDATE tasks SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![
        id.to_string(),
        at.map(rows::stamp),
        rows::stamp(now)
    ])?;
    Ok(())
}

pub fn assigned_to(conn: &Connection, person: Id) -> Result<Vec<Id>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM tasks WHERE assignee_id = ?1 AND deleted_at IS NULL")?;
    let rows = stmt.query_map(params![person.to_string()], |r| rows::id(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The live tasks a person is Accountable for.
pub fn accountable_for(conn: &Connection, person: Id) -> Result<Vec<Id>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM tasks WHERE accountable_id = ?1 AND deleted_at IS NULL")?;
    let rows = stmt.query_map(params![person.to_string()], |r| rows::id(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The other go-live milestones of an initiative (it has one).
pub fn go_live_of(conn: &Connection, initiative: Id) -> Result<Vec<Id>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM tasks WHERE initiative_id = ?1 AND go_live = 1 AND deleted_at IS NULL")?;
    let rows = stmt.query_map(params![initiative.to_string()], |r| rows::id(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every task's edge to its own initiative (which cannot finish before it), deleted or not, as
/// the loop check counts them.
pub fn task_initiative_edges(conn: &Connection) -> Result<Vec<(Id, Id)>> {
    let mut stmt = conn.prepare_cached("SELECT id, initiative_id FROM tasks")?;
    let rows = stmt.query_map([], |r| Ok((rows::id(r, 0)?, rows::id(r, 1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live tasks whose initiative is deleted (added on one desktop while another deleted the
/// initiative), with that initiative's title.
pub fn of_deleted_initiatives(conn: &Connection) -> Result<Vec<(Task, String)>> {
    let sql = format!(
        "SELECT {COLUMNS}, (SELECT title FROM initiatives i WHERE i.id = tasks.initiative_id) FROM tasks
          WHERE deleted_at IS NULL AND initiative_id IN (SELECT id FROM initiatives WHERE deleted_at IS NOT NULL)
          ORDER BY initiative_id, position, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], |r| Ok((from_row(r)?, r.get::<_, String>(17)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

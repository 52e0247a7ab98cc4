//! Gates: the sign-offs an initiative needs before it goes live, one of each type.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::rows;
use crate::domain::governance::{Gate, GateState, OpenGate};
use crate::domain::model::Id;
use crate::domain::view::GateSummary;
use crate::Result;

pub(super) const COLUMNS: &str =
    "id, initiative_id, gate_type_id, approver_id, state, reason, evidence, decided_by, decided_at, decided_on";

pub(super) fn from_row(r: &Row) -> rusqlite::Result<Gate> {
    Ok(Gate {
        id: rows::id(r, 0)?,
        initiative_id: rows::id(r, 1)?,
        gate_type_id: rows::id(r, 2)?,
        approver_id: rows::opt_id(r, 3)?,
        state: rows::wire(r, 4, GateState::from_wire)?,
        reason: r.get(5)?,
        evidence: r.get(6)?,
        decided_by: r.get(7)?,
        decided_at: rows::opt_time(r, 8)?,
        decided_on: r.get(9)?,
    })
}

/// Every gate on the board's initiatives, in the catalogue's order within each initiative.
pub fn all(conn: &Connection) -> Result<Vec<Gate>> {
    let sql = format!(
        "SELECT {} FROM gates g JOIN gate_types t ON t.id = g.gate_type_id
          WHERE g.deleted_at IS NULL AND g.initiative_id IN (SELECT id FROM initiatives WHERE deleted_at IS NULL)
          ORDER BY g.initiative_id, t.created_at, t.id",
        prefixed("g")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn of_initiative(conn: &Connection, initiative: Id) -> Result<Vec<Gate>> {
    let sql = format!(
        "SELECT {} FROM gates g JOIN gate_types t ON t.id = g.gate_type_id
          WHERE g.initiative_id = ?1 AND g.deleted_at IS NULL ORDER BY t.created_at, t.id",
        prefixed("g")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![initiative.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A gate, and whether it was removed.
pub fn get_any(conn: &Connection, id: Id) -> Result<Option<(Gate, bool)>> {
    let sql = format!("SELECT {COLUMNS}, deleted_at IS NOT NULL FROM gates WHERE id = ?1");
    Ok(conn.query_row(&sql, params![id.to_string()], |r| Ok((from_row(r)?, r.get(10)?))).optional()?)
}

/// Adds a gate, or brings back one that was removed (its id is derived from its initiative and
/// type), keeping the state it had.
pub fn upsert(tx: &Transaction, g: &Gate, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO gates (id, initiative_id, gate_type_id, approver_id, state, evidence, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
         ON CONFLICT(id) DO UPDATE SET deleted_at = NULL, approver_id = coalesce(excluded.approver_id, approver_id), updated_at = ?7",
        params![
            g.id.to_string(),
            g.initiative_id.to_string(),
            g.gate_type_id.to_string(),
            rows::text_id(g.approver_id),
            g.state.wire(),
            g.evidence,
            rows::stamp(now)
        ],
    )?;
    Ok(())
}

pub fn update(tx: &Transaction, g: &Gate, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "UPDATE gates SET approver_id = ?2, state = ?3, reason = ?4, evidence = ?5, decided_by = ?6, decided_at = ?7,
                decided_on = ?8, updated_at = ?9
          WHERE id = ?1",
        params![
            g.id.to_string(),
            rows::text_id(g.approver_id),
            g.state.wire(),
            g.reason,
            g.evidence,
            g.decided_by,
            g.decided_at.map(rows::stamp),
            g.decided_on,
            rows::stamp(now)
        ],
    )?;
    Ok(())
}

pub fn set_deleted(tx: &Transaction, id: Id, now: DateTime<Utc>) -> Result<()> {
    let now = rows::stamp(now);
    tx.execute("UPDATE gates SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", params![id.to_string(), now])?;
    Ok(())
}

/// The gates a person approves on live initiatives, as `(gate id, initiative title, gate name)`.
pub fn approved_by(conn: &Connection, person: Id) -> Result<Vec<(Id, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.id, i.title, t.name FROM gates g JOIN initiatives i ON i.id = g.initiative_id JOIN gate_types t ON t.id = g.gate_type_id
          WHERE g.approver_id = ?1 AND g.deleted_at IS NULL AND i.deleted_at IS NULL ORDER BY i.title, t.name",
    )?;
    let rows = stmt.query_map(params![person.to_string()], |r| Ok((rows::id(r, 0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn prefixed(table: &str) -> String {
    COLUMNS.split(", ").map(|c| format!("{table}.{c}")).collect::<Vec<_>>().join(", ")
}

/// The gates of an initiative not yet passed or waived, with their names and approvers: what
/// going live waits for.
pub fn open_of(conn: &Connection, initiative: Id) -> Result<Vec<OpenGate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.name, g.state, p.name FROM gates g JOIN gate_types t ON t.id = g.gate_type_id
           LEFT JOIN people p ON p.id = g.approver_id AND p.deleted_at IS NULL
          WHERE g.initiative_id = ?1 AND g.deleted_at IS NULL AND g.state NOT IN ('passed', 'waived')
          ORDER BY t.created_at, t.id",
    )?;
    let rows = stmt.query_map(params![initiative.to_string()], |r| {
        Ok(OpenGate { name: r.get(0)?, state: rows::wire(r, 1, GateState::from_wire)?, approver: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every initiative's gates counted, for the cards: counted in SQL, with only the failed gates
/// (rare) read one by one for their names and reasons.
pub fn summaries(conn: &Connection) -> Result<HashMap<Id, GateSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT initiative_id, count(*), sum(state IN ('passed', 'waived')) FROM gates WHERE deleted_at IS NULL GROUP BY initiative_id",
    )?;
    let mut all: HashMap<Id, GateSummary> = HashMap::new();
    for row in stmt.query_map([], |r| Ok((rows::id(r, 0)?, r.get::<_, u32>(1)?, r.get::<_, u32>(2)?)))? {
        let (id, total, settled) = row?;
        all.insert(id, GateSummary { settled, total, failed: Vec::new() });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT g.initiative_id, t.name, g.reason FROM gates g JOIN gate_types t ON t.id = g.gate_type_id
          WHERE g.deleted_at IS NULL AND g.state = 'failed' ORDER BY g.initiative_id, t.created_at, t.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (name, reason): (String, Option<String>) = (r.get(1)?, r.get(2)?);
        if let Some(summary) = all.get_mut(&rows::id(r, 0)?) {
            summary.failed.push(GateSummary::failure(&name, reason.as_deref()));
        }
    }
    Ok(all)
}

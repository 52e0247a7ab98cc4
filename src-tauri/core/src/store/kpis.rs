//! KPIs and their readings: how an initiative's success is measured.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::rows;
use crate::domain::model::Id;
use crate::domain::results::{Direction, Kpi, KpiView, Reading};
use crate::Result;

pub(super) const COLUMNS: &str = "id, initiative_id, name, unit, direction, baseline, baseline_on, target, target_on";
pub(super) const READING_COLUMNS: &str = "id, kpi_id, value, taken_on, note";

pub(super) fn from_row(r: &Row) -> rusqlite::Result<Kpi> {
    Ok(Kpi {
        id: rows::id(r, 0)?,
        initiative_id: rows::id(r, 1)?,
        name: r.get(2)?,
        unit: r.get(3)?,
        direction: rows::wire(r, 4, Direction::from_wire)?,
        baseline: r.get(5)?,
        baseline_on: rows::date(r, 6)?.ok_or_else(|| rows::bad(6, "date"))?,
        target: r.get(7)?,
        target_on: rows::date(r, 8)?.ok_or_else(|| rows::bad(8, "date"))?,
    })
}

pub(super) fn reading_from_row(r: &Row) -> rusqlite::Result<Reading> {
    Ok(Reading {
        id: rows::id(r, 0)?,
        kpi_id: rows::id(r, 1)?,
        value: r.get(2)?,
        taken_on: rows::date(r, 3)?.ok_or_else(|| rows::bad(3, "date"))?,
        note: r.get(4)?,
    })
}

pub fn get(conn: &Connection, id: Id) -> Result<Option<Kpi>> {
    let sql = format!("SELECT {COLUMNS} FROM kpis WHERE id = ?1 AND deleted_at IS NULL");
    Ok(conn.query_row(&sql, params![id.to_string()], from_row).optional()?)
}

pub fn reading(conn: &Connection, id: Id) -> Result<Option<Reading>> {
    let sql = format!("SELECT {READING_COLUMNS} FROM kpi_readings WHERE id = ?1 AND deleted_at IS NULL");
    Ok(conn.query_row(&sql, params![id.to_string()], reading_from_row).optional()?)
}

/// Every live initiative's KPIs with their readings, in the order they were added: two queries
/// for the whole board.
pub fn views(conn: &Connection, initiative: Option<Id>) -> Result<HashMap<Id, Vec<KpiView>>> {
    let only = initiative.map(|i| i.to_string());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM kpis WHERE deleted_at IS NULL AND (?1 IS NULL OR initiative_id = ?1)
            AND initiative_id IN (SELECT id FROM initiatives WHERE deleted_at IS NULL) ORDER BY created_at, id"
    ))?;
    let kpis: Vec<Kpi> = stmt.query_map(params![only], from_row)?.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM kpi_readings r JOIN kpis k ON k.id = r.kpi_id
          WHERE r.deleted_at IS NULL AND k.deleted_at IS NULL AND (?1 IS NULL OR k.initiative_id = ?1)",
        READING_COLUMNS.split(", ").map(|c| format!("r.{c}")).collect::<Vec<_>>().join(", ")
    ))?;
    let mut readings: HashMap<Id, Vec<Reading>> = HashMap::new();
    for r in stmt.query_map(params![only], reading_from_row)? {
        let r = r?;
        readings.entry(r.kpi_id).or_default().push(r);
    }
    let mut out: HashMap<Id, Vec<KpiView>> = HashMap::new();
    for k in kpis {
        let taken = readings.remove(&k.id).unwrap_or_default();
        out.entry(k.initiative_id).or_default().push(k.view(taken));
    }
    Ok(out)
}

pub fn insert(tx: &Transaction, k: &Kpi, now: DateTime<Utc>) -> Result<()> {
    write(
        tx,
        &format!("INSERT INTO kpis ({COLUMNS}, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)"),
        k,
        now,
    )
}

pub fn update(tx: &Transaction, k: &Kpi, now: DateTime<Utc>) -> Result<()> {
    let sql = "UPDATE kpis SET initiative_id = ?2, name = ?3, unit = ?4, direction = ?5, baseline = ?6, baseline_on = ?7,
                target = ?8, target_on = ?9, updated_at = ?10 WHERE id = ?1";
    write(tx, sql, k, now)
}

/// Inserting and updating bind the same values: the KPI's, in [`COLUMNS`] order, then `now`.
fn write(tx: &Transaction, sql: &str, k: &Kpi, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        sql,
        params![
            k.id.to_string(),
            k.initiative_id.to_string(),
            k.name,
            k.unit,
            k.direction.wire(),
            k.baseline,
            k.baseline_on.to_string(),
            k.target,
            k.target_on.to_string(),
            rows::stamp(now)
        ],
    )?;
    Ok(())
}

pub fn insert_reading(tx: &Transaction, r: &Reading, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO kpi_readings ({READING_COLUMNS}, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"),
        params![r.id.to_string(), r.kpi_id.to_string(), r.value, r.taken_on.to_string(), r.note, rows::stamp(now)],
    )?;
    Ok(())
}

/// Soft-deletes a row of `kpis` or `kpi_readings`.
pub fn set_deleted(tx: &Transaction, table: Table, id: Id, now: DateTime<Utc>) -> Result<()> {
    let sql = match table {
        Table::Kpis => "UPDATE kpis SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        Table::Readings => "UPDATE kpi_readings SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
    };
    tx.execute(sql, params![id.to_string(), rows::stamp(now)])?;
    Ok(())
}

pub enum Table {
    Kpis,
    Readings,
}

/// Each Live initiative's latest KPI reading date: whether its results are still due (only a
/// Live initiative's can be).
pub fn latest_readings(conn: &Connection) -> Result<HashMap<Id, chrono::NaiveDate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.initiative_id, max(r.taken_on) FROM kpis k JOIN kpi_readings r ON r.kpi_id = k.id
          WHERE k.deleted_at IS NULL AND r.deleted_at IS NULL
            AND k.initiative_id IN (SELECT id FROM initiatives WHERE status = 'live' AND deleted_at IS NULL)
          GROUP BY k.initiative_id",
    )?;
    let mut out = HashMap::new();
    for row in stmt.query_map([], |r| Ok((rows::id(r, 0)?, rows::date(r, 1)?)))? {
        let (id, day) = row?;
        out.extend(day.map(|d| (id, d)));
    }
    Ok(out)
}

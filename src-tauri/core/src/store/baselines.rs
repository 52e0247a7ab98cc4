//! Baselines: the board's schedule saved under a name, and the comparison with today's.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{board, initiatives, rows, tasks, Store};
use crate::domain::baselines::{compare, Baseline, BaselineComparison, BaselineInfo, BaselineItem, BaselineReport};
use crate::domain::model::{Id, ItemKind};
use crate::{Error, Result};

/// Every live initiative's and task's dates now.
pub fn items_now(conn: &Connection) -> Result<Vec<BaselineItem>> {
    let mut out: Vec<BaselineItem> = initiatives::all(conn)?
        .into_iter()
        .map(|i| BaselineItem {
            item_id: i.id,
            kind: ItemKind::Initiative,
            title: i.title,
            initiative_id: i.id,
            start: i.start,
            finish: i.target,
        })
        .collect();
    out.extend(tasks::all(conn)?.into_iter().map(|t| BaselineItem {
        item_id: t.id,
        kind: ItemKind::Task,
        title: t.title,
        initiative_id: t.initiative_id,
        start: t.start,
        finish: t.due,
    }));
    Ok(out)
}

pub fn by_name(conn: &Connection, name: &str) -> Result<Option<Baseline>> {
    let row = conn
        .query_row(
            "SELECT id, name, saved_at, items FROM baselines WHERE lower(name) = lower(?1) AND deleted_at IS NULL ORDER BY saved_at DESC LIMIT 1",
            params![name.trim()],
            |r| Ok((rows::id(r, 0)?, r.get::<_, String>(1)?, rows::time(r, 2)?, r.get::<_, String>(3)?)),
        )
        .optional()?;
    row.map(|(id, name, saved_at, items)| {
        let items = serde_json::from_str(&items).map_err(|e| Error::Storage(format!("The baseline “{name}” is damaged ({e}).")))?;
        Ok(Baseline { id, name, saved_at, items })
    })
    .transpose()
}

pub fn insert(tx: &Transaction, b: &Baseline, now: DateTime<Utc>) -> Result<()> {
    let items = serde_json::to_string(&b.items).map_err(|e| Error::Storage(format!("The baseline could not be stored ({e}).")))?;
    tx.execute(
        "INSERT INTO baselines (id, name, saved_at, items, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![b.id.to_string(), b.name, rows::stamp(b.saved_at), items, rows::stamp(now)],
    )?;
    Ok(())
}

/// Who last changed an item's dates after `since`, and when, from the activity log.
fn last_move(conn: &Connection, item: Id, since: DateTime<Utc>) -> Option<(String, DateTime<Utc>)> {
    conn.query_row(
        "SELECT actor_name, at FROM activity WHERE item_id = ?1 AND at > ?2
            AND field IN ('start date', 'target date', 'due date') ORDER BY at DESC, id DESC LIMIT 1",
        params![item.to_string(), rows::stamp(since)],
        |r| Ok((r.get(0)?, rows::time(r, 1)?)),
    )
    .ok()
}

pub fn list(conn: &Connection) -> Result<Vec<BaselineInfo>> {
    let mut stmt = conn.prepare_cached("SELECT name, saved_at FROM baselines WHERE deleted_at IS NULL ORDER BY saved_at, id")?;
    let rows = stmt.query_map([], |r| Ok(BaselineInfo { name: r.get(0)?, saved_at: rows::time(r, 1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The baseline saved as `name`, or a message listing the ones there are.
fn named(conn: &Connection, name: &str) -> Result<Baseline> {
    by_name(conn, name)?.ok_or_else(|| {
        let known: Vec<String> = list(conn).unwrap_or_default().into_iter().map(|b| b.name).collect();
        let known = if known.is_empty() { "none has been saved yet (save-baseline NAME)".to_string() } else { known.join(", ") };
        Error::NotFound(format!("There is no baseline called “{}”; the board's baselines: {known}.", name.trim()))
    })
}

/// The baseline saved as `name`, the board's schedule now, and the one beside the other.
fn comparison(conn: &Connection, name: &str) -> Result<(Baseline, Vec<BaselineItem>, BaselineComparison)> {
    let baseline = named(conn, name)?;
    let now = items_now(conn)?;
    let comparison = compare(&baseline, &now, |item| last_move(conn, item, baseline.saved_at));
    Ok((baseline, now, comparison))
}

impl Store {
    /// The board's baselines, the oldest first.
    pub fn baselines(&self) -> Result<Vec<BaselineInfo>> {
        list(self.conn())
    }

    /// Today's schedule beside the baseline saved as `name`.
    pub fn compare_baseline(&self, name: &str) -> Result<BaselineComparison> {
        Ok(comparison(self.conn(), name)?.2)
    }

    /// The comparison as the table the app shows and the exports write.
    pub fn baseline_report(&self, name: &str, today: NaiveDate) -> Result<BaselineReport> {
        let conn = self.conn();
        let (baseline, now, comparison) = comparison(conn, name)?;
        Ok(BaselineReport::build(board::info(conn)?, today, &baseline, &now, comparison))
    }
}

//! Initiatives: the joint pieces of work the board is made of.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::rows;
use crate::domain::model::{Id, Initiative, InitiativeStatus, Priority};
use crate::domain::view::{board_order, DeletedInitiative};
use crate::Result;

pub(super) const COLUMNS: &str = "id, title, summary, status, priority, start_date, target_date, marketing_owner_id, \
                       it_owner_id, sponsor_id, tags, block_reason, created_at, updated_at, accountable_id, went_live_on, review_on";

pub(super) fn from_row(r: &Row) -> rusqlite::Result<Initiative> {
    Ok(Initiative {
        id: rows::id(r, 0)?,
        title: r.get(1)?,
        summary: r.get(2)?,
        status: rows::wire(r, 3, InitiativeStatus::from_wire)?,
        priority: rows::wire(r, 4, Priority::from_wire)?,
        start: rows::date(r, 5)?,
        target: rows::date(r, 6)?,
        marketing_owner_id: rows::opt_id(r, 7)?,
        it_owner_id: rows::opt_id(r, 8)?,
        sponsor_id: rows::opt_id(r, 9)?,
        tags: rows::tags(r, 10)?,
        block_reason: r.get(11)?,
        created_at: rows::time(r, 12)?,
        updated_at: rows::time(r, 13)?,
        accountable_id: rows::opt_id(r, 14)?,
        went_live_on: rows::date(r, 15)?,
        review_on: rows::date(r, 16)?,
    })
}

/// Live initiatives, by target date (undated last), then title, then id. Sorted here: SQLite
/// sorted the whole rows, tags and summaries included, in a temporary b-tree. Titles compare
/// byte for byte, as SQLite's default collation does.
pub fn all(conn: &Connection) -> Result<Vec<Initiative>> {
    let sql = format!("SELECT {COLUMNS} FROM initiatives WHERE deleted_at IS NULL");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], from_row)?;
    let mut all: Vec<Initiative> = rows.collect::<rusqlite::Result<_>>()?;
    all.sort_by(|a, b| board_order(a.target, &a.title, a.id).cmp(&board_order(b.target, &b.title, b.id)));
    Ok(all)
}

/// The initiative in the row SQLite numbers `rowid` (as its update hook names rows), and
/// whether it is deleted.
pub fn at_rowid(conn: &Connection, rowid: i64) -> Result<Option<(Initiative, bool)>> {
    let sql = format!("SELECT {COLUMNS}, deleted_at IS NOT NULL FROM initiatives WHERE rowid = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([rowid], |r| Ok((from_row(r)?, r.get(17)?))).optional()?)
}

pub fn get_any(conn: &Connection, id: Id) -> Result<Option<(Initiative, Option<String>)>> {
    let sql = format!("SELECT {COLUMNS}, deleted_at FROM initiatives WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row(params![id.to_string()], |r| Ok((from_row(r)?, r.get(17)?))).optional()?)
}

pub fn get(conn: &Connection, id: Id) -> Result<Option<Initiative>> {
    Ok(get_any(conn, id)?.filter(|(_, deleted)| deleted.is_none()).map(|(i, _)| i))
}

fn values(i: &Initiative) -> [Option<String>; 15] {
    [
        Some(i.id.to_string()),
        Some(i.title.clone()),
        Some(i.summary.clone()),
        Some(i.status.wire().into()),
        Some(i.priority.wire().into()),
        rows::day(i.start),
        rows::day(i.target),
        rows::text_id(i.marketing_owner_id),
        rows::text_id(i.it_owner_id),
        rows::text_id(i.sponsor_id),
        Some(rows::tags_json(&i.tags)),
        i.block_reason.clone(),
        rows::text_id(i.accountable_id),
        rows::day(i.went_live_on),
        rows::day(i.review_on),
    ]
}

pub fn insert(tx: &Transaction, i: &Initiative) -> Result<()> {
    let [a, b, c, d, e, f, g, h, j, k, l, m, n, o, p] = values(i);
    tx.prepare_cached(&format!(
        "INSERT INTO initiatives ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
    ))?
    .execute(params![a, b, c, d, e, f, g, h, j, k, l, m, rows::stamp(i.created_at), rows::stamp(i.updated_at), n, o, p])?;
    Ok(())
}

pub fn update(tx: &Transaction, i: &Initiative) -> Result<()> {
    let [a, b, c, d, e, f, g, h, j, k, l, m, n, o, p] = values(i);
    tx.prepare_cached(
        "UPDATE initiatives SET title = ?2, summary = ?3, status = ?4, priority = ?5, start_date = ?6,
                target_date = ?7, marketing_owner_id = ?8, it_owner_id = ?9, sponsor_id = ?10, tags = ?11,
                block_reason = ?12, updated_at = ?13, accountable_id = ?14, went_live_on = ?15, review_on = ?16
          WHERE id = ?1",
    )?
    .execute(params![a, b, c, d, e, f, g, h, j, k, l, m, rows::stamp(i.updated_at), n, o, p])?;
    Ok(())
}

/// Deletes an already deleted initiative again at `at`, with the tasks that went with it (a
/// "Keep deleted" after the initiative was changed elsewhere while deleted).
pub fn delete_again(tx: &Transaction, id: Id, previous: &str, at: DateTime<Utc>) -> Result<()> {
    let (id, at) = (id.to_string(), rows::stamp(at));
    tx.prepare_cached("UPDATE initiatives SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1")?.execute(params![id, at])?;
    tx.prepare_cached("UPDATE tasks SET deleted_at = ?2, updated_at = ?2 WHERE initiative_id = ?1 AND deleted_at = ?3")?
        .execute(params![id, at, previous])?;
    Ok(())
}

/// Soft-deletes (or, with `at` = None, restores) an initiative together with the tasks that
/// went with it: a restore brings back exactly the tasks deleted at the same moment.
pub fn set_deleted(tx: &Transaction, id: Id, at: Option<DateTime<Utc>>, previous: Option<&str>, now: DateTime<Utc>) -> Result<()> {
    let (id, now) = (id.to_string(), rows::stamp(now));
    let at = at.map(rows::stamp);
    tx.prepare_cached("UPDATE initiatives SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![id, at, now])?;
    match (&at, previous) {
        (Some(at), _) => tx
            .prepare_cached("UPDATE tasks SET deleted_at = ?2, updated_at = ?3 WHERE initiative_id = ?1 AND deleted_at IS NULL")?
            .execute(params![id, at, now])?,
        (None, Some(previous)) => tx
            .prepare_cached("UPDATE tasks SET deleted_at = NULL, updated_at = ?3 WHERE initiative_id = ?1 AND deleted_at = ?2")?
            .execute(params![id, previous, now])?,
        (None, None) => 0,
    };
    Ok(())
}

/// Deleted initiatives, most recently deleted first, each with how many tasks went with it.
pub fn deleted(conn: &Connection) -> Result<Vec<DeletedInitiative>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.title, i.deleted_at,
                (SELECT count(*) FROM tasks t WHERE t.initiative_id = i.id AND t.deleted_at = i.deleted_at)
         FROM initiatives i WHERE i.deleted_at IS NOT NULL ORDER BY i.deleted_at DESC, i.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(DeletedInitiative { id: rows::id(r, 0)?, title: r.get(1)?, deleted_at: rows::time(r, 2)?, tasks: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The initiatives a person owns, sponsors or is Accountable for, with the role.
pub fn roles_of(conn: &Connection, person: Id) -> Result<Vec<(Id, &'static str)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, 'marketing_owner' FROM initiatives WHERE marketing_owner_id = ?1 AND deleted_at IS NULL
         UNION ALL SELECT id, 'it_owner' FROM initiatives WHERE it_owner_id = ?1 AND deleted_at IS NULL
         UNION ALL SELECT id, 'sponsor' FROM initiatives WHERE sponsor_id = ?1 AND deleted_at IS NULL
         UNION ALL SELECT id, 'accountable' FROM initiatives WHERE accountable_id = ?1 AND deleted_at IS NULL",
    )?;
    let rows = stmt.query_map(params![person.to_string()], |r| {
        let role: String = r.get(1)?;
        let role = match role.as_str() {
            "marketing_owner" => "marketing_owner",
            "it_owner" => "it_owner",
            "accountable" => "accountable",
            _ => "sponsor",
        };
        Ok((rows::id(r, 0)?, role))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

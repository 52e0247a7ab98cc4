//! The `sync_` tables: what belongs to this board file alone once it is shared. Its device, the
//! local edits not yet in the document (pending), every change the document holds beyond its
//! snapshot (the journal, whose local rows not yet published are the outbox), the files in the
//! share that could not be used, the devices seen there, and the fields in conflict.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::store::rows;
use crate::sync::{DeviceRecord, FieldWrite};
use crate::Result;

/// This file's place in a share.
#[derive(Debug, Clone, PartialEq)]
pub struct Sharing {
    /// The board's own folder in the share.
    pub folder: PathBuf,
    pub device_id: String,
    pub device_name: String,
    /// The share's format, when a newer Bridgeboard has raised it past what this one writes:
    /// the board is then read-only here until Bridgeboard is updated.
    pub newer_format: Option<i64>,
}

/// `None` on a board that is not shared (or a file from before sharing existed).
pub fn sharing(conn: &Connection) -> Result<Option<Sharing>> {
    let exists: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'sync_share'", [], |r| r.get(0))?;
    if exists == 0 {
        return Ok(None);
    }
    Ok(conn
        .query_row("SELECT folder, device_id, device_name, newer_format FROM sync_share WHERE id = 1", [], |r| {
            Ok(Sharing {
                folder: PathBuf::from(r.get::<_, String>(0)?),
                device_id: r.get(1)?,
                device_name: r.get(2)?,
                newer_format: r.get(3)?,
            })
        })
        .optional()?)
}

pub fn start_sharing(tx: &Transaction, s: &Sharing, snapshot: &[u8], now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO sync_share (id, folder, device_id, device_name, shared_at) VALUES (1, ?1, ?2, ?3, ?4)",
        params![s.folder.to_string_lossy(), s.device_id, s.device_name, rows::stamp(now)],
    )?;
    tx.execute("INSERT INTO sync_snapshot (id, bytes) VALUES (1, ?1)", params![snapshot])?;
    Ok(())
}

/// Forgets everything about the share: the file becomes a private board again.
pub fn stop_sharing(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM sync_share; DELETE FROM sync_snapshot; DELETE FROM sync_changes; DELETE FROM sync_pending;
         DELETE FROM sync_conflicts; DELETE FROM sync_files; DELETE FROM sync_devices; DELETE FROM sync_deleted_while_edited;",
    )?;
    Ok(())
}

/// The saved document and its generation (raised at each compaction).
pub fn snapshot(conn: &Connection) -> Result<Option<(Vec<u8>, i64)>> {
    Ok(conn.query_row("SELECT bytes, generation FROM sync_snapshot WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

pub fn snapshot_generation(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT generation FROM sync_snapshot WHERE id = 1", [], |r| r.get(0)).optional()?.unwrap_or(0))
}

/// Journal rows not yet in the snapshot: `(seq, hash)`.
pub fn outside_snapshot(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached("SELECT seq, hash FROM sync_changes WHERE in_snapshot = 0 ORDER BY seq")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Puts a new snapshot in place and marks the journal rows it holds (`seqs`) as in it; their
/// bytes are dropped, but for changes still to be published.
pub fn compact(tx: &Transaction, snapshot: &[u8], seqs: &[i64]) -> Result<i64> {
    tx.execute("UPDATE sync_snapshot SET bytes = ?1, generation = generation + 1 WHERE id = 1", params![snapshot])?;
    for seq in seqs {
        tx.prepare_cached(
            "UPDATE sync_changes SET in_snapshot = 1, bytes = CASE WHEN local = 1 AND published = 0 THEN bytes ELSE x'' END WHERE seq = ?1",
        )?
        .execute([seq])?;
    }
    snapshot_generation(tx)
}

/// Records a local edit's document writes, to be committed to the document by whoever holds it.
pub fn queue(tx: &Transaction, writes: &[FieldWrite], author: &str, at_ms: i64) -> Result<()> {
    let json = serde_json::to_string(writes).expect("field writes are JSON");
    tx.prepare_cached("INSERT INTO sync_pending (writes, author, at_ms) VALUES (?1, ?2, ?3)")?.execute(params![json, author, at_ms])?;
    Ok(())
}

pub struct Pending {
    pub writes: Vec<FieldWrite>,
    pub author: String,
    pub at_ms: i64,
}

pub fn take_pending(tx: &Transaction) -> Result<Vec<Pending>> {
    let mut stmt = tx.prepare_cached("SELECT seq, writes, author, at_ms FROM sync_pending ORDER BY seq")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?)))?;
    let mut pending = Vec::new();
    for row in rows {
        let (_, writes, author, at_ms) = row?;
        let writes = serde_json::from_str(&writes)
            .map_err(|e| crate::Error::Storage(format!("A change waiting to be shared is damaged ({e}); run `bridgeboard-cli check`.")))?;
        pending.push(Pending { writes, author, at_ms });
    }
    // Only when there is something to take: an unconditional DELETE empties the table by
    // rewriting it even when it is empty, which would make every idle round a write.
    if !pending.is_empty() {
        tx.execute("DELETE FROM sync_pending", [])?;
    }
    Ok(pending)
}

pub fn pending_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM sync_pending", [], |r| r.get(0))?)
}

/// Adds a change to the journal, with the desktop whose folder it came from (`None`: made
/// here); `false` if it was already there.
pub fn append_change(tx: &Transaction, hash: &str, sha256: &str, bytes: &[u8], from_device: Option<&str>) -> Result<bool> {
    let added = tx
        .prepare_cached("INSERT OR IGNORE INTO sync_changes (hash, sha256, bytes, local, device_id) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![hash, sha256, bytes, from_device.is_none(), from_device])?;
    Ok(added == 1)
}

/// Takes back a change from another desktop that the document refused, in the transaction
/// that appended it.
pub fn remove_change(tx: &Transaction, hash: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM sync_changes WHERE hash = ?1 AND local = 0")?.execute([hash])?;
    Ok(())
}

/// The journal after `seq` that the snapshot does not hold, in the order it was written:
/// `(seq, bytes)`.
pub fn changes_after(conn: &Connection, seq: i64) -> Result<Vec<(i64, Vec<u8>)>> {
    let mut stmt = conn.prepare_cached("SELECT seq, bytes FROM sync_changes WHERE seq > ?1 AND in_snapshot = 0 ORDER BY seq")?;
    let rows = stmt.query_map([seq], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The SHA-256 of every change file this board already holds, so a scan reads only new ones.
/// The newest journal row's number (0 when empty).
pub fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(seq), 0) FROM sync_changes", [], |r| r.get(0))?)
}

pub fn known_files(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare_cached("SELECT sha256 FROM sync_changes")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Gives each unpublished local change its file number (once: a change keeps its number even
/// if publishing fails), and returns the outbox in order: `(hash, file_seq, bytes)`.
pub fn claim_outbox(tx: &Transaction) -> Result<Vec<(String, i64, Vec<u8>)>> {
    let unnumbered: Vec<i64> = {
        let mut stmt = tx.prepare_cached("SELECT seq FROM sync_changes WHERE local = 1 AND file_seq IS NULL ORDER BY seq")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for seq in unnumbered {
        tx.execute("UPDATE sync_changes SET file_seq = (SELECT next_file_seq FROM sync_share WHERE id = 1) WHERE seq = ?1", [seq])?;
        tx.execute("UPDATE sync_share SET next_file_seq = next_file_seq + 1 WHERE id = 1", [])?;
    }
    let mut stmt =
        tx.prepare_cached("SELECT hash, file_seq, bytes FROM sync_changes WHERE local = 1 AND published = 0 ORDER BY file_seq")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn mark_published(tx: &Transaction, hash: &str) -> Result<()> {
    tx.prepare_cached("UPDATE sync_changes SET published = 1 WHERE hash = ?1")?.execute([hash])?;
    Ok(())
}

pub fn unpublished_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM sync_changes WHERE local = 1 AND published = 0", [], |r| r.get(0))?)
}

/// Notes a file in the share that could not be used this time.
pub fn note_unusable(tx: &Transaction, name: &str, problem: &str, now: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_files (name, problem, first_seen) VALUES (?1, ?2, ?3)
         ON CONFLICT(name) DO UPDATE SET problem = excluded.problem, tries = tries + 1",
    )?
    .execute(params![name, problem, rows::stamp(now)])?;
    Ok(())
}

pub fn forget_file(tx: &Transaction, name: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM sync_files WHERE name = ?1")?.execute([name])?;
    Ok(())
}

/// A file that could not be used: its name, the problem, when it was first seen, the tries.
pub type UnusableRow = (String, String, DateTime<Utc>, i64);

/// Files that could not be used.
pub fn unusable_files(conn: &Connection) -> Result<Vec<UnusableRow>> {
    let mut stmt = conn.prepare_cached("SELECT name, problem, first_seen, tries FROM sync_files ORDER BY name")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, rows::time(r, 2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a desktop seen in the share. A desktop seen again as it was writes nothing, so an idle
/// round leaves the board file (and every window's view of it) alone.
pub fn note_device(tx: &Transaction, d: &DeviceRecord, last_change_at: Option<DateTime<Utc>>) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_devices (device_id, device_name, person, app_version, last_change_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(device_id) DO UPDATE SET device_name = excluded.device_name, person = excluded.person,
           app_version = excluded.app_version, last_change_at = coalesce(excluded.last_change_at, last_change_at)
         WHERE device_name IS NOT excluded.device_name OR person IS NOT excluded.person OR app_version IS NOT excluded.app_version
           OR (excluded.last_change_at IS NOT NULL AND last_change_at IS NOT excluded.last_change_at)",
    )?
    .execute(params![d.device_id, d.device_name, d.person, d.app_version, last_change_at.map(rows::stamp)])?;
    Ok(())
}

/// The devices seen in the share: the record and the newest change time seen from each.
pub fn devices(conn: &Connection) -> Result<Vec<(DeviceRecord, Option<DateTime<Utc>>)>> {
    let mut stmt =
        conn.prepare_cached("SELECT device_id, device_name, person, app_version, last_change_at FROM sync_devices ORDER BY device_name")?;
    let rows = stmt.query_map([], |r| {
        let last: Option<String> = r.get(4)?;
        Ok((
            DeviceRecord { device_id: r.get(0)?, device_name: r.get(1)?, person: r.get(2)?, app_version: r.get(3)? },
            last.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.with_timezone(&Utc)),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces what is recorded about one row's conflicts: `(column, competing values as JSON)`.
pub fn set_conflicts(tx: &Transaction, table: &str, id: &str, conflicts: &[(String, String)]) -> Result<()> {
    // Most rows have none: only look for old ones to remove when there is any conflict at all.
    let any: bool = tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM sync_conflicts)")?.query_row([], |r| r.get(0))?;
    if !any && conflicts.is_empty() {
        return Ok(());
    }
    tx.prepare_cached("DELETE FROM sync_conflicts WHERE tbl = ?1 AND row_id = ?2")?.execute([table, id])?;
    for (column, competing) in conflicts {
        tx.prepare_cached("INSERT INTO sync_conflicts (tbl, row_id, col, competing) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![table, id, column, competing])?;
    }
    Ok(())
}

/// Forgets one column's conflict, once someone kept a value.
pub fn forget_conflict(tx: &Transaction, table: &str, id: &str, column: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM sync_conflicts WHERE tbl = ?1 AND row_id = ?2 AND col = ?3")?.execute([table, id, column])?;
    Ok(())
}

/// Every recorded conflict: `(table, row id, column, competing values as JSON)`.
pub fn conflicts(conn: &Connection) -> Result<Vec<(String, String, String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT tbl, row_id, col, competing FROM sync_conflicts ORDER BY tbl, row_id, col")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many changes from others wait in the document for causes that have not arrived, as of
/// the last ingest; `waiting_hashes` are the journal's changes the document does not hold yet.
pub fn set_waiting(tx: &Transaction, waiting_hashes: &[String]) -> Result<()> {
    tx.execute("UPDATE sync_share SET waiting = ?1 WHERE id = 1 AND waiting IS NOT ?1", [waiting_hashes.len() as i64])?;
    tx.execute("UPDATE sync_changes SET waiting = 0 WHERE waiting = 1", [])?;
    for hash in waiting_hashes {
        tx.prepare_cached("UPDATE sync_changes SET waiting = 1 WHERE hash = ?1")?.execute([hash])?;
    }
    Ok(())
}

/// The bytes of the changes from others that waited for their causes at the last ingest.
pub fn waiting_changes(conn: &Connection) -> Result<Vec<Vec<u8>>> {
    let mut stmt = conn.prepare_cached("SELECT bytes FROM sync_changes WHERE waiting = 1")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The desktops whose changes wait for an earlier change that has not arrived: `(name, count)`.
pub fn waiting_from(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(d.device_name, c.device_id, 'another desktop'), count(*) FROM sync_changes c
           LEFT JOIN sync_devices d ON d.device_id = c.device_id
          WHERE c.waiting = 1 GROUP BY 1 ORDER BY 1",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The journal's changes from others not yet in the snapshot: `(hash)`, to see which wait.
pub fn remote_outside_snapshot(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT hash FROM sync_changes WHERE local = 0 AND in_snapshot = 0")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn waiting(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT waiting FROM sync_share WHERE id = 1", [], |r| r.get(0)).optional()?.unwrap_or(0))
}

/// How the last sync went: when it ran, and why the share could not be reached if it could not.
/// How stale "last synced" may get while nothing else changes: the time is written at most this
/// often then, so a shared board left open does not write its file (and make every window re-read
/// the board) at each round.
const HEALTH_REFRESH: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

/// Records the end of a sync round: when, and why the share could not be reached, if it could not.
pub fn set_health(tx: &Transaction, offline: Option<&str>, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "UPDATE sync_share SET last_sync_at = ?1, offline = ?2
          WHERE id = 1 AND (offline IS NOT ?2 OR last_sync_at IS NULL OR last_sync_at < ?3)",
        params![rows::stamp(now), offline, rows::stamp(now - HEALTH_REFRESH)],
    )?;
    Ok(())
}

pub fn health(conn: &Connection) -> Result<(Option<DateTime<Utc>>, Option<String>)> {
    let row = conn
        .query_row("SELECT last_sync_at, offline FROM sync_share WHERE id = 1", [], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?))
        })
        .optional()?;
    let (at, offline) = row.unwrap_or_default();
    Ok((at.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.with_timezone(&Utc)), offline))
}

pub fn set_newer_format(tx: &Transaction, format: Option<i64>) -> Result<()> {
    tx.execute("UPDATE sync_share SET newer_format = ?1 WHERE id = 1", [format])?;
    Ok(())
}

/// Records whether a deleted row was changed elsewhere while it was deleted.
pub fn set_deleted_while_edited(tx: &Transaction, table: &str, id: &str, edited: bool) -> Result<()> {
    let sql = if edited {
        "INSERT OR IGNORE INTO sync_deleted_while_edited (tbl, row_id) VALUES (?1, ?2)"
    } else {
        "DELETE FROM sync_deleted_while_edited WHERE tbl = ?1 AND row_id = ?2"
    };
    tx.prepare_cached(sql)?.execute([table, id])?;
    Ok(())
}

/// The rows deleted while they were changed elsewhere: `(table, row id)`.
pub fn deleted_while_edited(conn: &Connection) -> Result<Vec<(String, String)>> {
    let exists: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'sync_deleted_while_edited'", [], |r| r.get(0))?;
    if exists == 0 {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached("SELECT tbl, row_id FROM sync_deleted_while_edited ORDER BY tbl, row_id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

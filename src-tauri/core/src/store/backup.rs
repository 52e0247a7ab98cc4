//! Copies of the board file: taking one (SQLite's backup API, safe while others write), looking
//! into one without changing it, and putting one back in place of the board. Where backups are
//! kept and what they are called is `crate::backups`' business; this is the SQL side.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::activity::{self, Entry};
use super::{open, rows, Store};
use crate::domain::model::{Actor, Id, ItemKind};
use crate::{Error, Result};

/// What a backup holds, read without changing it.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupContents {
    /// The file's format (`user_version`); older ones are upgraded when restored.
    pub format: i32,
    pub board_id: Id,
    pub board_name: String,
    pub initiatives: u32,
    pub tasks: u32,
    /// The newest entry in its activity log: the state of the board it keeps.
    pub last_change: Option<DateTime<Utc>>,
}

impl Store {
    /// A consistent copy of the board by SQLite's backup API, safe while others write.
    pub fn backup_to(&self, out: &Path) -> Result<()> {
        if out.exists() {
            return Err(Error::Validation(format!("{} already exists; choose a new file name for the backup.", out.display())));
        }
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            if !parent.is_dir() {
                return Err(Error::Storage(format!(
                    "The folder {} does not exist; create it or choose another place for the backup.",
                    parent.display()
                )));
            }
        }
        // Copied into a temp file beside the backup, synced, then renamed: a backup cut short
        // (the process killed, the disk full) never leaves a file under the backup's name.
        let temp = crate::fsutil::temp_beside(out);
        let result = self.copy_to(&temp).map_err(|err| backup_failed(out, err)).and_then(|()| {
            let synced = std::fs::File::open(&temp).and_then(|f| f.sync_all());
            synced.and_then(|()| std::fs::rename(&temp, out)).map_err(|e| backup_failed(out, Error::writing(out, &e)))
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
            let mut journal = temp.clone().into_os_string();
            journal.push("-journal");
            let _ = std::fs::remove_file(journal);
        } else {
            crate::fsutil::sync_folder(crate::fsutil::folder_of(out));
        }
        result
    }

    fn copy_to(&self, temp: &Path) -> Result<()> {
        let mut dest = Connection::open(temp)?;
        let backup = Backup::new(&self.conn, &mut dest)?;
        backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
        drop(backup);
        dest.close().map_err(|(_, err)| Error::from(err))
    }

    /// What the backup at `path` holds, after the same careful look as opening a board: a file
    /// that is not a Bridgeboard board, is damaged or comes from a newer version is refused.
    /// The file is only read.
    pub fn backup_contents(path: &Path) -> Result<BackupContents> {
        let format = open::probe(path)?;
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        let (board_id, board_name) =
            conn.query_row("SELECT id, name FROM board ORDER BY id LIMIT 1", [], |r| Ok((rows::id(r, 0)?, r.get(1)?)))?;
        let count = |table: &str| -> Result<u32> {
            Ok(conn.query_row(&format!("SELECT count(*) FROM {table} WHERE deleted_at IS NULL"), [], |r| r.get(0))?)
        };
        let last: Option<String> = conn.query_row("SELECT max(at) FROM activity", [], |r| r.get(0))?;
        Ok(BackupContents {
            format,
            board_id,
            board_name,
            initiatives: count("initiatives")?,
            tasks: count("tasks")?,
            last_change: last.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.with_timezone(&Utc)),
        })
    }

    /// The id of the board a backup file holds, read without the full check of
    /// [`Store::backup_contents`]; `None` when the file cannot be read as a board.
    pub fn backup_board_id(path: &Path) -> Option<Id> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).ok()?;
        conn.query_row("SELECT id FROM board ORDER BY id LIMIT 1", [], |r| rows::id(r, 0)).ok()
    }

    /// Puts the backup at `backup` in place of this board, after copying the board as it is now
    /// to `keep` (so that the restore can itself be undone). Only a backup of this same board is
    /// taken. The copy back is one transaction: if it fails, the board is as it was. A backup
    /// from an older Bridgeboard is upgraded afterwards, as opening it would (its own backup
    /// going to `backup_dir`).
    ///
    /// The restore is recorded in the restored board's activity log, by `actor` at `now`, with
    /// both file names, since the log it replaced is only in the kept copy.
    pub fn restore_backup(&mut self, actor: &Actor, now: DateTime<Utc>, backup: &Path, keep: &Path, backup_dir: &Path) -> Result<()> {
        if self.read_only {
            return Err(Error::Storage(
                "This board file is read-only, so a backup cannot be put in its place. Make the file writable first.".into(),
            ));
        }
        let contents = Store::backup_contents(backup)?;
        let board = self.info()?;
        if contents.board_id != board.id {
            return Err(Error::Validation(format!(
                "{} is a backup of another board (“{}”), not of “{}”. Open it as a board instead.",
                backup.display(),
                contents.board_name,
                board.name
            )));
        }
        self.backup_to(keep)?;
        let source = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        // All pages in one step: one write transaction on the board, so it lands whole or not at all.
        if Backup::new(&source, &mut self.conn)?.step(-1)? != StepResult::Done {
            return Err(Error::Storage(
                "Another program kept the board busy, so the backup was not put in place and nothing changed. Try again in a moment."
                    .into(),
            ));
        }
        self.board_cache.forget();
        open::upgrade(self, contents.format, backup_dir)?;
        self.keep_private_after_restore(actor, now, &name_of(backup))?;
        let name = name_of;
        self.write(actor, now, |tx| {
            activity::append(
                tx,
                actor,
                now,
                Entry {
                    item_kind: ItemKind::Board,
                    item_id: board.id,
                    initiative_id: None,
                    action: "restore",
                    field: None,
                    before: Some(name(keep)),
                    after: Some(name(backup)),
                    summary: format!("restored the board from the backup {} (the board as it was is kept as {})", name(backup), name(keep)),
                },
            )
        })
    }
}

fn name_of(p: &Path) -> String {
    p.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// A backup that could not be written says so in its own words: the board is fine.
fn backup_failed(out: &Path, err: Error) -> Error {
    match err {
        Error::DiskFull(_) => Error::DiskFull(format!(
            "The backup could not be written to {}: the disk is full. Free some space (or choose another place) and try again; the board is unchanged and no partial backup was left.",
            out.display()
        )),
        other => other,
    }
}

//! The SQLite store: the only code that speaks SQL. One file per table or aggregate; every write
//! goes through [`Store::apply`] (the funnel in `funnel.rs`) as one `BEGIN IMMEDIATE`
//! transaction that also appends its activity rows.

mod activity;
mod attention;
mod backup;
mod baselines;
mod board;
mod board_cache;
pub mod bundle;
mod comments;
mod departments;
mod dependencies;
mod detail;
mod funnel;
mod gate_types;
mod gates;
mod initiatives;
mod items;
mod kpis;
mod listing;
pub mod migrations;
mod open;
mod people;
mod restore;
mod roles;
mod rows;
mod sharing;
mod snapshot;
mod tasks;
mod templates;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::domain::model::Actor;
use crate::{Error, Result};

pub use attention::{Attention, AttentionKind};
pub use backup::BackupContents;
pub use funnel::{Batch, ImportSummary};
pub use items::Imported as ImportedItem;
pub use listing::{ListedInitiative, ListedTask, Listing, NamedRef};
pub use open::location_warning;
pub use sharing::{
    ConflictChoice, DeviceHealth, FieldConflict, Sharing, SuspendedDependency, SyncReport, SyncStatus, UnusableFile, WaitingFrom,
};

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
    /// Set when the board is shared: every write is then also recorded for the document.
    shared: Option<sharing::Shared>,
    /// What the last board read keeps for the next, while nothing it came from changed.
    board_cache: board_cache::BoardCache,
}

impl Store {
    /// Opens the board file at `path`, creating a new board if there is no file yet. The file
    /// is probed read-only first; a foreign, corrupt or newer file is refused untouched.
    /// Migration backups go to `backup_dir` (beside the board file when `None`).
    pub fn open(path: &Path, backup_dir: Option<&Path>) -> Result<Store> {
        open::open(path, backup_dir)
    }

    /// A fresh board in memory, for tests and tools.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store::on(Connection::open_in_memory()?, None, false)?;
        store.initialize("Board")?;
        Ok(store)
    }

    /// A store on `conn` (for the file at `path`), not yet shared.
    fn on(mut conn: Connection, path: Option<PathBuf>, read_only: bool) -> Result<Store> {
        let board_cache = board_cache::BoardCache::watching(&mut conn)?;
        Ok(Store { conn, path, read_only, shared: None, board_cache })
    }

    /// A person on the board (not deleted).
    pub fn person(&self, id: crate::Id) -> Result<Option<crate::Person>> {
        people::get(self.conn(), id)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Changes whenever another connection (the CLI, a second window) commits to the file.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Caps the board file at its present size plus `extra_pages` pages (SQLite's
    /// `max_page_count`, for this connection only), so that a write that needs more room fails
    /// as it would on a full disk. For the disk-full tests; the app never calls it.
    #[doc(hidden)]
    pub fn limit_growth(&self, extra_pages: u64) -> Result<()> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        self.conn.pragma_update(None, "max_page_count", pages + extra_pages as i64)?;
        Ok(())
    }

    /// SQLite's integrity and foreign-key checks; an empty list means the file is healthy.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems: Vec<String> = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = row?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!("{} row {} points at a missing {} row", r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?))
        })?;
        for row in rows {
            problems.push(row?);
        }
        Ok(problems)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of it lands, or none of it. On a
    /// shared board the same transaction records what `f` changed for the other desktops.
    fn write<T>(&mut self, actor: &Actor, now: DateTime<Utc>, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.write_with(actor, now, Vec::new(), f)
    }

    /// [`Store::write`] with document writes that the tables cannot show (see `sharing`).
    fn write_with<T>(
        &mut self,
        actor: &Actor,
        now: DateTime<Utc>,
        extra: Vec<crate::sync::FieldWrite>,
        f: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        self.refuse_read_only()?;
        self.refuse_newer_format()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = match self.shared.as_mut() {
            None => f(&tx)?,
            Some(shared) => shared.record(&tx, actor, now, extra, f).inspect_err(|_| shared.forget_document())?,
        };
        if let Err(err) = tx.commit() {
            if let Some(shared) = self.shared.as_mut() {
                shared.forget_document();
            }
            return Err(err.into());
        }
        Ok(value)
    }

    fn refuse_read_only(&self) -> Result<()> {
        if self.read_only {
            return Err(Error::Storage(
                "This board file is read-only, so nothing can be changed. Make the file writable, or open a copy.".into(),
            ));
        }
        Ok(())
    }

    fn initialize(&mut self, name: &str) -> Result<()> {
        let now = chrono::Utc::now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        migrations::migrate(&tx, 0)?;
        board::insert(&tx, name, now)?;
        departments::insert_builtin(&tx, now)?;
        tx.commit()?;
        Ok(())
    }

    fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one deferred read transaction: the several queries of a whole-board read see
    /// one state of the file, not a write another process commits between two of them (and the
    /// read lock is taken once, not per statement). Inside a transaction already, `f` simply
    /// runs in it.
    fn reading<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(&self.conn);
        }
        let tx = self.conn.unchecked_transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

//! Sharing a board between desktops (`../shared/SYNC.md` in spirit, issue text in detail).
//!
//! The contract, in the order things happen:
//! - A local write on a shared board runs under an SQLite session (`capture`); what it changed in
//!   the replicated tables is queued as document writes (`sync_pending`) in the same
//!   transaction. A process that holds the document (the app, `sync`) commits them to it at
//!   once, still in that transaction; a short-lived CLI edit leaves them for the next holder,
//!   so it never pays for loading the document.
//! - Before any change from elsewhere is applied, the queued writes are committed, so they are
//!   always made against the document the edit saw. Then the changes are applied in one batch
//!   and the rows they touched are projected into the tables (`project`), in one transaction.
//! - Publishing numbers the outbox inside `BEGIN IMMEDIATE` (two processes on one file never
//!   publish a change under two numbers), writes the files outside it (nothing waits on the
//!   folder), and marks them published after. A crash in between publishes the same file again,
//!   which the folder ignores.

mod capture;
mod journal;
mod project;
mod report;
mod setup;

use std::collections::{BTreeMap, HashMap, HashSet};

use automerge::{ActorId, Change};
use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub use journal::Sharing;
pub use report::{ConflictChoice, DeviceHealth, FieldConflict, SuspendedDependency, SyncReport, SyncStatus, UnusableFile, WaitingFrom};
pub(super) use setup::{deleted_while_edited, keep_deleted};

use super::Store;
use crate::domain::model::Actor;
use crate::sync::transport::TransportError;
use crate::sync::{Author, DeviceRecord, DocError, FieldWrite, Replica, Transport, FORMAT_VERSION};
use crate::{Error, Result};

/// The app's version, as each device announces it in the share.
const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A shared board's state in this process.
pub(super) struct Shared {
    sharing: Sharing,
    columns: capture::Columns,
    /// The document, once something needed it, and how far into the journal it has read.
    loaded: Option<Loaded>,
}

struct Loaded {
    replica: Replica,
    through: i64,
    /// The snapshot it was read from; another process's compaction means reading it again.
    generation: i64,
}

/// How many journal changes outside the snapshot make a sync save a new snapshot: reopening
/// then loads the snapshot and at most about this many changes.
const COMPACT_AFTER: usize = 500;

impl Shared {
    pub(super) fn load(conn: &rusqlite::Connection) -> Result<Option<Shared>> {
        let Some(sharing) = journal::sharing(conn)? else { return Ok(None) };
        Shared::start(conn, sharing).map(Some)
    }

    /// This connection's state for a shared board, with the triggers that note local writes.
    fn start(conn: &rusqlite::Connection, sharing: Sharing) -> Result<Shared> {
        let columns = capture::columns(conn)?;
        capture::install(conn, &columns)?;
        Ok(Shared { sharing, columns, loaded: None })
    }

    /// Drops the document from memory; it is read again from the file when next needed.
    pub(super) fn forget_document(&mut self) {
        self.loaded = None;
    }

    fn author(&self, actor: &Actor) -> Author {
        Author {
            person_id: actor.id.map(|id| id.to_string()),
            person: actor.name.clone(),
            device_id: self.sharing.device_id.clone(),
            device: self.sharing.device_name.clone(),
        }
    }

    /// Runs a local write under a session and queues what it changed; commits it to the
    /// document at once when this process holds the document. `extra` are writes the tables
    /// cannot show (keeping a value that is already the winner still supersedes the others).
    pub(super) fn record<T>(
        &mut self,
        tx: &Transaction,
        actor: &Actor,
        now: DateTime<Utc>,
        extra: Vec<FieldWrite>,
        f: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        let value = f(tx)?;
        let mut writes = capture::take(tx)?;
        writes.extend(extra);
        if !writes.is_empty() {
            let author = serde_json::to_string(&self.author(actor)).expect("an author is JSON");
            journal::queue(tx, &writes, &author, now.timestamp_millis())?;
            if self.loaded.is_some() {
                self.commit_pending(tx)?;
            }
        }
        Ok(value)
    }

    /// Reads what other processes on this file added to the journal since this one last looked
    /// (the whole document again, if one of them saved a new snapshot).
    fn catch_up(&mut self, tx: &Transaction) -> Result<()> {
        if journal::snapshot_generation(tx)? != self.loaded.as_ref().expect("the document is loaded before it is used").generation {
            self.loaded = Some(Loaded::read(tx)?);
        }
        let loaded = self.loaded.as_mut().expect("the document is loaded before it is used");
        let newer = journal::changes_after(tx, loaded.through)?;
        if let Some((last, _)) = newer.last() {
            loaded.through = *last;
            let changes = newer.into_iter().filter_map(|(_, bytes)| Change::from_bytes(bytes).ok()).collect();
            loaded.replica.apply(changes).map_err(damaged)?;
        }
        Ok(())
    }

    /// Commits queued local writes to the document (journal + outbox) and projects the rows
    /// they touched, so that the tables match the document exactly.
    fn commit_pending(&mut self, tx: &Transaction) -> Result<usize> {
        self.catch_up(tx)?;
        let loaded = self.loaded.as_mut().expect("caught up above");
        if let Some(change) = loaded.replica.take_upgrade() {
            // Already in the journal when another desktop's copy of it arrived first.
            let bytes = change.raw_bytes();
            journal::append_change(tx, &change.hash().to_string(), &sha256(bytes), bytes, None)?;
            loaded.through = journal::last_seq(tx)?;
        }
        let mut committed = Vec::new();
        for pending in journal::take_pending(tx)? {
            let author: Author = serde_json::from_str(&pending.author).map_err(|e| damaged(e.to_string()))?;
            if let Some(change) = loaded.replica.commit(&pending.writes, &author, pending.at_ms).map_err(damaged)? {
                let bytes = change.raw_bytes();
                journal::append_change(tx, &change.hash().to_string(), &sha256(bytes), bytes, None)?;
                committed.push(change);
            }
        }
        if !committed.is_empty() {
            loaded.through = journal::last_seq(tx)?;
            project::project(tx, &loaded.replica, &self.columns, loaded.replica.touched_by(&committed))?;
            capture::discard(tx)?;
        }
        Ok(committed.len())
    }

    /// Saves the document as the new snapshot once the journal outside it has grown, so that
    /// reopening stays quick. Changes still waiting for their causes stay in the journal.
    fn compact_if_due(&mut self, tx: &Transaction) -> Result<()> {
        let loaded = self.loaded.as_mut().expect("caught up before");
        let outside = journal::outside_snapshot(tx)?;
        if outside.len() < COMPACT_AFTER {
            return Ok(());
        }
        let held: Vec<i64> =
            outside.into_iter().filter(|(_, hash)| hash.parse().is_ok_and(|h| loaded.replica.has_change(&h))).map(|(seq, _)| seq).collect();
        loaded.generation = journal::compact(tx, &loaded.replica.save(), &held)?;
        Ok(())
    }

    /// Applies changes from other desktops in one batch and projects what they touched.
    /// Applies what others published; returns how many changes were new, and the files whose
    /// change the document refused (their name and why), which are not kept.
    fn ingest(&mut self, tx: &Transaction, received: Vec<Received>) -> Result<(usize, Vec<(String, String)>)> {
        self.commit_pending(tx)?;
        let loaded = self.loaded.as_mut().expect("caught up above");
        // Changes that waited for their causes may be applied now too: their rows count.
        let mut applied: Vec<Change> =
            journal::waiting_changes(tx)?.into_iter().filter_map(|bytes| Change::from_bytes(bytes).ok()).collect();
        let mut fresh = Vec::new();
        let mut names = HashMap::new();
        for Received { change, sha256, device_id, name } in received {
            if journal::append_change(tx, &change.hash().to_string(), &sha256, change.raw_bytes(), Some(&device_id))? {
                names.insert(change.hash().to_string(), name);
                fresh.push(change);
            }
        }
        let hashes: HashSet<String> = fresh.iter().map(|c| c.hash().to_string()).collect();
        let rebuild = || Loaded::read_without(tx, &hashes).map(|l| l.replica).map_err(|e| DocError::Foreign(e.to_string()));
        let refused = loaded.replica.apply_screened(fresh.clone(), rebuild).map_err(damaged)?;
        let mut bad_files = Vec::new();
        for (hash, problem) in &refused {
            journal::remove_change(tx, hash)?;
            fresh.retain(|c| c.hash().to_string() != *hash);
            bad_files.push((names.remove(hash).unwrap_or_default(), format!("not a change this board can take ({problem})")));
        }
        let count = fresh.len();
        loaded.through = journal::last_seq(tx)?;
        applied.extend(fresh);
        project::project(tx, &loaded.replica, &self.columns, loaded.replica.touched_by(&applied))?;
        capture::discard(tx)?;
        record_waiting(tx, &loaded.replica)?;
        Ok((count, bad_files))
    }
}

impl Loaded {
    /// The document as this file holds it: the snapshot, then the journal outside it.
    fn read(conn: &rusqlite::Connection) -> Result<Loaded> {
        Loaded::read_without(conn, &HashSet::new())
    }

    /// The document as this file holds it, without the changes in `left_out` (by hash).
    fn read_without(conn: &rusqlite::Connection, left_out: &HashSet<String>) -> Result<Loaded> {
        let (snapshot, generation) = journal::snapshot(conn)?.ok_or_else(|| damaged("its shared document is missing".to_string()))?;
        let journal = journal::changes_after(conn, 0)?;
        let through = journal::last_seq(conn)?;
        let changes = journal
            .into_iter()
            .filter_map(|(_, bytes)| Change::from_bytes(bytes).ok())
            .filter(|c| !left_out.contains(&c.hash().to_string()))
            .collect();
        let replica = Replica::load(&snapshot, changes, fresh_actor()).map_err(damaged)?;
        Ok(Loaded { replica, through, generation })
    }
}

impl Store {
    pub fn is_shared(&self) -> bool {
        self.shared.is_some()
    }

    /// Refuses a write to a shared board whose share a newer Bridgeboard has moved to a newer
    /// format; reading and syncing go on.
    pub(super) fn refuse_newer_format(&self) -> Result<()> {
        match self.sharing().and_then(|s| s.newer_format) {
            Some(format) => Err(Error::Storage(format!(
                "This board is shared in a newer format ({format}) than this Bridgeboard writes ({FORMAT_VERSION}). Update Bridgeboard to edit this board; until then you can read it, and it stays up to date."
            ))),
            None => Ok(()),
        }
    }

    pub fn sharing(&self) -> Option<&Sharing> {
        self.shared.as_ref().map(|s| &s.sharing)
    }

    /// Publishes what this desktop changed and applies what others did, once. When the share
    /// cannot be reached the report says so and every edit stays in the outbox.
    pub fn sync(&mut self, transport: &dyn Transport, actor: &Actor, now: DateTime<Utc>) -> Result<SyncReport> {
        self.load_document()?;
        let mut report = SyncReport::default();
        // Compaction comes first, so that a round that brings many changes shows them at once
        // and the next round saves the snapshot.
        self.shared_write(|tx, shared| {
            shared.commit_pending(tx)?;
            shared.compact_if_due(tx)
        })?;
        let outbox = self.shared_write(|tx, _| journal::claim_outbox(tx))?;
        let device_id = self.sharing().expect("loaded above").device_id.clone();
        let mut published = Vec::new();
        for (hash, file_seq, bytes) in outbox {
            match transport.publish(&device_id, file_seq as u64, &bytes) {
                Ok(()) => published.push(hash),
                Err(err) => {
                    report.offline = Some(err.to_string());
                    break;
                }
            }
        }
        report.published = published.len();
        self.shared_write(|tx, _| published.iter().try_for_each(|h| journal::mark_published(tx, h)))?;
        if report.offline.is_none() {
            if let Err(err) = transport.announce(&self.device_record(actor)) {
                report.offline = Some(err.to_string());
            }
        }
        if report.offline.is_none() {
            // A newer Bridgeboard may have raised the share's format: this desktop then keeps
            // reading (so nothing diverges) but stops writing.
            let newer = transport.marker().ok().flatten().map(|m| m.format_version).filter(|f| *f > FORMAT_VERSION);
            if newer != self.sharing().and_then(|s| s.newer_format) {
                self.shared_write(|tx, shared| {
                    shared.sharing.newer_format = newer;
                    journal::set_newer_format(tx, newer)
                })?;
            }
            match transport.scan() {
                Err(err) => report.offline = Some(err.to_string()),
                Ok(scan) => {
                    let known = journal::known_files(self.conn())?;
                    let (received, unusable) = read_new(transport, &scan, &known);
                    let names: Vec<String> = scan.changes.iter().filter(|l| !known.contains(&l.sha256)).map(|l| l.name.clone()).collect();
                    let mut last_seen: BTreeMap<String, i64> = BTreeMap::new();
                    for r in &received {
                        let at = last_seen.entry(r.device_id.clone()).or_insert(i64::MIN);
                        *at = (*at).max(r.change.timestamp());
                    }
                    report.received = self.shared_write(|tx, shared| {
                        for name in &names {
                            journal::forget_file(tx, name)?;
                        }
                        for bad in &unusable {
                            journal::note_unusable(tx, &bad.name, &bad.problem, now)?;
                        }
                        for device in &scan.devices {
                            let at = last_seen.get(&device.device_id).and_then(|ms| Utc.timestamp_millis_opt(*ms).single());
                            journal::note_device(tx, device, at)?;
                        }
                        let (count, refused) = shared.ingest(tx, received)?;
                        for (name, problem) in &refused {
                            journal::note_unusable(tx, name, problem, now)?;
                        }
                        Ok(count)
                    })?;
                }
            }
        }
        report.waiting_to_publish = journal::unpublished_count(self.conn())? + journal::pending_count(self.conn())?;
        self.shared_write(|tx, _| journal::set_health(tx, report.offline.as_deref(), now))?;
        Ok(report)
    }

    /// Reads the shared document into memory (snapshot, then the journal), as the app and
    /// `sync` do before they commit or merge anything; after that, each edit commits to it at
    /// once. A short-lived edit never needs this.
    pub fn load_document(&mut self) -> Result<()> {
        let Some(shared) = self.shared.as_mut() else {
            return Err(Error::Validation("This board is not shared. Share it first (bridgeboard-cli share --folder PATH).".into()));
        };
        if shared.loaded.is_none() {
            shared.loaded = Some(Loaded::read(&self.conn)?);
        }
        Ok(())
    }

    /// One `BEGIN IMMEDIATE` transaction on the shared state. If it fails, the document in
    /// memory may be ahead of the file, so it is dropped and read again when next needed.
    fn shared_write<T>(&mut self, f: impl FnOnce(&Transaction, &mut Shared) -> Result<T>) -> Result<T> {
        self.refuse_read_only()?;
        let shared = self.shared.as_mut().expect("only called on a shared board");
        let result = (|| {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Another process on this file (the window, the CLI) may have stopped sharing.
            if journal::sharing(&tx)?.is_none() {
                return Err(Error::Validation("This board is no longer shared.".into()));
            }
            let value = f(&tx, shared)?;
            tx.commit()?;
            Ok(value)
        })();
        if result.is_err() {
            shared.loaded = None;
        }
        result
    }

    fn device_record(&self, actor: &Actor) -> DeviceRecord {
        let sharing = self.sharing().expect("only called on a shared board");
        DeviceRecord {
            device_id: sharing.device_id.clone(),
            device_name: sharing.device_name.clone(),
            person: actor.name.clone(),
            app_version: APP_VERSION.into(),
        }
    }
}

/// A change read from the share: the change, its file's SHA-256, and the desktop whose folder
/// held it.
struct Received {
    change: Change,
    sha256: String,
    device_id: String,
    /// The file it came from, as sync health shows it.
    name: String,
}

/// Notes which of the journal's changes from others the document still holds back, waiting for
/// causes that have not arrived.
fn record_waiting(tx: &Transaction, replica: &Replica) -> Result<()> {
    let waiting: Vec<String> =
        journal::remote_outside_snapshot(tx)?.into_iter().filter(|hash| hash.parse().is_ok_and(|h| !replica.has_change(&h))).collect();
    journal::set_waiting(tx, &waiting)
}

/// Reads the listed changes not yet known, each checked against its name and parsed; the
/// files that cannot be used (yet) come back with why.
fn read_new(
    transport: &dyn Transport,
    scan: &crate::sync::transport::Scan,
    known: &HashSet<String>,
) -> (Vec<Received>, Vec<crate::sync::transport::Unusable>) {
    let mut unusable = scan.unusable.clone();
    let mut received = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for listed in &scan.changes {
        if known.contains(&listed.sha256) || seen.contains(listed.sha256.as_str()) {
            continue;
        }
        let parsed = transport
            .read(listed)
            .and_then(|bytes| Change::from_bytes(bytes).map_err(|e| TransportError::BadFile(format!("not a Bridgeboard change ({e})"))));
        match parsed {
            Ok(change) => {
                seen.insert(&listed.sha256);
                received.push(Received {
                    change,
                    sha256: listed.sha256.clone(),
                    device_id: listed.device_id.clone(),
                    name: listed.name.clone(),
                });
            }
            Err(err) => unusable.push(crate::sync::transport::Unusable { name: listed.name.clone(), problem: err.to_string() }),
        }
    }
    (received, unusable)
}

/// A fresh actor for each process: two processes on one file never share a sequence.
fn fresh_actor() -> ActorId {
    ActorId::from(Uuid::now_v7().as_bytes().as_slice())
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn damaged(detail: impl std::fmt::Display) -> Error {
    Error::Storage(format!("This board's shared document is damaged ({detail}). Stop sharing it and join the board again from its folder."))
}

fn transport_error(err: TransportError) -> Error {
    match err {
        TransportError::Unreachable(m) => Error::Unreachable(format!("{m} Check that the folder is there and that you may write to it.")),
        TransportError::Refused(m) | TransportError::BadFile(m) => Error::Validation(m),
    }
}

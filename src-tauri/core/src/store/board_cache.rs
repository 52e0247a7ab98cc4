//! What a board read keeps for the next one, while nothing it was read from has changed: the task
//! counts per initiative and department (counting them scans every task) and the cards
//! themselves (reading every initiative and building its card was most of what a read cost
//! after a change to one card). How the counts and cards are made stays in `board.rs`; this
//! file knows what changed since they were kept.
//!
//! What changed is known exactly. Another connection's commit (the CLI, a second window, a sync
//! through another process) moves the file's `data_version`, and then nothing is reused. This
//! connection's own writes are seen row by row by an SQLite update hook: counted by table, and
//! for initiatives, by the row written. A change the hook cannot see (SQLite skips it for a
//! `DELETE` of a whole table) shows as a difference between the rows it counted and the
//! connection's `total_changes`, and then nothing is reused. Pages copied in whole (a restore
//! through SQLite's backup API) bypass both: the restore calls `forget`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::NaiveDate;
use rusqlite::hooks::Action;
use rusqlite::Connection;

use crate::domain::model::{Id, Person};
use crate::domain::view::{DepartmentProgress, GateSummary, InitiativeCard, ItemRef};
use crate::Result;

/// Done and total tasks per initiative, by department in the board's order.
pub type Progress = HashMap<Id, Vec<DepartmentProgress>>;

/// Beyond this many initiative rows written between two reads, every card is built again:
/// reading them one by one would cost more than reading them all.
const ROWS_WORTH_READING: usize = 256;

/// The cards of the last board read and everything they were built from besides their
/// initiatives' rows.
pub struct KeptCards {
    pub inputs: CardInputs,
    /// The people named on cards (owners, sponsor, Accountable).
    pub people: Vec<Person>,
    /// In board order. A card is never changed once built: one that is still right is the very
    /// object of the read before.
    pub cards: Vec<Arc<InitiativeCard>>,
}

/// What a card is built from besides its initiative's row.
pub struct CardInputs {
    pub today: NaiveDate,
    pub progress: Arc<Progress>,
    pub blockers: HashMap<Id, Vec<ItemRef>>,
    pub gates: HashMap<Id, GateSummary>,
    /// Each initiative's latest KPI reading.
    pub latest: HashMap<Id, NaiveDate>,
}

pub struct BoardCache {
    written: Arc<Written>,
    progress: Mutex<Option<(Mark, u64, Arc<Progress>)>>,
    cards: Mutex<Option<(Mark, KeptCards)>>,
}

/// Rows this connection wrote since it was opened, as its update hook saw them.
#[derive(Default)]
struct Written {
    /// In every table.
    rows: AtomicU64,
    /// In the tables the task counts come from.
    counted_from: AtomicU64,
    /// The initiative rows written since the cards were last taken; `None` when there were too
    /// many, or one was deleted outright (its row can no longer say which card it was).
    initiatives: Mutex<Option<Vec<i64>>>,
}

/// Where the file and this connection stood when something was kept.
#[derive(Clone, Copy)]
struct Mark {
    data_version: i64,
    total_changes: u64,
    rows: u64,
}

impl Mark {
    fn now(conn: &Connection, written: &Written) -> Result<Mark> {
        let data_version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(Mark { data_version, total_changes: conn.total_changes(), rows: written.rows.load(Ordering::Relaxed) })
    }

    /// Whether everything that changed since `self` was written by this connection and seen.
    fn only_seen_writes_since(&self, now: &Mark) -> bool {
        self.data_version == now.data_version && now.total_changes - self.total_changes == now.rows - self.rows
    }
}

fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl BoardCache {
    /// A cache that `conn` reports its writes to.
    pub fn watching(conn: &mut Connection) -> Result<BoardCache> {
        let written = Arc::new(Written { initiatives: Mutex::new(Some(Vec::new())), ..Written::default() });
        let hook = Arc::clone(&written);
        conn.update_hook(Some(move |action: Action, _: &str, table: &str, rowid: i64| {
            hook.rows.fetch_add(1, Ordering::Relaxed);
            match table {
                "tasks" | "departments" => drop(hook.counted_from.fetch_add(1, Ordering::Relaxed)),
                "initiatives" => {
                    let mut written = locked(&hook.initiatives);
                    match written.as_mut() {
                        Some(rows) if action != Action::SQLITE_DELETE && rows.len() < ROWS_WORTH_READING => rows.push(rowid),
                        _ => *written = None,
                    }
                }
                _ => {}
            }
        }))?;
        Ok(BoardCache { written, progress: Mutex::new(None), cards: Mutex::new(None) })
    }

    /// Drops everything kept: the file's pages were replaced behind SQL's back.
    pub fn forget(&self) {
        *locked(&self.progress) = None;
        *locked(&self.cards) = None;
    }

    /// The counts kept from the last read if nothing they come from changed since; else `count`.
    pub fn progress_or(&self, conn: &Connection, count: impl FnOnce() -> Result<Progress>) -> Result<Arc<Progress>> {
        let now = Mark::now(conn, &self.written)?;
        let counted_from = self.written.counted_from.load(Ordering::Relaxed);
        let mut kept = locked(&self.progress);
        if let Some((mark, from, progress)) = kept.as_ref() {
            if mark.only_seen_writes_since(&now) && *from == counted_from {
                return Ok(Arc::clone(progress));
            }
        }
        let progress = Arc::new(count()?);
        *kept = Some((now, counted_from, Arc::clone(&progress)));
        Ok(progress)
    }

    /// The cards kept from the last read, with the initiative rows this connection wrote since,
    /// when nothing else can have changed; `None` when every card must be built. Taken: until
    /// `keep_cards`, nothing is kept, so a read that fails halfway leaves the next one to build
    /// them all.
    pub fn take_cards(&self, conn: &Connection) -> Result<Option<(KeptCards, Vec<i64>)>> {
        let now = Mark::now(conn, &self.written)?;
        let written = locked(&self.written.initiatives).replace(Vec::new());
        let kept = locked(&self.cards).take();
        Ok(match (kept, written) {
            (Some((mark, kept)), Some(written)) if mark.only_seen_writes_since(&now) => Some((kept, written)),
            _ => None,
        })
    }

    /// Keeps the cards just read for the next read.
    pub fn keep_cards(&self, conn: &Connection, cards: KeptCards) -> Result<()> {
        let now = Mark::now(conn, &self.written)?;
        *locked(&self.cards) = Some((now, cards));
        Ok(())
    }
}

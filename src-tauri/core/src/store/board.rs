//! The board's own row (its id, name, whether it is the sample) and the cards the board view
//! shows: one query per concern, aggregated in SQL so that a 2,000-initiative board loads fast.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::hooks::Action;
use rusqlite::{params, Connection, Transaction};
use uuid::Uuid;

use super::{departments, gate_types, gates, initiatives, items, kpis, people, rows, Store};
use crate::domain::id_hash::IdMap;
use crate::domain::model::{Department, Id, Initiative, ItemKind, Person};
use crate::domain::results;
use crate::domain::rules;
use crate::domain::view::GateSummary;
use crate::domain::view::{BoardInfo, BoardView, DeletedInitiative, DepartmentProgress, InitiativeCard, ItemRef, PersonRef};
use crate::Result;

pub fn insert(tx: &Transaction, name: &str, now: DateTime<Utc>) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO board (id, name, sample, created_at, updated_at) VALUES (?1, ?2, 0, ?3, ?3)",
        params![Uuid::now_v7().to_string(), name, rows::stamp(now)],
    )?;
    Ok(())
}

/// Removes the board's own row, so that a joined board takes its row from the share.
pub fn forget(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM board", [])?;
    Ok(())
}

/// Gives the board a new id: a copy that must never merge back into the board it came from.
pub fn set_id(tx: &Transaction, id: Id, now: DateTime<Utc>) -> rusqlite::Result<()> {
    tx.execute("UPDATE board SET id = ?1, updated_at = ?2", params![id.to_string(), rows::stamp(now)])?;
    Ok(())
}

pub fn info(conn: &Connection) -> rusqlite::Result<BoardInfo> {
    conn.query_row("SELECT id, name, sample FROM board LIMIT 1", [], |r| {
        Ok(BoardInfo { id: rows::id(r, 0)?, name: r.get(1)?, sample: r.get(2)? })
    })
}

pub fn set_info(tx: &Transaction, name: &str, sample: bool, now: DateTime<Utc>) -> rusqlite::Result<()> {
    tx.execute("UPDATE board SET name = ?1, sample = ?2, updated_at = ?3", params![name, sample, rows::stamp(now)])?;
    Ok(())
}

pub fn person_ref(people: &HashMap<Id, &Person>, id: Option<Id>) -> Option<PersonRef> {
    let person = people.get(&id?)?;
    Some(PersonRef { id: person.id, name: person.name.clone(), department_id: person.department_id })
}

/// Cards for every initiative, with owners, per-department progress and blockers.
pub fn cards(conn: &Connection, today: NaiveDate, all_people: &[Person], kept: &ProgressCache) -> Result<Vec<InitiativeCard>> {
    let people: HashMap<Id, &Person> = all_people.iter().map(|p| (p.id, p)).collect();
    let progress = kept.get_or(conn, || progress(conn, &departments::all(conn)?))?;
    let mut blockers = items::open_blockers(conn, Some(ItemKind::Initiative))?;
    let mut gates = gates::summaries(conn)?;
    let latest = kpis::latest_readings(conn)?;
    let list = initiatives::all(conn)?;
    Ok(list
        .into_iter()
        .map(|i| {
            let latest = latest.get(&i.id).copied();
            card(i, today, &people, &progress, &mut blockers, &mut gates, latest)
        })
        .collect())
}

pub fn card(
    i: Initiative,
    today: NaiveDate,
    people: &HashMap<Id, &Person>,
    progress: &HashMap<Id, Vec<DepartmentProgress>>,
    blockers: &mut HashMap<Id, Vec<ItemRef>>,
    gates: &mut HashMap<Id, GateSummary>,
    latest_reading: Option<NaiveDate>,
) -> InitiativeCard {
    let blocked_by = blockers.remove(&i.id).unwrap_or_default();
    let gates = gates.remove(&i.id).unwrap_or_default();
    let marketing_owner = person_ref(people, i.marketing_owner_id);
    let it_owner = person_ref(people, i.it_owner_id);
    let mut search = vec![i.title.clone(), i.summary.clone()];
    search.extend(i.tags.iter().cloned());
    search.extend([&marketing_owner, &it_owner].into_iter().flatten().map(|p| p.name.clone()));
    InitiativeCard {
        blocked: rules::is_blocked(i.block_reason.as_deref(), &blocked_by, &gates.failed),
        accountable: person_ref(people, i.accountable_id),
        gates,
        results_due: results::results_due(i.status, results::review_date(i.went_live_on, i.review_on), today, latest_reading),
        overdue: i.status.is_open() && i.target.is_some_and(|t| t < today),
        progress: progress.get(&i.id).cloned().unwrap_or_default(),
        sponsor: person_ref(people, i.sponsor_id),
        search_text: search.join(" ").to_lowercase(),
        id: i.id,
        title: i.title,
        status: i.status,
        priority: i.priority,
        start: i.start,
        target: i.target,
        marketing_owner,
        it_owner,
        tags: i.tags,
        block_reason: i.block_reason,
        blocked_by,
    }
}

/// Done and total tasks per initiative and department; cancelled tasks count in neither.
/// Counted here from one plain scan of the tasks: SQLite's GROUP BY walked the initiative
/// index and sorted every row again, most of the time the board took to load.
fn progress(conn: &Connection, depts: &[Department]) -> Result<Progress> {
    let mut stmt = conn.prepare_cached(
        "SELECT initiative_id, department_id, status = 'done' FROM tasks WHERE deleted_at IS NULL AND status != 'cancelled'",
    )?;
    let mut counts: IdMap<(Id, Id), (u32, u32)> = IdMap::default();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let count = counts.entry((rows::id(r, 0)?, rows::id(r, 1)?)).or_default();
        count.0 += u32::from(r.get::<_, bool>(2)?);
        count.1 += 1;
    }
    // In the board's department order: Marketing, IT, then the others by name (an unknown
    // department last, by id).
    let rank = |id: Id| depts.iter().position(|d| d.id == id).unwrap_or(usize::MAX);
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_unstable_by_key(|((initiative, department), _)| (*initiative, rank(*department), *department));
    let mut out: HashMap<Id, Vec<DepartmentProgress>> = HashMap::new();
    for ((initiative, department), (done, total)) in counts {
        let name = depts.iter().find(|d| d.id == department).map(|d| d.name.clone()).unwrap_or_default();
        out.entry(initiative).or_default().push(DepartmentProgress { department_id: department, name, done, total });
    }
    Ok(out)
}

type Progress = HashMap<Id, Vec<DepartmentProgress>>;

/// The board's task counts per initiative and department from the last board read, reused while
/// nothing they are counted from has changed: counting them scans every task, most of a large
/// board's read, and moving a card between columns (the commonest change) touches no task.
///
/// What changed is known exactly. Another connection's commit (the CLI, a second window, a sync
/// through another process) moves the file's `data_version`. This connection's own writes are
/// counted row by row by an SQLite update hook, by table; a change the hook cannot see (SQLite
/// skips it for a `DELETE` of a whole table) shows as a difference between the rows it counted
/// and the connection's `total_changes`, and then nothing is reused. Pages copied in whole (a
/// restore through SQLite's backup API) bypass both: the restore calls `forget`.
pub struct ProgressCache {
    written: Arc<Written>,
    kept: Mutex<Option<Kept>>,
}

/// Rows this connection wrote since it was opened, as its update hook saw them.
#[derive(Default)]
struct Written {
    /// In every table.
    rows: AtomicU64,
    /// In the tables the counts come from.
    counted_from: AtomicU64,
}

struct Kept {
    data_version: i64,
    total_changes: u64,
    rows: u64,
    counted_from: u64,
    progress: Arc<Progress>,
}

impl ProgressCache {
    /// A cache that `conn` reports its writes to.
    pub fn watching(conn: &mut Connection) -> Result<ProgressCache> {
        let written = Arc::new(Written::default());
        let hook = Arc::clone(&written);
        conn.update_hook(Some(move |_: Action, _: &str, table: &str, _: i64| {
            hook.rows.fetch_add(1, Ordering::Relaxed);
            if matches!(table, "tasks" | "departments") {
                hook.counted_from.fetch_add(1, Ordering::Relaxed);
            }
        }))?;
        Ok(ProgressCache { written, kept: Mutex::new(None) })
    }

    /// Drops the kept counts: the file's pages were replaced behind SQL's back.
    pub fn forget(&self) {
        *self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }

    /// The counts kept from the last read if nothing they come from changed since; else `count`.
    fn get_or(&self, conn: &Connection, count: impl FnOnce() -> Result<Progress>) -> Result<Arc<Progress>> {
        let data_version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let (total_changes, rows, counted_from) =
            (conn.total_changes(), self.written.rows.load(Ordering::Relaxed), self.written.counted_from.load(Ordering::Relaxed));
        let mut kept = self.kept.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(k) = kept.as_ref() {
            let untracked = total_changes - k.total_changes != rows - k.rows;
            if k.data_version == data_version && !untracked && k.counted_from == counted_from {
                return Ok(Arc::clone(&k.progress));
            }
        }
        let progress = Arc::new(count()?);
        *kept = Some(Kept { data_version, total_changes, rows, counted_from, progress: Arc::clone(&progress) });
        Ok(progress)
    }
}

impl Store {
    pub fn info(&self) -> Result<BoardInfo> {
        Ok(info(self.conn())?)
    }

    /// Everything the board view shows, in one call: the exact call the app makes. Read in one
    /// transaction, so that a change another process commits meanwhile shows whole or not at all.
    pub fn board(&self, today: NaiveDate) -> Result<BoardView> {
        self.reading(|conn| {
            let people = people::all(conn)?;
            Ok(BoardView {
                info: info(conn)?,
                today,
                departments: departments::all(conn)?,
                initiatives: cards(conn, today, &people, &self.progress)?,
                people,
                gate_types: gate_types::all(conn)?,
            })
        })
    }

    /// Deleted initiatives, most recently deleted first, to offer back (Op::Restore).
    pub fn deleted_initiatives(&self) -> Result<Vec<DeletedInitiative>> {
        initiatives::deleted(self.conn())
    }

    pub fn is_empty(&self) -> Result<bool> {
        let count: i64 =
            self.conn().query_row("SELECT (SELECT count(*) FROM initiatives) + (SELECT count(*) FROM people)", [], |r| r.get(0))?;
        Ok(count == 0)
    }
}

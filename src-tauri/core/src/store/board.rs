//! The board's own row (its id, name, whether it is the sample) and the cards the board view
//! shows: one query per concern, aggregated in SQL so that a 2,000-initiative board loads fast.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Transaction};
use uuid::Uuid;

use super::board_cache::{BoardCache, CardInputs, KeptCards, Progress};
use super::{departments, gate_types, gates, initiatives, items, kpis, people, rows, Store};
use crate::domain::id_hash::{IdMap, IdSet};
use crate::domain::model::{Department, Id, Initiative, ItemKind, Person};
use crate::domain::results;
use crate::domain::rules;
use crate::domain::view::{board_order, BoardInfo, BoardView, DeletedInitiative, DepartmentProgress, InitiativeCard, PersonRef};
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

/// Cards for every initiative, with owners, per-department progress and blockers. Only the cards
/// whose initiative was written or whose other inputs differ from the last read's are built;
/// the others are kept from it (`BoardCache`).
pub fn cards(conn: &Connection, today: NaiveDate, all_people: &[Person], cache: &BoardCache) -> Result<Vec<Arc<InitiativeCard>>> {
    let inputs = CardInputs {
        today,
        progress: cache.progress_or(conn, || progress(conn, &departments::all(conn)?))?,
        blockers: items::open_blockers(conn, Some(ItemKind::Initiative))?,
        gates: gates::summaries(conn)?,
        latest: kpis::latest_readings(conn)?,
    };
    let people: HashMap<Id, &Person> = all_people.iter().map(|p| (p.id, p)).collect();
    let cards = match cache.take_cards(conn)? {
        Some((kept, written)) if kept.inputs.today == today && kept.people == all_people => {
            cards_again(conn, kept, &written, &inputs, &people)?
        }
        _ => initiatives::all(conn)?.into_iter().map(|i| Arc::new(card(i, &inputs, &people))).collect(),
    };
    cache.keep_cards(conn, KeptCards { inputs, people: all_people.to_vec(), cards: cards.clone() })?;
    Ok(cards)
}

/// The kept cards, with those built again whose initiative's row was `written` (by rowid) or
/// whose other inputs differ from the kept ones; in board order.
fn cards_again(
    conn: &Connection,
    kept: KeptCards,
    written: &[i64],
    inputs: &CardInputs,
    people: &HashMap<Id, &Person>,
) -> Result<Vec<Arc<InitiativeCard>>> {
    let mut stale = inputs_differ(&kept.inputs, inputs);
    // Each initiative to build again, as it is now: `None` when it is no longer on the board.
    let mut now: Vec<(Id, Option<Initiative>)> = Vec::new();
    for &rowid in written {
        if let Some((initiative, deleted)) = initiatives::at_rowid(conn, rowid)? {
            stale.remove(&initiative.id);
            now.push((initiative.id, (!deleted).then_some(initiative)));
        }
    }
    for id in stale {
        now.push((id, initiatives::get(conn, id)?));
    }
    let built: IdMap<Id, Option<Arc<InitiativeCard>>> =
        now.into_iter().map(|(id, row)| (id, row.map(|i| Arc::new(card(i, inputs, people))))).collect();
    let mut cards: Vec<Arc<InitiativeCard>> = kept.cards.into_iter().filter(|c| !built.contains_key(&c.id)).collect();
    cards.extend(built.into_values().flatten());
    // Mostly in order already: the sort finds the runs and moves the few cards that changed.
    cards.sort_by(|a, b| board_order(a.target, &a.title, a.id).cmp(&board_order(b.target, &b.title, b.id)));
    Ok(cards)
}

/// The initiatives whose task counts, open blockers, gates or latest reading are not what they
/// were (one that left the board included).
fn inputs_differ(before: &CardInputs, now: &CardInputs) -> IdSet {
    fn differ<V: PartialEq>(before: &HashMap<Id, V>, now: &HashMap<Id, V>, out: &mut IdSet) {
        out.extend(now.iter().filter(|(id, v)| before.get(id) != Some(v)).map(|(id, _)| *id));
        out.extend(before.keys().filter(|id| !now.contains_key(id)));
    }
    let mut out = IdSet::default();
    if !Arc::ptr_eq(&before.progress, &now.progress) {
        differ(&before.progress, &now.progress, &mut out);
    }
    differ(&before.blockers, &now.blockers, &mut out);
    differ(&before.gates, &now.gates, &mut out);
    differ(&before.latest, &now.latest, &mut out);
    out
}

pub fn card(i: Initiative, inputs: &CardInputs, people: &HashMap<Id, &Person>) -> InitiativeCard {
    let blocked_by = inputs.blockers.get(&i.id).cloned().unwrap_or_default();
    let gates = inputs.gates.get(&i.id).cloned().unwrap_or_default();
    let today = inputs.today;
    let marketing_owner = person_ref(people, i.marketing_owner_id);
    let it_owner = person_ref(people, i.it_owner_id);
    let mut search = vec![i.title.clone(), i.summary.clone()];
    search.extend(i.tags.iter().cloned());
    search.extend([&marketing_owner, &it_owner].into_iter().flatten().map(|p| p.name.clone()));
    InitiativeCard {
        blocked: rules::is_blocked(i.block_reason.as_deref(), &blocked_by, &gates.failed),
        accountable: person_ref(people, i.accountable_id),
        gates,
        results_due: results::results_due(
            i.status,
            results::review_date(i.went_live_on, i.review_on),
            today,
            inputs.latest.get(&i.id).copied(),
        ),
        overdue: i.status.is_open() && i.target.is_some_and(|t| t < today),
        progress: inputs.progress.get(&i.id).cloned().unwrap_or_default(),
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
                initiatives: cards(conn, today, &people, &self.board_cache)?,
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

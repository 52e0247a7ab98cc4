//! The shared board as one Automerge document, and the mapping between it and the rows of the
//! tables the UI reads.
//!
//! Layout: the root holds `meta` (`format_version`, `board_id`) and one map per replicated table;
//! each row is a map of its own under its id, holding each column's value as the scalar SQLite
//! stores. A set column (an initiative's tags) is one key per member, `"tags/<tag>"` → 1 (in) or
//! 0 (out), so tags added and removed on different desktops all survive. Keys are never removed:
//! deletes are the `deleted_at` column, like every edit. A row in its own map keeps applying a
//! change cheap (Automerge walks the maps a change touches), where one map per table with a key
//! per cell made every remote change walk the whole table.
//!
//! Two desktops can create the same row apart only for a dependency (its id is derived from its
//! two ends): Automerge then keeps both maps under the id. A row is read from the winning map,
//! a column whose value differs between the maps is a conflict like any other, and a write goes
//! to every map of the row, so keeping a value settles it in all of them.
//!
//! Automerge does the merging; this module only says where each value lives. Wall clocks
//! decide nothing: a field's winner is Automerge's, the same on every desktop.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use automerge::legacy::{Key, ObjectId, OpId};
use automerge::transaction::{CommitOptions, Transactable};
use automerge::{
    ActorId, Automerge, Change, ChangeHash, ObjId, ObjType, Prop, ReadDoc, ScalarValue, ScalarValueRef, Value, ValueRef, ROOT,
};
use serde::{Deserialize, Serialize};

/// The document format this build writes. A folder or document with a higher one is read but
/// never written (the board opens read-only).
pub const FORMAT_VERSION: i64 = 1;

/// The replicated tables, in the order their rows are projected: what is referred to first.
pub const TABLES: [&str; 15] = [
    "board",
    "departments",
    "people",
    "initiatives",
    "tasks",
    "dependencies",
    "comments",
    "activity",
    // Added by the upgrade change (see `Replica::upgrade`).
    "gate_types",
    "roles",
    "gates",
    "kpis",
    "kpi_readings",
    "templates",
    "baselines",
];

/// The tables the first share format had; the genesis document holds their maps. The others
/// are added by [`Replica::upgrade`].
const FIRST_TABLES: usize = 8;

/// The actor of the change that adds the tables after [`FIRST_TABLES`]: every desktop makes it itself,
/// byte for byte the same (same actor, same cause, no time), so it is one change everywhere and
/// no two desktops ever hold two different maps for one table.
const UPGRADE_ACTOR: &[u8; 16] = b"bridgeboard:gov3";

/// Columns every edit writes, that describe who made a decision, or that record where an import
/// came from; their concurrent values are merged silently (Automerge's winner), never shown as a
/// conflict.
const QUIET: [&str; 7] = ["updated_at", "position", "decided_by", "decided_at", "decided_on", "source_key", "source_values"];

/// Tables whose rows are made with fresh ids (UUIDv7), so no two desktops ever make the same row.
/// Rows with derived ids (a dependency, a role, a gate) may be made on two desktops at once and
/// are compared column by column, so theirs keep every column, nulls too.
const FRESH_IDS: [&str; 9] = ["people", "initiatives", "tasks", "comments", "activity", "kpis", "kpi_readings", "templates", "baselines"];

/// Columns kept as sets of members (a JSON array of text in the table).
const SETS: [(&str, &str); 1] = [("initiatives", "tags")];

/// A value as SQLite holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// One column of one row set to a value: what a local edit changes in the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldWrite {
    pub table: String,
    pub id: String,
    /// The column, or `column/member` for a set column.
    pub column: String,
    pub value: Cell,
}

/// Who made a change, carried in the change's message (the time is the change's own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Author {
    pub person_id: Option<String>,
    pub person: String,
    pub device_id: String,
    pub device: String,
}

/// One of the values competing for a field after a merge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Competing {
    pub value: Cell,
    /// Who set it, when their desktop says it was, and the change that holds it.
    pub author: Option<Author>,
    pub at_ms: i64,
    pub change: String,
    /// Automerge's choice, shown until someone decides.
    pub winner: bool,
}

/// A row read back from the document: its columns' winning values, and the columns where
/// desktops set different values while apart.
#[derive(Debug, Clone, PartialEq)]
pub struct DocRow {
    pub cells: Vec<(String, Cell)>,
    pub conflicts: Vec<(String, Vec<Competing>)>,
}

#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error("{0}")]
    Automerge(#[from] automerge::AutomergeError),
    #[error("this is not a Bridgeboard board document ({0})")]
    Foreign(String),
}

/// The board document with the object ids of its tables looked up once.
pub struct Replica {
    doc: Automerge,
    tables: BTreeMap<&'static str, ObjId>,
    upgrade: Option<Change>,
}

impl Replica {
    /// A new board document: the table maps and the board's identity, written once by the
    /// desktop that shares the board.
    pub fn genesis(board_id: &str, actor: ActorId, author: &Author, at_ms: i64) -> Replica {
        let mut doc = Automerge::new().with_actor(actor);
        let mut tx = doc.transaction();
        let meta = tx.put_object(ROOT, "meta", ObjType::Map).expect("a new document accepts a map at its root");
        tx.put(&meta, "format_version", FORMAT_VERSION).expect("meta is a map");
        tx.put(&meta, "board_id", board_id).expect("meta is a map");
        for table in &TABLES[..FIRST_TABLES] {
            tx.put_object(ROOT, *table, ObjType::Map).expect("a new document accepts a map at its root");
        }
        tx.commit_with(options(author, at_ms));
        Replica::wrap(doc).expect("the genesis document has every table")
    }

    /// Adds the maps of the tables added since the first format, once, by a change every desktop
    /// makes identically: built on the genesis change alone, by a fixed actor, with no time.
    /// Returns it when it was new here, to be kept and published like a local change (so that a
    /// desktop whose Bridgeboard predates it can still apply what depends on it).
    fn upgrade(doc: &mut Automerge) -> Result<Option<Change>, DocError> {
        let has = |doc: &Automerge, table: &str| matches!(doc.get(ROOT, table), Ok(Some((Value::Object(ObjType::Map), _))));
        let added = &TABLES[FIRST_TABLES..];
        if added.iter().all(|t| has(doc, t)) {
            return Ok(None);
        }
        let Some((_, meta)) = doc.get(ROOT, "meta")? else { return Err(DocError::Foreign("it has no meta map".into())) };
        let genesis = doc.hash_for_opid(&meta).ok_or_else(|| DocError::Foreign("its genesis change is missing".into()))?;
        let mut base = doc.fork_at(&[genesis])?.with_actor(ActorId::from(UPGRADE_ACTOR.as_slice()));
        let mut tx = base.transaction();
        for table in added {
            tx.put_object(ROOT, *table, ObjType::Map)?;
        }
        tx.commit_with(
            CommitOptions::default().with_time(0).with_message("Bridgeboard: roles, gates, gate types, KPIs, templates and baselines"),
        );
        let change = base.get_last_local_change().ok_or_else(|| DocError::Foreign("the upgrade made no change".into()))?;
        doc.apply_changes([change.clone()])?;
        Ok(Some(change))
    }

    /// A document from a saved snapshot, then the changes that came after it.
    pub fn load(snapshot: &[u8], changes: Vec<Change>, actor: ActorId) -> Result<Replica, DocError> {
        let doc = Automerge::load(snapshot)?.with_actor(actor);
        let mut replica = Replica::wrap(doc)?;
        replica.apply(changes)?;
        Ok(replica)
    }

    fn wrap(mut doc: Automerge) -> Result<Replica, DocError> {
        let upgrade = Replica::upgrade(&mut doc)?;
        let mut tables = BTreeMap::new();
        for table in TABLES {
            match doc.get(ROOT, table)? {
                Some((Value::Object(ObjType::Map), id)) => tables.insert(table, id),
                _ => return Err(DocError::Foreign(format!("it has no {table} map"))),
            };
        }
        Ok(Replica { doc, tables, upgrade })
    }

    /// The upgrade change this replica made when it was read, once: see [`Replica::upgrade`].
    pub fn take_upgrade(&mut self) -> Option<Change> {
        self.upgrade.take()
    }

    pub fn save(&self) -> Vec<u8> {
        self.doc.save()
    }

    pub fn heads(&self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    pub fn has_change(&self, hash: &ChangeHash) -> bool {
        self.doc.get_change_by_hash(hash).is_some()
    }

    /// The causes that changes waiting in the document still lack.
    pub fn missing(&self) -> Vec<ChangeHash> {
        self.doc.get_missing_deps(&[])
    }

    pub fn meta(&self, key: &str) -> Option<ScalarValue> {
        let (_, meta) = self.doc.get(ROOT, "meta").ok()??;
        match self.doc.get(&meta, key).ok()?? {
            (Value::Scalar(s), _) => Some(s.into_owned()),
            _ => None,
        }
    }

    pub fn board_id(&self) -> Option<String> {
        self.meta("board_id").and_then(|s| s.as_str().map(str::to_string))
    }

    /// Applies local writes as one change by `author` at `at_ms`; `None` when nothing changed.
    pub fn commit(&mut self, writes: &[FieldWrite], author: &Author, at_ms: i64) -> Result<Option<Change>, DocError> {
        if writes.is_empty() {
            return Ok(None);
        }
        // Each row's maps, and whether this change makes the row.
        let mut maps: HashMap<(&str, &str), (Vec<ObjId>, bool)> = HashMap::new();
        let mut tx = self.doc.transaction();
        for w in writes {
            let table = self.tables.get(w.table.as_str()).ok_or_else(|| DocError::Foreign(format!("no table {}", w.table)))?;
            let (row, made) = match maps.entry((w.table.as_str(), w.id.as_str())) {
                Entry::Occupied(found) => found.into_mut(),
                Entry::Vacant(slot) => {
                    let mut existing: Vec<ObjId> = tx
                        .get_all(table, w.id.as_str())?
                        .into_iter()
                        .filter(|(v, _)| matches!(v, Value::Object(ObjType::Map)))
                        .map(|(_, id)| id)
                        .collect();
                    let made = existing.is_empty();
                    if made {
                        existing.push(tx.put_object(table, w.id.as_str(), ObjType::Map)?);
                    }
                    slot.insert((existing, made))
                }
            };
            // A column a map does not hold reads as null, so a row made here with a fresh id needs
            // no write for its nulls (a third of a bulk import's writes).
            if *made && w.value == Cell::Null && FRESH_IDS.contains(&w.table.as_str()) {
                continue;
            }
            for map in row.iter() {
                tx.put(map, w.column.as_str(), scalar(&w.value))?;
            }
        }
        let (hash, _) = tx.commit_with(options(author, at_ms));
        Ok(hash.and_then(|h| self.doc.get_change_by_hash(&h)))
    }

    /// Applies changes from other desktops; those whose causes are missing wait inside.
    /// Twenty at a time: Automerge 0.12 applies batches of that size far faster than one large
    /// batch or one change at a time (measured on the benchmark board, 1,000 changes read,
    /// applied, projected and committed: 0.70 s in twenties, 1.1 s in tens, 1.3 s in fives; the
    /// bare apply took 12 s in one batch and 5 s one by one).
    pub fn apply(&mut self, changes: Vec<Change>) -> Result<(), DocError> {
        for batch in changes.chunks(20) {
            self.doc.apply_changes(batch.to_vec())?;
        }
        Ok(())
    }

    /// Applies changes from other desktops, refusing each one the document rejects (a change
    /// forged or damaged yet well-formed, such as a second change under an actor's sequence
    /// number) instead of the whole lot: one bad file in the share must not stop a desktop
    /// from taking everyone else's work. Returns the refused changes' hashes with the reason.
    /// Automerge checks a change before applying any of its operations, so a refused one
    /// leaves the document as it was.
    ///
    /// Automerge 0.12 panics on some forged changes (an actor it does not know). Such a panic
    /// is caught; the document may then be half-changed, so it is thrown away and `rebuild`
    /// (the document as it was before these changes) is taken instead, and the changes are
    /// applied one at a time, each one that panics refused.
    pub fn apply_screened(
        &mut self,
        changes: Vec<Change>,
        rebuild: impl Fn() -> Result<Replica, DocError>,
    ) -> Result<Vec<(String, String)>, DocError> {
        if let Some(refused) = self.try_apply(&changes) {
            return Ok(refused);
        }
        *self = rebuild()?;
        let (mut refused, mut accepted) = (Vec::new(), Vec::new());
        for change in changes {
            match self.try_apply(std::slice::from_ref(&change)) {
                Some(none) if none.is_empty() => accepted.push(change),
                Some(one) => refused.extend(one),
                None => {
                    refused.push((change.hash().to_string(), "the merge engine cannot read it".to_string()));
                    *self = rebuild()?;
                    if self.try_apply(&accepted).is_none() {
                        return Err(DocError::Foreign("a change that was read a moment ago cannot be read again".into()));
                    }
                }
            }
        }
        Ok(refused)
    }

    /// [`Replica::apply_screened`] without the rebuild: `None` when Automerge panicked.
    fn try_apply(&mut self, changes: &[Change]) -> Option<Vec<(String, String)>> {
        let doc = &mut self.doc;
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
            let mut refused = Vec::new();
            for batch in changes.chunks(20) {
                if doc.apply_changes(batch.to_vec()).is_ok() {
                    continue;
                }
                // One by one: those before the bad one are known now and skipped.
                for change in batch {
                    if let Err(err) = doc.apply_changes([change.clone()]) {
                        refused.push((change.hash().to_string(), err.to_string()));
                    }
                }
            }
            refused
        }))
        .ok()
    }

    /// The rows that `changes` write to, as `(table, row id)`: every row whose values or
    /// conflicts may have changed when they were applied, including those where the winner
    /// stayed. Read from the changes themselves, which is far cheaper than asking the document
    /// what changed.
    pub fn touched_by(&self, changes: &[Change]) -> BTreeSet<(&'static str, String)> {
        let tables: BTreeMap<String, &'static str> = self.tables.iter().map(|(t, o)| (o.to_string(), *t)).collect();
        // A row's map, once found, for the other ops of the change that write to it.
        let mut row_of_map: HashMap<String, Option<(&'static str, String)>> = HashMap::new();
        let mut rows = BTreeSet::new();
        for change in changes {
            for op in change.decode().operations {
                let ObjectId::Id(OpId(counter, actor)) = &op.obj else { continue };
                let obj = format!("{counter}@{actor}");
                if let (Some(table), Key::Map(id)) = (tables.get(&obj), &op.key) {
                    // A row's map being made in its table.
                    rows.insert((*table, id.to_string()));
                    continue;
                }
                // A value put in a row's map: the row is its map's key in a table.
                let row = row_of_map.entry(obj).or_insert_with_key(|obj| {
                    let parent = self.doc.import_obj(obj).ok().and_then(|o| self.doc.parents(&o).ok()?.next())?;
                    match (tables.get(&parent.obj.to_string()), parent.prop) {
                        (Some(table), Prop::Map(id)) => Some((*table, id)),
                        _ => None,
                    }
                });
                rows.extend(row.clone());
            }
        }
        rows
    }

    /// The row `id` of `table` as the document holds it now; `None` if it has no values.
    pub fn row(&self, table: &str, id: &str) -> Option<DocRow> {
        let obj = self.tables.get(table)?;
        let winner = match self.doc.get(obj, id).ok()?? {
            (Value::Object(ObjType::Map), map) => map,
            _ => return None,
        };
        let mut row = RowReader::new(table);
        for item in self.doc.map_range(&winner, ..) {
            row.add(self, &winner, &item);
        }
        let mut row = row.finish()?;
        let maps: Vec<ObjId> = self.doc.get_all(obj, id).ok()?.into_iter().map(|(_, m)| m).collect();
        if maps.len() > 1 {
            self.add_conflicts_between(&mut row, &maps, &winner);
        }
        Some(row)
    }

    /// A row made on two desktops at once: a column whose value differs between its maps
    /// competes like any field set two ways.
    fn add_conflicts_between(&self, row: &mut DocRow, maps: &[ObjId], winner: &ObjId) {
        let (cells, conflicts) = (&row.cells, &mut row.conflicts);
        for (column, _) in cells.iter().filter(|(c, _)| !QUIET.contains(&c.as_str()) && !SETS.iter().any(|(_, s)| s == c)) {
            if conflicts.iter().any(|(c, _)| c == column) {
                continue;
            }
            let mut competing: Vec<Competing> = Vec::new();
            for map in maps {
                for mut c in self.competing(map, column) {
                    c.winner = c.winner && map == winner;
                    competing.push(c);
                }
            }
            let distinct: BTreeSet<String> = competing.iter().map(|c| format!("{:?}", c.value)).collect();
            if distinct.len() > 1 {
                conflicts.push((column.clone(), competing));
            }
        }
    }

    /// Every row of `table`: for projecting a whole board.
    pub fn rows_of(&self, table: &str) -> Vec<(String, DocRow)> {
        let Some(obj) = self.tables.get(table) else { return Vec::new() };
        let ids: Vec<String> = self.doc.map_range(obj, ..).map(|item| item.key.to_string()).collect();
        ids.into_iter().filter_map(|id| Some((id.clone(), self.row(table, &id)?))).collect()
    }

    /// Was a deleted row changed on another desktop while (or after) it was deleted? True when
    /// a value in its map comes from a change that did not know of the delete.
    pub fn edited_while_deleted(&self, table: &str, id: &str) -> bool {
        let Some(obj) = self.tables.get(table) else { return false };
        let Some((Value::Object(ObjType::Map), map)) = self.doc.get(obj, id).ok().flatten() else { return false };
        let Some((_, delete)) = self.doc.get(&map, "deleted_at").ok().flatten() else { return false };
        let Some(delete) = self.doc.hash_for_opid(&delete) else { return false };
        let unaware: BTreeSet<ChangeHash> = self.doc.get_changes(&[delete]).iter().map(Change::hash).collect();
        self.doc
            .map_range(&map, ..)
            .filter(|item| !QUIET.contains(&item.key.as_ref()) && item.key != "deleted_at")
            .any(|item| self.doc.hash_for_opid(&item.id()).is_some_and(|h| unaware.contains(&h)))
    }

    /// The op that made a row's map: the order rows were made in, the same on every desktop,
    /// whatever their clocks say.
    pub fn created_op(&self, table: &str, id: &str) -> Option<ObjId> {
        let obj = self.tables.get(table)?;
        self.doc.get(obj, id).ok().flatten().map(|(_, map)| map)
    }

    /// All values competing at one key, with who set each (from their change's message).
    fn competing(&self, obj: &ObjId, key: &str) -> Vec<Competing> {
        let winner = self.doc.get(obj, key).ok().flatten().map(|(_, id)| id);
        let mut all: Vec<Competing> = Vec::new();
        for (value, id) in self.doc.get_all(obj, key).unwrap_or_default() {
            let Value::Scalar(value) = value else { continue };
            let hash = self.doc.hash_for_opid(&id);
            let meta = hash.and_then(|h| self.doc.get_change_meta_by_hash(&h));
            all.push(Competing {
                value: cell(&value),
                author: meta.as_ref().and_then(|m| m.message.as_deref()).and_then(|m| serde_json::from_str(m).ok()),
                at_ms: meta.as_ref().map_or(0, |m| m.timestamp),
                change: hash.map(|h| h.to_string()).unwrap_or_default(),
                winner: winner.as_ref() == Some(&id),
            });
        }
        all
    }
}

/// Gathers one row's keys, in key order, into its cells and conflicts.
struct RowReader<'t> {
    table: &'t str,
    cells: Vec<(String, Cell)>,
    conflicts: Vec<(String, Vec<Competing>)>,
    /// A set column's members that are in, with the op that put each in.
    members: BTreeMap<String, Vec<(ObjId, String)>>,
}

impl<'t> RowReader<'t> {
    fn new(table: &'t str) -> RowReader<'t> {
        RowReader { table, cells: Vec::new(), conflicts: Vec::new(), members: BTreeMap::new() }
    }

    fn add(&mut self, replica: &Replica, obj: &ObjId, item: &automerge::iter::MapRangeItem) {
        let column: &str = &item.key;
        let ValueRef::Scalar(value) = &item.value else { return };
        let cell = cell_of_ref(value);
        if let Some((set, member)) = column.split_once('/') {
            if SETS.contains(&(self.table, set)) && cell == Cell::Int(1) {
                self.members.entry(set.to_string()).or_default().push((item.id(), member.to_string()));
            }
            return;
        }
        if item.conflict && !QUIET.contains(&column) {
            let competing = replica.competing(obj, column);
            let distinct: BTreeSet<String> = competing.iter().map(|c| format!("{:?}", c.value)).collect();
            if distinct.len() > 1 {
                self.conflicts.push((column.to_string(), competing));
            }
        }
        self.cells.push((column.to_string(), cell));
    }

    fn finish(mut self) -> Option<DocRow> {
        if self.cells.is_empty() {
            return None;
        }
        for (table, set) in SETS {
            if table == self.table {
                // Members in the order they were first put in (op ids order causally), so a
                // tag added later is listed later, as it was typed.
                let mut members = self.members.remove(set).unwrap_or_default();
                members.sort();
                let list: Vec<String> = members.into_iter().map(|(_, m)| m).collect();
                self.cells.push((set.to_string(), Cell::Text(serde_json::to_string(&list).expect("a list of text is JSON"))));
            }
        }
        Some(DocRow { cells: self.cells, conflicts: self.conflicts })
    }
}

/// Turns one column's change in a local edit into document writes: one write for a plain
/// column, one per member added or removed for a set column.
pub fn writes_for(table: &str, id: &str, column: &str, old: Option<&Cell>, new: Cell) -> Vec<FieldWrite> {
    let write = |column: String, value: Cell| FieldWrite { table: table.into(), id: id.into(), column, value };
    if !SETS.contains(&(table, column)) {
        return vec![write(column.into(), new)];
    }
    let members = |c: Option<&Cell>| -> BTreeSet<String> {
        match c {
            Some(Cell::Text(json)) => serde_json::from_str::<Vec<String>>(json).unwrap_or_default().into_iter().collect(),
            _ => BTreeSet::new(),
        }
    };
    let (before, after) = (members(old), members(Some(&new)));
    let mut writes: Vec<FieldWrite> = Vec::new();
    // The new list's order, so that members added together keep the order they were typed in.
    if let Cell::Text(json) = &new {
        for m in serde_json::from_str::<Vec<String>>(json).unwrap_or_default() {
            if !before.contains(&m) {
                writes.push(write(format!("{column}/{m}"), Cell::Int(1)));
            }
        }
    }
    writes.extend(before.difference(&after).map(|m| write(format!("{column}/{m}"), Cell::Int(0))));
    writes
}

fn options(author: &Author, at_ms: i64) -> CommitOptions {
    CommitOptions::default().with_message(serde_json::to_string(author).expect("an author is JSON")).with_time(at_ms)
}

fn scalar(c: &Cell) -> ScalarValue {
    match c {
        Cell::Null => ScalarValue::Null,
        Cell::Int(n) => ScalarValue::Int(*n),
        Cell::Real(x) => ScalarValue::F64(*x),
        Cell::Text(t) => ScalarValue::Str(t.as_str().into()),
    }
}

fn cell(s: &ScalarValue) -> Cell {
    match s {
        ScalarValue::Int(n) => Cell::Int(*n),
        ScalarValue::Uint(n) => Cell::Int(*n as i64),
        ScalarValue::F64(x) => Cell::Real(*x),
        ScalarValue::Str(t) => Cell::Text(t.to_string()),
        ScalarValue::Boolean(b) => Cell::Int(i64::from(*b)),
        _ => Cell::Null,
    }
}

fn cell_of_ref(s: &ScalarValueRef) -> Cell {
    cell(&ScalarValue::from(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(name: &str) -> Author {
        Author { person_id: None, person: name.into(), device_id: name.into(), device: name.into() }
    }

    fn put(table: &str, id: &str, column: &str, value: Cell) -> FieldWrite {
        FieldWrite { table: table.into(), id: id.into(), column: column.into(), value }
    }

    #[test]
    fn values_set_apart_compete_and_both_stay_readable() {
        let mut a = Replica::genesis("b", ActorId::from(&[1u8][..]), &author("A"), 0);
        a.commit(&[put("tasks", "t1", "title", Cell::Text("Go".into()))], &author("A"), 1).unwrap();
        let mut b = Replica::load(&a.save(), Vec::new(), ActorId::from(&[2u8][..])).unwrap();
        let from_a = a.commit(&[put("tasks", "t1", "status", Cell::Text("done".into()))], &author("A"), 2).unwrap().unwrap();
        let from_b = b.commit(&[put("tasks", "t1", "status", Cell::Text("todo".into()))], &author("B"), 3).unwrap().unwrap();
        a.apply(vec![from_b]).unwrap();
        b.apply(vec![from_a]).unwrap();
        let (ra, rb) = (a.row("tasks", "t1").unwrap(), b.row("tasks", "t1").unwrap());
        assert_eq!(ra, rb, "both replicas read the same row and the same conflict");
        assert_eq!(ra.conflicts.len(), 1, "the status is in conflict: {ra:?}");
        let people: BTreeSet<String> = ra.conflicts[0].1.iter().filter_map(|c| c.author.as_ref().map(|a| a.person.clone())).collect();
        assert_eq!(people, BTreeSet::from(["A".to_string(), "B".to_string()]), "each value says who set it");
    }

    /// A document as the first share format wrote it: meta and the first eight tables only.
    fn first_format_document() -> Vec<u8> {
        let mut doc = Automerge::new().with_actor(ActorId::from(&[9u8][..]));
        let mut tx = doc.transaction();
        let meta = tx.put_object(ROOT, "meta", ObjType::Map).unwrap();
        tx.put(&meta, "format_version", 1).unwrap();
        tx.put(&meta, "board_id", "b").unwrap();
        for table in &TABLES[..FIRST_TABLES] {
            tx.put_object(ROOT, *table, ObjType::Map).unwrap();
        }
        tx.commit_with(options(&author("first"), 5));
        doc.save()
    }

    #[test]
    fn the_upgrade_to_new_tables_is_one_change_on_every_desktop() {
        let old = first_format_document();
        let mut a = Replica::load(&old, Vec::new(), ActorId::from(&[1u8][..])).unwrap();
        let mut b = Replica::load(&old, Vec::new(), ActorId::from(&[2u8][..])).unwrap();
        let (up_a, up_b) = (a.take_upgrade().expect("an old document is upgraded"), b.take_upgrade().unwrap());
        assert_eq!(up_a.hash(), up_b.hash(), "two desktops make the very same upgrade change, apart");
        assert!(a.take_upgrade().is_none(), "it is handed over once");
        let from_a = a.commit(&[put("gates", "g1", "state", Cell::Text("passed".into()))], &author("A"), 6).unwrap().unwrap();
        let from_b = b.commit(&[put("roles", "r1", "role", Cell::Text("informed".into()))], &author("B"), 7).unwrap().unwrap();
        a.apply(vec![from_b]).unwrap();
        b.apply(vec![from_a, up_a]).unwrap();
        let sorted = |r: &Replica| -> Vec<ChangeHash> {
            let mut heads = r.heads();
            heads.sort();
            heads
        };
        assert_eq!(sorted(&a), sorted(&b), "both hold the same document");
        assert!(a.missing().is_empty() && b.missing().is_empty(), "nothing waits for a cause");
        assert!(b.row("gates", "g1").is_some() && a.row("roles", "r1").is_some(), "rows of the new tables travel both ways");
        let again = Replica::load(&a.save(), Vec::new(), ActorId::from(&[3u8][..])).unwrap();
        assert!(again.upgrade.is_none(), "an upgraded document is not upgraded again");
    }
}

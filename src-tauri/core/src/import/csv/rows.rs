//! From rows to a plan: each row is read into the initiative or task it creates, every cell
//! checked on its own (a date that exists, a status that exists, a person on the board) and
//! against the rules a row can be checked by alone (dates in order, owners in their departments
//! and present once past Proposed). Every problem is noted with its line and column and the
//! reading goes on, so that one pass reports them all. Cells are read in `cells.rs`;
//! references between rows (a task's initiative, "depends on") are resolved in `refs.rs`.

use super::cells::Reader;
use super::columns::{Columns, Field};
use super::dates::DateOrder;
use super::refs::{Index, Kind, Link, Ref};
use super::table::CsvTable;
use super::Problem;
use crate::domain::ops::{NewInitiative, NewTask};
use crate::domain::snapshot::Snapshot;

/// What one row creates; `None` when the row has a problem (it is then not created, and rows
/// that depend on it are left out quietly, since its own problem is already reported).
pub(super) enum Item {
    Initiative(NewInitiative),
    Task { parent: Ref, task: NewTask },
}

pub(super) struct Draft {
    pub line: u64,
    /// The row's id cell: an item of this board (a sheet of its own items), or the key an
    /// earlier import of the same sheet recorded; empty when the sheet has none.
    pub id: String,
    pub item: Option<Item>,
}

impl Draft {
    /// Where the row is, as a person finds it.
    pub fn at(&self) -> String {
        format!("line {}", self.line)
    }
}

pub(super) struct Plan {
    pub drafts: Vec<Draft>,
    pub links: Vec<Link>,
    pub problems: Vec<Problem>,
}

/// Reads every row of `table`; never stops at a problem.
pub(super) fn plan(table: &CsvTable, columns: &Columns, order: Option<DateOrder>, board: &Snapshot) -> Plan {
    let mut reader = Reader::new(columns, table.guarded, order, board);
    let index = Index::build(&mut reader, &table.rows);
    let mut drafts = Vec::with_capacity(table.rows.len());
    let mut links = Vec::new();
    for (at, row) in table.rows.iter().enumerate() {
        let before = reader.problems.len();
        let item = match index.kind(at) {
            Some(Kind::Initiative) => reader.initiative(row).map(Item::Initiative),
            Some(kind) => {
                let parent = index.parent(&mut reader, row);
                reader.task(row, kind == Kind::Milestone).and_then(|task| Some(Item::Task { parent: parent?, task }))
            }
            None => None,
        };
        links.extend(index.depends_on(&mut reader, row, at));
        let id = reader.raw(row, Field::Id).to_string();
        drafts.push(Draft { line: row.line, id, item: item.filter(|_| reader.problems.len() == before) });
    }
    Plan { drafts, links, problems: reader.problems }
}

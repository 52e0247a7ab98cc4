//! Importing a CSV file of initiatives and tasks into a board: our own CSV export (its `'`
//! guards taken off again), or a list from Excel or Jira whose columns are mapped to ours.
//!
//! The contract: the file is read whole first ([`parse`]), every row is checked and every
//! problem collected with its line and column, then the rows are written through the write
//! funnel in one transaction, where the funnel's own refusals (a dependency loop, ...) are
//! collected too. If there is any problem, nothing is written and the error lists them all
//! ("line 7, column Finish: 31/02/2026 is not a date that exists"). New rows become new items
//! with new ids; a row whose id is an item of this board, or that an earlier import of the
//! same sheet brought in, updates that item (see `reimport`), so importing a newer version of a
//! sheet adds nothing twice. What it reads is documented in `FORMATS.md` ("CSV import").

mod apply;
mod cells;
mod columns;
mod dates;
mod people;
mod refs;
mod rows;
mod table;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use columns::{suggest_mapping, Columns, Field};
pub use dates::DateOrder;
pub use table::{parse, CsvRow, CsvTable};

use crate::{Actor, Error, Result, Store};

/// What a person can tell the import about a file; the defaults read our own export and most
/// files as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct CsvOptions {
    /// The column separator; found from the header line (`,` or `;`) when not given.
    #[serde(default)]
    pub delimiter: Option<char>,
    /// The order of day and month in dates like 03/04/2026; found from the file when not given.
    #[serde(default)]
    pub date_order: Option<DateOrder>,
    /// Headings mapped to fields, over the suggestion ([`suggest_mapping`]); `None` leaves a
    /// column out. The same shape as the suggestion, so a mapping screen can send it back edited.
    #[serde(default)]
    pub mapping: Vec<(String, Option<Field>)>,
    /// An Excel workbook's sheet to read (the first when not given).
    #[serde(default)]
    pub sheet: Option<String>,
    /// An Excel sheet's header row, as Excel numbers rows (found when not given: title rows
    /// above the table are passed over).
    #[serde(default)]
    pub header_row: Option<u32>,
    /// Create the people (and departments) the file names that are not on the board: a Marketing
    /// owner in Marketing, an IT owner in IT, an assignee in their task's department, anyone else
    /// in this one. Without it, such a name is a problem to fix.
    #[serde(default)]
    pub create_people_in: Option<crate::Id>,
}

/// What a CSV import added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CsvImportSummary {
    pub initiatives: usize,
    pub tasks: usize,
    /// People created for names not on the board ([`CsvOptions::create_people_in`]).
    pub people: usize,
    pub dependencies: usize,
    /// Rows that are items already on the board (by their id): what the file changed on them.
    pub updated: crate::import::reimport::Updated,
    /// Headings of the columns that were not read.
    pub ignored_columns: Vec<String>,
    /// Cells that look like patient information (imported as they are, listed so that someone
    /// removes them): see `domain::phi`.
    pub phi_like: Vec<Problem>,
}

/// One thing wrong with a file, where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Problem {
    #[ts(type = "number")]
    pub line: u64,
    /// The column's heading as the file writes it; `None` when the row as a whole is refused.
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(column) => write!(f, "line {}, column {}: {}", self.line, column, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// The cells of `table` that look like patient information, each with its line, column and what
/// was found.
pub fn phi_like(table: &CsvTable) -> Vec<Problem> {
    let mut out = Vec::new();
    for row in &table.rows {
        for (cell, heading) in row.cells.iter().zip(&table.headers) {
            let found = crate::domain::phi::find(cell, "this cell");
            if !found.is_empty() {
                out.push(Problem {
                    line: row.line,
                    column: Some(heading.clone()),
                    message: crate::domain::phi::PhiFinding::message(&found),
                });
            }
        }
    }
    out
}

/// Reads `bytes` as CSV and imports it into `store`: all of it, or nothing.
pub fn import_bytes(store: &mut Store, actor: &Actor, now: DateTime<Utc>, bytes: &[u8], options: &CsvOptions) -> Result<CsvImportSummary> {
    import(store, actor, now, &read_table(bytes, options)?, options)
}

/// The table in `bytes`: a CSV file's, or an Excel workbook's chosen sheet.
pub fn read_table(bytes: &[u8], options: &CsvOptions) -> Result<CsvTable> {
    if super::xlsx::looks_like(bytes) {
        super::xlsx::table(bytes, options.sheet.as_deref(), options.header_row)
    } else {
        parse(bytes, options)
    }
}

/// Imports a parsed table into `store`: all of it, or nothing (see the module header).
pub fn import(store: &mut Store, actor: &Actor, now: DateTime<Utc>, table: &CsvTable, options: &CsvOptions) -> Result<CsvImportSummary> {
    run(store, actor, now, table, options, false)
}

/// What importing the table would do (or the problems that refuse it), in a trial that is
/// rolled back: the board is not changed.
pub fn preview(store: &mut Store, actor: &Actor, now: DateTime<Utc>, table: &CsvTable, options: &CsvOptions) -> Result<CsvImportSummary> {
    run(store, actor, now, table, options, true)
}

fn run(
    store: &mut Store,
    actor: &Actor,
    now: DateTime<Utc>,
    table: &CsvTable,
    options: &CsvOptions,
    trial: bool,
) -> Result<CsvImportSummary> {
    let columns = Columns::resolve(&table.headers, &options.mapping)?;
    let date_cells = table.rows.iter().flat_map(|row| {
        [Field::Start, Field::Finish].into_iter().filter_map(|field| {
            let at = columns.index(field)?;
            Some(dates::Cell { line: row.line, heading: columns.heading(field)?, text: row.cell(at) })
        })
    });
    let order = dates::pick_order(date_cells, options.date_order)?;
    let mut known = crate::import::reimport::Known::load_whole(store)?;
    let write = |batch: &crate::store::Batch| {
        let board = &mut known.board;
        let mut created = 0;
        if let Some(department) = options.create_people_in {
            for name in people::missing_departments(table, &columns, board) {
                let new = crate::NewDepartment { name: name.clone(), color: None };
                let id = batch.apply_quietly(crate::Op::CreateDepartment(new))?;
                // Only its name is read from here on; the board has its colour.
                board.departments.push(crate::Department { id, name, color: String::new() });
            }
            for new in people::missing(table, &columns, board, department) {
                let id = batch.apply_quietly(crate::Op::CreatePerson(new.clone()))?;
                board.people.push(crate::Person {
                    id,
                    name: new.name,
                    email: new.email,
                    title: new.title,
                    department_id: new.department_id,
                });
                created += 1;
            }
        }
        let plan = rows::plan(table, &columns, order, board);
        let mut problems = plan.problems.clone();
        let summary = apply::apply(&plan, &columns, &known, batch, &mut problems)?;
        if problems.is_empty() {
            Ok(CsvImportSummary { phi_like: phi_like(table), people: created, ..summary })
        } else {
            Err(refusal(problems))
        }
    };
    if trial {
        store.trial(actor, now, write)
    } else {
        store.batch(actor, now, write)
    }
}

/// The error listing every problem, by line.
fn refusal(mut problems: Vec<Problem>) -> Error {
    problems.sort_by_key(|p| p.line);
    let intro = if problems.len() == 1 {
        "The file was not imported; nothing was changed. Fix this problem and import it again:".to_string()
    } else {
        format!("The file was not imported; nothing was changed. Fix these {} problems and import it again:", problems.len())
    };
    Error::Problems { intro, problems: problems.iter().map(Problem::to_string).collect() }
}

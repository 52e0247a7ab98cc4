//! Importing a file into a board. Two kinds of file, told apart by their first character:
//!
//! - the JSON board export (`export::json`, starts with `{`): into an empty board, which it
//!   fills whole, ids and history kept (see `store/funnel/import.rs`);
//! - a CSV file of initiatives and tasks (anything else): added to the board, new ids, its
//!   columns mapped to ours (see [`csv`]).
//!
//! Both are all or nothing. A file that is too big, truncated, binary or neither kind gets a
//! clear message and the board is left as it was.

pub mod csv;

use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::export::json;
use crate::store::bundle::Bundle;
use crate::store::ImportSummary;
use crate::{Actor, Error, Result, Store};

use self::csv::{CsvImportSummary, CsvOptions};

/// The largest file an import reads: far above the JSON export of the largest board we
/// benchmark (2,000 initiatives, 20,000 tasks, 10,000 dependencies: about 31 MiB).
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Which kind of file was imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    BoardExport,
    Csv,
}

/// What an import added, whichever kind of file it was: one shape for the app to show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Imported {
    pub kind: ImportKind,
    pub initiatives: usize,
    pub tasks: usize,
    /// People come only with a board export; a CSV names people already on the board.
    pub people: usize,
    pub dependencies: usize,
    /// CSV columns that were not read (a board export has none).
    pub ignored_columns: Vec<String>,
}

impl From<ImportSummary> for Imported {
    fn from(s: ImportSummary) -> Self {
        Imported {
            kind: ImportKind::BoardExport,
            initiatives: s.initiatives,
            tasks: s.tasks,
            people: s.people,
            dependencies: s.dependencies,
            ignored_columns: Vec::new(),
        }
    }
}

impl From<CsvImportSummary> for Imported {
    fn from(s: CsvImportSummary) -> Self {
        Imported {
            kind: ImportKind::Csv,
            initiatives: s.initiatives,
            tasks: s.tasks,
            people: 0,
            dependencies: s.dependencies,
            ignored_columns: s.ignored_columns,
        }
    }
}

/// Reads a file for import, refusing one over [`MAX_BYTES`] before reading it.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    let unreadable = |err: std::io::Error| Error::Validation(format!("{} cannot be read ({err}).", path.display()));
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > MAX_BYTES {
        return Err(Error::Validation(format!(
            "{} is {} MiB; an import reads at most {} MiB. Is it the right file?",
            path.display(),
            size / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    Ok(bytes)
}

/// Is this a board export (its first character, after a byte-order mark and spaces, is `{`)?
/// Anything else is read as CSV.
pub fn is_board_export(bytes: &[u8]) -> bool {
    let text_start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    text_start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Imports the file at `path` into `store`, a CSV file with the default options.
pub fn import_file(store: &mut Store, actor: &Actor, now: DateTime<Utc>, path: &Path) -> Result<Imported> {
    import_file_with(store, actor, now, path, &CsvOptions::default())
}

/// Imports the file at `path` into `store`: a board export into an empty board, a CSV file
/// (read with `options`) added to whatever the board holds.
pub fn import_file_with(store: &mut Store, actor: &Actor, now: DateTime<Utc>, path: &Path, options: &CsvOptions) -> Result<Imported> {
    let bytes = read(path)?;
    if is_board_export(&bytes) {
        return Ok(store.import_bundle(actor, now, &parse_bundle(path, &bytes)?)?.into());
    }
    let table = parse_csv(path, &bytes, options)?;
    Ok(csv::import(store, actor, now, &table, options)?.into())
}

/// Reads the bytes of a CSV file read from `path` into a table, without touching any board, so
/// that a damaged file is refused before a board file is opened. Refusals name the file.
pub fn parse_csv(path: &Path, bytes: &[u8], options: &CsvOptions) -> Result<csv::CsvTable> {
    csv::parse(bytes, options).map_err(|err| match err {
        Error::Validation(message) => Error::Validation(format!("{}: {message}", path.display())),
        other => other,
    })
}

/// Reads and checks a board export without touching any board, so that a wrong file is refused
/// before a board file is even opened.
pub fn read_bundle(path: &Path) -> Result<Bundle> {
    parse_bundle(path, &read(path)?)
}

/// Checks the bytes of a board export read from `path`.
pub fn parse_bundle(path: &Path, bytes: &[u8]) -> Result<Bundle> {
    if !is_board_export(bytes) {
        return Err(Error::Validation(format!(
            "{} is not a Bridgeboard board export (a .json file made by Export → JSON). \
             A CSV file of initiatives and tasks is added to a board that is open, with Import there.",
            path.display()
        )));
    }
    json::parse(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
}

/// What the app's import dialog shows before anything is imported: the kind of file and, for a
/// CSV, its headings with the suggested (or given) mapping and its first rows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportPreview {
    pub kind: ImportKind,
    pub delimiter: Option<char>,
    pub headers: Vec<String>,
    pub mapping: Vec<(String, Option<self::csv::Field>)>,
    /// Up to five rows, as text.
    pub sample: Vec<Vec<String>>,
    pub rows: usize,
    /// Cells that look like patient information, to remove before importing (or after).
    pub phi_like: Vec<self::csv::Problem>,
}

/// Reads the file at `path` and describes it, without touching any board.
pub fn preview(path: &Path, options: &CsvOptions) -> Result<ImportPreview> {
    let bytes = read(path)?;
    if is_board_export(&bytes) {
        let bundle = parse_bundle(path, &bytes)?;
        return Ok(ImportPreview {
            kind: ImportKind::BoardExport,
            delimiter: None,
            headers: Vec::new(),
            mapping: Vec::new(),
            sample: Vec::new(),
            rows: bundle.initiatives.len() + bundle.tasks.len(),
            phi_like: Vec::new(),
        });
    }
    let table = parse_csv(path, &bytes, options)?;
    let suggested = self::csv::suggest_mapping(&table.headers);
    let mapping = suggested
        .into_iter()
        .map(|(heading, field)| {
            let chosen = options.mapping.iter().find(|(h, _)| h.eq_ignore_ascii_case(&heading)).map_or(field, |(_, f)| *f);
            (heading, chosen)
        })
        .collect();
    Ok(ImportPreview {
        kind: ImportKind::Csv,
        delimiter: Some(table.delimiter),
        sample: table.rows.iter().take(5).map(|r| r.cells.clone()).collect(),
        rows: table.rows.len(),
        phi_like: self::csv::phi_like(&table),
        headers: table.headers,
        mapping,
    })
}

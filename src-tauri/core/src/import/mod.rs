//! Importing a file into a board. Which kind of file it is comes from its content ([`detect`]):
//!
//! - the JSON board export (`export::json`): into an empty board, which it fills whole, ids and
//!   history kept (see `store/funnel/import.rs`);
//! - a file from another tool (a Jira or Asana CSV export, a Trello board export, a Microsoft
//!   Project XML plan): read into
//!   what it says ([`plan`], one reader per tool), matched to the board ([`resolve`]: people,
//!   statuses, owners), previewed and written through the funnel ([`write`]);
//! - any other CSV file of initiatives and tasks, or an Excel sheet of them: added to the board,
//!   new ids, its columns mapped to ours (see [`csv`] and [`xlsx`]).
//!
//! All are all or nothing. A file that is too big, truncated, binary or of no known kind gets a
//! clear message and the board is left as it was.

pub mod asana;
pub mod csv;
pub mod jira;
pub mod jira_dates;
pub mod msproject;
pub mod plan;
pub mod reimport;
pub mod resolve;
mod sheet;
pub mod trello;
pub mod write;
pub mod xlsx;

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
use self::plan::{Source, SourcePlan};
use self::resolve::SourceOptions;
use self::write::SourceSummary;

/// The largest file an import reads: far above the JSON export of the largest board we
/// benchmark (2,000 initiatives, 20,000 tasks, 10,000 dependencies: about 31 MiB).
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Which kind of file was imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    BoardExport,
    Csv,
    /// A file from another tool (Jira, ...): previewed and imported through [`preview_source`]
    /// and [`import_source`].
    Tool,
}

/// What an import added, whichever kind of file it was: one shape for the app to show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Imported {
    pub kind: ImportKind,
    pub initiatives: usize,
    pub tasks: usize,
    /// People made: those of a board export, or those another tool's file names whom the import
    /// creates; a CSV names people already on the board.
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

impl From<SourceSummary> for Imported {
    fn from(s: SourceSummary) -> Self {
        Imported {
            kind: ImportKind::Tool,
            initiatives: s.initiatives,
            tasks: s.tasks,
            people: s.people.iter().filter(|p| matches!(p.target, Some(resolve::PersonTarget::New(_)))).count(),
            dependencies: s.dependencies,
            ignored_columns: s.unread,
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

/// Is this a board export (its first character, after a byte-order mark and spaces, is `{`, and
/// it is not Trello's)?
pub fn is_board_export(bytes: &[u8]) -> bool {
    let text_start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    text_start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') && !trello::looks_like(bytes)
}

/// Imports the file at `path` into `store`, a CSV file with the default options.
pub fn import_file(store: &mut Store, actor: &Actor, now: DateTime<Utc>, path: &Path) -> Result<Imported> {
    import_file_with(store, actor, now, path, &CsvOptions::default())
}

/// Imports the file at `path` into `store`: a board export into an empty board, a CSV file or a
/// workbook (read with `options`) added to whatever the board holds, another tool's file added
/// as its preview would show it with nothing chosen (refused while someone or a status in it is
/// unsettled: [`import_source`] takes the choices).
pub fn import_file_with(store: &mut Store, actor: &Actor, now: DateTime<Utc>, path: &Path, options: &CsvOptions) -> Result<Imported> {
    let bytes = read(path)?;
    match detect(&bytes) {
        Source::Bridgeboard => return Ok(store.import_bundle(actor, now, &parse_bundle(path, &bytes)?)?.into()),
        Source::Csv | Source::Xlsx => {}
        tool => {
            let plan = read_source(path, &bytes, tool, &ReadOptions::default())?;
            return Ok(import_source(store, actor, now, tool, &plan, &SourceOptions::default())?.into());
        }
    }
    let table = parse_csv(path, &bytes, options)?;
    Ok(csv::import(store, actor, now, &table, options)?.into())
}

/// Reads the bytes of a CSV file (or an Excel workbook's sheet) read from `path` into a table,
/// without touching any board, so
/// that a damaged file is refused before a board file is opened. Refusals name the file.
pub fn parse_csv(path: &Path, bytes: &[u8], options: &CsvOptions) -> Result<csv::CsvTable> {
    csv::read_table(bytes, options).map_err(|err| match err {
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
    pub source: Source,
    pub delimiter: Option<char>,
    pub headers: Vec<String>,
    pub mapping: Vec<(String, Option<self::csv::Field>)>,
    /// Up to five rows, as text.
    pub sample: Vec<Vec<String>>,
    pub rows: usize,
    /// Cells that look like patient information, to remove before importing (or after).
    pub phi_like: Vec<self::csv::Problem>,
    /// An Excel workbook's sheets, to choose the one to read.
    pub sheets: Vec<String>,
}

/// Reads the file at `path` and describes it, without touching any board.
pub fn preview(path: &Path, options: &CsvOptions) -> Result<ImportPreview> {
    let bytes = read(path)?;
    let source = detect(&bytes);
    // A file read whole, with no columns to map: another tool's (what it brings over needs the
    // board: `preview_source`), or a board export.
    let whole = |kind, rows| ImportPreview {
        kind,
        source,
        delimiter: None,
        headers: Vec::new(),
        mapping: Vec::new(),
        sample: Vec::new(),
        rows,
        phi_like: Vec::new(),
        sheets: Vec::new(),
    };
    match source {
        Source::Bridgeboard => {
            let bundle = parse_bundle(path, &bytes)?;
            return Ok(whole(ImportKind::BoardExport, bundle.initiatives.len() + bundle.tasks.len()));
        }
        Source::Csv | Source::Xlsx => {}
        tool => {
            // Read now, so that a damaged file is refused at once (in any order of day and
            // month: that question is the preview's).
            let check = ReadOptions { time_zone: Some("UTC".into()), date_order: Some(csv::DateOrder::Dmy), ..ReadOptions::default() };
            read_source(path, &bytes, tool, &check)?;
            return Ok(whole(ImportKind::Tool, 0));
        }
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
        source,
        delimiter: Some(table.delimiter),
        sample: table.rows.iter().take(5).map(|r| r.cells.clone()).collect(),
        rows: table.rows.len(),
        phi_like: self::csv::phi_like(&table),
        headers: table.headers,
        mapping,
        sheets: if source == Source::Xlsx { xlsx::sheets(&bytes)? } else { Vec::new() },
    })
}

/// Which tool `bytes` come from, by their content (not the file name): a Trello board export
/// (JSON with cards in lists), a Microsoft Project XML plan, a Bridgeboard board export (other
/// JSON), a Jira CSV (its `Issue
/// key` and `Issue id` columns), an Asana CSV (`Task ID` and `Section/Column`), or another CSV.
pub fn detect(bytes: &[u8]) -> Source {
    if trello::looks_like(bytes) {
        return Source::Trello;
    }
    if msproject::looks_like(bytes) {
        return Source::MsProject;
    }
    if is_board_export(bytes) {
        return Source::Bridgeboard;
    }
    if xlsx::looks_like(bytes) {
        return Source::Xlsx;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = text.split(|b| *b == b'\n').next().unwrap_or_default();
    let headers: Vec<String> = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(first_line)
        .records()
        .next()
        .and_then(|r| r.ok())
        .map(|r| r.iter().map(str::to_string).collect())
        .unwrap_or_default();
    if jira::looks_like(&headers) {
        Source::Jira
    } else if asana::looks_like(&headers) {
        Source::Asana
    } else {
        Source::Csv
    }
}

/// How to read another tool's file; each has a CLI flag.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize, TS)]
pub struct ReadOptions {
    /// The time zone the file's times are in when they carry none, by its IANA name
    /// (`--time-zone`); this desktop's when not given.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Asana: each section is an initiative, its tasks the initiative's tasks.
    #[serde(default)]
    pub sections_as_initiatives: bool,
    /// Trello: archived cards are skipped, or come in as cancelled.
    #[serde(default)]
    pub archived: trello::Archived,
    /// Microsoft Project: the outline level of the initiatives (1 when not given).
    #[serde(default)]
    pub outline_level: Option<u32>,
    /// Jira: the order of day and month in dates written in numbers (`03/04/26`), when the
    /// file's own dates do not prove it (`--date-format`).
    #[serde(default)]
    pub date_order: Option<csv::DateOrder>,
}

/// Reads the file of another tool into what it says, without touching any board.
pub fn read_source(path: &Path, bytes: &[u8], source: Source, options: &ReadOptions) -> Result<SourcePlan> {
    let zone = match &options.time_zone {
        Some(name) => zone_named(name)?,
        None => desktop_zone(),
    };
    let plan = match source {
        Source::Jira => jira::read(bytes, zone, options.date_order),
        Source::Asana => asana::read(bytes, options.sections_as_initiatives),
        Source::Trello => trello::read(bytes, zone, options.archived),
        Source::MsProject => msproject::read(bytes, options.outline_level),
        other => {
            Err(Error::Validation(format!("{} files are not read this way; import them as a board export or a CSV file.", other.label())))
        }
    };
    plan.map_err(|err| match err {
        Error::Validation(message) => Error::Validation(format!("{}: {message}", path.display())),
        other => other,
    })
}

/// This desktop's time zone, for the hosts to pass to [`read_source`] ([`ReadOptions`]); UTC
/// when the system does not say.
pub fn desktop_zone() -> chrono_tz::Tz {
    iana_time_zone::get_timezone().ok().and_then(|name| name.parse().ok()).unwrap_or(chrono_tz::UTC)
}

/// A time zone by its IANA name (`America/Chicago`, `Europe/London`, `UTC`).
pub fn zone_named(name: &str) -> Result<chrono_tz::Tz> {
    name.trim().parse().map_err(|_| {
        Error::Validation(format!(
            "“{}” is not a time zone; give its IANA name, such as America/Chicago, Europe/London or UTC.",
            name.trim()
        ))
    })
}

/// A people map (`import --people-map FILE`): a CSV of `source,target` rows, the source a name,
/// user name, account id or email as the file writes it, the target a person on the board (name,
/// email or id) or `new:DEPARTMENT`. A first line `source,target` is a header.
pub fn read_people_map(path: &Path) -> Result<Vec<(String, String)>> {
    let bytes = read(path)?;
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).trim(::csv::Trim::All).from_reader(text);
    let mut out = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 1;
        let record = record.map_err(|err| Error::Validation(format!("{} line {line}: {err}", path.display())))?;
        match (record.get(0), record.get(1)) {
            (Some(from), _) if line == 1 && from.eq_ignore_ascii_case("source") => {}
            (Some(from), Some(to)) if !from.is_empty() && !to.is_empty() => out.push((from.to_string(), to.to_string())),
            _ => {
                return Err(Error::Validation(format!(
                    "{} line {line}: write the name or email from the file, a comma, then the person on the board (or new:DEPARTMENT).",
                    path.display()
                )))
            }
        }
    }
    Ok(out)
}

/// The department that takes the tasks a file does not assign to anyone the board knows: IT for
/// the tools IT plans in (Jira, MS Project), Marketing for the others.
pub fn default_department(source: Source) -> crate::Id {
    match source {
        Source::Jira | Source::MsProject => crate::IT,
        _ => crate::MARKETING,
    }
}

/// What importing `plan` would write, and what must be settled first; the board is not changed.
pub fn preview_source(
    store: &mut Store,
    actor: &Actor,
    now: DateTime<Utc>,
    source: Source,
    plan: &SourcePlan,
    options: &SourceOptions,
) -> Result<SourceSummary> {
    let known = reimport::Known::load(store)?;
    let r = resolve::resolve(plan, &known.board, options, default_department(source));
    store.trial(actor, now, |batch| write::write(batch, source, plan, &r, &known, now))
}

/// Imports `plan` in one transaction: what the preview showed, or nothing when people or statuses
/// are still unsettled.
pub fn import_source(
    store: &mut Store,
    actor: &Actor,
    now: DateTime<Utc>,
    source: Source,
    plan: &SourcePlan,
    options: &SourceOptions,
) -> Result<SourceSummary> {
    let known = reimport::Known::load(store)?;
    let r = resolve::resolve(plan, &known.board, options, default_department(source));
    let unsettled = write::unsettled(&r.people, &r.statuses);
    if !unsettled.is_empty() {
        return Err(Error::Problems {
            intro: format!(
                "The {} file was not imported; nothing was changed. Settle these first \
                 (people: --create-people --department NAME or --people-map FILE; statuses: --status-map \"NAME=status\"):",
                source.label()
            ),
            problems: unsettled,
        });
    }
    store.batch(actor, now, |batch| write::write(batch, source, plan, &r, &known, now))
}

//! Reading an Excel workbook (.xlsx) into the same table of text cells a CSV file gives, so that
//! it goes through the same column mapping (the CMO's office sheet), read with calamine.
//!
//! What spreadsheets people keep look like, and how they are read:
//! - Any sheet: the one chosen, else the first.
//! - The table need not start on row 1: title rows above it (often merged across the table, so
//!   only their first cell holds text) are passed over. The header row is the one chosen, else
//!   the first row with text in at least two cells and in at least half of the table's columns.
//! - Date cells are real dates and become `YYYY-MM-DD`; dates typed as text are read like a CSV's
//!   (the day/month order found or asked). Whole numbers lose Excel's `.0`.
//! - Our own export (its *Initiatives* and *Tasks* sheets) is read as a whole: both sheets, as
//!   the one table our CSV export would be.

use calamine::{Data, Range, Reader, Xlsx};

use super::csv::{CsvRow, CsvTable};
use crate::{Error, Result};

/// Is this a zip file, as a workbook is? (What kind of zip is for calamine to say.)
pub fn looks_like(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn open(bytes: &[u8]) -> Result<Xlsx<std::io::Cursor<&[u8]>>> {
    Xlsx::new(std::io::Cursor::new(bytes)).map_err(|err| {
        Error::Validation(format!(
            "The file is not an Excel workbook that can be read ({err}). Save it from Excel as “Excel Workbook (.xlsx)” and import that."
        ))
    })
}

/// The workbook's sheet names, in order.
pub fn sheets(bytes: &[u8]) -> Result<Vec<String>> {
    Ok(open(bytes)?.sheet_names())
}

/// A cell as the text a CSV file would hold.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.as_datetime().map(|t| t.date().to_string()).unwrap_or_else(|| d.to_string()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Where the table's header is: the row chosen (1-based, as Excel numbers rows), else the first
/// row that reads as headings.
fn header_at(rows: &[Vec<String>], chosen: Option<u32>) -> Result<usize> {
    if let Some(n) = chosen {
        let at = n.saturating_sub(1) as usize;
        return if at < rows.len() {
            Ok(at)
        } else {
            Err(Error::Validation(format!("The sheet has {} rows, so row {n} cannot be its header row.", rows.len())))
        };
    }
    let width = rows.iter().map(|r| r.iter().filter(|c| !c.is_empty()).count()).max().unwrap_or(0);
    rows.iter()
        .position(|r| {
            let filled = r.iter().filter(|c| !c.is_empty()).count();
            filled >= 2 && filled * 2 >= width
        })
        .ok_or_else(|| Error::Validation("The sheet has no row of headings (two or more filled cells) to read the table by.".into()))
}

fn grid(range: &Range<Data>, first_row: u32) -> Vec<(u64, Vec<String>)> {
    range.rows().enumerate().map(|(n, r)| (first_row as u64 + n as u64 + 1, r.iter().map(text).collect())).collect()
}

/// Reads `sheet` (the first when `None`) from its header row on.
pub fn table(bytes: &[u8], sheet: Option<&str>, header_row: Option<u32>) -> Result<CsvTable> {
    let mut book = open(bytes)?;
    let names = book.sheet_names();
    if sheet.is_none() && header_row.is_none() && names.iter().any(|n| n == "Initiatives") && names.iter().any(|n| n == "Tasks") {
        if let Some(table) = own_export(&mut book)? {
            return Ok(table);
        }
    }
    let name = match sheet {
        Some(s) => names.iter().find(|n| n.eq_ignore_ascii_case(s.trim())).cloned().ok_or_else(|| {
            Error::Validation(format!("The workbook has no sheet called “{}”; its sheets: {}.", s.trim(), names.join(", ")))
        })?,
        None => names.first().cloned().ok_or_else(|| Error::Validation("The workbook has no sheets.".into()))?,
    };
    let range = book.worksheet_range(&name).map_err(|err| Error::Validation(format!("The sheet “{name}” cannot be read ({err}).")))?;
    let first_row = range.start().map_or(0, |(r, _)| r);
    let rows = grid(&range, first_row);
    let cells: Vec<Vec<String>> = rows.iter().map(|(_, c)| c.clone()).collect();
    let at = match header_row {
        Some(n) => header_at(&cells, Some(n.saturating_sub(first_row)))
            .map_err(|_| Error::Validation(format!("The sheet “{name}” has no row {n} to be its header row.")))?,
        None => header_at(&cells, None)?,
    };
    Ok(from_rows(&rows[at..]))
}

fn from_rows(rows: &[(u64, Vec<String>)]) -> CsvTable {
    let headers = rows[0].1.iter().map(|h| h.trim().to_string()).collect();
    let rows = rows[1..]
        .iter()
        .filter(|(_, c)| c.iter().any(|c| !c.is_empty()))
        .map(|(line, cells)| CsvRow { line: *line, cells: cells.clone() })
        .collect();
    CsvTable { delimiter: ',', headers, rows, guarded: false }
}

/// Our own workbook: the *Initiatives* sheet's rows as initiatives and the *Tasks* sheet's as
/// tasks, in one table with a `type` column, as our CSV export has them. `None` when the sheets
/// do not have our headings.
fn own_export(book: &mut Xlsx<std::io::Cursor<&[u8]>>) -> Result<Option<CsvTable>> {
    let read = |book: &mut Xlsx<std::io::Cursor<&[u8]>>, name: &str| -> Result<Vec<(u64, Vec<String>)>> {
        let range = book.worksheet_range(name).map_err(|err| Error::Validation(format!("The sheet “{name}” cannot be read ({err}).")))?;
        Ok(grid(&range, range.start().map_or(0, |(r, _)| r)))
    };
    let initiatives = read(book, "Initiatives")?;
    let tasks = read(book, "Tasks")?;
    let ours = |rows: &[(u64, Vec<String>)], first: &[&str]| rows.first().is_some_and(|(_, h)| h.iter().zip(first).all(|(a, b)| a == b));
    if !ours(&initiatives, &["ID", "Title"]) || !ours(&tasks, &["ID", "Initiative ID", "Initiative", "Title"]) {
        return Ok(None);
    }
    // An initiative's Target and a task's Due are one column, as in our CSV export.
    let canonical = |h: &str| if h == "Target" || h == "Due" { "Finish".to_string() } else { h.to_string() };
    let mut headers: Vec<String> = vec!["Type".into()];
    for h in initiatives[0].1.iter().chain(&tasks[0].1).map(|h| canonical(h)) {
        if !headers.contains(&h) {
            headers.push(h);
        }
    }
    let mut rows = Vec::new();
    for (kind, sheet) in [("initiative", &initiatives), ("task", &tasks)] {
        let own: Vec<String> = sheet[0].1.iter().map(|h| canonical(h)).collect();
        for (line, cells) in sheet[1..].iter().filter(|(_, c)| c.iter().any(|c| !c.is_empty())) {
            let cell = |h: &String| own.iter().position(|o| o == h).map(|i| cells.get(i).cloned().unwrap_or_default()).unwrap_or_default();
            let mut out: Vec<String> = vec![kind.into()];
            out.extend(headers[1..].iter().map(cell));
            rows.push(CsvRow { line: *line, cells: out });
        }
    }
    Ok(Some(CsvTable { delimiter: ',', headers, rows, guarded: false }))
}

//! The Excel export, for the CMO's spreadsheet: four sheets (Initiatives, Tasks,
//! Dependencies, KPIs), each with a bold, frozen header row, filters switched on and fixed column
//! widths. Dates are real date cells (`yyyy-mm-dd`), so they sort and filter as dates. User text
//! is always written as a string cell, never as a formula, so a title such as `=HYPERLINK(...)`
//! stays text and needs no prefix.
//!
//! The workbook's creation time is set from `today` (rust_xlsxwriter would otherwise read the
//! clock) and the zip entries carry a fixed date, so the same roadmap gives the same bytes.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, Format, Workbook, Worksheet, XlsxError};

use crate::domain::model::{Id, TaskKind};
use crate::export::roadmap::Roadmap;
use crate::export::text::{gate_list, ids, name, yes_no};
use crate::{Error, Result};

/// Excel refuses longer strings in a cell; longer text is cut there (the JSON export keeps it whole).
const MAX_CELL_CHARS: usize = 32_767;

enum Cell<'a> {
    Text(&'a str),
    Owned(String),
    Date(Option<NaiveDate>),
    Number(f64),
}

/// A sheet's column: its heading and its width in characters.
type Column = (&'static str, f64);

const INITIATIVES: &[Column] = &[
    ("ID", 38.0),
    ("Title", 40.0),
    ("Status", 12.0),
    ("Priority", 10.0),
    ("Start", 12.0),
    ("Target", 12.0),
    ("Marketing owner", 22.0),
    ("IT owner", 22.0),
    ("Sponsor", 22.0),
    ("Tags", 24.0),
    ("Blocked", 9.0),
    ("Block reason", 36.0),
    ("Late", 7.0),
    ("Depends on", 38.0),
    ("Accountable", 22.0),
    ("Gates", 44.0),
];

const KPIS: &[Column] = &[
    ("Initiative ID", 38.0),
    ("Initiative", 36.0),
    ("KPI", 34.0),
    ("Unit", 10.0),
    ("Better when", 12.0),
    ("Baseline", 10.0),
    ("Baseline date", 13.0),
    ("Target", 10.0),
    ("Target date", 13.0),
    ("Latest", 10.0),
    ("Latest date", 13.0),
    ("Standing", 16.0),
];

const TASKS: &[Column] = &[
    ("ID", 38.0),
    ("Initiative ID", 38.0),
    ("Initiative", 36.0),
    ("Title", 40.0),
    ("Department", 14.0),
    ("Assignee", 22.0),
    ("Status", 12.0),
    ("Milestone", 10.0),
    ("Start", 12.0),
    ("Due", 12.0),
    ("Blocked", 9.0),
    ("Block reason", 36.0),
    ("Depends on", 38.0),
];

const DEPENDENCIES: &[Column] = &[
    ("ID", 38.0),
    ("Predecessor ID", 38.0),
    ("Predecessor", 40.0),
    ("Successor ID", 38.0),
    ("Successor", 40.0),
    ("Kind", 16.0),
    ("Lag (days)", 10.0),
];

pub fn render(roadmap: &Roadmap) -> Result<Vec<u8>> {
    build(roadmap).map_err(|err| Error::Storage(format!("The Excel export could not be written ({err}).")))
}

fn build(roadmap: &Roadmap) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = roadmap.today.and_hms_opt(0, 0, 0).expect("midnight exists");
    book.set_properties(&DocProperties::new().set_title(format!("{} — roadmap", roadmap.board.name)).set_creation_datetime(&created));
    let date = Format::new().set_num_format("yyyy-mm-dd");

    let rows = roadmap.lanes.iter().map(|lane| {
        let i = &lane.initiative;
        vec![
            Cell::Owned(i.id.to_string()),
            Cell::Text(&i.title),
            Cell::Text(i.status.wire()),
            Cell::Text(i.priority.wire()),
            Cell::Date(i.start),
            Cell::Date(i.target),
            Cell::Text(name(lane.marketing_owner.as_ref())),
            Cell::Text(name(lane.it_owner.as_ref())),
            Cell::Text(name(lane.sponsor.as_ref())),
            Cell::Owned(i.tags.join("; ")),
            Cell::Text(yes_no(lane.blocked)),
            Cell::Text(i.block_reason.as_deref().unwrap_or("")),
            Cell::Text(yes_no(lane.late)),
            Cell::Owned(ids(&lane.depends_on)),
            Cell::Text(name(lane.accountable.as_ref())),
            Cell::Owned(gate_list(lane)),
        ]
    });
    sheet(book.add_worksheet(), "Initiatives", INITIATIVES, rows, &date)?;

    let rows = roadmap.lanes.iter().flat_map(|lane| {
        lane.tasks.iter().map(move |rt| {
            let t = &rt.task;
            vec![
                Cell::Owned(t.id.to_string()),
                Cell::Owned(lane.initiative.id.to_string()),
                Cell::Text(&lane.initiative.title),
                Cell::Text(&t.title),
                Cell::Text(&rt.department.name),
                Cell::Text(name(rt.assignee.as_ref())),
                Cell::Text(t.status.wire()),
                Cell::Text(yes_no(t.kind == TaskKind::Milestone)),
                Cell::Date(t.start),
                Cell::Date(t.due),
                Cell::Text(yes_no(rt.blocked)),
                Cell::Text(t.block_reason.as_deref().unwrap_or("")),
                Cell::Owned(ids(&rt.depends_on)),
            ]
        })
    });
    sheet(book.add_worksheet(), "Tasks", TASKS, rows, &date)?;

    // Looked up by id only; the sheet's order is the roadmap's (creation order of the edges).
    let titles: HashMap<Id, &str> = roadmap
        .lanes
        .iter()
        .flat_map(|l| {
            std::iter::once((l.initiative.id, l.initiative.title.as_str()))
                .chain(l.tasks.iter().map(|t| (t.task.id, t.task.title.as_str())))
        })
        .collect();
    let rows = roadmap.dependencies.iter().map(|d| {
        vec![
            Cell::Owned(d.id.to_string()),
            Cell::Owned(d.from_id.to_string()),
            Cell::Text(titles.get(&d.from_id).copied().unwrap_or("")),
            Cell::Owned(d.to_id.to_string()),
            Cell::Text(titles.get(&d.to_id).copied().unwrap_or("")),
            Cell::Text(d.kind.wire()),
            Cell::Number(f64::from(d.lag_days)),
        ]
    });
    sheet(book.add_worksheet(), "Dependencies", DEPENDENCIES, rows, &date)?;

    let rows = roadmap.lanes.iter().flat_map(|lane| {
        lane.kpis.iter().map(move |k| {
            let latest = k.readings.last();
            vec![
                Cell::Owned(lane.initiative.id.to_string()),
                Cell::Text(&lane.initiative.title),
                Cell::Text(&k.kpi.name),
                Cell::Text(&k.kpi.unit),
                Cell::Text(k.kpi.direction.wire()),
                Cell::Number(k.kpi.baseline),
                Cell::Date(Some(k.kpi.baseline_on)),
                Cell::Number(k.kpi.target),
                Cell::Date(Some(k.kpi.target_on)),
                latest.map_or(Cell::Text(""), |r| Cell::Number(r.value)),
                Cell::Date(latest.map(|r| r.taken_on)),
                Cell::Text(k.standing.label()),
            ]
        })
    });
    sheet(book.add_worksheet(), "KPIs", KPIS, rows, &date)?;

    book.save_to_buffer()
}

fn sheet<'a>(
    ws: &mut Worksheet,
    title: &str,
    columns: &[Column],
    rows: impl Iterator<Item = Vec<Cell<'a>>>,
    date: &Format,
) -> Result<(), XlsxError> {
    ws.set_name(title)?;
    let bold = Format::new().set_bold();
    for (col, (heading, width)) in columns.iter().enumerate() {
        let col = col as u16;
        ws.write_string_with_format(0, col, *heading, &bold)?;
        ws.set_column_width(col, *width)?;
    }
    let mut last = 0;
    for (n, cells) in rows.enumerate() {
        let row = n as u32 + 1;
        for (col, cell) in cells.into_iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(text) => write_text(ws, row, col, text)?,
                Cell::Owned(text) => write_text(ws, row, col, &text)?,
                Cell::Date(Some(day)) => {
                    ws.write_date_with_format(row, col, day, date)?;
                }
                Cell::Date(None) => {}
                Cell::Number(value) => {
                    ws.write_number(row, col, value)?;
                }
            }
        }
        last = row;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last, columns.len() as u16 - 1)?;
    Ok(())
}

/// Always a string cell (never a formula); empty text leaves the cell blank.
fn write_text(ws: &mut Worksheet, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
    if text.is_empty() {
        return Ok(());
    }
    match text.char_indices().nth(MAX_CELL_CHARS) {
        Some((cut, _)) => ws.write_string(row, col, &text[..cut])?,
        None => ws.write_string(row, col, text)?,
    };
    Ok(())
}

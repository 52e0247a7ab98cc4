//! Each export read back by a real reader of its format — the `csv` crate, `calamine` for Excel,
//! the `ical` parser, serde_json into the bundle type — on a board whose titles try to inject
//! formulas, markup and calendar fields. Also: every format gives the same bytes twice, and an
//! export is written whole or not at all.

mod common;

use std::io::{BufReader, Cursor};

use bridgeboard_core::export::{self, csv::COLUMNS, Format, Options};
use bridgeboard_core::store::bundle::Bundle;
use bridgeboard_core::*;
use calamine::{Data, Reader, Xlsx};
use common::{day, today, Board};

const FORMULA: &str = "=cmd|' /C calc'!A0";
const TASK_TITLE: &str = "+SUM(1,2); \"quoted\", comma\nsecond line 🚀 \u{202e}RTL";

struct Hostile {
    board: Board,
    initiative: Id,
    task: Id,
    milestone: Id,
}

/// A board with one initiative titled like a formula, a task with quotes, a comma, a newline,
/// an emoji and a right-to-left override, an `@` tag and a milestone.
fn hostile() -> Hostile {
    let mut board = Board::new();
    let (dana, tom) = (board.dana, board.tom);
    let initiative = board
        .apply(Op::CreateInitiative(NewInitiative {
            marketing_owner_id: Some(dana),
            it_owner_id: Some(tom),
            start: Some(day("2026-03-01")),
            target: Some(day("2026-05-15")),
            tags: vec!["@evil".into(), "web".into()],
            ..NewInitiative::titled(FORMULA)
        }))
        .unwrap();
    let task = board
        .apply(Op::CreateTask(NewTask {
            start: Some(day("2026-03-02")),
            due: Some(day("2026-03-20")),
            assignee_id: Some(tom),
            ..NewTask::titled(initiative, IT, TASK_TITLE)
        }))
        .unwrap();
    let milestone = board
        .apply(Op::CreateTask(NewTask {
            due: Some(day("2026-05-15")),
            kind: TaskKind::Milestone,
            ..NewTask::titled(initiative, MARKETING, "-Launch; day, \\ one")
        }))
        .unwrap();
    board.depends(milestone, task).unwrap();
    Hostile { board, initiative, task, milestone }
}

fn render(store: &Store, format: Format) -> Vec<u8> {
    export::render(format, store, &Options::new(today())).unwrap()
}

#[test]
fn csv_reads_back_with_bom_columns_and_guarded_cells() {
    let h = hostile();
    let bytes = render(&h.board.store, Format::Csv);
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a BOM makes Excel on Windows read the file as UTF-8");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers, COLUMNS, "the header row is the documented column set");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3, "one initiative row, then one row per task");
    let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
    let initiative = &rows[0];
    assert_eq!(&initiative[col("type")], "initiative", "the initiative row comes first");
    assert_eq!(&initiative[col("title")], format!("'{FORMULA}"), "a title starting with = is prefixed so it stays text");
    assert_eq!(&initiative[col("tags")], "'@evil;web", "a tag list starting with @ is prefixed too");
    assert_eq!(&initiative[col("id")], h.initiative.to_string(), "ids are written as they are");
    let task = &rows[1];
    assert_eq!(&task[col("title")], format!("'{TASK_TITLE}"), "quotes, commas, newlines and emoji survive quoting");
    assert_eq!(&task[col("initiative")], format!("'{FORMULA}"), "the initiative's title is guarded on task rows as well");
    assert_eq!(&task[col("start")], "2026-03-02", "dates are ISO days");
    let milestone = &rows[2];
    assert_eq!(&milestone[col("milestone")], "yes", "a milestone says so");
    assert_eq!(&milestone[col("depends_on")], h.task.to_string(), "depends on lists predecessor ids");
    assert_eq!(&milestone[col("blocked")], "yes", "an open predecessor blocks");
    assert_eq!(&milestone[col("title")], "'-Launch; day, \\ one", "a leading minus is guarded like a formula");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\r\n"), "records end with CRLF (RFC 4180)");
}

#[test]
fn xlsx_reads_back_with_string_cells_and_real_dates() {
    let h = hostile();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(render(&h.board.store, Format::Xlsx))).unwrap();
    assert_eq!(book.sheet_names(), ["Initiatives", "Tasks", "Dependencies", "KPIs"], "four sheets, in this order");
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "sheet {name} holds no formulas at all");
    }
    let initiatives = book.worksheet_range("Initiatives").unwrap();
    assert_eq!(initiatives.get((0, 1)), Some(&Data::String("Title".into())), "the header row names the columns");
    assert_eq!(initiatives.get((1, 1)), Some(&Data::String(FORMULA.into())), "a formula-like title is a plain string cell");
    let target = match initiatives.get((1, 5)) {
        Some(Data::DateTime(d)) => d.as_datetime().unwrap().date(),
        other => panic!("the target is a date cell, got {other:?}"),
    };
    assert_eq!(target, day("2026-05-15"), "the date cell holds the target day");
    let tasks = book.worksheet_range("Tasks").unwrap();
    assert_eq!(tasks.get((1, 3)), Some(&Data::String(TASK_TITLE.into())), "newlines, quotes and emoji survive in a string cell");
    assert_eq!(tasks.height(), 3, "a header and two tasks");
    let deps = book.worksheet_range("Dependencies").unwrap();
    assert_eq!(deps.get((1, 1)), Some(&Data::String(h.task.to_string())), "the predecessor is named by id");
    assert_eq!(deps.get((1, 4)), Some(&Data::String("-Launch; day, \\ one".into())), "and the successor by title");
}

#[test]
fn ics_parses_with_stable_uids_all_day_dates_and_escaped_text() {
    let h = hostile();
    let bytes = render(&h.board.store, Format::Ics);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.split_inclusive('\n').all(|l| l.ends_with("\r\n")), "every line ends with CRLF");
    assert!(text.split("\r\n").all(|l| l.len() <= 75), "no physical line is longer than 75 octets");
    let calendar = ical::IcalParser::new(BufReader::new(&bytes[..])).next().expect("one calendar").expect("it parses");
    assert_eq!(calendar.events.len(), 2, "the go-live date and the milestone; a plain task is not an event");
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_default()
    };
    let uids: Vec<String> = calendar.events.iter().map(|e| prop(e, "UID")).collect();
    assert!(uids.contains(&format!("{}@bridgeboard", h.initiative)), "the go-live event's UID is the initiative's id");
    assert!(uids.contains(&format!("{}@bridgeboard", h.milestone)), "the milestone's UID is its id");
    for e in &calendar.events {
        assert_eq!(prop(e, "DTSTART"), "20260515", "both fall on the target day");
        assert_eq!(prop(e, "DTEND"), "20260516", "an all-day event ends the next day");
        assert_eq!(prop(e, "DTSTAMP"), "20260302T000000Z", "the stamp comes from today, not the clock");
    }
    let summaries: Vec<String> = calendar.events.iter().map(|e| unescape(&prop(e, "SUMMARY"))).collect();
    assert!(summaries.contains(&format!("Go-live: {FORMULA}")), "the go-live summary reads back exactly: {summaries:?}");
    assert!(summaries.contains(&"-Launch; day, \\ one".to_string()), "; , and \\ are escaped and read back: {summaries:?}");
}

/// RFC 5545 TEXT unescaping, written here independently of the exporter.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn json_parses_into_the_bundle_and_keeps_deleted_rows_and_history() {
    let mut h = hostile();
    let gone = h.board.task(h.initiative, "Deleted later");
    h.board.apply(Op::AddComment { item_id: h.initiative, body: "Looks good, \"ship\" it".into() }).unwrap();
    h.board.apply(Op::Delete { id: gone, reassign_to: None }).unwrap();
    let bytes = render(&h.board.store, Format::Json);
    let parsed: Bundle = serde_json::from_slice(&bytes).expect("the file is a bundle");
    assert_eq!(parsed, h.board.store.bundle().unwrap(), "nothing is lost between the store and the file");
    assert_eq!(export::json::parse(&bytes).unwrap(), parsed, "the checked reader accepts its own output");
    assert_eq!((parsed.format.as_str(), parsed.format_version), ("bridgeboard-board", 2), "the file says what it is");
    let deleted = parsed.tasks.iter().find(|t| t.task.id == gone).expect("a deleted task is kept for a lossless restore");
    assert!(deleted.deleted_at.is_some(), "and marked deleted");
    assert_eq!(parsed.comments.len(), 1, "comments are included");
    assert!(parsed.activity.iter().any(|a| a.action == "delete" && a.item_id == gone), "the whole activity history is included");
    let ids: Vec<Id> = parsed.tasks.iter().map(|t| t.task.id).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "rows are ordered by id, so the file is stable");
    let text = String::from_utf8(bytes).unwrap();
    let row_lines: Vec<&str> = text.lines().filter(|l| l.starts_with("    {")).collect();
    let rows = parsed.departments.len()
        + parsed.people.len()
        + parsed.initiatives.len()
        + parsed.tasks.len()
        + parsed.dependencies.len()
        + parsed.comments.len()
        + parsed.activity.len()
        + parsed.gate_types.len()
        + parsed.roles.len()
        + parsed.gates.len()
        + parsed.kpis.len()
        + parsed.kpi_readings.len()
        + parsed.templates.len()
        + parsed.baselines.len();
    assert_eq!(row_lines.len(), rows, "every row is one line, so two exports compare line by line");
    for line in row_lines {
        let row: serde_json::Value = serde_json::from_str(line.trim_end_matches(',')).expect("each row line is JSON on its own");
        assert!(row.get("id").is_some(), "each line is a whole row: {line}");
    }
    let err = export::json::parse(br#"{"format": "bridgeboard-board", "format_version": 3}"#).unwrap_err();
    assert!(err.to_string().contains("version 3"), "a newer bundle is refused by name, not misread: {err}");
}

#[test]
fn every_format_gives_the_same_bytes_twice() {
    let h = hostile();
    for format in [Format::Csv, Format::Xlsx, Format::Json, Format::Md, Format::Ics] {
        let (a, b) = (render(&h.board.store, format), render(&h.board.store, format));
        assert!(a == b, "{format}: the same board, filter and today give the same bytes");
    }
}

#[test]
fn markdown_renders_hostile_titles_as_text() {
    let mut h = hostile();
    let link = "[click me](https://evil.example) <script>alert(1)</script> **bold** ![img](x.png) www.evil.example a@b.example";
    h.board.task(h.initiative, link);
    h.board.task(h.initiative, "# not a heading\n- not a list\n1. nor this | table | `code` ~~strike~~");
    let md = String::from_utf8(render(&h.board.store, Format::Md)).unwrap();
    // Rendered by a CommonMark reader with the GFM extensions a wiki or Teams may switch on.
    let options = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TASKLISTS
        | pulldown_cmark::Options::ENABLE_MATH;
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&md, options));
    for tag in ["<a ", "<img", "<script", "<code", "<del", "<table", "<ol"] {
        assert!(!html.contains(tag), "a title cannot produce {tag}:\n{html}");
    }
    assert_eq!(html.matches("<h1>").count(), 1, "the document's title is the only top heading");
    assert_eq!(html.matches("<h3>").count(), 1, "only the initiative's own heading is a heading");
    assert_eq!(html.matches("<strong>").count(), md.matches("**").count() / 2, "bold comes only from the exporter's own labels");
    assert!(
        html.contains("[click me](https://evil.example) &lt;script&gt;alert(1)&lt;/script&gt; **bold**"),
        "the title reads as typed:\n{html}"
    );
    assert!(
        html.contains("=cmd|' /C calc'!A0") || html.contains("=cmd|&#39; /C calc&#39;!A0"),
        "the formula title reads as typed:\n{html}"
    );
}

#[test]
fn an_export_replaces_a_file_whole_and_refuses_a_missing_folder() {
    let h = hostile();
    let save = |path: &std::path::Path| export::save(path, Format::Csv, &h.board.store, &Options::new(today()));
    let dir = common::temp_dir("export-write");
    let out = dir.join("roadmap.csv");
    std::fs::write(&out, "old contents").unwrap();
    save(&out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), render(&h.board.store, Format::Csv), "the old file is replaced by the export");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 1, "no temp file is left beside the export: {left:?}");

    let missing = dir.join("no such folder").join("roadmap.csv");
    let err = save(&missing).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation, "a mistyped folder is bad input");
    assert!(err.to_string().contains("does not exist"), "the message says what is wrong: {err}");
    assert!(!missing.parent().unwrap().exists(), "the folder is not created behind the user's back");

    let err = save(&dir).unwrap_err();
    assert!(err.to_string().contains("is a folder"), "a folder as the target is refused: {err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn formats_have_their_wire_names() {
    for format in Format::ALL {
        assert_eq!(Format::from_wire(format.wire()), Some(*format), "{format} reads back from its wire name");
    }
    assert_eq!(Format::from_wire("XLSX"), Some(Format::Xlsx), "case does not matter on the command line");
    assert_eq!(Format::from_wire("docx"), None, "an unknown format is not guessed");
    assert!(!Format::Json.takes_filters() && Format::Csv.takes_filters(), "only the backup ignores filters");
}

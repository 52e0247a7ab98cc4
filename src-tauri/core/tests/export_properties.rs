//! Property tests on the exports with arbitrary text: whatever a title holds (formula triggers,
//! quotes, commas, newlines, emoji, right-to-left marks, control characters), a spreadsheet
//! never sees a formula, the calendar stays within 75-octet lines and unfolds to what was
//! written, and the JSON bundle reads back equal. Each oracle is written here, independently of
//! the exporter: the `csv` crate and `calamine` read the files, and the calendar is unfolded and
//! unescaped by hand from RFC 5545's rules.

mod common;

use std::io::Cursor;

use bridgeboard_core::export::{self, Format, Roadmap, RoadmapFilter};
use bridgeboard_core::*;
use calamine::{Data, Reader, Xlsx};
use common::{day, now, today};
use proptest::prelude::*;

const TRIGGERS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Text that looks for trouble: known attacks, then arbitrary characters mixed with the ones
/// each format treats specially.
fn hostile_text() -> impl Strategy<Value = String> {
    let special = proptest::sample::select(vec![
        '=', '+', '-', '@', '\t', '\r', '\n', '\'', '"', ',', ';', '\\', '|', '!', ' ', '🚀', 'é', '\u{202e}', '\u{200f}', '[', ']', '<',
        '>', '_', 'x', 'é',
    ]);
    let chars =
        proptest::collection::vec(prop_oneof![3 => special, 1 => any::<char>()], 0..60).prop_map(|cs| cs.into_iter().collect::<String>());
    prop_oneof![
        1 => Just("=cmd|' /C calc'!A0".to_string()),
        1 => Just("@SUM(1+1)*cmd|' /C calc'!A0".to_string()),
        // Excel's own escape for control characters, written literally, and real ones.
        1 => Just("_x0041_ \u{1}\u{7f} tab\tend ".to_string()),
        8 => chars,
    ]
}

/// A one-initiative roadmap whose initiative and task both carry `title`.
fn roadmap_titled(title: &str) -> Roadmap {
    let initiative = Initiative {
        id: Id::from_u128(1),
        title: title.to_string(),
        summary: String::new(),
        status: InitiativeStatus::Planned,
        priority: Priority::High,
        start: Some(day("2026-03-01")),
        target: Some(day("2026-04-30")),
        marketing_owner_id: None,
        it_owner_id: None,
        sponsor_id: None,
        tags: vec![],
        block_reason: None,
        created_at: now(),
        updated_at: now(),
        accountable_id: None,
        went_live_on: None,
        review_on: None,
    };
    let task = Task {
        id: Id::from_u128(2),
        initiative_id: initiative.id,
        title: title.to_string(),
        notes: String::new(),
        department_id: MARKETING,
        assignee_id: None,
        status: TaskStatus::Todo,
        start: None,
        due: Some(day("2026-04-15")),
        kind: TaskKind::Milestone,
        position: 1.0,
        block_reason: None,
        created_at: now(),
        updated_at: now(),
        accountable_id: None,
        go_live: false,
        cadence: None,
    };
    let snapshot = Snapshot {
        info: BoardInfo { id: Id::from_u128(3), name: title.to_string(), sample: false },
        departments: vec![Department { id: MARKETING, name: "Marketing".into(), color: "#7c3aed".into() }],
        people: vec![],
        initiatives: vec![initiative],
        tasks: vec![task],
        dependencies: vec![],
        ..Snapshot::default()
    };
    Roadmap::build(&snapshot, &RoadmapFilter::default(), today())
}

/// RFC 5545 unfolding: a CRLF followed by one space or tab is removed.
fn unfold(text: &str) -> String {
    text.replace("\r\n ", "").replace("\r\n\t", "")
}

fn unescape_ics(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// What a calendar can hold of a text: line breaks as `\n`, no other control characters.
fn calendar_form(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n").chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn csv_cells_never_start_with_a_formula_trigger(title in hostile_text()) {
        let bytes = export::render_roadmap(Format::Csv, &roadmap_titled(&title), &export::Options::new(common::today())).unwrap();
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        for record in reader.records() {
            let record = record.unwrap();
            let cell = &record[4];
            prop_assert!(!cell.starts_with(TRIGGERS), "a spreadsheet must never see a formula: {cell:?}");
            if title.starts_with(TRIGGERS) {
                prop_assert!(cell.starts_with('\''), "a title starting with a trigger is prefixed with ': {cell:?}");
            }
            let unguarded = cell.strip_prefix('\'').unwrap_or(cell);
            prop_assert_eq!(unguarded, title.as_str(), "removing the one guard gives back the title");
        }
    }

    #[test]
    fn ics_lines_stay_within_75_octets_and_unfold_to_the_text(title in hostile_text()) {
        let text = String::from_utf8(export::render_roadmap(Format::Ics, &roadmap_titled(&title), &export::Options::new(common::today())).unwrap()).unwrap();
        prop_assert!(text.ends_with("\r\n"), "the file ends with CRLF");
        for line in text.trim_end_matches("\r\n").split("\r\n") {
            prop_assert!(line.len() <= 75, "a physical line is at most 75 octets: {} in {line:?}", line.len());
            prop_assert!(!line.contains('\n') && !line.contains('\r'), "no bare line break inside a line");
        }
        let logical = unfold(&text);
        let summaries: Vec<String> = logical.split("\r\n").filter_map(|l| l.strip_prefix("SUMMARY:")).map(unescape_ics).collect();
        prop_assert_eq!(summaries.len(), 2, "the go-live and the milestone");
        let want = calendar_form(&title);
        prop_assert!(summaries.contains(&format!("Go-live: {want}")), "the go-live summary unfolds to the title: {summaries:?}");
        prop_assert!(summaries.contains(&want), "the milestone summary unfolds to the title: {summaries:?}");
    }

    #[test]
    fn json_round_trips_any_text(title in hostile_text(), body in hostile_text()) {
        let mut board = common::Board::new();
        let tag: String = title.chars().take(20).collect();
        let id = board
            .apply(Op::CreateInitiative(NewInitiative {
                summary: body.clone(),
                tags: vec![format!("x{tag}")],
                ..NewInitiative::titled(format!("x{title}"))
            }))
            .unwrap();
        board.apply(Op::AddComment { item_id: id, body: format!("x{body}") }).unwrap();
        let bytes = export::render(Format::Json, &board.store, &export::Options::new(today())).unwrap();
        prop_assert_eq!(export::json::parse(&bytes).unwrap(), board.store.bundle().unwrap(), "the board reads back exactly from its export");
    }

    #[test]
    fn markdown_escaping_leaves_no_markup(title in hostile_text()) {
        let escaped = export::markdown::escape(&title);
        prop_assert!(!escaped.contains(['<', '>', '\n', '\r']), "no raw HTML and no line break: {escaped:?}");
        let bytes = escaped.as_bytes();
        for (n, b) in bytes.iter().enumerate() {
            if b"[]()*_`!|~".contains(b) {
                let backslashes = bytes[..n].iter().rev().take_while(|c| **c == b'\\').count();
                prop_assert!(backslashes % 2 == 1, "{:?} at {n} is escaped in {escaped:?}", *b as char);
            }
        }
    }
}

proptest! {
    // Each case builds a workbook; fewer cases keep the run short.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn xlsx_text_is_always_a_string_cell_equal_to_the_title(title in hostile_text()) {
        let bytes = export::render_roadmap(Format::Xlsx, &roadmap_titled(&title), &export::Options::new(common::today())).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
        let formulas = book.worksheet_formula("Initiatives").unwrap();
        prop_assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell is a formula");
        // An empty title is an empty cell, which calamine reports as absent or as `Empty`.
        let cell = book.worksheet_range("Initiatives").unwrap().get((1, 1)).cloned().filter(|c| *c != Data::Empty);
        let want = if title.is_empty() { None } else { Some(Data::String(title.clone())) };
        prop_assert_eq!(cell, want, "the title is a string cell holding exactly the title");
    }
}

//! Golden files: each export of the sample hospital board, for a fixed `today` and `now`, must
//! match the file in `tests/golden/` byte for byte (after the normalisation below).
//! `UPDATE_GOLDEN=1 cargo test -p bridgeboard-core --test export_golden` rewrites them; review
//! the diff like code.
//!
//! How the board is made comparable: the sample is written through the real funnel, so its ids
//! are UUIDv7 (random) and cannot be fixed without a test-only path into the store. Instead every
//! id in the output is replaced by a placeholder numbered by first appearance (`<id-001>`), which
//! keeps what matters — which rows point at which — and hides only the random bits. Time stamps
//! come from the fixed `now`, except that creating a board file stamps the board row and the two
//! built-in departments with the real clock (`Store::open_in_memory`), so in the JSON those few
//! stamps that differ from `now` become `<clock>`. The Excel file is a zip whose bytes would move
//! with every id, so its golden is the cell contents as `calamine` reads them back, sheet by
//! sheet, one tab-separated line per row.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use bridgeboard_core::export::{self, Format, Options};
use bridgeboard_core::*;
use calamine::{Data, Reader, Xlsx};

fn sample_board() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    sample::create(&mut store, common::today(), common::now()).unwrap();
    store
}

fn golden(name: &str, fresh: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    // Compared whole first so a failure names the first differing line, not a wall of text.
    for (n, (want, got)) in committed.lines().zip(fresh.lines()).enumerate() {
        assert_eq!(got, want, "{name} line {} changed; if intended, rerun with UPDATE_GOLDEN=1 and review the diff", n + 1);
    }
    assert!(committed == fresh, "{name} differs from the golden file (length or line ends); rerun with UPDATE_GOLDEN=1 if intended");
}

/// Every UUID replaced by `<id-NNN>`, numbered by first appearance.
fn normalize_ids(text: &str) -> String {
    let is_uuid = |s: &[u8]| {
        s.len() == 36 && s.iter().enumerate().all(|(i, b)| if [8, 13, 18, 23].contains(&i) { *b == b'-' } else { b.is_ascii_hexdigit() })
    };
    let bytes = text.as_bytes();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if i + 36 <= bytes.len() && text.is_char_boundary(i) && text.is_char_boundary(i + 36) && is_uuid(&bytes[i..i + 36]) {
            let next = seen.len() + 1;
            let n = *seen.entry(&text[i..i + 36]).or_insert(next);
            out.push_str(&format!("<id-{n:03}>"));
            i += 36;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn render(format: Format) -> Vec<u8> {
    export::render(format, &sample_board(), &Options::new(common::today())).unwrap()
}

#[test]
fn csv_matches_its_golden_file() {
    let text = String::from_utf8(render(Format::Csv)).expect("the CSV is UTF-8");
    golden("sample.csv", &normalize_ids(&text));
}

#[test]
fn markdown_matches_its_golden_file() {
    let text = String::from_utf8(render(Format::Md)).expect("the Markdown is UTF-8");
    golden("sample.md", &normalize_ids(&text));
}

#[test]
fn ics_matches_its_golden_file() {
    let text = String::from_utf8(render(Format::Ics)).expect("the calendar is UTF-8");
    golden("sample.ics", &normalize_ids(&text));
}

#[test]
fn json_matches_its_golden_file() {
    let mut value: serde_json::Value = serde_json::from_slice(&render(Format::Json)).unwrap();
    let now = serde_json::to_value(common::now()).unwrap();
    fn clock(v: &mut serde_json::Value, now: &serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    if (key == "created_at" || key == "updated_at") && v != now {
                        *v = "<clock>".into();
                    } else {
                        clock(v, now);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| clock(v, now)),
            _ => {}
        }
    }
    clock(&mut value, &now);
    let text = serde_json::to_string_pretty(&value).unwrap() + "\n";
    golden("sample.json", &normalize_ids(&text));
}

#[test]
fn xlsx_cells_match_their_golden_file() {
    golden("sample.xlsx.txt", &xlsx_cells(render(Format::Xlsx)));
}

/// A workbook's cells as calamine reads them back: one tab-separated line per row, by sheet.
fn xlsx_cells(bytes: Vec<u8>) -> String {
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("calamine opens the workbook");
    let mut out = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        out.push_str(&format!("== {name}\n"));
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Data::DateTime(d) => format!("date:{}", d.as_datetime().unwrap().date()),
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => format!("{other:?}"),
                })
                .collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
    }
    normalize_ids(&out)
}

fn raci(format: Format) -> Vec<u8> {
    let options = Options { report: export::Report::Raci, ..Options::new(common::today()) };
    export::render(format, &sample_board(), &options).unwrap()
}

#[test]
fn the_raci_matrix_matches_its_golden_files_in_each_format() {
    let text = |bytes: Vec<u8>| normalize_ids(&String::from_utf8(bytes).expect("the export is UTF-8"));
    golden("raci.csv", &text(raci(Format::Csv)));
    golden("raci.md", &text(raci(Format::Md)));
    golden("raci.html", &text(raci(Format::Html)));
    golden("raci.xlsx.txt", &xlsx_cells(raci(Format::Xlsx)));
    let err = export::render(Format::Png, &sample_board(), &Options { report: export::Report::Raci, ..Options::new(common::today()) })
        .unwrap_err();
    assert!(err.to_string().contains("CSV, Excel (xlsx), Markdown (md) or HTML"), "a table is not a picture: {err}");
}

/// The sample board saved as a baseline, then a week's slip of two tasks by Tom Becker, a task
/// deleted and one added: the comparison a steering committee would read.
fn baseline(format: Format) -> Vec<u8> {
    let mut store = sample_board();
    let tom = Actor { id: None, name: "Tom Becker".into() };
    store.apply(&common::me(), common::now(), Op::SaveBaseline { name: "Steering committee 2026-03".into() }).unwrap();
    let board = store.board(common::today()).unwrap();
    let first = &board.initiatives[0];
    let detail = store.initiative_detail(first.id, common::today()).unwrap();
    let later = common::now() + chrono::Duration::hours(3);
    let mut dated = detail.tasks.iter().filter(|t| t.task.due.is_some());
    for row in dated.by_ref().take(2) {
        let due = row.task.due.unwrap() + chrono::Duration::days(7);
        store.apply(&tom, later, Op::UpdateTask { id: row.task.id, changes: vec![TaskChange::Due(Some(due))] }).unwrap();
    }
    let gone = dated.next().expect("the sample initiative has a third dated task").task.id;
    store.apply(&tom, later, Op::Delete { id: gone, reassign_to: None }).unwrap();
    store
        .apply(&tom, later, Op::CreateTask(NewTask { due: Some(common::day("2026-05-01")), ..NewTask::titled(first.id, IT, "Load test") }))
        .unwrap();
    let options = Options { report: export::Report::Baseline("steering committee 2026-03".into()), ..Options::new(common::today()) };
    export::render(format, &store, &options).unwrap()
}

#[test]
fn the_baseline_comparison_matches_its_golden_files_in_each_format() {
    let text = |bytes: Vec<u8>| normalize_ids(&String::from_utf8(bytes).expect("the export is UTF-8"));
    golden("baseline.csv", &text(baseline(Format::Csv)));
    golden("baseline.md", &text(baseline(Format::Md)));
    golden("baseline.html", &text(baseline(Format::Html)));
    golden("baseline.xlsx.txt", &xlsx_cells(baseline(Format::Xlsx)));
}

#[test]
fn svg_matches_its_golden_file() {
    let text = String::from_utf8(render(Format::Svg)).expect("the SVG is UTF-8");
    golden("sample.svg", &text);
}

#[test]
fn html_matches_its_golden_file() {
    let text = String::from_utf8(render(Format::Html)).expect("the page is UTF-8");
    golden("sample.html", &normalize_ids(&text));
}

/// The PNG and the PDF are converted from the SVG above; their goldens are the bytes' SHA-256
/// (the files themselves would only add binary churn to reviews). Same font, same renderer,
/// same bytes: a change here means the picture changed, so look at it.
#[test]
fn png_and_pdf_match_their_golden_digests() {
    use sha2::Digest;
    use std::fmt::Write;
    let mut digests = String::new();
    for format in [Format::Png, Format::Pdf] {
        let bytes = render(format);
        let hex = sha2::Sha256::digest(&bytes).iter().fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        });
        digests.push_str(&format!("{} {} bytes sha256 {hex}\n", format.wire(), bytes.len()));
    }
    golden("sample.pictures.txt", &digests);
}

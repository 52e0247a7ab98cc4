//! `import` through the real binary: a board export fills a new board file exactly, and a wrong
//! file is refused before any board file is made.

mod common;

use common::{fails, listing, ok, Scratch, TODAY};

#[test]
fn a_board_export_fills_a_new_board_file() {
    let s = Scratch::new("import-roundtrip");
    let db = s.demo();
    let json = s.path("board.json");
    ok(&db, &["export", "--format", "json", "--out", json.to_str().unwrap(), "--today", TODAY]);
    let copy = s.path("copy.bridgeboard");
    let printed = ok(&copy, &["import", json.to_str().unwrap()]);
    assert!(printed.starts_with("Imported 6 initiatives"), "the import says what it brought: {printed}");
    assert_eq!(listing(&copy), listing(&db), "the imported board lists exactly like the original");
    let again = fails(&copy, &["import", json.to_str().unwrap()], 1);
    assert!(again.contains("already holds work"), "a second import into the same board is refused: {again}");
}

#[test]
fn a_wrong_file_is_refused_and_no_board_file_is_made() {
    let s = Scratch::new("import-wrong");
    let notes = s.path("notes.json");
    std::fs::write(&notes, "{\"plan\": \"portal\"").unwrap();
    let db = s.path("new.bridgeboard");
    let message = fails(&db, &["import", notes.to_str().unwrap()], 1);
    assert!(message.contains("not valid JSON"), "a truncated file says so: {message}");
    assert!(!db.exists(), "no empty board file is left behind by a refused import");
}

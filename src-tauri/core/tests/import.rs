//! Importing a board export: the round trip is lossless, and bad files change nothing.

mod common;

use std::path::Path;

use bridgeboard_core::export::{self, Format, Options};
use bridgeboard_core::*;
use common::*;

fn sample_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    sample::create(&mut store, today(), now()).unwrap();
    let mut b = Board::with(store);
    let portal = b.store.board(today()).unwrap().initiatives.iter().find(|c| c.title.contains("portal")).unwrap().id;
    b.apply(Op::AddComment { item_id: portal, body: "Clinic managers asked for Spanish flyers.".into() }).unwrap();
    let gone = b.initiative("Old intranet page");
    b.apply(Op::Delete { id: gone, reassign_to: None }).unwrap();
    b.store
}

fn json(store: &Store) -> serde_json::Value {
    serde_json::from_slice(&export::render(Format::Json, store, &Options::new(today())).unwrap()).unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn export_import_export_gives_the_same_board_but_for_the_import_entry() {
    let dir = temp_dir("import-roundtrip");
    let original = sample_store();
    let file = write(&dir, "board.json", &export::render(Format::Json, &original, &Options::new(today())).unwrap());
    let mut copy = Store::open(&dir.join("copy.bridgeboard"), None).unwrap();
    let summary = import::import_file(&mut copy, &me(), now(), &file).unwrap();
    assert_eq!(summary.initiatives, 6, "the deleted initiative comes along but is not counted as live");

    let (before, mut after) = (json(&original), json(&copy));
    let log = after["activity"].as_array_mut().unwrap();
    let entry = log.pop().expect("the import is recorded");
    assert_eq!(entry["action"], "import", "the one new entry records the import");
    assert_ne!(after["board"]["id"], before["board"]["id"], "the copy is a board of its own, never mixed into the original");
    after["board"]["id"] = before["board"]["id"].clone();
    after["board"]["updated_at"] = before["board"]["updated_at"].clone();
    assert_eq!(before, after, "item ids, dates, deleted rows, comments and history all survive the round trip");
}

#[test]
fn an_import_goes_only_into_an_empty_board() {
    let dir = temp_dir("import-nonempty");
    let file = write(&dir, "board.json", &export::render(Format::Json, &sample_store(), &Options::new(today())).unwrap());
    let mut b = Board::new();
    b.initiative("Real work");
    let err = import::import_file(&mut b.store, &me(), now(), &file).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict, "{err}");
    assert_eq!(b.store.board(today()).unwrap().initiatives.len(), 1, "the board is as it was");
}

#[test]
fn bad_files_are_refused_and_change_nothing() {
    let dir = temp_dir("import-bad");
    let good = export::render(Format::Json, &sample_store(), &Options::new(today())).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.json", good[..good.len() / 2].to_vec(), "not valid JSON"),
        ("binary.json", vec![0x89, b'P', b'N', b'G', 0, 1, 2, 3], "not a Bridgeboard board export"),
        ("other.json", br#"{"name": "something else"}"#.to_vec(), "not a Bridgeboard board export"),
        (
            "newer.json",
            String::from_utf8(good.clone()).unwrap().replacen("\"format_version\": 2", "\"format_version\": 9", 1).into_bytes(),
            "format version 9",
        ),
    ];
    for (name, bytes, expect) in cases {
        let path = write(&dir, name, &bytes);
        let mut store = Store::open_in_memory().unwrap();
        let err = import::import_file(&mut store, &me(), now(), &path).unwrap_err();
        assert!(err.to_string().contains(expect), "{name}: {err}");
        assert!(store.is_empty().unwrap(), "{name} left the board empty");
    }
}

#[test]
fn every_bad_row_is_reported_at_once() {
    let dir = temp_dir("import-rows");
    let mut bundle: serde_json::Value =
        serde_json::from_slice(&export::render(Format::Json, &sample_store(), &Options::new(today())).unwrap()).unwrap();
    bundle["initiatives"][0]["title"] = "   ".into();
    bundle["initiatives"][1]["start"] = "2027-01-10".into();
    bundle["initiatives"][1]["target"] = "2027-01-01".into();
    bundle["tasks"][0]["assignee_id"] = "01900000-0000-7000-8000-00000000dead".into();
    let path = write(&dir, "bad.json", &serde_json::to_vec(&bundle).unwrap());
    let mut store = Store::open_in_memory().unwrap();
    let err = import::import_file(&mut store, &me(), now(), &path).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("initiatives #1") && message.contains("cannot be empty"), "{message}");
    assert!(message.contains("initiatives #2") && message.contains("before the start date"), "{message}");
    assert!(message.contains("tasks #1") && message.contains("assignee"), "{message}");
    assert!(store.is_empty().unwrap(), "a file with bad rows imports nothing");
}

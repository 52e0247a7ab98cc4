//! Damaged files from other tools: whatever happened to a Jira, Asana, Trello, Project or Excel
//! file on its way (cut short, bytes flipped, a line or a column lost, random bytes), importing
//! it either works or ends in a clear message, never a panic, and a refused import leaves the
//! board exactly as it was.

mod common;
mod fuzz;

use std::path::{Path, PathBuf};

use bridgeboard_core::import::{self, plan::Source, resolve::SourceOptions, ReadOptions};
use bridgeboard_core::*;
use common::*;
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import").join(name)).unwrap()
}

const FILES: &[&str] =
    &["jira-cloud-all-fields.csv", "jira-datacenter-epic-link.csv", "asana-project.csv", "trello-board.json", "msproject-plan.xml"];

/// What a person would see of the board: everything but the clock.
fn state(store: &Store) -> String {
    let b = store.bundle().unwrap();
    format!(
        "{}|{}|{}|{}|{}|{}",
        b.initiatives.len(),
        b.tasks.len(),
        b.people.len(),
        b.dependencies.len(),
        b.comments.len(),
        b.activity.len()
    )
}

/// Imports `bytes` as the app does, whatever they are, and checks the contract.
fn import_anything(bytes: &[u8]) {
    let mut b = Board::new();
    let before = state(&b.store);
    let path = Path::new("damaged");
    let source = import::detect(bytes);
    let read = ReadOptions { time_zone: Some("UTC".into()), ..ReadOptions::default() };
    let outcome = match source {
        Source::Bridgeboard => import::parse_bundle(path, bytes).map(|_| ()),
        Source::Csv | Source::Xlsx => import::parse_csv(path, bytes, &Default::default())
            .and_then(|table| import::csv::import(&mut b.store, &me(), now(), &table, &Default::default()).map(|_| ())),
        tool => import::read_source(path, bytes, tool, &read).and_then(|plan| {
            let options = SourceOptions { create_people_in: Some(MARKETING), ..SourceOptions::default() };
            let preview = import::preview_source(&mut b.store, &me(), now(), tool, &plan, &options)?;
            assert_eq!(state(&b.store), before, "a preview changes nothing");
            let done = import::import_source(&mut b.store, &me(), now(), tool, &plan, &options)?;
            assert_eq!((done.initiatives, done.tasks), (preview.initiatives, preview.tasks), "the import writes what the preview said");
            Ok(())
        }),
    };
    if let Err(err) = outcome {
        assert!(!err.to_string().trim().is_empty(), "a refusal says what is wrong");
        assert_eq!(state(&b.store), before, "a refused import leaves the board as it was: {err}");
    }
}

#[test]
fn every_fixture_imports_whole() {
    for name in FILES {
        let mut b = Board::new();
        let bytes = fixture(name);
        let source = import::detect(&bytes);
        assert_ne!(source, Source::Csv, "{name} is recognised by its content");
        let plan = import::read_source(Path::new(name), &bytes, source, &ReadOptions::default()).unwrap();
        let options = SourceOptions { create_people_in: Some(IT), ..SourceOptions::default() };
        let done = import::import_source(&mut b.store, &me(), now(), source, &plan, &options).unwrap();
        assert!(done.initiatives >= 2 && done.tasks >= 6, "{name}: {done:?}");
    }
}

/// The fixtures damaged as in the fuzz run (`fuzz::mutated`).
fn damaged() -> impl Strategy<Value = Vec<u8>> {
    fuzz::mutated(FILES.iter().map(|name| fixture(name)).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_damaged_file_is_imported_or_refused_clearly_never_half(bytes in damaged()) {
        import_anything(&bytes);
    }
}

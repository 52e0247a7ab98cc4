//! The UI's tests are fed a board the core wrote: the sample board and one initiative's detail,
//! as JSON in `ui/src/lib/fixtures/sample-board.json`. `UPDATE_FIXTURES=1 cargo test` rewrites it;
//! otherwise this test fails when the committed file no longer matches the Rust types.

mod common;

use bridgeboard_core::*;
use common::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Fixture {
    board: BoardView,
    detail: InitiativeDetail,
    roadmap: export::RoadmapView,
    /// What slips if the self-scheduling EHR configuration slips 10 days.
    slip: schedule::SlipImpact,
    raci: domain::raci::RaciMatrix,
}

#[test]
fn the_ui_fixture_is_core_output_of_the_current_types() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/fixtures/sample-board.json");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        let mut store = Store::open_in_memory().unwrap();
        sample::create(&mut store, today(), now()).unwrap();
        let board = store.board(today()).unwrap();
        // The self-scheduling initiative: tasks on both sides, dependencies and a milestone.
        let id = board.initiatives.iter().find(|c| c.title.contains("self-scheduling")).unwrap().id;
        let detail = store.initiative_detail(id, today()).unwrap();
        let snapshot = store.snapshot().unwrap();
        let roadmap = export::RoadmapView::build(&snapshot, &export::RoadmapFilter::default(), today());
        let ehr = detail.tasks.iter().find(|t| t.task.title.contains("EHR")).unwrap().task.id;
        let slip = schedule::slip(&snapshot, ehr, 10).unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let raci = domain::raci::RaciMatrix::build(&snapshot, None, today());
        let fixture = Fixture { board, detail, roadmap, slip, raci };
        std::fs::write(&path, serde_json::to_string_pretty(&fixture).unwrap() + "\n").unwrap();
    }
    let text = std::fs::read_to_string(&path).expect("the UI fixture exists; write it with UPDATE_FIXTURES=1");
    let fixture: Fixture = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("the UI fixture no longer matches the Rust types ({e}); rewrite it with UPDATE_FIXTURES=1"));
    assert_eq!(fixture.board.initiatives.len(), 6, "the fixture holds the whole sample board");
    assert!(!fixture.detail.tasks.is_empty(), "the fixture's detail has tasks for the task list tests");
    assert!(!fixture.roadmap.roadmap.lanes.is_empty(), "the fixture has a roadmap for the timeline tests");
    assert!(fixture.slip.moved.len() > 1, "the slip example moves more than the item itself");
}

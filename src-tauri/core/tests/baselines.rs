//! Baselines and the baseline comparison: what moved since a steering committee, by how many
//! days, who moved it and when, and what is new and removed.

mod common;

use bridgeboard_core::domain::baselines::BaselineChange;
use bridgeboard_core::*;
use chrono::Duration;
use common::{day, now, today, Board};

fn tom_becker() -> Actor {
    Actor { id: None, name: "Tom Becker".into() }
}

struct Planned {
    board: Board,
    portal: Id,
    design: Id,
    build: Id,
}

/// An initiative with two dated tasks, saved as the baseline "SC".
fn planned() -> Planned {
    let mut board = Board::new();
    let portal = board.initiative("Portal");
    board
        .set_initiative(portal, InitiativeChange::Start(Some(day("2026-03-02"))))
        .and_then(|_| board.set_initiative(portal, InitiativeChange::Target(Some(day("2026-04-30")))))
        .unwrap();
    let design = board.task(portal, "Design");
    let build = board.task(portal, "Build");
    for (task, start, due) in [(design, "2026-03-02", "2026-03-13"), (build, "2026-03-16", "2026-04-10")] {
        board.set_task(task, TaskChange::Start(Some(day(start)))).unwrap();
        board.set_task(task, TaskChange::Due(Some(day(due)))).unwrap();
    }
    board.apply(Op::SaveBaseline { name: "SC".into() }).unwrap();
    Planned { board, portal, design, build }
}

#[test]
fn the_comparison_says_what_moved_by_how_much_who_moved_it_and_what_is_new_or_removed() {
    let Planned { mut board, portal, design, build } = planned();
    let later = now() + Duration::hours(5);
    board
        .store
        .apply(&tom_becker(), later, Op::UpdateTask { id: design, changes: vec![TaskChange::Due(Some(day("2026-03-20")))] })
        .unwrap();
    board.apply(Op::Delete { id: build, reassign_to: None }).unwrap();
    let launch = board.task(portal, "Launch");

    let c = board.store.compare_baseline("sc").unwrap();
    assert_eq!(c.name, "SC", "a baseline is found whatever the case of its name");
    assert_eq!(c.moved.len(), 1, "only the task whose dates changed moved: {:?}", c.moved);
    let moved = &c.moved[0];
    assert_eq!(moved.then.item_id, design);
    assert_eq!((moved.start_days, moved.finish_days), (Some(0), Some(7)), "the due date moved a week, the start did not");
    assert_eq!(moved.moved_by.as_deref(), Some("Tom Becker"), "the activity log says who moved it");
    assert_eq!(moved.moved_at, Some(later));
    assert_eq!(c.removed.iter().map(|i| i.item_id).collect::<Vec<_>>(), vec![build], "a deleted task is removed");
    assert_eq!(c.added.iter().map(|i| i.item_id).collect::<Vec<_>>(), vec![launch], "a task made since is new");

    let report = board.store.baseline_report("SC", today()).unwrap();
    let rows: Vec<(BaselineChange, &str, &str)> = report.rows.iter().map(|r| (r.change, r.initiative.as_str(), r.title.as_str())).collect();
    assert_eq!(
        rows,
        vec![
            (BaselineChange::Moved, "Portal", "Design"),
            (BaselineChange::New, "Portal", "Launch"),
            (BaselineChange::Removed, "Portal", "Build")
        ],
        "the report lists what moved, then what is new, then what was removed, each under its initiative"
    );
    assert_eq!(report.rows[2].baseline_finish, Some(day("2026-04-10")), "a removed item keeps its baseline dates");
}

#[test]
fn dates_changed_and_changed_back_or_a_new_title_are_not_a_move() {
    let Planned { mut board, design, build, .. } = planned();
    board.set_task(design, TaskChange::Due(Some(day("2026-03-27")))).unwrap();
    board.set_task(design, TaskChange::Due(Some(day("2026-03-13")))).unwrap();
    let c = board.store.compare_baseline("SC").unwrap();
    assert!(c.moved.is_empty(), "back where the baseline had it: nothing moved ({:?})", c.moved);

    board.set_task(build, TaskChange::Title("Build the portal".into())).unwrap();
    assert!(board.store.compare_baseline("SC").unwrap().moved.is_empty(), "a new title is not a move");
}

#[test]
fn a_baseline_name_is_needed_once_and_an_unknown_one_is_answered_with_the_list() {
    let Planned { mut board, .. } = planned();
    let before = board.store.baselines().unwrap();
    let err = board.apply(Op::SaveBaseline { name: " sc ".into() }).unwrap_err();
    assert!(err.to_string().contains("already a baseline called"), "{err}");
    let err = board.apply(Op::SaveBaseline { name: "  ".into() }).unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "an empty name is refused: {err}");
    assert_eq!(board.store.baselines().unwrap(), before, "a refused save adds nothing");

    let err = board.store.compare_baseline("Steering committee 2027-01").unwrap_err();
    assert!(err.to_string().contains("the board's baselines: SC"), "the message lists the baselines there are: {err}");
}

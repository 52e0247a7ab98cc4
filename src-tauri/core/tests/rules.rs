//! The board's rules, enforced by the write funnel: each refusal leaves the data as it was.

mod common;

use bridgeboard_core::*;
use common::*;

#[test]
fn an_initiative_cannot_leave_proposed_without_both_owners() {
    let mut b = Board::new();
    let id = b
        .apply(Op::CreateInitiative(NewInitiative {
            marketing_owner_id: Some(b.dana),
            accountable_id: Some(b.dana),
            ..NewInitiative::titled("Portal campaign")
        }))
        .unwrap();
    let before = b.activity_count(id);
    let err = b.set_initiative(id, InitiativeChange::Status(InitiativeStatus::Planned)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict, "a rule refusal carries the conflict code");
    assert!(err.to_string().contains("an IT owner"), "the message says which owner is missing: {err}");
    assert_eq!(b.card(id).status, InitiativeStatus::Proposed, "a refused change leaves the status as it was");
    assert_eq!(b.activity_count(id), before, "a refused change logs nothing");

    b.set_initiative(id, InitiativeChange::ItOwner(Some(b.tom))).unwrap();
    b.set_initiative(id, InitiativeChange::Status(InitiativeStatus::Planned)).unwrap();
    assert_eq!(b.card(id).status, InitiativeStatus::Planned, "with both owners it may leave Proposed");
}

#[test]
fn owners_must_be_in_their_department() {
    let mut b = Board::new();
    let id = b.initiative("Website");
    let err = b.set_initiative(id, InitiativeChange::MarketingOwner(Some(b.tom))).unwrap_err();
    assert_eq!(err.to_string().split(';').next().unwrap(), "The Marketing owner must be in Marketing", "{err}");
}

#[test]
fn an_open_predecessor_blocks_and_refuses_done() {
    let mut b = Board::new();
    let sched = b.initiative("Self-scheduling");
    let qa = b.task(sched, "QA sign-off");
    let go_live = b.task(sched, "Go-live");
    b.depends(go_live, qa).unwrap();

    b.set_task(go_live, TaskChange::Status(TaskStatus::InProgress)).expect("a blocked task may still be in progress");
    let err = b.set_task(go_live, TaskChange::Status(TaskStatus::Done)).unwrap_err();
    assert!(err.to_string().contains("“QA sign-off” (To do)"), "the refusal names the open predecessor: {err}");
    let detail = b.store.initiative_detail(sched, today()).unwrap();
    let row = detail.tasks.iter().find(|t| t.task.id == go_live).unwrap();
    assert!(row.blocked, "a task whose predecessor is open shows Blocked");
    assert_eq!(row.task.status, TaskStatus::InProgress, "the refused change left the status alone");

    b.set_task(qa, TaskChange::Status(TaskStatus::Cancelled)).unwrap();
    b.set_task(go_live, TaskChange::Status(TaskStatus::Done)).expect("a cancelled predecessor no longer blocks");
}

#[test]
fn an_initiative_waiting_on_another_is_blocked_on_the_board() {
    let mut b = Board::new();
    let scheduling = b.initiative("Self-scheduling");
    let sms = b.initiative("Reminder texts");
    b.depends(sms, scheduling).unwrap();
    let card = b.card(sms);
    assert!(card.blocked, "an initiative with an open predecessor is blocked");
    assert_eq!(card.blocked_by.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(), vec!["Self-scheduling"]);
    b.set_initiative(sms, InitiativeChange::Status(InitiativeStatus::Planned)).unwrap();
    let err = b.set_initiative(sms, InitiativeChange::Status(InitiativeStatus::Live)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict, "Live is refused while a predecessor is open");
}

#[test]
fn a_block_reason_blocks_until_cleared() {
    let mut b = Board::new();
    let id = b.initiative("Portal");
    b.set_initiative(id, InitiativeChange::BlockReason(Some("  Vendor upgrade ".into()))).unwrap();
    assert_eq!(b.card(id).block_reason.as_deref(), Some("Vendor upgrade"), "the reason is stored trimmed");
    assert!(b.card(id).blocked);
    b.set_initiative(id, InitiativeChange::BlockReason(Some("   ".into()))).unwrap();
    assert!(!b.card(id).blocked, "a blank reason clears the block");
}

#[test]
fn a_dependency_that_closes_a_loop_is_refused_naming_it() {
    let mut b = Board::new();
    let i = b.initiative("Scheduling");
    let qa = b.task(i, "QA");
    let go_live = b.task(i, "Go-live");
    b.depends(go_live, qa).unwrap();
    let err = b.depends(qa, go_live).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cycle);
    assert!(err.to_string().contains("Go-live → QA → Go-live"), "the message shows the loop: {err}");
    let err = b.depends(qa, qa).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cycle, "an item cannot depend on itself");
    b.apply(Op::AddDependency(NewDependency { from_id: go_live, to_id: i, kind: DependencyKind::RelatesTo, lag_days: 0 }))
        .expect_err("a task and its own initiative cannot be linked");
}

#[test]
fn a_loop_through_an_initiative_and_its_own_task_is_refused() {
    let mut b = Board::new();
    let portal = b.initiative("Portal");
    let emails = b.initiative("Launch emails");
    let enroll = b.task(portal, "Enable self-enrollment");
    b.depends(emails, portal).unwrap();
    // The task feeds its initiative, which the emails wait for: the task cannot wait for the emails.
    let err = b.depends(enroll, emails).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cycle, "{err}");
    let relates = Op::AddDependency(NewDependency { from_id: emails, to_id: enroll, kind: DependencyKind::RelatesTo, lag_days: 0 });
    b.apply(relates).expect("relates-to links are never part of loops");
}

#[test]
fn schedule_conflicts_are_flagged_not_refused() {
    let mut b = Board::new();
    let i = b.initiative("Attribution");
    let launch = b.task(i, "Website launch");
    let tagging = b.task(i, "Tagging");
    b.set_task(launch, TaskChange::Due(Some(day("2026-04-15")))).unwrap();
    b.set_task(tagging, TaskChange::Start(Some(day("2026-04-10")))).unwrap();
    b.apply(Op::AddDependency(NewDependency { from_id: launch, to_id: tagging, kind: DependencyKind::FinishToStart, lag_days: 2 }))
        .expect("an early start is allowed");
    let detail = b.store.initiative_detail(i, today()).unwrap();
    let row = detail.tasks.iter().find(|t| t.task.id == tagging).unwrap();
    let conflict = row.upstream[0].conflict.as_ref().expect("starting before finish + lag is a conflict");
    assert_eq!(conflict.earliest_start, day("2026-04-17"), "earliest start is the predecessor's finish plus the lag");
    b.set_task(tagging, TaskChange::Start(Some(day("2026-04-17")))).unwrap();
    let detail = b.store.initiative_detail(i, today()).unwrap();
    let row = detail.tasks.iter().find(|t| t.task.id == tagging).unwrap();
    assert!(row.upstream[0].conflict.is_none(), "starting at finish + lag is fine");
}

#[test]
fn bad_input_is_refused_with_a_message() {
    let mut b = Board::new();
    for title in ["", "   ", &"x".repeat(10_000)] {
        let err = b.apply(Op::CreateInitiative(NewInitiative::titled(title))).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation, "title {:?} is refused", title.len());
    }
    let err = b
        .apply(Op::CreateInitiative(NewInitiative {
            start: Some(day("2026-05-02")),
            target: Some(day("2026-05-01")),
            ..NewInitiative::titled("X")
        }))
        .unwrap_err();
    assert!(err.to_string().contains("before the start date"), "{err}");
    assert!(b.store.board(today()).unwrap().initiatives.is_empty(), "nothing was created by refused input");
}

#[test]
fn hostile_text_is_stored_verbatim() {
    let mut b = Board::new();
    let titles = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\u{202e}gnp.exe", "🚀 Launch", "'; DROP TABLE tasks; --"];
    for t in titles {
        b.initiative(t);
    }
    let board = b.store.board(today()).unwrap();
    for t in titles {
        assert!(board.initiatives.iter().any(|c| c.title == t), "{t:?} comes back exactly as typed");
    }
}

#[test]
fn a_person_who_owns_work_is_not_deleted_until_reassigned() {
    let mut b = Board::new();
    let i = b.initiative("Website");
    let t = b.task(i, "Audit");
    b.set_task(t, TaskChange::Assignee(Some(b.tom))).unwrap();
    let err = b.apply(Op::Delete { id: b.tom, reassign_to: None }).unwrap_err();
    assert!(err.to_string().contains("IT owner of “Website”") && err.to_string().contains("assigned “Audit”"), "{err}");
    let wrong = b.apply(Op::Delete { id: b.tom, reassign_to: Some(b.dana) }).unwrap_err();
    assert!(wrong.to_string().contains("must be in IT"), "a Marketing person cannot take over as IT owner: {wrong}");
    assert!(b.store.board(today()).unwrap().people.iter().any(|p| p.id == b.tom), "a refused delete keeps the person");

    let ravi = b
        .apply(Op::CreatePerson(NewPerson { name: "Ravi".into(), email: String::new(), title: String::new(), department_id: IT }))
        .unwrap();
    b.apply(Op::Delete { id: b.tom, reassign_to: Some(ravi) }).unwrap();
    let card = b.card(i);
    assert_eq!(card.it_owner.map(|p| p.name).as_deref(), Some("Ravi"), "the work moved to Ravi");
    assert!(!b.store.board(today()).unwrap().people.iter().any(|p| p.id == b.tom), "Tom is gone");
}

#[test]
fn delete_and_restore_an_initiative_with_its_tasks() {
    let mut b = Board::new();
    let i = b.initiative("SMS");
    let t = b.task(i, "Vendor");
    b.apply(Op::Delete { id: i, reassign_to: None }).unwrap();
    assert!(b.store.board(today()).unwrap().initiatives.is_empty(), "a deleted initiative leaves the board");
    b.apply(Op::Delete { id: t, reassign_to: None }).expect_err("its tasks went with it");
    let deleted = b.store.deleted_initiatives().unwrap();
    assert_eq!(
        deleted.iter().map(|d| (d.id, d.title.as_str(), d.tasks)).collect::<Vec<_>>(),
        vec![(i, "SMS", 1)],
        "it is offered back, with its task"
    );
    b.apply(Op::Restore { id: i }).unwrap();
    let detail = b.store.initiative_detail(i, today()).unwrap();
    assert_eq!(detail.tasks.len(), 1, "restoring brings its tasks back");
    assert!(b.store.deleted_initiatives().unwrap().is_empty(), "and it is no longer listed as deleted");
}

#[test]
fn every_change_is_in_the_activity_log_with_before_and_after() {
    let mut b = Board::new();
    let i = b.initiative("Website");
    let who = Actor { id: Some(b.dana), name: "Dana".into() };
    b.store.apply(&who, now(), Op::UpdateInitiative { id: i, changes: vec![InitiativeChange::Priority(Priority::High)] }).unwrap();
    let entry = &b.store.initiative_detail(i, today()).unwrap().activity[0];
    assert_eq!((entry.actor_name.as_str(), entry.field.as_deref()), ("Dana", Some("priority")), "who and what");
    assert_eq!((entry.before.as_deref(), entry.after.as_deref()), (Some("Medium"), Some("High")), "before → after");
    assert_eq!(entry.summary, "Dana set priority of “Website”: Medium → High");
}

#[test]
fn tasks_move_within_their_department() {
    let mut b = Board::new();
    let i = b.initiative("Website");
    let (a, c) = (b.task(i, "A"), b.task(i, "B"));
    let d = b.task(i, "C");
    b.store.move_task(&me(), now(), d, true).unwrap();
    let titles = |b: &Board| b.store.initiative_detail(i, today()).unwrap().tasks.iter().map(|t| t.task.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&b), vec!["A", "C", "B"], "moving up swaps with the one above");
    b.store.move_task(&me(), now(), a, false).unwrap();
    assert_eq!(titles(&b), vec!["C", "A", "B"]);
    let _ = c;
}

#[test]
fn moving_an_initiative_moves_its_open_tasks_and_leaves_finished_work_where_it_happened() {
    let mut b = Board::new();
    let i = b.initiative("Online scheduling");
    b.set_initiative(i, InitiativeChange::Start(Some(day("2026-04-01")))).unwrap();
    b.set_initiative(i, InitiativeChange::Target(Some(day("2026-06-30")))).unwrap();
    let (open, done, undated) = (b.task(i, "Build"), b.task(i, "Requirements"), b.task(i, "Someday"));
    b.apply(Op::UpdateTask {
        id: open,
        changes: vec![TaskChange::Start(Some(day("2026-04-06"))), TaskChange::Due(Some(day("2026-05-15")))],
    })
    .unwrap();
    b.apply(Op::UpdateTask { id: done, changes: vec![TaskChange::Due(Some(day("2026-04-03"))), TaskChange::Status(TaskStatus::Done)] })
        .unwrap();
    let before = b.activity_count(i);

    b.apply(Op::MoveInitiative { id: i, days: 14 }).unwrap();

    let detail = b.store.initiative_detail(i, today()).unwrap();
    let i_dates = (detail.initiative.start, detail.initiative.target);
    assert_eq!(i_dates, (Some(day("2026-04-15")), Some(day("2026-07-14"))), "the initiative's start and target move by two weeks");
    let task = |id: Id| detail.tasks.iter().find(|t| t.task.id == id).map(|t| (t.task.start, t.task.due)).unwrap();
    assert_eq!(task(open), (Some(day("2026-04-20")), Some(day("2026-05-29"))), "an open task moves with its initiative");
    assert_eq!(task(done), (None, Some(day("2026-04-03"))), "a done task keeps the date it was done by");
    assert_eq!(task(undated), (None, None), "a task without dates is not given any");
    assert_eq!(b.activity_count(i) - before, 4, "each moved date is in the log: the initiative's two and the open task's two");

    b.apply(Op::MoveInitiative { id: i, days: -14 }).unwrap();
    let detail = b.store.initiative_detail(i, today()).unwrap();
    assert_eq!(detail.initiative.start, Some(day("2026-04-01")), "a negative move goes earlier");
    let err = b.apply(Op::MoveInitiative { id: i, days: i32::MAX }).unwrap_err();
    assert!(err.to_string().contains("past the calendar's end"), "an impossible move is refused: {err}");
    let detail = b.store.initiative_detail(i, today()).unwrap();
    assert_eq!(detail.initiative.start, Some(day("2026-04-01")), "and changes nothing");
}

#[test]
fn the_sample_board_shows_a_blocked_initiative_and_a_schedule_conflict() {
    let mut store = Store::open_in_memory().unwrap();
    sample::create(&mut store, today(), now()).unwrap();
    let board = store.board(today()).unwrap();
    assert!(board.info.sample, "the sample is labelled as such");
    assert_eq!(board.initiatives.len(), 6);
    assert!(board.initiatives.iter().any(|c| !c.blocked_by.is_empty()), "one initiative waits on an open predecessor");
    let conflicts: usize = board
        .initiatives
        .iter()
        .map(|c| store.initiative_detail(c.id, today()).unwrap())
        .flat_map(|d| d.tasks)
        .filter(|t| t.upstream.iter().any(|l| l.conflict.is_some()))
        .count();
    assert!(conflicts >= 1, "a task starts before its predecessor finishes");
    assert_eq!(
        sample::create(&mut store, today(), now()).unwrap_err().code(),
        ErrorCode::Conflict,
        "the sample never goes into a board that has data"
    );
}

//! A board read keeps the task counts and the cards of the read before while nothing they are
//! made from changed (`BoardCache` in `src/store/board_cache.rs`). Whatever changes the board —
//! this connection's writes of every kind, another process's, a restored backup — the board it
//! reads is the board a fresh connection to the same file reads.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use bridgeboard_core::*;
use common::*;
use proptest::prelude::*;

/// The board as a connection opened just now reads it: nothing kept from before.
fn fresh_board(path: &Path) -> BoardView {
    Store::open(path, None).unwrap().board(today()).unwrap()
}

/// A board in a file of its own (the folder, the file, the board on it), with one initiative
/// holding one task.
fn board_in_a_file(name: &str) -> (PathBuf, PathBuf, Board, Id, Id) {
    let dir = temp_dir(name);
    let path = dir.join("board.bridgeboard");
    let mut b = Board::with(Store::open(&path, None).unwrap());
    let initiative = b.initiative("Portal");
    let task = b.task(initiative, "Go-live checklist");
    (dir, path, b, initiative, task)
}

/// The first card's tasks, done and in all, as its progress counts them.
fn counted(store: &Store) -> (u32, u32) {
    let board = store.board(today()).unwrap();
    board.initiatives[0].progress.iter().fold((0, 0), |(done, total), p| (done + p.done, total + p.total))
}

#[derive(Debug, Clone)]
enum Step {
    AddTask {
        initiative: usize,
        department: usize,
    },
    TaskStatus {
        task: usize,
        status: TaskStatus,
    },
    DeleteTask {
        task: usize,
    },
    RestoreTask {
        task: usize,
    },
    InitiativeStatus {
        initiative: usize,
        status: InitiativeStatus,
    },
    AddDepartment,
    AddInitiative,
    /// A new title or target date moves the card in the board's order.
    Retitle {
        initiative: usize,
        title: usize,
    },
    Retarget {
        initiative: usize,
        day: Option<u32>,
    },
    MovePlan {
        initiative: usize,
        days: i32,
    },
    BlockReason {
        initiative: usize,
        reason: Option<usize>,
    },
    DeleteInitiative {
        initiative: usize,
    },
    RestoreInitiative {
        initiative: usize,
    },
    /// A task or an initiative (`predecessor` counts tasks first) blocks an initiative.
    Depends {
        initiative: usize,
        predecessor: usize,
    },
    RemoveDependency {
        dependency: usize,
    },
    /// An owner's name is on the cards they own.
    RenamePerson {
        tom: bool,
        name: usize,
    },
    Gate {
        initiative: usize,
        state: GateState,
    },
    /// A Live initiative's results are due from its review date until a reading after it.
    Reading {
        initiative: usize,
        day: u32,
    },
    ReviewOn {
        initiative: usize,
        day: u32,
    },
    /// Another process (the CLI) changes an initiative.
    ElsewhereStatus {
        initiative: usize,
        status: InitiativeStatus,
    },
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let task_status =
        prop_oneof![Just(TaskStatus::Todo), Just(TaskStatus::InProgress), Just(TaskStatus::Done), Just(TaskStatus::Cancelled)];
    let initiative_status = || {
        prop_oneof![
            Just(InitiativeStatus::Proposed),
            Just(InitiativeStatus::Planned),
            Just(InitiativeStatus::InProgress),
            Just(InitiativeStatus::Live),
            Just(InitiativeStatus::Cancelled)
        ]
    };
    let gate_state = prop_oneof![Just(GateState::Passed), Just(GateState::Failed), Just(GateState::InReview)];
    let step = prop_oneof![
        3 => (0..6usize, 0..4usize).prop_map(|(initiative, department)| Step::AddTask { initiative, department }),
        4 => (0..12usize, task_status).prop_map(|(task, status)| Step::TaskStatus { task, status }),
        1 => (0..12usize).prop_map(|task| Step::DeleteTask { task }),
        1 => (0..12usize).prop_map(|task| Step::RestoreTask { task }),
        4 => (0..6usize, initiative_status()).prop_map(|(initiative, status)| Step::InitiativeStatus { initiative, status }),
        1 => Just(Step::AddDepartment),
        1 => Just(Step::AddInitiative),
        2 => (0..6usize, 0..4usize).prop_map(|(initiative, title)| Step::Retitle { initiative, title }),
        2 => (0..6usize, prop::option::of(0..3u32)).prop_map(|(initiative, day)| Step::Retarget { initiative, day }),
        1 => (0..6usize, -3..3i32).prop_map(|(initiative, days)| Step::MovePlan { initiative, days }),
        1 => (0..6usize, prop::option::of(0..2usize)).prop_map(|(initiative, reason)| Step::BlockReason { initiative, reason }),
        1 => (0..6usize).prop_map(|initiative| Step::DeleteInitiative { initiative }),
        1 => (0..6usize).prop_map(|initiative| Step::RestoreInitiative { initiative }),
        3 => (0..6usize, 0..18usize).prop_map(|(initiative, predecessor)| Step::Depends { initiative, predecessor }),
        1 => (0..8usize).prop_map(|dependency| Step::RemoveDependency { dependency }),
        1 => (any::<bool>(), 0..3usize).prop_map(|(tom, name)| Step::RenamePerson { tom, name }),
        2 => (0..6usize, gate_state).prop_map(|(initiative, state)| Step::Gate { initiative, state }),
        2 => (0..6usize, 0..3u32).prop_map(|(initiative, day)| Step::Reading { initiative, day }),
        1 => (0..6usize, 0..3u32).prop_map(|(initiative, day)| Step::ReviewOn { initiative, day }),
        1 => (0..6usize, initiative_status()).prop_map(|(initiative, status)| Step::ElsewhereStatus { initiative, status }),
    ];
    prop::collection::vec(step, 1..32)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_read_matches_a_fresh_connection(steps in steps()) {
        let dir = temp_dir("board-reads");
        let path = dir.join("board.bridgeboard");
        let mut b = Board::with(Store::open(&path, None).unwrap());
        let mut initiatives: Vec<Id> = (0..3).map(|n| b.initiative(&format!("I{n}"))).collect();
        let mut tasks: Vec<Id> = Vec::new();
        let mut departments = vec![MARKETING, IT];
        let mut dependencies: Vec<Id> = Vec::new();
        let gate_type = b.store.board(today()).unwrap().gate_types[0].id;
        let mut gates: Vec<(Id, Id)> = Vec::new();
        let mut kpis: Vec<(Id, Id)> = Vec::new();
        // Read once, so that every step's read is one that may keep cards from the read before.
        prop_assert_eq!(b.store.board(today()).unwrap(), fresh_board(&path));
        for step in steps {
            let initiative = |n: usize| initiatives[n % initiatives.len()];
            // Some steps are refused by the board's rules; a refusal changes nothing, and the
            // read after it must say so too.
            let _ = match step {
                Step::AddTask { initiative: n, department } => {
                    let department = departments[department % departments.len()];
                    let made = b.apply(Op::CreateTask(NewTask::titled(initiative(n), department, format!("T{}", tasks.len()))));
                    made.inspect(|id| tasks.push(*id))
                }
                Step::TaskStatus { .. } | Step::DeleteTask { .. } | Step::RestoreTask { .. } if tasks.is_empty() => continue,
                Step::TaskStatus { task, status } => b.set_task(tasks[task % tasks.len()], TaskChange::Status(status)),
                Step::DeleteTask { task } => b.apply(Op::Delete { id: tasks[task % tasks.len()], reassign_to: None }),
                Step::RestoreTask { task } => b.apply(Op::Restore { id: tasks[task % tasks.len()] }),
                Step::InitiativeStatus { initiative: n, status } => b.set_initiative(initiative(n), InitiativeChange::Status(status)),
                Step::AddDepartment => {
                    // Named to sort between and after the others: the counts follow the board's department order.
                    let name = format!("{} {}", ["Compliance", "Patient access"][departments.len() % 2], departments.len());
                    let made = b.apply(Op::CreateDepartment(NewDepartment { name, color: None }));
                    made.inspect(|id| departments.push(*id))
                }
                Step::AddInitiative => {
                    let id = b.initiative(&format!("I{}", initiatives.len()));
                    initiatives.push(id);
                    Ok(id)
                }
                Step::Retitle { initiative: n, title } => {
                    b.set_initiative(initiative(n), InitiativeChange::Title(["Alpha", "I1", "Zeta", "alpha"][title].into()))
                }
                Step::Retarget { initiative: n, day } => {
                    let target = day.map(day_of);
                    b.set_initiative(initiative(n), InitiativeChange::Target(target))
                }
                Step::MovePlan { initiative: n, days } => b.apply(Op::MoveInitiative { id: initiative(n), days }),
                Step::BlockReason { initiative: n, reason } => {
                    let reason = reason.map(|r| ["Waiting on legal", "Vendor contract"][r].to_string());
                    b.set_initiative(initiative(n), InitiativeChange::BlockReason(reason))
                }
                Step::DeleteInitiative { initiative: n } => b.apply(Op::Delete { id: initiative(n), reassign_to: None }),
                Step::RestoreInitiative { initiative: n } => b.apply(Op::Restore { id: initiative(n) }),
                Step::Depends { initiative: n, predecessor } => {
                    let items: Vec<Id> = tasks.iter().chain(&initiatives).copied().collect();
                    let made = b.depends(initiative(n), items[predecessor % items.len()]);
                    made.inspect(|id| dependencies.push(*id))
                }
                Step::RemoveDependency { .. } if dependencies.is_empty() => continue,
                Step::RemoveDependency { dependency } => b.apply(Op::RemoveDependency { id: dependencies[dependency % dependencies.len()] }),
                Step::RenamePerson { tom, name } => {
                    let id = if tom { b.tom } else { b.dana };
                    b.apply(Op::UpdatePerson { id, changes: vec![PersonChange::Name(["Dana", "Tom", "Priya"][name].into())] })
                }
                Step::Gate { initiative: n, state } => {
                    let on = initiative(n);
                    let gate = match gates.iter().find(|(of, _)| *of == on) {
                        Some((_, gate)) => Ok(*gate),
                        None => b
                            .apply(Op::AddGate(NewGate { initiative_id: on, gate_type_id: gate_type, approver_id: None }))
                            .inspect(|gate| gates.push((on, *gate))),
                    };
                    let reason = (state == GateState::Failed).then(|| "Privacy review found gaps".to_string());
                    gate.and_then(|gate| b.apply(Op::UpdateGate { id: gate, changes: vec![GateChange::State { state, reason }] }))
                }
                Step::Reading { initiative: n, day } => {
                    let on = initiative(n);
                    let kpi = match kpis.iter().find(|(of, _)| *of == on) {
                        Some((_, kpi)) => Ok(*kpi),
                        None => b
                            .apply(Op::AddKpi(NewKpi {
                                initiative_id: on,
                                name: "Portal sign-ups".into(),
                                unit: String::new(),
                                direction: Direction::Higher,
                                baseline: 0.0,
                                baseline_on: day_of(0),
                                target: 100.0,
                                target_on: day_of(90),
                            }))
                            .inspect(|kpi| kpis.push((on, *kpi))),
                    };
                    let reading = |kpi_id| NewReading { kpi_id, value: 10.0, taken_on: day_of(day), note: String::new() };
                    kpi.and_then(|kpi| b.apply(Op::AddReading(reading(kpi))))
                }
                Step::ReviewOn { initiative: n, day } => b.set_initiative(initiative(n), InitiativeChange::ReviewOn(Some(day_of(day)))),
                Step::ElsewhereStatus { initiative: n, status } => Store::open(&path, None)
                    .unwrap()
                    .apply(&me(), now(), Op::UpdateInitiative { id: initiative(n), changes: vec![InitiativeChange::Status(status)] }),
            };
            prop_assert_eq!(b.store.board(today()).unwrap(), fresh_board(&path));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// A day some days before or after today: targets and readings on either side of it.
fn day_of(offset: u32) -> NaiveDate {
    today() + chrono::Duration::days(i64::from(offset) - 1)
}

#[test]
fn a_task_changed_by_another_process_shows_in_the_next_read() {
    let (dir, path, b, _, task) = board_in_a_file("board-reads-other");
    assert_eq!(counted(&b.store), (0, 1));

    // The CLI, say: its own connection to the file.
    let mut other = Store::open(&path, None).unwrap();
    other.apply(&me(), now(), Op::UpdateTask { id: task, changes: vec![TaskChange::Status(TaskStatus::Done)] }).unwrap();

    assert_eq!(counted(&b.store), (1, 1), "the other process's change is counted");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn after_a_change_to_one_card_the_others_are_the_cards_read_before() {
    let (dir, _, mut b, portal, _) = board_in_a_file("board-reads-kept");
    let website = b.initiative("Website");
    let before = b.store.board(today()).unwrap();

    b.set_initiative(portal, InitiativeChange::Status(InitiativeStatus::Planned)).unwrap();
    let after = b.store.board(today()).unwrap();

    let card = |view: &BoardView, id: Id| Arc::clone(view.initiatives.iter().find(|c| c.id == id).unwrap());
    assert!(Arc::ptr_eq(&card(&before, website), &card(&after, website)), "the untouched card is not built again");
    assert!(!Arc::ptr_eq(&card(&before, portal), &card(&after, portal)), "the changed one is");
    assert_eq!(card(&after, portal).status, InitiativeStatus::Planned);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_read_on_a_new_day_builds_the_cards_for_that_day() {
    let (dir, path, mut b, initiative, _) = board_in_a_file("board-reads-day");
    b.set_initiative(initiative, InitiativeChange::Target(Some(today()))).unwrap();
    assert!(!b.card(initiative).overdue, "due today is not late yet");

    let tomorrow = today().succ_opt().unwrap();
    let read_tomorrow = b.store.board(tomorrow).unwrap();

    assert!(read_tomorrow.initiatives[0].overdue, "the next morning it is late");
    assert_eq!(read_tomorrow, Store::open(&path, None).unwrap().board(tomorrow).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_restored_backup_is_read_as_it_is() {
    let (dir, path, mut b, initiative, _) = board_in_a_file("board-reads-restore");
    let backup = dir.join("one-task.bridgeboard");
    b.store.backup_to(&backup).unwrap();
    b.task(initiative, "Training");
    assert_eq!(counted(&b.store), (0, 2));

    b.store.restore_backup(&me(), now(), &backup, &dir.join("kept.bridgeboard"), &dir).unwrap();

    assert_eq!(counted(&b.store), (0, 1), "the restored board's tasks, not the ones counted before");
    assert_eq!(b.store.board(today()).unwrap(), fresh_board(&path));
    let _ = std::fs::remove_dir_all(&dir);
}

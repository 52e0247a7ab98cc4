//! A board read keeps the task counts of the read before while nothing they are counted from
//! changed (`ProgressCache` in `src/store/board.rs`). Whatever changes the board — this connection's
//! writes, another process's, a restored backup — the board it reads is the board a fresh
//! connection to the same file reads.

mod common;

use std::path::{Path, PathBuf};

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
    AddTask { initiative: usize, department: usize },
    TaskStatus { task: usize, status: TaskStatus },
    DeleteTask { task: usize },
    RestoreTask { task: usize },
    InitiativeStatus { initiative: usize, status: InitiativeStatus },
    AddDepartment,
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let task_status =
        prop_oneof![Just(TaskStatus::Todo), Just(TaskStatus::InProgress), Just(TaskStatus::Done), Just(TaskStatus::Cancelled)];
    let initiative_status =
        prop_oneof![Just(InitiativeStatus::Proposed), Just(InitiativeStatus::Planned), Just(InitiativeStatus::InProgress)];
    let step = prop_oneof![
        3 => (0..3usize, 0..4usize).prop_map(|(initiative, department)| Step::AddTask { initiative, department }),
        4 => (0..12usize, task_status).prop_map(|(task, status)| Step::TaskStatus { task, status }),
        1 => (0..12usize).prop_map(|task| Step::DeleteTask { task }),
        1 => (0..12usize).prop_map(|task| Step::RestoreTask { task }),
        4 => (0..3usize, initiative_status).prop_map(|(initiative, status)| Step::InitiativeStatus { initiative, status }),
        1 => Just(Step::AddDepartment),
    ];
    prop::collection::vec(step, 1..24)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_read_matches_a_fresh_connection(steps in steps()) {
        let dir = temp_dir("board-reads");
        let path = dir.join("board.bridgeboard");
        let mut b = Board::with(Store::open(&path, None).unwrap());
        let initiatives: Vec<Id> = (0..3).map(|n| b.initiative(&format!("I{n}"))).collect();
        let mut tasks: Vec<Id> = Vec::new();
        let mut departments = vec![MARKETING, IT];
        for step in steps {
            // Some steps are refused by the board's rules; a refusal changes nothing, and the
            // read after it must say so too.
            let _ = match step {
                Step::AddTask { initiative, department } => {
                    let department = departments[department % departments.len()];
                    let made = b.apply(Op::CreateTask(NewTask::titled(initiatives[initiative], department, format!("T{}", tasks.len()))));
                    made.inspect(|id| tasks.push(*id))
                }
                Step::TaskStatus { .. } | Step::DeleteTask { .. } | Step::RestoreTask { .. } if tasks.is_empty() => continue,
                Step::TaskStatus { task, status } => b.set_task(tasks[task % tasks.len()], TaskChange::Status(status)),
                Step::DeleteTask { task } => b.apply(Op::Delete { id: tasks[task % tasks.len()], reassign_to: None }),
                Step::RestoreTask { task } => b.apply(Op::Restore { id: tasks[task % tasks.len()] }),
                Step::InitiativeStatus { initiative, status } => {
                    b.set_initiative(initiatives[initiative], InitiativeChange::Status(status))
                }
                Step::AddDepartment => {
                    // Named to sort between and after the others: the counts follow the board's department order.
                    let name = format!("{} {}", ["Compliance", "Patient access"][departments.len() % 2], departments.len());
                    let made = b.apply(Op::CreateDepartment(NewDepartment { name, color: None }));
                    made.inspect(|id| departments.push(*id))
                }
            };
            prop_assert_eq!(b.store.board(today()).unwrap(), fresh_board(&path));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
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

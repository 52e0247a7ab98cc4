//! `add-task`, `edit-task` and `move-task`: options become one `CreateTask` or `UpdateTask`
//! operation; moving goes through `Store::move_task`, which keeps the app's ordering rule.

use bridgeboard_core::{Id, NewTask, Op, Result, TaskChange as Change, TaskKind, TaskStatus};

use super::{require_changes, Edit};
use crate::args::{TaskClears, TaskFields};
use crate::parse;

pub fn add(e: &mut Edit, initiative: &str, title: String, department: &str, f: TaskFields, milestone: bool, go_live: bool) -> Result<Id> {
    let board = &e.board;
    let new = NewTask {
        notes: f.notes.unwrap_or_default(),
        assignee_id: board.person_id(f.assignee.as_deref())?,
        status: f.status.as_deref().map(parse::task_status).transpose()?.unwrap_or(TaskStatus::Todo),
        start: parse::optional_date(f.start.as_deref())?,
        due: parse::optional_date(f.due.as_deref())?,
        kind: if milestone { TaskKind::Milestone } else { TaskKind::Task },
        block_reason: f.block_reason,
        go_live,
        ..NewTask::titled(board.initiative(initiative)?, board.department(department)?, title)
    };
    e.apply(Op::CreateTask(new))
}

/// One parameter per option of `edit-task`, as clap hands them over.
#[allow(clippy::too_many_arguments)]
pub fn edit(
    e: &mut Edit,
    task: &str,
    title: Option<String>,
    department: Option<String>,
    f: TaskFields,
    kind: Option<String>,
    go_live: Option<bool>,
    clear: TaskClears,
) -> Result<Id> {
    let board = &e.board;
    let id = board.task(task)?.id();
    let mut changes: Vec<Change> = Vec::new();
    changes.extend(title.map(Change::Title));
    changes.extend(f.notes.map(Change::Notes));
    changes.extend(department.as_deref().map(|d| board.department(d)).transpose()?.map(Change::Department));
    if let Some(assignee) = board.person_id(f.assignee.as_deref())? {
        changes.push(Change::Assignee(Some(assignee)));
    }
    changes.extend(f.status.as_deref().map(parse::task_status).transpose()?.map(Change::Status));
    if let Some(start) = parse::optional_date(f.start.as_deref())? {
        changes.push(Change::Start(Some(start)));
    }
    if let Some(due) = parse::optional_date(f.due.as_deref())? {
        changes.push(Change::Due(Some(due)));
    }
    changes.extend(kind.as_deref().map(parse::task_kind).transpose()?.map(Change::Kind));
    changes.extend(go_live.map(Change::GoLive));
    changes.extend(f.block_reason.map(|r| Change::BlockReason(Some(r))));
    let clears = [
        (clear.clear_assignee, Change::Assignee(None)),
        (clear.clear_start, Change::Start(None)),
        (clear.clear_due, Change::Due(None)),
        (clear.clear_block_reason, Change::BlockReason(None)),
    ];
    changes.extend(clears.into_iter().filter(|(wanted, _)| *wanted).map(|(_, change)| change));
    require_changes(&changes, "edit-task")?;
    e.apply(Op::UpdateTask { id, changes })
}

pub fn move_task(e: &mut Edit, task: &str, up: bool) -> Result<Id> {
    let id = e.board.task(task)?.id();
    e.store.move_task(&e.actor, e.clock.now, id, up)?;
    Ok(id)
}

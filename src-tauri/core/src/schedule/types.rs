//! What schedule analysis returns, in the shapes the UI will receive (generated to TypeScript
//! like every other view type). Dates are calendar dates with inclusive ends; day counts are
//! calendar days.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::model::{Id, ItemKind};

/// The whole board's schedule: every dated item with its critical-path figures, the broken
/// finish-to-start dependencies, and what could not be analysed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScheduleAnalysis {
    /// Initiatives, then tasks, in board order. Items in `cycle` are left out.
    pub items: Vec<ScheduledItem>,
    /// The latest earliest finish on the board: where the backward pass starts. `None` when
    /// nothing is dated.
    pub project_finish: Option<NaiveDate>,
    /// Chains of zero-slack items, each ordered from its first item to one that finishes on
    /// `project_finish`. Every item on them is `critical`; where two equally tight branches meet
    /// (a diamond) both are marked `critical` but only one is listed.
    pub critical_paths: Vec<Vec<Id>>,
    /// Largest overlap first.
    pub violations: Vec<Violation>,
    /// Items with no date at all: listed beside the timeline, never given a made-up date.
    pub unscheduled: Vec<Id>,
    /// Items caught in a dependency loop (only possible in a file edited by hand): left out of
    /// the analysis rather than guessed at.
    pub cycle: Vec<Id>,
}

/// One dated item: its planned span and where the critical path method puts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScheduledItem {
    pub id: Id,
    pub kind: ItemKind,
    pub title: String,
    /// For a task, its initiative; for an initiative, itself.
    pub initiative_id: Id,
    pub milestone: bool,
    /// The planned span, both ends inclusive. An initiative's covers its tasks.
    pub start: NaiveDate,
    pub finish: NaiveDate,
    /// Calendar days from start to finish, counting both: a one-day item lasts 1.
    pub duration_days: i32,
    /// The planned start, or later if a predecessor does not allow it.
    pub earliest_start: NaiveDate,
    pub earliest_finish: NaiveDate,
    /// The latest dates that do not move the project finish.
    pub latest_start: NaiveDate,
    pub latest_finish: NaiveDate,
    /// Days the finish can slip without moving the project finish.
    pub slack_days: i32,
    pub critical: bool,
}

/// A finish-to-start dependency whose successor is planned to start too early.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Violation {
    pub dependency_id: Id,
    pub predecessor_id: Id,
    pub successor_id: Id,
    pub lag_days: i32,
    pub predecessor_finish: NaiveDate,
    /// The successor's planned start.
    pub start: NaiveDate,
    /// The earliest start the dependency allows: predecessor finish + lag.
    pub earliest_start: NaiveDate,
    /// How many days too early the successor starts (at least 1).
    pub overlap_days: i32,
    pub message: String,
}

/// "What slips if this slips": every item whose finish moves when `item_id` finishes `days`
/// later, the item itself included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SlipImpact {
    pub item_id: Id,
    pub days: i32,
    /// Most days first, then by title.
    pub moved: Vec<Moved>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Moved {
    pub id: Id,
    pub title: String,
    pub kind: ItemKind,
    /// How many days later it now finishes.
    pub days: i32,
    pub new_finish: NaiveDate,
}

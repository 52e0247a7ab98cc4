//! Baselines: the schedule as it stood when someone saved it under a name ("Steering committee
//! 2027-01"), and the baseline comparison — what moved since, by how many days, who moved it and
//! when, what is new and what was removed. (Not to be confused with "what slips if this slips",
//! which looks forward.) [`BaselineReport`] is the comparison as one table, which the app shows
//! and `export::baseline` renders.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Id, ItemKind};
use super::view::BoardInfo;
use super::wire_time;

/// One item's dates in a baseline (or now).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BaselineItem {
    pub item_id: Id,
    pub kind: ItemKind,
    pub title: String,
    pub initiative_id: Id,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub start: Option<NaiveDate>,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub finish: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Baseline {
    pub id: Id,
    pub name: String,
    #[serde(serialize_with = "wire_time::instant")]
    pub saved_at: DateTime<Utc>,
    pub items: Vec<BaselineItem>,
}

/// A baseline on the list: its name and when it was saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BaselineInfo {
    pub name: String,
    #[serde(serialize_with = "wire_time::instant")]
    pub saved_at: DateTime<Utc>,
}

/// An item whose dates differ from the baseline's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MovedItem {
    pub then: BaselineItem,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub start: Option<NaiveDate>,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub finish: Option<NaiveDate>,
    /// Days later (negative: earlier); `None` when either side has no date.
    pub start_days: Option<i64>,
    pub finish_days: Option<i64>,
    /// The last change to its dates since the baseline, from the activity log.
    pub moved_by: Option<String>,
    #[serde(serialize_with = "wire_time::opt_instant")]
    pub moved_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BaselineComparison {
    pub name: String,
    #[serde(serialize_with = "wire_time::instant")]
    pub saved_at: DateTime<Utc>,
    /// The items that moved, the latest finish first.
    pub moved: Vec<MovedItem>,
    /// On the board now, not in the baseline.
    pub added: Vec<BaselineItem>,
    /// In the baseline, no longer on the board.
    pub removed: Vec<BaselineItem>,
}

fn days(then: Option<NaiveDate>, now: Option<NaiveDate>) -> Option<i64> {
    Some((now? - then?).num_days())
}

/// Sets the board's dates now beside a baseline's. `last_move` names who last changed an item's
/// dates after the baseline was saved, and when.
pub fn compare(baseline: &Baseline, now: &[BaselineItem], last_move: impl Fn(Id) -> Option<(String, DateTime<Utc>)>) -> BaselineComparison {
    // Looked up by id only; every output order comes from the lists themselves.
    let current_of: HashMap<Id, &BaselineItem> = now.iter().map(|n| (n.item_id, n)).collect();
    let saved: HashSet<Id> = baseline.items.iter().map(|b| b.item_id).collect();
    let mut moved = Vec::new();
    for then in &baseline.items {
        let Some(current) = current_of.get(&then.item_id) else { continue };
        if (current.start, current.finish) == (then.start, then.finish) {
            continue;
        }
        let who = last_move(then.item_id);
        moved.push(MovedItem {
            start_days: days(then.start, current.start),
            finish_days: days(then.finish, current.finish),
            start: current.start,
            finish: current.finish,
            moved_by: who.as_ref().map(|(name, _)| name.clone()),
            moved_at: who.map(|(_, at)| at),
            then: then.clone(),
        });
    }
    moved.sort_by_key(|m| (std::cmp::Reverse(m.finish_days.unwrap_or(0).abs()), m.then.title.clone()));
    BaselineComparison {
        name: baseline.name.clone(),
        saved_at: baseline.saved_at,
        moved,
        added: now.iter().filter(|n| !saved.contains(&n.item_id)).cloned().collect(),
        removed: baseline.items.iter().filter(|b| !current_of.contains_key(&b.item_id)).cloned().collect(),
    }
}

/// How an item differs from the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BaselineChange {
    Moved,
    New,
    Removed,
}

impl BaselineChange {
    pub fn wire(self) -> &'static str {
        match self {
            BaselineChange::Moved => "moved",
            BaselineChange::New => "new",
            BaselineChange::Removed => "removed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BaselineChange::Moved => "Moved",
            BaselineChange::New => "New",
            BaselineChange::Removed => "Removed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BaselineRow {
    pub change: BaselineChange,
    pub item_id: Id,
    pub kind: ItemKind,
    /// The initiative the item belongs to (itself for an initiative), by title.
    pub initiative: String,
    pub title: String,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub baseline_start: Option<NaiveDate>,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub baseline_finish: Option<NaiveDate>,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub start: Option<NaiveDate>,
    #[serde(serialize_with = "wire_time::opt_day")]
    pub finish: Option<NaiveDate>,
    /// Days later (negative: earlier), for a moved item with both dates.
    pub start_days: Option<i64>,
    pub finish_days: Option<i64>,
    pub moved_by: Option<String>,
    #[serde(serialize_with = "wire_time::opt_instant")]
    pub moved_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BaselineReport {
    pub board: BoardInfo,
    #[serde(serialize_with = "wire_time::day")]
    pub today: NaiveDate,
    pub name: String,
    #[serde(serialize_with = "wire_time::instant")]
    pub saved_at: DateTime<Utc>,
    /// Moved first (the largest move first), then new, then removed.
    pub rows: Vec<BaselineRow>,
}

impl BaselineReport {
    /// `now` is the board's schedule today, which the comparison was made against.
    pub fn build(board: BoardInfo, today: NaiveDate, baseline: &Baseline, now: &[BaselineItem], c: BaselineComparison) -> BaselineReport {
        // An initiative's title as it is now, or as it was when it has since been removed.
        let titles: HashMap<Id, &str> =
            baseline.items.iter().chain(now).filter(|i| i.kind == ItemKind::Initiative).map(|i| (i.item_id, i.title.as_str())).collect();
        let initiative = |i: &BaselineItem| titles.get(&i.initiative_id).copied().unwrap_or_default().to_string();
        let unchanged = |change: BaselineChange, i: &BaselineItem| {
            let (then, current) =
                if change == BaselineChange::New { ((None, None), (i.start, i.finish)) } else { ((i.start, i.finish), (None, None)) };
            BaselineRow {
                change,
                item_id: i.item_id,
                kind: i.kind,
                initiative: initiative(i),
                title: i.title.clone(),
                baseline_start: then.0,
                baseline_finish: then.1,
                start: current.0,
                finish: current.1,
                start_days: None,
                finish_days: None,
                moved_by: None,
                moved_at: None,
            }
        };
        let mut rows: Vec<BaselineRow> = c
            .moved
            .into_iter()
            .map(|m| BaselineRow {
                change: BaselineChange::Moved,
                item_id: m.then.item_id,
                kind: m.then.kind,
                initiative: initiative(&m.then),
                baseline_start: m.then.start,
                baseline_finish: m.then.finish,
                title: m.then.title,
                start: m.start,
                finish: m.finish,
                start_days: m.start_days,
                finish_days: m.finish_days,
                moved_by: m.moved_by,
                moved_at: m.moved_at,
            })
            .collect();
        rows.extend(c.added.iter().map(|i| unchanged(BaselineChange::New, i)));
        rows.extend(c.removed.iter().map(|i| unchanged(BaselineChange::Removed, i)));
        BaselineReport { board, today, name: c.name, saved_at: c.saved_at, rows }
    }

    /// The comparison's heading, in every format.
    pub fn title(&self) -> String {
        format!("{}: against the baseline “{}”", self.board.name, self.name)
    }

    pub fn saved(&self) -> String {
        self.saved_at.format("%Y-%m-%d %H:%M UTC").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn item(n: u128, start: &str, finish: &str) -> BaselineItem {
        BaselineItem {
            item_id: Uuid::from_u128(n),
            kind: ItemKind::Task,
            title: format!("Task {n}"),
            initiative_id: Uuid::from_u128(100),
            start: start.parse().ok(),
            finish: finish.parse().ok(),
        }
    }

    #[test]
    fn moves_are_counted_in_days_and_new_and_removed_items_are_listed() {
        let saved_at = "2027-01-10T09:00:00Z".parse().unwrap();
        let baseline = Baseline {
            id: Uuid::from_u128(9),
            name: "SC".into(),
            saved_at,
            items: vec![item(1, "2027-01-04", "2027-01-20"), item(2, "2027-02-01", "2027-02-10"), item(3, "2027-03-01", "2027-03-05")],
        };
        let now = vec![item(1, "2027-01-04", "2027-01-20"), item(2, "2027-02-15", "2027-02-24"), item(4, "2027-04-01", "2027-04-02")];
        let when: DateTime<Utc> = "2027-01-12T10:00:00Z".parse().unwrap();
        let c = compare(&baseline, &now, |_| Some(("Tom Becker".into(), when)));
        assert_eq!(c.moved.len(), 1, "only what moved is listed");
        assert_eq!((c.moved[0].start_days, c.moved[0].finish_days), (Some(14), Some(14)), "two weeks later");
        assert_eq!(c.moved[0].moved_by.as_deref(), Some("Tom Becker"));
        assert_eq!(c.added.iter().map(|i| i.item_id).collect::<Vec<_>>(), vec![Uuid::from_u128(4)]);
        assert_eq!(c.removed.iter().map(|i| i.item_id).collect::<Vec<_>>(), vec![Uuid::from_u128(3)]);
    }
}

//! Baselines: the schedule as it stood when someone saved it under a name ("Steering committee
//! 2027-01"), and the baseline comparison — what moved since, by how many days, who moved it and
//! when, what is new and what was removed. (Not to be confused with "what slips if this slips",
//! which looks forward.)

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Id, ItemKind};

/// One item's dates in a baseline (or now).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BaselineItem {
    pub item_id: Id,
    pub kind: ItemKind,
    pub title: String,
    pub initiative_id: Id,
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Baseline {
    pub id: Id,
    pub name: String,
    pub saved_at: DateTime<Utc>,
    pub items: Vec<BaselineItem>,
}

/// An item whose dates differ from the baseline's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MovedItem {
    pub then: BaselineItem,
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
    /// Days later (negative: earlier); `None` when either side has no date.
    pub start_days: Option<i64>,
    pub finish_days: Option<i64>,
    /// The last change to its dates since the baseline, from the activity log.
    pub moved_by: Option<String>,
    pub moved_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BaselineComparison {
    pub name: String,
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

//! Whether an initiative worked: its KPIs (a baseline and a target, each with its date, and
//! dated readings), whether each is on track, and the post-go-live review that puts a Live
//! initiative in "results due" until a reading after it is recorded. Pure functions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Id, InitiativeStatus};
use super::wire_time;
use crate::{Error, Result};

wire_enum!(Direction {
    Lower = "lower" / "Lower is better",
    Higher = "higher" / "Higher is better",
});

wire_enum!(
    /// Where a KPI stands: its latest reading against the straight line from the baseline (at its
    /// date) to the target (at its date).
    KpiStanding {
        NoReadings = "no_readings" / "No readings yet",
        OnTrack = "on_track" / "On track",
        OffTrack = "off_track" / "Off track",
        Reached = "reached" / "Target reached",
    }
);

/// How many days after going Live the results are reviewed, unless a review date is set.
pub const REVIEW_AFTER_DAYS: i64 = 90;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Kpi {
    pub id: Id,
    pub initiative_id: Id,
    /// "No-show rate", "Share of appointments booked online".
    pub name: String,
    /// "%", "visits", "per 1,000 patients".
    pub unit: String,
    pub direction: Direction,
    pub baseline: f64,
    #[serde(serialize_with = "wire_time::day")]
    pub baseline_on: NaiveDate,
    pub target: f64,
    #[serde(serialize_with = "wire_time::day")]
    pub target_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reading {
    pub id: Id,
    pub kpi_id: Id,
    pub value: f64,
    #[serde(serialize_with = "wire_time::day")]
    pub taken_on: NaiveDate,
    pub note: String,
}

/// A KPI as the detail panel, `list --json` and the exports show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KpiView {
    pub kpi: Kpi,
    /// Oldest first.
    pub readings: Vec<Reading>,
    pub standing: KpiStanding,
    /// Where the straight line from baseline to target says it should be at the latest reading.
    pub expected: Option<f64>,
}

impl Kpi {
    /// The straight line from the baseline (at its date) to the target (at its date), read at
    /// `day`; flat before the baseline and after the target.
    pub fn expected_at(&self, day: NaiveDate) -> f64 {
        let span = (self.target_on - self.baseline_on).num_days().max(1) as f64;
        let along = ((day - self.baseline_on).num_days() as f64 / span).clamp(0.0, 1.0);
        self.baseline + (self.target - self.baseline) * along
    }

    /// Is `a` at least as good as `b` in this KPI's direction?
    fn as_good(&self, a: f64, b: f64) -> bool {
        match self.direction {
            Direction::Lower => a <= b,
            Direction::Higher => a >= b,
        }
    }

    /// The latest reading against the line (and the target itself).
    pub fn standing(&self, readings: &[Reading]) -> (KpiStanding, Option<f64>) {
        let Some(latest) = readings.iter().max_by_key(|r| (r.taken_on, r.id)) else { return (KpiStanding::NoReadings, None) };
        let expected = self.expected_at(latest.taken_on);
        let standing = if self.as_good(latest.value, self.target) {
            KpiStanding::Reached
        } else if self.as_good(latest.value, expected) {
            KpiStanding::OnTrack
        } else {
            KpiStanding::OffTrack
        };
        (standing, Some(expected))
    }

    pub fn view(self, mut readings: Vec<Reading>) -> KpiView {
        readings.sort_by_key(|r| (r.taken_on, r.id));
        let (standing, expected) = self.standing(&readings);
        KpiView { kpi: self, readings, standing, expected }
    }
}

/// A KPI that can be measured: a name, values that are numbers, a target after the baseline,
/// and a target that is better than the baseline in the KPI's direction.
pub fn check_kpi(k: &Kpi) -> Result<()> {
    for (what, value) in [("baseline", k.baseline), ("target", k.target)] {
        if !value.is_finite() {
            return Err(Error::Validation(format!("The {what} of “{}” must be a number.", k.name)));
        }
    }
    if k.target_on <= k.baseline_on {
        return Err(Error::Validation(format!(
            "The target date of “{}” ({}) must come after its baseline date ({}).",
            k.name, k.target_on, k.baseline_on
        )));
    }
    let better = match k.direction {
        Direction::Lower => k.target < k.baseline,
        Direction::Higher => k.target > k.baseline,
    };
    if !better {
        let word = if k.direction == Direction::Lower { "below" } else { "above" };
        return Err(Error::Validation(format!(
            "“{}” is better when {}, so its target must be {word} its baseline of {}; check the target or the direction.",
            k.name,
            if k.direction == Direction::Lower { "lower" } else { "higher" },
            k.baseline
        )));
    }
    Ok(())
}

/// The day the results are reviewed: the date set, or 90 days after the initiative went Live.
pub fn review_date(went_live_on: Option<NaiveDate>, review_on: Option<NaiveDate>) -> Option<NaiveDate> {
    review_on.or_else(|| went_live_on.map(|d| d + chrono::Duration::days(REVIEW_AFTER_DAYS)))
}

/// A Live initiative whose review date has come, with KPIs but no reading taken on or after
/// that date: its results are due.
pub fn results_due(status: InitiativeStatus, review: Option<NaiveDate>, today: NaiveDate, latest_reading: Option<NaiveDate>) -> bool {
    match (status, review) {
        (InitiativeStatus::Live, Some(review)) => review <= today && latest_reading.is_none_or(|r| r < review),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn no_shows() -> Kpi {
        Kpi {
            id: Uuid::from_u128(1),
            initiative_id: Uuid::from_u128(2),
            name: "No-show rate".into(),
            unit: "%".into(),
            direction: Direction::Lower,
            baseline: 18.0,
            baseline_on: day("2027-01-01"),
            target: 12.0,
            target_on: day("2027-07-01"),
        }
    }

    fn reading(n: u128, value: f64, on: &str) -> Reading {
        Reading { id: Uuid::from_u128(n), kpi_id: Uuid::from_u128(1), value, taken_on: day(on), note: String::new() }
    }

    #[test]
    fn the_latest_reading_is_read_against_the_line_from_baseline_to_target() {
        let k = no_shows();
        assert_eq!(k.expected_at(day("2026-12-01")), 18.0, "flat before the baseline");
        assert!((k.expected_at(day("2027-04-01")) - 15.03).abs() < 0.05, "about halfway by April");
        assert_eq!(k.expected_at(day("2028-01-01")), 12.0, "flat after the target");
        assert_eq!(k.standing(&[]).0, KpiStanding::NoReadings);
        assert_eq!(k.standing(&[reading(1, 14.0, "2027-04-01")]).0, KpiStanding::OnTrack, "14 % beats the line's 15 %");
        assert_eq!(k.standing(&[reading(1, 14.0, "2027-04-01"), reading(2, 17.0, "2027-05-01")]).0, KpiStanding::OffTrack);
        assert_eq!(k.standing(&[reading(1, 11.5, "2027-05-01")]).0, KpiStanding::Reached);
        let mut higher = no_shows();
        (higher.direction, higher.baseline, higher.target) = (Direction::Higher, 4.0, 15.0);
        assert_eq!(higher.standing(&[reading(1, 12.0, "2027-04-01")]).0, KpiStanding::OnTrack, "self-scheduling share rises");
    }

    #[test]
    fn a_kpi_must_be_measurable() {
        assert!(check_kpi(&no_shows()).is_ok());
        let mut k = no_shows();
        k.target = 20.0;
        assert!(check_kpi(&k).unwrap_err().to_string().contains("must be below its baseline"));
        let mut k = no_shows();
        k.target_on = k.baseline_on;
        assert!(check_kpi(&k).is_err(), "the target comes after the baseline");
        let mut k = no_shows();
        k.baseline = f64::NAN;
        assert!(check_kpi(&k).is_err());
    }

    #[test]
    fn results_are_due_after_the_review_until_a_later_reading() {
        let live = Some(day("2027-01-10"));
        let review = review_date(live, None);
        assert_eq!(review, Some(day("2027-04-10")), "90 days after going Live");
        assert!(!results_due(InitiativeStatus::Live, review, day("2027-04-09"), None), "not before the review");
        assert!(results_due(InitiativeStatus::Live, review, day("2027-04-10"), Some(day("2027-03-01"))));
        assert!(!results_due(InitiativeStatus::Live, review, day("2027-05-01"), Some(day("2027-04-12"))), "a later reading settles it");
        assert!(!results_due(InitiativeStatus::InProgress, review, day("2027-05-01"), None));
        assert_eq!(review_date(live, Some(day("2027-03-01"))), Some(day("2027-03-01")), "a review date set wins");
    }
}

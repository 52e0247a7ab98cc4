//! Small text pieces several formats share, so that a date or a missing owner reads the same in
//! every file.

use chrono::NaiveDate;

use crate::domain::model::{Id, Person};

/// `YYYY-MM-DD`, or empty when there is no date. (`NaiveDate`'s `Display` is that form, signed
/// outside the years 0–9999 just as `%Y` is, and several times faster than `format`.)
pub fn day(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A person's name, or empty when nobody is set.
pub fn name(person: Option<&Person>) -> &str {
    person.map_or("", |p| p.name.as_str())
}

pub fn yes_no(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}

/// Ids joined with `;`, the separator the CSV's list cells use.
pub fn ids(ids: &[Id]) -> String {
    ids.iter().map(Id::to_string).collect::<Vec<_>>().join(";")
}

/// An initiative's gates in one cell: "privacy passed; brand in_review; security failed".
pub fn gate_list(lane: &crate::export::Lane) -> String {
    lane.gates.iter().map(|g| format!("{} {}", g.key, g.state.wire())).collect::<Vec<_>>().join("; ")
}

/// An initiative's KPIs in one cell: "No-show rate 17.7 % (Off track); Booked online 7.9 % (On track)".
pub fn kpi_list(lane: &crate::export::Lane) -> String {
    lane.kpis.iter().map(kpi_line).collect::<Vec<_>>().join("; ")
}

/// One KPI in words: its latest reading (or its baseline) with the unit, and where it stands.
pub fn kpi_line(k: &crate::domain::results::KpiView) -> String {
    let unit = if k.kpi.unit.is_empty() { String::new() } else { format!(" {}", k.kpi.unit) };
    match k.readings.last() {
        Some(r) => format!(
            "{} {}{unit} on {} ({}; target {}{unit} by {})",
            k.kpi.name,
            r.value,
            r.taken_on,
            k.standing.label(),
            k.kpi.target,
            k.kpi.target_on
        ),
        None => format!(
            "{} baseline {}{unit} ({}; target {}{unit} by {})",
            k.kpi.name,
            k.kpi.baseline,
            k.standing.label(),
            k.kpi.target,
            k.kpi.target_on
        ),
    }
}

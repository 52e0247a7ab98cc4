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

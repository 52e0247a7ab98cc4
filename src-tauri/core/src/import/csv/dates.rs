//! Dates as spreadsheets write them: ISO `2026-03-15` (also with `/` or `.`), and day and month
//! first in either order, `15/03/2026` or `03/15/2026` (also with `.` or `-`). A year must be
//! written in full. Which of day and month comes first is read from the file as a whole: a day
//! above 12 settles it; a file whose dates could all be read both ways is refused with a
//! question, rather than guessed, because a wrong guess moves every date silently.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// The order of day, month and year in a file's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// 15/03/2026 (most of the world)
    Dmy,
    /// 03/15/2026 (the United States)
    Mdy,
    /// 2026-03-15 (ISO)
    Ymd,
}

impl DateOrder {
    pub fn wire(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
            DateOrder::Ymd => "ymd",
        }
    }

    pub fn from_wire(text: &str) -> Option<DateOrder> {
        [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd].into_iter().find(|o| o.wire() == text.trim().to_ascii_lowercase())
    }
}

/// How a date cell is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// Year first: `2026-03-15`, `2026/03/15`.
    YearFirst(u32, u32, i32),
    /// Day and month first, in an order the cell alone may not tell: `a/b/2026`.
    YearLast(u32, u32, i32),
    /// `03/04/26`: which century is a guess.
    ShortYear,
    Unreadable,
}

fn shape(cell: &str) -> Shape {
    // A time after the date (`2026-03-15 10:00`, `2026-03-15T10:00`) is not part of it.
    let date = cell.split([' ', 'T']).next().unwrap_or_default();
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return Shape::Unreadable;
    }
    let number = |p: &str| p.parse::<u32>().unwrap_or(u32::MAX);
    match (parts[0].len(), parts[1].len(), parts[2].len()) {
        (4, 1..=2, 1..=2) => Shape::YearFirst(number(parts[1]), number(parts[2]), number(parts[0]) as i32),
        (1..=2, 1..=2, 4) => Shape::YearLast(number(parts[0]), number(parts[1]), number(parts[2]) as i32),
        (1..=2, 1..=2, 2) => Shape::ShortYear,
        _ => Shape::Unreadable,
    }
}

/// One date cell, for the order decided by [`pick_order`]. `Ok(None)` for an empty cell; the
/// error is the message for that cell.
pub fn read(cell: &str, order: Option<DateOrder>) -> Result<Option<NaiveDate>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    let exists = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("{cell} is not a date that exists"));
    match (shape(cell), order) {
        (Shape::YearFirst(m, d, y), _) => exists(y, m, d).map(Some),
        (Shape::YearLast(a, b, y), Some(DateOrder::Mdy)) => exists(y, a, b).map(Some),
        (Shape::YearLast(a, b, y), Some(DateOrder::Dmy) | None) => exists(y, b, a).map(Some),
        (Shape::YearLast(..), Some(DateOrder::Ymd)) => {
            Err(format!("{cell} is not written year first, as the import was told (ymd); write it as 2026-03-15"))
        }
        (Shape::ShortYear, _) => Err(format!("{cell} has a two-digit year; write the year in full, such as 15/03/2026 or 2026-03-15")),
        (Shape::Unreadable, _) => Err(format!("“{cell}” is not a date; write it as 2026-03-15 (or 15/03/2026)")),
    }
}

/// A date cell and where it is, for [`pick_order`]'s messages.
pub struct Cell<'a> {
    pub line: u64,
    pub heading: String,
    pub text: &'a str,
}

/// The order to read the file's day-and-month dates in: the person's choice, or the one the
/// file's own dates prove (a day above 12). `None` when the file has no such dates. A file that
/// proves both orders, or neither while holding dates like 03/04/2026, is refused.
pub fn pick_order<'a>(cells: impl IntoIterator<Item = Cell<'a>>, chosen: Option<DateOrder>) -> Result<Option<DateOrder>> {
    if chosen.is_some() {
        return Ok(chosen);
    }
    let (mut day_first, mut month_first, mut ambiguous) = (None, None, None);
    for cell in cells {
        if let Shape::YearLast(a, b, _) = shape(cell.text.trim()) {
            let slot = match (a, b) {
                (13..=31, 1..=12) => &mut day_first,
                (1..=12, 13..=31) => &mut month_first,
                (1..=12, 1..=12) if a != b => &mut ambiguous,
                _ => continue,
            };
            slot.get_or_insert(cell);
        }
    }
    let place = |c: &Cell| format!("line {}, column {}: {}", c.line, c.heading, c.text.trim());
    match (day_first, month_first, ambiguous) {
        (Some(d), Some(m), _) => Err(Error::Validation(format!(
            "The dates in this file mix two orders: day first ({}) and month first ({}). Correct them so that every date uses one order, then import again.",
            place(&d),
            place(&m)
        ))),
        (Some(_), None, _) => Ok(Some(DateOrder::Dmy)),
        (None, Some(_), _) => Ok(Some(DateOrder::Mdy)),
        (None, None, Some(a)) => Err(Error::DateOrder(format!(
            "The dates in this file can be read two ways ({}): is that day/month/year or month/day/year? \
             Say which order the file uses: dmy or mdy (in the import's date order, or with --date-format dmy|mdy).",
            place(&a)
        ))),
        // Only dates like 05/05/2026, which read the same either way, or none at all.
        (None, None, None) => Ok(Some(DateOrder::Dmy)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn day(s: &str) -> Option<NaiveDate> {
        Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn the_order_decides_how_day_and_month_are_read() {
        assert_eq!(read("03/04/2026", Some(DateOrder::Dmy)), Ok(day("2026-04-03")), "day first: 3 April");
        assert_eq!(read("03/04/2026", Some(DateOrder::Mdy)), Ok(day("2026-03-04")), "month first: March 4");
        assert_eq!(read("15.03.2026", Some(DateOrder::Dmy)), Ok(day("2026-03-15")), "dots are separators too");
        assert_eq!(read("2026/03/15", None), Ok(day("2026-03-15")), "year first needs no order");
        assert_eq!(read("2026-03-15 00:00", None), Ok(day("2026-03-15")), "a time after the date is dropped");
        assert_eq!(read("", None), Ok(None), "an empty cell is no date");
    }

    #[test]
    fn impossible_and_short_dates_are_refused() {
        assert!(read("31/02/2026", Some(DateOrder::Dmy)).unwrap_err().contains("not a date that exists"));
        assert!(read("03/04/26", Some(DateOrder::Dmy)).unwrap_err().contains("two-digit year"));
        assert!(read("next week", None).unwrap_err().contains("not a date"));
    }

    #[test]
    fn the_file_proves_its_order_or_is_asked() {
        let cell = |line, text| Cell { line, heading: "Due".into(), text };
        assert_eq!(pick_order([cell(2, "03/04/2026"), cell(3, "25/04/2026")], None).unwrap(), Some(DateOrder::Dmy));
        assert_eq!(pick_order([cell(2, "03/04/2026"), cell(3, "04/25/2026")], None).unwrap(), Some(DateOrder::Mdy));
        let err = pick_order([cell(2, "2026-01-01"), cell(7, "03/04/2026")], None).unwrap_err();
        assert!(err.to_string().contains("line 7, column Due: 03/04/2026"), "the question names an example cell: {err}");
        assert_eq!(err.code(), ErrorCode::DateOrder, "it is a question, not a refusal of the file");
        assert!(pick_order([cell(2, "25/04/2026"), cell(3, "04/25/2026")], None).is_err(), "two orders in one file are refused");
    }
}

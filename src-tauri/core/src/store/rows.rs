//! Column conversions shared by the table files: ids and timestamps are stored as text (UUIDv7,
//! RFC 3339 in UTC with fixed width so that text order is time order), dates as `YYYY-MM-DD`,
//! enums by their wire spelling, tags as a JSON array.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::Type;
use rusqlite::Row;

use crate::domain::model::Id;

pub fn bad(idx: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, format!("not a valid {what}").into())
}

pub fn id(row: &Row, idx: usize) -> rusqlite::Result<Id> {
    let text = row.get_ref(idx)?.as_str()?;
    Id::parse_str(text).map_err(|_| bad(idx, "id"))
}

pub fn opt_id(row: &Row, idx: usize) -> rusqlite::Result<Option<Id>> {
    let text = row.get_ref(idx)?.as_str_or_null()?;
    text.map(|t| Id::parse_str(t).map_err(|_| bad(idx, "id"))).transpose()
}

/// The digits of `text[range]` as a number; `None` unless they are all ASCII digits.
fn digits(text: &[u8], range: std::ops::Range<usize>) -> Option<u32> {
    text.get(range)?.iter().try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

/// `YYYY-MM-DD` read directly: whole boards are loaded at once, and chrono's general parser
/// was a large part of that time.
fn parse_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(b, 0..4)? as i32, digits(b, 5..7)?, digits(b, 8..10)?)
}

pub fn date(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<&str> = row.get_ref(idx)?.as_str_or_null()?;
    text.map(|t| parse_day(t).ok_or_else(|| bad(idx, "date"))).transpose()
}

/// Reads the fixed form `stamp` writes (`YYYY-MM-DDTHH:MM:SS.ffffffZ`) directly, and any other
/// RFC 3339 time the slow way.
fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() == 27 && b[10] == b'T' && b[13] == b':' && b[16] == b':' && b[19] == b'.' && b[26] == b'Z' {
        let day = parse_day(&text[..10])?;
        let time = chrono::NaiveTime::from_hms_micro_opt(digits(b, 11..13)?, digits(b, 14..16)?, digits(b, 17..19)?, digits(b, 20..26)?)?;
        return Some(day.and_time(time).and_utc());
    }
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

pub fn time(row: &Row, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text = row.get_ref(idx)?.as_str()?;
    parse_time(text).ok_or_else(|| bad(idx, "time"))
}

pub fn opt_time(row: &Row, idx: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    match row.get_ref(idx)?.as_str_or_null()? {
        None => Ok(None),
        Some(text) => parse_time(text).map(Some).ok_or_else(|| bad(idx, "time")),
    }
}

pub fn wire<T>(row: &Row, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| bad(idx, "value"))
}

pub fn tags(row: &Row, idx: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text).map_err(|_| bad(idx, "tag list"))
}

pub fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn day(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

pub fn text_id(id: Option<Id>) -> Option<String> {
    id.map(|i| i.to_string())
}

pub fn tags_json(tags: &[String]) -> String {
    serde_json::to_string(tags).expect("a list of strings always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_readers_agree_with_chrono() {
        let t = DateTime::parse_from_rfc3339("2026-03-02T09:15:07.123456Z").unwrap().with_timezone(&Utc);
        assert_eq!(parse_time(&stamp(t)), Some(t), "a stamp reads back as the same instant");
        assert_eq!(
            parse_time("2026-03-02T09:15:07+01:00").map(|t| t.to_rfc3339()),
            Some("2026-03-02T08:15:07+00:00".into()),
            "other RFC 3339 forms still read"
        );
        assert_eq!(parse_day("2028-02-29"), NaiveDate::from_ymd_opt(2028, 2, 29));
        assert_eq!(parse_day("2026-02-30"), None, "a date that does not exist is refused");
        assert_eq!(parse_day("2026-2-03"), None);
    }
}

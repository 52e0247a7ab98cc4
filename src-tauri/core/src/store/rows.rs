//! Column conversions shared by the table files: ids and timestamps are stored as text (UUIDv7,
//! RFC 3339 in UTC with fixed width so that text order is time order), dates as `YYYY-MM-DD`,
//! enums by their wire spelling, tags as a JSON array.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::{Type, ValueRef};
use rusqlite::Row;

use crate::domain::model::Id;

pub fn bad(idx: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, format!("not a valid {what}").into())
}

/// A text column's bytes, not checked to be UTF-8: ids, dates and times are ASCII, and their
/// readers refuse anything else anyway, so the check would only cost time.
fn ascii<'r>(row: &'r Row, idx: usize, what: &str) -> rusqlite::Result<Option<&'r [u8]>> {
    match row.get_ref(idx)? {
        ValueRef::Text(bytes) => Ok(Some(bytes)),
        ValueRef::Null => Ok(None),
        _ => Err(bad(idx, what)),
    }
}

/// Each hex digit's value; 0xff for a byte that is not one.
const HEX: [u8; 256] = {
    let mut table = [0xff; 256];
    let mut n = 0;
    while n < 10 {
        table[b'0' as usize + n] = n as u8;
        n += 1;
    }
    let mut n = 0;
    while n < 6 {
        table[b'a' as usize + n] = 10 + n as u8;
        table[b'A' as usize + n] = 10 + n as u8;
        n += 1;
    }
    table
};

/// Where the two digits of each of the 16 bytes start in `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
const HEX_AT: [usize; 16] = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/// An id in the hyphenated form the store writes, read directly: a large board holds some
/// 150,000 of them, and the general parser was a large part of loading it. Any other form
/// `Uuid::parse_str` accepts still reads, the slow way.
fn parse_id(text: &[u8]) -> Option<Id> {
    if text.len() == 36 && text[8] == b'-' && text[13] == b'-' && text[18] == b'-' && text[23] == b'-' {
        let mut bytes = [0u8; 16];
        let mut seen = 0u8;
        for (byte, &at) in bytes.iter_mut().zip(&HEX_AT) {
            let (high, low) = (HEX[text[at] as usize], HEX[text[at + 1] as usize]);
            seen |= high | low;
            *byte = high << 4 | low;
        }
        // Every digit is below 16, so a higher bit means some byte was not a digit.
        if seen < 16 {
            return Some(Id::from_bytes(bytes));
        }
    }
    std::str::from_utf8(text).ok().and_then(|t| Id::parse_str(t).ok())
}

pub fn id(row: &Row, idx: usize) -> rusqlite::Result<Id> {
    ascii(row, idx, "id")?.and_then(parse_id).ok_or_else(|| bad(idx, "id"))
}

pub fn opt_id(row: &Row, idx: usize) -> rusqlite::Result<Option<Id>> {
    ascii(row, idx, "id")?.map(|t| parse_id(t).ok_or_else(|| bad(idx, "id"))).transpose()
}

/// The digits of `text[range]` as a number; `None` unless they are all ASCII digits.
fn digits(text: &[u8], range: std::ops::Range<usize>) -> Option<u32> {
    text.get(range)?.iter().try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

/// `YYYY-MM-DD` read directly: whole boards are loaded at once, and chrono's general parser
/// was a large part of that time.
fn parse_day(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(b, 0..4)? as i32, digits(b, 5..7)?, digits(b, 8..10)?)
}

pub fn date(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    ascii(row, idx, "date")?.map(|t| parse_day(t).ok_or_else(|| bad(idx, "date"))).transpose()
}

/// Reads the fixed form `stamp` writes (`YYYY-MM-DDTHH:MM:SS.ffffffZ`) directly, and any other
/// RFC 3339 time the slow way.
fn parse_time(b: &[u8]) -> Option<DateTime<Utc>> {
    if b.len() == 27 && b[10] == b'T' && b[13] == b':' && b[16] == b':' && b[19] == b'.' && b[26] == b'Z' {
        let day = parse_day(&b[..10])?;
        let time = chrono::NaiveTime::from_hms_micro_opt(digits(b, 11..13)?, digits(b, 14..16)?, digits(b, 17..19)?, digits(b, 20..26)?)?;
        return Some(day.and_time(time).and_utc());
    }
    DateTime::parse_from_rfc3339(std::str::from_utf8(b).ok()?).ok().map(|t| t.with_timezone(&Utc))
}

pub fn time(row: &Row, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    ascii(row, idx, "time")?.and_then(parse_time).ok_or_else(|| bad(idx, "time"))
}

pub fn opt_time(row: &Row, idx: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    ascii(row, idx, "time")?.map(|t| parse_time(t).ok_or_else(|| bad(idx, "time"))).transpose()
}

/// An enum by its wire spelling, read in place rather than copied out first.
pub fn wire<T>(row: &Row, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parse(row.get_ref(idx)?.as_str()?).ok_or_else(|| bad(idx, "value"))
}

pub fn tags(row: &Row, idx: usize) -> rusqlite::Result<Vec<String>> {
    serde_json::from_str(row.get_ref(idx)?.as_str()?).map_err(|_| bad(idx, "tag list"))
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
        assert_eq!(parse_time(stamp(t).as_bytes()), Some(t), "a stamp reads back as the same instant");
        assert_eq!(
            parse_time(b"2026-03-02T09:15:07+01:00").map(|t| t.to_rfc3339()),
            Some("2026-03-02T08:15:07+00:00".into()),
            "other RFC 3339 forms still read"
        );
        assert_eq!(parse_day(b"2028-02-29"), NaiveDate::from_ymd_opt(2028, 2, 29));
        assert_eq!(parse_day(b"2026-02-30"), None, "a date that does not exist is refused");
        assert_eq!(parse_day(b"2026-2-03"), None);
    }

    #[test]
    fn the_fast_id_reader_agrees_with_uuid() {
        let id = Id::now_v7();
        for text in [
            id.to_string(),
            id.to_string().to_uppercase(),
            id.simple().to_string(),
            id.braced().to_string(),
            id.urn().to_string(),
            "00000000-0000-7000-8000-000000000001".to_string(),
            "ffffffff-ffff-ffff-ffff-ffffffffffff".to_string(),
        ] {
            assert_eq!(parse_id(text.as_bytes()), Id::parse_str(&text).ok(), "{text} reads as the uuid crate reads it");
        }
        let wrong =
            ["01a237bb-62e2-77fd-b98a-e6eb0b8a19fg", "01a237bb-62e2-77fd-b98a-e6eb0b8a19f", "01a237bb+62e2-77fd-b98a-e6eb0b8a19f4", ""];
        for text in wrong {
            assert_eq!(parse_id(text.as_bytes()), None, "{text:?} is not an id");
        }
        assert_eq!(parse_id(&[0xff; 36]), None, "bytes that are not text are not an id");
    }
}

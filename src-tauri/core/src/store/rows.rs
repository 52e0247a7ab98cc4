//! Column conversions shared by the table files: ids and timestamps are stored as text (UUIDv7,
//! RFC 3339 in UTC with fixed width so that text order is time order), dates as `YYYY-MM-DD`,
//! enums by their wire spelling, tags as a JSON array.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::Type;
use rusqlite::Row;

use crate::domain::model::Id;

fn bad(idx: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, format!("not a valid {what}").into())
}

pub fn id(row: &Row, idx: usize) -> rusqlite::Result<Id> {
    let text: String = row.get(idx)?;
    Id::parse_str(&text).map_err(|_| bad(idx, "id"))
}

pub fn opt_id(row: &Row, idx: usize) -> rusqlite::Result<Option<Id>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| Id::parse_str(&t).map_err(|_| bad(idx, "id"))).transpose()
}

pub fn date(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| bad(idx, "date"))).transpose()
}

pub fn time(row: &Row, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(idx)?;
    DateTime::parse_from_rfc3339(&text).map(|t| t.with_timezone(&Utc)).map_err(|_| bad(idx, "time"))
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
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

pub fn text_id(id: Option<Id>) -> Option<String> {
    id.map(|i| i.to_string())
}

pub fn tags_json(tags: &[String]) -> String {
    serde_json::to_string(tags).expect("a list of strings always serializes")
}

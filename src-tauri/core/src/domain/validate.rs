//! Checks on single values, before anything touches the database. Each refusal says what is
//! wrong and what to type instead. The limits are documented in the README.

use chrono::NaiveDate;

use crate::{Error, Result};

pub const TITLE_MAX: usize = 200;
pub const NAME_MAX: usize = 120;
pub const TEXT_MAX: usize = 20_000;
pub const TAG_MAX: usize = 40;
pub const TAGS_MAX: usize = 20;
pub const LAG_MAX_DAYS: i32 = 365;

fn invalid(message: String) -> Error {
    Error::Validation(message)
}

/// A title or name: trimmed, not empty, at most `max` characters.
pub fn required_text(what: &str, text: &str, max: usize) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid(format!("{what} cannot be empty: type a few words.")));
    }
    let len = text.chars().count();
    if len > max {
        return Err(invalid(format!(
            "{what} is {len} characters long; the limit is {max}. Shorten it, and put details in the summary or notes."
        )));
    }
    Ok(text.to_string())
}

pub fn title(text: &str) -> Result<String> {
    required_text("A title", text, TITLE_MAX)
}

pub fn name(text: &str) -> Result<String> {
    required_text("A name", text, NAME_MAX)
}

/// Free text (summary, notes, comment bodies): kept as typed, at most `TEXT_MAX` characters.
pub fn long_text(what: &str, text: &str) -> Result<String> {
    let len = text.chars().count();
    if len > TEXT_MAX {
        return Err(invalid(format!("{what} is {len} characters long; the limit is {TEXT_MAX}.")));
    }
    Ok(text.to_string())
}

/// An optional one-line text such as a block reason or a job title: blank means none.
pub fn optional_line(what: &str, text: Option<&str>) -> Result<Option<String>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) if t.chars().count() > TITLE_MAX => Err(invalid(format!("{what} is longer than {TITLE_MAX} characters; shorten it."))),
        Some(t) => Ok(Some(t.to_string())),
    }
}

pub fn email(text: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let valid = text.len() <= 254
        && !text.contains(char::is_whitespace)
        && text.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    if !valid {
        return Err(invalid(format!("“{text}” is not an email address; use name@hospital.org, or leave it empty.")));
    }
    Ok(text.to_string())
}

/// Tags: trimmed, without duplicates (ignoring case), each short, not too many.
pub fn tags(tags: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if tag.chars().count() > TAG_MAX {
            return Err(invalid(format!("The tag “{tag}” is longer than {TAG_MAX} characters.")));
        }
        if !out.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            out.push(tag.to_string());
        }
    }
    if out.len() > TAGS_MAX {
        return Err(invalid(format!("An item can have at most {TAGS_MAX} tags.")));
    }
    Ok(out)
}

/// Parses an ISO date (`YYYY-MM-DD`), refusing dates that do not exist such as 2026-02-30.
pub fn date(text: &str) -> Result<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
        .ok_or_else(|| invalid(format!("“{text}” is not a date that exists; write it as YYYY-MM-DD, for example 2026-03-15.")))
}

/// An end date may not come before its start date (end dates are inclusive),
/// and both lie in years 1000 to 9999 (a date from a damaged file can be far outside, and the
/// board file keeps dates as `YYYY-MM-DD` text).
pub fn date_order(start: Option<NaiveDate>, end: Option<NaiveDate>, end_name: &str) -> Result<()> {
    for date in [start, end].into_iter().flatten() {
        if !(1000..=9999).contains(&chrono::Datelike::year(&date)) {
            return Err(invalid(format!("The date {date} is out of range; use a date between the years 1000 and 9999.")));
        }
    }
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            return Err(invalid(format!("The {end_name} ({end}) is before the start date ({start}); move one of them.")));
        }
    }
    Ok(())
}

pub fn lag(days: i32) -> Result<i32> {
    if days.unsigned_abs() > LAG_MAX_DAYS.unsigned_abs() {
        return Err(invalid(format!("A lag of {days} days is out of range; use -{LAG_MAX_DAYS} to {LAG_MAX_DAYS}.")));
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_outside_four_digit_years_is_refused() {
        let far = NaiveDate::from_ymd_opt(-1, 3, 15);
        assert!(date_order(far, None, "due date").is_err(), "a year before 1 cannot be kept as YYYY-MM-DD text");
        assert!(date_order(None, NaiveDate::from_ymd_opt(10_000, 1, 1), "due date").is_err());
        assert!(date_order(NaiveDate::from_ymd_opt(1999, 1, 1), NaiveDate::from_ymd_opt(2030, 1, 1), "due date").is_ok());
    }

    #[test]
    fn a_lag_at_the_ends_of_the_integers_is_refused_not_a_crash() {
        assert!(lag(i32::MIN).is_err(), "the most negative lag (whose absolute value overflows) is out of range");
        assert!(lag(i32::MAX).is_err());
        assert_eq!(lag(-LAG_MAX_DAYS).unwrap(), -LAG_MAX_DAYS, "the bounds themselves are allowed");
    }

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(title("  Go-live  ").unwrap(), "Go-live", "surrounding spaces are not part of a title");
        assert!(title(" \t ").is_err(), "a whitespace title is empty");
        assert!(title(&"x".repeat(10_000)).is_err(), "a 10,000-character title is refused");
        assert!(title(&"é".repeat(TITLE_MAX)).is_ok(), "the limit counts characters, not bytes");
    }

    #[test]
    fn dates_that_do_not_exist_are_refused() {
        assert!(date("2026-02-30").is_err(), "February has no 30th");
        assert!(date("2026-2-3").is_err(), "only the full ISO form is accepted");
        assert_eq!(date("2028-02-29").unwrap(), NaiveDate::from_ymd_opt(2028, 2, 29).unwrap());
    }

    #[test]
    fn end_before_start_is_refused() {
        let d = |s| date(s).unwrap();
        assert!(date_order(Some(d("2026-05-02")), Some(d("2026-05-01")), "target date").is_err());
        assert!(date_order(Some(d("2026-05-01")), Some(d("2026-05-01")), "target date").is_ok(), "one-day items are fine");
    }

    #[test]
    fn tags_drop_blanks_and_duplicates() {
        let t = tags(&["SMS".into(), " sms ".into(), "".into(), "Portal".into()]).unwrap();
        assert_eq!(t, vec!["SMS", "Portal"], "tags differing only in case are one tag");
    }

    #[test]
    fn emails_are_checked_lightly() {
        assert!(email("").is_ok(), "email is optional");
        assert!(email("dana@mercy.org").is_ok());
        assert!(email("dana at mercy").is_err());
    }
}

//! Dates as a Jira export writes them. Jira writes every date in the exporting person's profile
//! format: by default `dd/MMM/yy h:mm a` (`31/Dec/26 12:00 AM`), and as a site or a person sets it
//! `dd/MM/yy`, `MM/dd/yyyy`, `dd.MM.yyyy HH:mm`, `yyyy-MM-dd`, `d MMM yyyy`, with the month's
//! name in the person's language (`31/Dez/26`, `31/déc./26`). So a date is read by its shape, not
//! by one format: a month written as a word in English, German, French, Spanish, Italian, Dutch
//! or Portuguese; a year of four digits, or of two (20yy); a time after it (`9:15 AM`, `17:30`).
//! Day and month in numbers (`03/04/26`) are read in the order the file proves (a day above 12
//! somewhere), or the order the person gives; a file that proves neither is asked about.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::csv::DateOrder;
use crate::{Error, Result};

/// What a date looks like before the order of day and month is known.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// The month is a word, or the year comes first: the date is known.
    Known(NaiveDate),
    /// `a/b/year`: day and month in numbers, in an order the cell alone may not tell.
    Numeric(u32, u32, i32),
}

/// Months by their names and abbreviations, lower case and without accents or dots, in the
/// languages Jira's hospital users most often have.
const MONTHS: [&[&str]; 12] = [
    &["jan", "january", "januar", "janvier", "janv", "enero", "ene", "gennaio", "gen", "januari", "janeiro"],
    &["feb", "february", "februar", "fevrier", "fevr", "fev", "febrero", "febbraio", "februari", "fevereiro"],
    &["mar", "march", "marz", "mrz", "mars", "marzo", "maart", "mrt", "marco"],
    &["apr", "april", "avril", "avr", "abril", "abr", "aprile"],
    &["may", "mai", "mayo", "maggio", "mag", "mei", "maio"],
    &["jun", "june", "juni", "juin", "junio", "giugno", "giu", "junho"],
    &["jul", "july", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"],
    &["aug", "august", "aout", "agosto", "ago", "augustus"],
    &["sep", "sept", "september", "septembre", "septiembre", "set", "settembre", "setembro"],
    &["oct", "october", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out"],
    &["nov", "november", "novembre", "noviembre", "novembro"],
    &["dec", "december", "dezember", "dez", "decembre", "diciembre", "dic", "dicembre", "dezembro"],
];

fn month_named(word: &str) -> Option<u32> {
    let folded: String = word
        .chars()
        .filter(|c| *c != '.')
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ä' | 'à' | 'â' => 'a',
            'é' | 'è' | 'ê' => 'e',
            'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect();
    MONTHS.iter().position(|names| names.contains(&folded.as_str())).map(|m| m as u32 + 1)
}

/// A year of four digits, or of two (Jira's `yy`: 2000 onwards).
fn year(text: &str) -> Option<i32> {
    let n: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(n),
        2 => Some(2000 + n),
        _ => None,
    }
}

/// The date part of `text` and the time after it, if any (`9:15 AM`, `17:30`, `09:15:00`).
fn split(text: &str) -> (Vec<&str>, Option<NaiveTime>) {
    // ISO's `2026-12-31T09:00:00` is a date and a time.
    if let Some((date, time)) = text.split_once('T').filter(|(d, _)| d.len() == 10 && d.as_bytes()[4] == b'-') {
        let time = NaiveTime::parse_from_str(time, "%H:%M:%S%.f").or_else(|_| NaiveTime::parse_from_str(time, "%H:%M")).ok();
        return (date.split('-').collect(), time);
    }
    let mut words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let mut time = None;
    if let Some(at) = words.iter().position(|w| w.contains(':')) {
        let clock = words[at];
        let meridiem = words.get(at + 1).map(|m| m.to_ascii_lowercase().replace('.', ""));
        let parsed = NaiveTime::parse_from_str(clock, "%H:%M:%S").or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M")).ok();
        time = parsed.map(|t| match meridiem.as_deref() {
            Some("pm") if t.hour() < 12 => t + Duration::hours(12),
            Some("am") if t.hour() == 12 => t - Duration::hours(12),
            _ => t,
        });
        words.truncate(at);
    }
    // One word (`31/Dec/26`, `2026-12-31`) or three (`31 Dec 2026`, `Dec 31 2026`).
    let parts = match words.as_slice() {
        [one] => one.split(['/', '-', '.']).filter(|p| !p.is_empty()).collect(),
        several => several.iter().map(|w| w.trim_end_matches('.')).collect(),
    };
    (parts, time)
}

fn shape(text: &str) -> Option<(Shape, Option<NaiveTime>)> {
    let (parts, time) = split(text.trim());
    let [a, b, c] = parts.as_slice() else { return None };
    let number = |t: &str| t.parse::<u32>().ok().filter(|_| t.bytes().all(|b| b.is_ascii_digit()));
    let shape = match (number(a), month_named(b), number(c)) {
        // 31/Dec/26, 31 Dec 2026
        (Some(d), Some(m), Some(_)) => Shape::Known(NaiveDate::from_ymd_opt(year(c)?, m, d)?),
        _ => match (month_named(a), number(b), number(c)) {
            // Dec 31 2026
            (Some(m), Some(d), Some(_)) => Shape::Known(NaiveDate::from_ymd_opt(year(c)?, m, d)?),
            _ => {
                let (x, y, z) = (number(a)?, number(b)?, number(c)?);
                if a.len() == 4 {
                    Shape::Known(NaiveDate::from_ymd_opt(x as i32, y, z)?)
                } else {
                    Shape::Numeric(x, y, year(c)?)
                }
            }
        },
    };
    Some((shape, time))
}

/// A date, with its time when one is written, as Jira writes it; `order` reads day and month in
/// numbers (see [`order_of`]). `None`: not a date.
pub fn read(text: &str, order: Option<DateOrder>) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let (shape, time) = shape(text)?;
    let date = match (shape, order) {
        (Shape::Known(date), _) => date,
        (Shape::Numeric(a, b, y), Some(DateOrder::Mdy)) => NaiveDate::from_ymd_opt(y, a, b)?,
        (Shape::Numeric(a, b, y), _) => NaiveDate::from_ymd_opt(y, b, a)?,
    };
    Some((date, time))
}

/// [`read`] as a local date and time (midnight when no time is written).
pub fn local(text: &str, order: Option<DateOrder>) -> Option<NaiveDateTime> {
    read(text, order).map(|(d, t)| d.and_time(t.unwrap_or(NaiveTime::MIN)))
}

/// The order of day and month for the file's numeric dates (`(where, text)` pairs): the one
/// given, else the one the dates prove; `None` when none is numeric or all read the same both
/// ways. Dates that prove both orders, or only dates that read two ways, are a question.
pub fn order_of<'a>(cells: impl IntoIterator<Item = (String, &'a str)>, given: Option<DateOrder>) -> Result<Option<DateOrder>> {
    if given.is_some() {
        return Ok(given);
    }
    let (mut day_first, mut month_first, mut ambiguous) = (None, None, None);
    for (at, text) in cells {
        if let Some((Shape::Numeric(a, b, _), _)) = shape(text) {
            let slot = match (a, b) {
                (13..=31, 1..=12) => &mut day_first,
                (1..=12, 13..=31) => &mut month_first,
                (1..=12, 1..=12) if a != b => &mut ambiguous,
                _ => continue,
            };
            slot.get_or_insert(format!("{at}: {}", text.trim()));
        }
    }
    match (day_first, month_first, ambiguous) {
        (Some(d), Some(m), _) => Err(Error::Validation(format!(
            "The dates in this file mix two orders: day first ({d}) and month first ({m}). Export it again with one date format."
        ))),
        (Some(_), None, _) => Ok(Some(DateOrder::Dmy)),
        (None, Some(_), _) => Ok(Some(DateOrder::Mdy)),
        (None, None, Some(a)) => Err(Error::DateOrder(format!(
            "The dates in this file can be read two ways ({a}): is that day/month/year or month/day/year? \
             Say which order the exporter's Jira profile uses: dmy or mdy (in the import's date order, or with --date-format dmy|mdy)."
        ))),
        (None, None, None) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_profile_formats_jira_offers_are_read() {
        let day = |text| read(text, None).map(|(d, _)| d);
        assert_eq!(day("31/Dec/26 12:00 AM"), Some(date(2026, 12, 31)), "the default, dd/MMM/yy h:mm a");
        assert_eq!(day("31/Dec/26"), Some(date(2026, 12, 31)));
        assert_eq!(day("2026-12-31 17:30"), Some(date(2026, 12, 31)));
        assert_eq!(day("31.12.2026 17:30"), Some(date(2026, 12, 31)), "dd.MM.yyyy HH:mm (day first: the only order 31 fits)");
        assert_eq!(day("31 Dec 2026"), Some(date(2026, 12, 31)));
        assert_eq!(day("Dec 31, 2026 5:30 PM"), Some(date(2026, 12, 31)));
        assert_eq!(day("next week"), None);
        assert_eq!(day("31/Feb/26"), None, "a day that does not exist is not a date");
    }

    #[test]
    fn month_names_in_the_exporters_language_are_read() {
        let day = |text| read(text, None).map(|(d, _)| d);
        assert_eq!(day("31/Dez/26 12:00 AM"), Some(date(2026, 12, 31)), "German");
        assert_eq!(day("15/mars/27"), Some(date(2027, 3, 15)), "French");
        assert_eq!(day("03/févr./27"), Some(date(2027, 2, 3)), "French, with its accent and dot");
        assert_eq!(day("15/Mär/27"), Some(date(2027, 3, 15)), "German, with its umlaut");
        assert_eq!(day("01/ene/27"), Some(date(2027, 1, 1)), "Spanish");
        assert_eq!(day("01/mrt/27"), Some(date(2027, 3, 1)), "Dutch");
    }

    #[test]
    fn a_twelve_hour_time_becomes_the_time_of_day() {
        let time = |text| read(text, None).and_then(|(_, t)| t);
        assert_eq!(time("05/Jan/27 9:15 AM"), NaiveTime::from_hms_opt(9, 15, 0));
        assert_eq!(time("05/Jan/27 12:00 AM"), NaiveTime::from_hms_opt(0, 0, 0), "midnight");
        assert_eq!(time("05/Jan/27 12:30 PM"), NaiveTime::from_hms_opt(12, 30, 0), "half past noon");
        assert_eq!(time("05/Jan/27 11:30 PM"), NaiveTime::from_hms_opt(23, 30, 0));
        assert_eq!(time("05.01.2027 17:30"), NaiveTime::from_hms_opt(17, 30, 0));
    }

    #[test]
    fn numeric_day_and_month_follow_the_order_the_file_proves_or_is_given() {
        let cells = |texts: &[&'static str]| texts.iter().enumerate().map(|(n, t)| (format!("line {}", n + 2), *t)).collect::<Vec<_>>();
        assert_eq!(order_of(cells(&["03/04/26", "25/04/26 10:00 AM"]), None).unwrap(), Some(DateOrder::Dmy));
        assert_eq!(order_of(cells(&["03/04/26", "04/25/26"]), None).unwrap(), Some(DateOrder::Mdy));
        assert_eq!(order_of(cells(&["31/Dec/26", "2026-01-02"]), None).unwrap(), None, "no numeric dates: nothing to decide");
        let question = order_of(cells(&["31/Dec/26", "03/04/26"]), None).unwrap_err();
        assert_eq!(question.code(), ErrorCode::DateOrder, "{question}");
        assert!(question.to_string().contains("line 3: 03/04/26"), "the question names an example: {question}");
        assert_eq!(order_of(cells(&["03/04/26"]), Some(DateOrder::Mdy)).unwrap(), Some(DateOrder::Mdy));
        assert!(order_of(cells(&["25/04/26", "04/25/26"]), None).is_err(), "two orders in one file are refused");
        assert_eq!(read("03/04/26", Some(DateOrder::Mdy)).map(|(d, _)| d), Some(date(2026, 3, 4)));
        assert_eq!(read("03/04/26", Some(DateOrder::Dmy)).map(|(d, _)| d), Some(date(2026, 4, 3)));
    }
}

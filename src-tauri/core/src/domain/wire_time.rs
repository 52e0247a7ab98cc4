//! Dates and instants written into JSON (`#[serde(serialize_with = …)]`), byte for byte as
//! chrono writes them (`2026-03-01`, `2026-03-01T09:30:00.123456Z`, the fraction as short as
//! it can be), but formatted directly: chrono goes through `Display` a character at a time, which
//! was a quarter of the JSON export's time on a large board (some 90,000 instants) and is paid
//! again by every board update the app sends its window. Anything outside the years 0–9999 is
//! left to chrono. Reading them back is chrono's, unchanged.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Timelike, Utc};
use serde::Serializer;

pub fn instant<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    let mut buf = [0u8; 30];
    match write_instant(at, &mut buf) {
        Some(len) => s.serialize_str(ascii(&buf[..len])),
        None => s.serialize_str(&at.to_rfc3339_opts(SecondsFormat::AutoSi, true)),
    }
}

pub fn opt_instant<S: Serializer>(at: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => instant(at, s),
        None => s.serialize_none(),
    }
}

pub fn day<S: Serializer>(day: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    let mut buf = [0u8; 10];
    if write_day(*day, &mut buf) {
        s.serialize_str(ascii(&buf))
    } else {
        s.serialize_str(&day.to_string())
    }
}

pub fn opt_day<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => day(d, s),
        None => s.serialize_none(),
    }
}

fn ascii(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("only ASCII digits and separators are written")
}

/// Writes `n` as `width` decimal digits at the start of `out`.
fn digits(out: &mut [u8], mut n: u32, width: usize) {
    for at in (0..width).rev() {
        out[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// `YYYY-MM-DD` into `out`; false for a year outside 0–9999, which chrono writes with a sign.
fn write_day(day: NaiveDate, out: &mut [u8]) -> bool {
    let Ok(year) = u32::try_from(day.year()) else { return false };
    if year > 9999 {
        return false;
    }
    digits(&mut out[0..4], year, 4);
    out[4] = b'-';
    digits(&mut out[5..7], day.month(), 2);
    out[7] = b'-';
    digits(&mut out[8..10], day.day(), 2);
    true
}

/// RFC 3339 in UTC with chrono's `AutoSi` fraction (none, 3, 6 or 9 digits) into `out`,
/// returning its length; `None` where chrono must write it (odd years, leap seconds).
fn write_instant(at: &DateTime<Utc>, out: &mut [u8; 30]) -> Option<usize> {
    let nano = at.nanosecond();
    if nano >= 1_000_000_000 || !write_day(at.date_naive(), &mut out[..10]) {
        return None;
    }
    out[10] = b'T';
    digits(&mut out[11..13], at.hour(), 2);
    out[13] = b':';
    digits(&mut out[14..16], at.minute(), 2);
    out[16] = b':';
    digits(&mut out[17..19], at.second(), 2);
    let (fraction, width) = match nano {
        0 => (0, 0),
        n if n % 1_000_000 == 0 => (n / 1_000_000, 3),
        n if n % 1_000 == 0 => (n / 1_000, 6),
        n => (n, 9),
    };
    let mut len = 19;
    if width > 0 {
        out[19] = b'.';
        digits(&mut out[20..20 + width], fraction, width);
        len = 20 + width;
    }
    out[len] = b'Z';
    Some(len + 1)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;
    use serde::Serialize;

    use super::*;

    #[derive(Serialize)]
    struct Ours {
        #[serde(serialize_with = "instant")]
        at: DateTime<Utc>,
        #[serde(serialize_with = "opt_instant")]
        maybe_at: Option<DateTime<Utc>>,
        #[serde(serialize_with = "day")]
        on: NaiveDate,
        #[serde(serialize_with = "opt_day")]
        maybe_on: Option<NaiveDate>,
    }

    #[derive(Serialize)]
    struct Chrono {
        at: DateTime<Utc>,
        maybe_at: Option<DateTime<Utc>>,
        on: NaiveDate,
        maybe_on: Option<NaiveDate>,
    }

    fn both(at: DateTime<Utc>, on: NaiveDate, some: bool) -> (String, String) {
        let ours = Ours { at, maybe_at: some.then_some(at), on, maybe_on: some.then_some(on) };
        let chrono = Chrono { at, maybe_at: some.then_some(at), on, maybe_on: some.then_some(on) };
        (serde_json::to_string(&ours).unwrap(), serde_json::to_string(&chrono).unwrap())
    }

    proptest! {
        /// Exports and the app's board updates must not change by a byte: chrono is the oracle.
        #[test]
        fn writes_what_chrono_writes(
            seconds in -70_000_000_000i64..260_000_000_000,
            nano in prop_oneof![Just(0u32), (0u32..1_000).prop_map(|m| m * 1_000_000), (0u32..1_000_000).prop_map(|u| u * 1_000), 0u32..1_000_000_000],
            some: bool,
        ) {
            let at = Utc.timestamp_opt(seconds, nano).unwrap();
            let (ours, chrono) = both(at, at.date_naive(), some);
            prop_assert_eq!(ours, chrono);
        }
    }

    #[test]
    fn the_edges_chrono_writes_its_own_way() {
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31).unwrap().and_hms_nano_opt(23, 59, 59, 1_500_000_000).unwrap().and_utc();
        let far = Utc.with_ymd_and_hms(12_000, 1, 1, 0, 0, 0).unwrap();
        let before_year_0 = Utc.with_ymd_and_hms(0, 1, 1, 0, 0, 0).unwrap() - Duration::days(1);
        for at in [leap, far, before_year_0, DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            let (ours, chrono) = both(at, at.date_naive(), true);
            assert_eq!(ours, chrono, "a leap second or a year chrono writes with a sign still reads as chrono wrote it");
        }
    }
}

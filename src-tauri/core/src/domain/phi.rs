//! The PHI guardrail: Bridgeboard is for planning, not patient data, so text that looks like
//! patient information gets a warning before it is saved ("This looks like patient
//! information. Bridgeboard is not the place for PHI."). The app asks *Save anyway* or *Edit*;
//! the CLI refuses unless `--allow-phi-like` is given. It is a guardrail, not a scanner: it
//! catches the usual slips and stays quiet on planning text.
//!
//! The patterns, each documented in the README and tested with true and false positives:
//! - **SSN**: `123-45-6789` (not area 000, 666 or 9xx, group 00 or serial 0000), or "SSN"
//!   followed by nine digits;
//! - **MRN**: "MRN", "medical record (number)", "patient ID / number / #", "pt #" followed by a
//!   number of 5 to 12 characters with at least 5 digits — a bare project or ticket code
//!   (`PRJ-2027-0142`, `CHG0012345`) is not one;
//! - **date of birth**: "DOB", "date of birth" or "born" followed by a date, or a date before
//!   2010 within a few words of a person's name ("Maria Lopez 04/12/1961");
//! - **phone next to a name**: a ten-digit phone number within a few words of a person's name
//!   ("Maria Lopez 555-201-3344"); a help-desk number on its own is fine.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::Id;
use super::ops::*;

wire_enum!(PhiKind {
    Ssn = "ssn" / "a Social Security number",
    Mrn = "mrn" / "a medical record number",
    BirthDate = "birth_date" / "a date of birth",
    Phone = "phone" / "a phone number next to a name",
});

/// Something in a text that looks like patient information.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PhiFinding {
    pub kind: PhiKind,
    /// Which text it is in: "the title", "the notes", "a comment".
    pub field: String,
    /// What matched, as typed.
    pub matched: String,
}

/// What the app's write did with an operation: saved it, or held it back because its text looks
/// like patient information. The app then asks the person, and sends it again allowed only when
/// they choose *Save anyway* (as the CLI's `--allow-phi-like`): the check costs no round trip of
/// its own before each write.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Applied {
    Saved { id: Id },
    HeldBack { findings: Vec<PhiFinding> },
}

impl PhiFinding {
    /// The warning a person reads.
    pub fn message(findings: &[PhiFinding]) -> String {
        let what: Vec<String> = findings.iter().map(|f| format!("{} in {} (“{}”)", f.kind.label(), f.field, f.matched)).collect();
        format!("This looks like patient information: {}. Bridgeboard is not the place for PHI.", what.join("; "))
    }
}

struct Patterns {
    ssn: Regex,
    ssn_word: Regex,
    mrn: Regex,
    dob_word: Regex,
    date: Regex,
    phone: Regex,
    name: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let date = r"(?:\b(?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|[12]\d|3[01])[/.-](?:19|20)\d{2}\b|\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b)";
        let re = |p: &str| Regex::new(p).expect("the PHI patterns are valid");
        Patterns {
            ssn: re(r"\b(\d{3})-(\d{2})-(\d{4})\b"),
            ssn_word: re(r"(?i)\bssn\b\s*[:#]?\s*\d{9}\b"),
            mrn: re(r"(?i)\b(?:mrn|medical record(?: number| no\.?| #)?|patient (?:id|number|no\.?|#)|pt\.? ?#)\s*[:#]?\s*([A-Z]{0,3}-?\d[\d-]{4,11})\b"),
            dob_word: re(&format!(r"(?i)\b(?:dob|d\.o\.b\.?|date of birth|born(?: on)?)\s*[:]?\s*{date}")),
            date: re(date),
            phone: re(r"(?:\(\d{3}\)\s?|\b\d{3}[-.\s])\d{3}[-.\s]\d{4}\b"),
            name: re(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)? [A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?\b"),
        }
    })
}

/// Is there a person's name (two capitalised words) within a few words of `start..end`?
fn near_a_name(text: &str, start: usize, end: usize) -> bool {
    let window = 40;
    let from = text.floor_char_boundary(start.saturating_sub(window));
    let to = text.ceil_char_boundary((end + window).min(text.len()));
    patterns().name.find_iter(&text[from..to]).any(|_| true)
}

/// What in `text` looks like patient information; `field` names where it is.
pub fn find(text: &str, field: &str) -> Vec<PhiFinding> {
    let p = patterns();
    let mut out = Vec::new();
    let mut found = |kind: PhiKind, m: &str| out.push(PhiFinding { kind, field: field.into(), matched: m.trim().into() });
    for c in p.ssn.captures_iter(text) {
        let (area, group, serial) = (&c[1], &c[2], &c[3]);
        if area != "000" && area != "666" && !area.starts_with('9') && group != "00" && serial != "0000" {
            found(PhiKind::Ssn, &c[0]);
        }
    }
    for m in p.ssn_word.find_iter(text) {
        found(PhiKind::Ssn, m.as_str());
    }
    for c in p.mrn.captures_iter(text) {
        if c[1].chars().filter(char::is_ascii_digit).count() >= 5 {
            found(PhiKind::Mrn, &c[0]);
        }
    }
    let mut birth_dates: Vec<(usize, usize)> = Vec::new();
    for m in p.dob_word.find_iter(text) {
        birth_dates.push((m.start(), m.end()));
        found(PhiKind::BirthDate, m.as_str());
    }
    for m in p.date.find_iter(text) {
        let covered = birth_dates.iter().any(|(s, e)| m.start() >= *s && m.end() <= *e);
        let year: u32 = m.as_str().split(|c: char| !c.is_ascii_digit()).filter(|s| s.len() == 4).find_map(|y| y.parse().ok()).unwrap_or(0);
        if !covered && year < 2010 && near_a_name(text, m.start(), m.end()) {
            found(PhiKind::BirthDate, m.as_str());
        }
    }
    for m in p.phone.find_iter(text) {
        if near_a_name(text, m.start(), m.end()) {
            found(PhiKind::Phone, m.as_str());
        }
    }
    out
}

/// Everything a person typed into an operation that could hold patient information, with where.
pub fn texts(op: &Op) -> Vec<(&str, &'static str)> {
    let mut out: Vec<(&str, &'static str)> = Vec::new();
    match op {
        Op::CreateInitiative(n) => {
            out.push((&n.title, "the title"));
            out.push((&n.summary, "the summary"));
            out.extend(n.block_reason.as_deref().map(|r| (r, "the block reason")));
        }
        Op::UpdateInitiative { changes, .. } => {
            for c in changes {
                match c {
                    InitiativeChange::Title(t) => out.push((t, "the title")),
                    InitiativeChange::Summary(t) => out.push((t, "the summary")),
                    InitiativeChange::BlockReason(Some(t)) => out.push((t, "the block reason")),
                    _ => {}
                }
            }
        }
        Op::CreateTask(n) => {
            out.push((&n.title, "the title"));
            out.push((&n.notes, "the notes"));
            out.extend(n.block_reason.as_deref().map(|r| (r, "the block reason")));
        }
        Op::UpdateTask { changes, .. } => {
            for c in changes {
                match c {
                    TaskChange::Title(t) => out.push((t, "the title")),
                    TaskChange::Notes(t) => out.push((t, "the notes")),
                    TaskChange::BlockReason(Some(t)) => out.push((t, "the block reason")),
                    _ => {}
                }
            }
        }
        Op::AddComment { body, .. } | Op::ImportComment { body, .. } => out.push((body, "the comment")),
        Op::UpdateGate { changes, .. } => {
            for c in changes {
                match c {
                    GateChange::State { reason: Some(r), .. } => out.push((r, "the reason")),
                    GateChange::Evidence(t) => out.push((t, "the evidence")),
                    _ => {}
                }
            }
        }
        Op::AddReading(n) => out.push((&n.note, "the note")),
        _ => {}
    }
    out
}

/// What in an operation looks like patient information.
pub fn check_op(op: &Op) -> Vec<PhiFinding> {
    texts(op).into_iter().flat_map(|(text, field)| find(text, field)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<PhiKind> {
        find(text, "the notes").into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn patient_details_are_caught() {
        assert_eq!(kinds("Call back re 123-45-6789"), [PhiKind::Ssn]);
        assert_eq!(kinds("SSN: 123456789"), [PhiKind::Ssn]);
        assert_eq!(kinds("MRN 00482913 missed the reminder"), [PhiKind::Mrn]);
        assert_eq!(kinds("medical record number: A1234567"), [PhiKind::Mrn]);
        assert_eq!(kinds("patient # 7734120 complained"), [PhiKind::Mrn]);
        assert_eq!(kinds("DOB 04/12/1961"), [PhiKind::BirthDate]);
        assert_eq!(kinds("Maria Lopez, 04/12/1961, no-showed twice"), [PhiKind::BirthDate]);
        assert_eq!(kinds("born on 1961-04-12"), [PhiKind::BirthDate]);
        assert_eq!(kinds("Text Maria Lopez at (555) 201-3344 about her visit"), [PhiKind::Phone]);
        assert_eq!(kinds("Maria Lopez 555-201-3344"), [PhiKind::Phone]);
    }

    #[test]
    fn planning_text_is_left_alone() {
        for text in [
            "PRJ-2027-0142 portal campaign",
            "Change ticket CHG0012345 approved",
            "Incident INC0012345 closed",
            "Go-live 2027-03-31, rollback plan by 2027-03-24",
            "Budget code 123-45-678",
            "Call the help desk at 555-201-3344",
            "Version 2.10.2024 of the widget",
            "Sprint 14: 3 stories, 21 points",
            "Invalid SSN-like 000-12-3456 and 666-12-3456 and 900-12-3456",
            "Launch on 04/12/2027 with Dana Whitfield",
            "Epic build 2023 upgrade",
        ] {
            assert!(kinds(text).is_empty(), "{text:?} is planning text, not PHI: {:?}", find(text, "the notes"));
        }
    }

    #[test]
    fn every_free_text_of_an_operation_is_looked_at() {
        let id = uuid::Uuid::from_u128(1);
        let op = Op::UpdateTask { id, changes: vec![TaskChange::Notes("MRN 00482913".into()), TaskChange::Title("Call list".into())] };
        let found = check_op(&op);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, "the notes");
        assert!(PhiFinding::message(&found).contains("Bridgeboard is not the place for PHI"));
        assert!(check_op(&Op::AddComment { item_id: id, body: "Looks good".into() }).is_empty());
    }
}

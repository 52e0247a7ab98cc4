//! Turning command-line text into the core's values: dates through the core's own validator,
//! and wire enums (`in_progress`, `critical`, ...) through `from_wire`. A refusal is a core
//! `Validation` error, so it exits with code 1 and names what to type instead.

use bridgeboard_core::domain::validate;
use bridgeboard_core::{Error, InitiativeStatus, Priority, Result, TaskKind, TaskStatus};
use chrono::NaiveDate;

pub fn date(text: &str) -> Result<NaiveDate> {
    validate::date(text)
}

pub fn optional_date(text: Option<&str>) -> Result<Option<NaiveDate>> {
    text.map(date).transpose()
}

/// Parses a wire value, or refuses listing every allowed spelling.
fn wire<T: Copy>(what: &str, text: &str, all: &[T], wire: fn(T) -> &'static str, from: fn(&str) -> Option<T>) -> Result<T> {
    from(text.trim()).ok_or_else(|| {
        let allowed: Vec<&str> = all.iter().map(|v| wire(*v)).collect();
        Error::Validation(format!("“{text}” is not {what}; use one of: {}.", allowed.join(", ")))
    })
}

pub fn initiative_status(text: &str) -> Result<InitiativeStatus> {
    wire("an initiative status", text, InitiativeStatus::ALL, InitiativeStatus::wire, InitiativeStatus::from_wire)
}

pub fn task_status(text: &str) -> Result<TaskStatus> {
    wire("a task status", text, TaskStatus::ALL, TaskStatus::wire, TaskStatus::from_wire)
}

pub fn priority(text: &str) -> Result<Priority> {
    wire("a priority", text, Priority::ALL, Priority::wire, Priority::from_wire)
}

pub fn task_kind(text: &str) -> Result<TaskKind> {
    wire("a task kind", text, TaskKind::ALL, TaskKind::wire, TaskKind::from_wire)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_status_lists_the_allowed_ones() {
        let err = initiative_status("done").unwrap_err().to_string();
        assert!(err.contains("proposed, planned, in_progress, live, cancelled"), "the refusal teaches the spellings: {err}");
        assert_eq!(task_status("done").unwrap(), TaskStatus::Done, "task statuses include done");
    }

    #[test]
    fn dates_that_do_not_exist_are_refused() {
        let err = date("2026-02-30").unwrap_err();
        assert_eq!(err.code(), bridgeboard_core::ErrorCode::Validation, "a bad date is bad input, not a storage problem");
        assert!(err.to_string().contains("YYYY-MM-DD"), "the message shows the form to use: {err}");
    }
}

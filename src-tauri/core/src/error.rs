//! Errors that reach people. Each carries a code the UI branches on and a message in the words
//! of a hospital marketing manager: what happened, and what to do about it.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: an empty title, a date that does not exist, an owner in the wrong department.
    #[error("{0}")]
    Validation(String),
    /// A CSV's dates read two ways (03/04/2026): the person must say which order the file uses.
    /// Its own code, so that the app can ask with a choice rather than show an error.
    #[error("{0}")]
    DateOrder(String),
    #[error("{0}")]
    NotFound(String),
    /// A board rule refused the change (owners missing, open predecessors, work still owned).
    #[error("{0}")]
    Conflict(String),
    /// The new dependency would close a loop; `cycle` lists the titles around it.
    #[error("{message}")]
    Cycle { cycle: Vec<String>, message: String },
    /// The board file cannot be used: not a Bridgeboard file, corrupt, newer, read-only, missing.
    #[error("{0}")]
    Storage(String),
    /// The disk (or the shared folder's disk) has no room left for what was being written:
    /// nothing was changed or half-written, and the same action works once space is freed.
    #[error("{0}")]
    DiskFull(String),
    /// A shared board's folder (or server) cannot be reached or written. The local board is
    /// fine and keeps every edit; they are published when it is back.
    #[error("{0}")]
    Unreachable(String),
    /// Bad input with a list of problems, each saying where it is (the bad rows of a CSV or a
    /// board export). Code `validation`; the app shows `problems` as a list under `intro`.
    #[error("{}", listed(intro, problems))]
    Problems { intro: String, problems: Vec<String> },
}

/// How many problems a message lists before "and N more".
const PROBLEMS_SHOWN: usize = 50;

/// The problems as a message lists them: at most `PROBLEMS_SHOWN`, then how many more.
fn shown(problems: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = problems.iter().take(PROBLEMS_SHOWN).cloned().collect();
    if problems.len() > PROBLEMS_SHOWN {
        lines.push(format!("and {} more", problems.len() - PROBLEMS_SHOWN));
    }
    lines
}

fn listed(intro: &str, problems: &[String]) -> String {
    shown(problems).iter().fold(intro.to_string(), |text, line| text + "\n- " + line)
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of error it is: what the UI branches on and the CLI's exit code follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    DateOrder,
    NotFound,
    Conflict,
    Cycle,
    Storage,
    DiskFull,
    Unreachable,
}

/// What crosses to the UI: `{ code, message, problems }`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    /// For a refusal that lists problems, one entry each (then "and N more"); `message` is then
    /// the sentence that introduces them. Empty otherwise.
    pub problems: Vec<String>,
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Validation(_) | Error::Problems { .. } => ErrorCode::Validation,
            Error::DateOrder(_) => ErrorCode::DateOrder,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::Cycle { .. } => ErrorCode::Cycle,
            Error::Storage(_) => ErrorCode::Storage,
            Error::DiskFull(_) => ErrorCode::DiskFull,
            Error::Unreachable(_) => ErrorCode::Unreachable,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        match self {
            Error::Problems { intro, problems } => ErrorPayload { code: self.code(), message: intro.clone(), problems: shown(problems) },
            _ => ErrorPayload { code: self.code(), message: self.to_string(), problems: Vec::new() },
        }
    }
}

/// So that an app command answering with an [`ErrorPayload`] can use `?` on the core's results.
impl From<Error> for ErrorPayload {
    fn from(err: Error) -> Self {
        err.payload()
    }
}

/// Is this the operating system saying the disk is full (ENOSPC on Unix, ERROR_DISK_FULL or
/// ERROR_HANDLE_DISK_FULL on Windows: std maps all of them to `StorageFull`), or over quota?
pub fn is_disk_full(err: &std::io::Error) -> bool {
    matches!(err.kind(), std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded)
}

impl Error {
    /// A file could not be written to `path`: [`Error::DiskFull`] when the disk is full,
    /// else [`Error::Storage`]. Either way the message says nothing was changed.
    pub fn writing(path: &std::path::Path, err: &std::io::Error) -> Error {
        if is_disk_full(err) {
            Error::DiskFull(format!(
                "{} could not be written: the disk is full. Free some space on it (or choose another place) and try again; nothing was changed.",
                path.display()
            ))
        } else {
            Error::Storage(format!("Could not write {} ({err}); nothing was changed.", path.display()))
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        if err.sqlite_error_code() == Some(ErrorCode::DiskFull) {
            return Error::DiskFull(format!(
                "The board file could not be changed: the disk is full ({err}). Free some space and try again; nothing was changed."
            ));
        }
        let hint = match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                "another program kept the board busy for too long; try again in a moment"
            }
            Some(ErrorCode::ReadOnly) => "the board file is read-only; open a copy you can change",
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => "the board file is damaged; restore a backup",
            _ => "nothing was changed",
        };
        Error::Storage(format!("The board file could not be used ({err}): {hint}."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_problems_reaches_the_app_as_a_list_and_the_cli_as_text() {
        let problems: Vec<String> = (1..=52).map(|n| format!("line {n}: not a date")).collect();
        let err = Error::Problems { intro: "Nothing was imported. Fix these:".into(), problems };
        let payload = err.payload();
        assert_eq!(payload.code, ErrorCode::Validation);
        assert_eq!(payload.message, "Nothing was imported. Fix these:", "the app shows the sentence above the list");
        assert_eq!(payload.problems.len(), 51, "fifty problems, then how many more");
        assert_eq!(payload.problems.last().map(String::as_str), Some("and 2 more"));
        let text = err.to_string();
        assert!(text.starts_with("Nothing was imported. Fix these:\n- line 1: not a date\n"), "the CLI prints one a line: {text}");
        assert!(text.ends_with("\n- and 2 more"));
        assert!(Error::Validation("x".into()).payload().problems.is_empty(), "other errors carry no list");
    }
}

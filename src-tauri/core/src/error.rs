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
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What crosses to the UI: `{ code, message }`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation",
            Error::DateOrder(_) => "date_order",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Cycle { .. } => "cycle",
            Error::Storage(_) => "storage",
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload { code: self.code().into(), message: self.to_string() }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        let hint = match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                "another program kept the board busy for too long; try again in a moment"
            }
            Some(ErrorCode::ReadOnly) => "the board file is read-only; open a copy you can change",
            Some(ErrorCode::DiskFull) => "the disk is full; free some space and try again",
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => "the board file is damaged; restore a backup",
            _ => "nothing was changed",
        };
        Error::Storage(format!("The board file could not be used ({err}): {hint}."))
    }
}

//! Bridgeboard's core: the domain, its rules, and the SQLite store, with no UI dependency.
//! The desktop app and `bridgeboard-cli` are thin hosts over it.

pub mod backups;
pub mod domain;
pub mod error;
pub mod export;
pub mod fsutil;
pub mod import;
pub mod sample;
pub mod schedule;
pub mod settings;
pub mod store;
pub mod sync;

pub use domain::board_update::{BoardUpdate, SentBoards};
pub use domain::governance::*;
pub use domain::model::*;
pub use domain::ops::*;
pub use domain::phi::{Applied, PhiFinding, PhiKind};
pub use domain::results::*;
pub use domain::snapshot::Snapshot;
pub use domain::view::*;
pub use error::{Error, ErrorCode, ErrorPayload, Result};
pub use store::{Attention, AttentionKind, ConflictChoice, FieldConflict, Store, SyncReport, SyncStatus};

//! How a shared board's changes travel between desktops, behind one small trait: the folder
//! today, a sync server or a bucket as a new file beside it. A transport only moves bytes; it
//! never decides what they mean, and everything it hands back is untrusted until the document
//! has checked it.

use serde::{Deserialize, Serialize};

/// What the board's marker file says: which board lives here and in which format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardMarker {
    pub board_id: String,
    pub board_name: String,
    pub format_version: i64,
    /// The hashes of the genesis document's heads, so a joiner can check what it loaded.
    pub genesis_heads: Vec<String>,
}

/// Who a device in the share is, as it last said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceRecord {
    pub device_id: String,
    pub device_name: String,
    pub person: String,
    pub app_version: String,
}

/// One change file someone published, by name only (reading comes after, if it is new).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Listed {
    pub device_id: String,
    pub seq: u64,
    /// The SHA-256 of the file's bytes, as its name says.
    pub sha256: String,
    /// Where it is, as the transport names it (shown in sync health).
    pub name: String,
}

/// A file that is in the share but cannot be used (yet), and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Unusable {
    pub name: String,
    pub problem: String,
}

/// What a scan of the share found: change files to consider, and files that are not changes.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub changes: Vec<Listed>,
    pub unusable: Vec<Unusable>,
    pub devices: Vec<DeviceRecord>,
}

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// The share cannot be reached or written: offline, missing, read-only, full.
    #[error("{0}")]
    Unreachable(String),
    /// The share holds something other than this board.
    #[error("{0}")]
    Refused(String),
    /// One file could not be used (torn, too large, not what its name says); others still can.
    #[error("{0}")]
    BadFile(String),
}

pub trait Transport {
    /// Where this is, for people ("the folder \\\\fileserver\\marketing\\Bridgeboard-…").
    fn describe(&self) -> String;
    /// Where to find it again: what the board file remembers.
    fn location(&self) -> std::path::PathBuf;
    /// The board that lives here; `Ok(None)` when nothing is shared here yet.
    fn marker(&self) -> Result<Option<BoardMarker>, TransportError>;
    /// Creates the board here: its genesis document, then its marker (written last, so a
    /// half-created share is never taken for a board).
    fn create(&self, marker: &BoardMarker, genesis: &[u8]) -> Result<(), TransportError>;
    fn genesis(&self) -> Result<Vec<u8>, TransportError>;
    /// Publishes one of this device's changes. Publishing the same change again is harmless.
    fn publish(&self, device_id: &str, seq: u64, change: &[u8]) -> Result<(), TransportError>;
    /// Says who this device is now (a new record per update; the newest counts).
    fn announce(&self, device: &DeviceRecord) -> Result<(), TransportError>;
    /// Lists every change file by name, and what is not a change.
    fn scan(&self) -> Result<Scan, TransportError>;
    /// Reads one listed change and checks it against its name.
    fn read(&self, listed: &Listed) -> Result<Vec<u8>, TransportError>;
}

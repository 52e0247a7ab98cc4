//! Sharing a board between desktops: the document that Automerge merges (`doc`), the transport
//! behind a small trait (`transport`) and the shared folder that implements it (`folder`).
//!
//! This module knows nothing of SQL: the store records local edits as [`doc::FieldWrite`]s in
//! the same transaction as the tables, commits them to the document, and projects merged rows
//! back into the tables (`store/sharing`).

pub mod doc;
pub mod folder;
pub mod transport;

pub use doc::{Author, Cell, Competing, DocError, DocRow, FieldWrite, Replica, FORMAT_VERSION};
pub use folder::{Folder, SharedBoard};
pub use transport::{BoardMarker, DeviceRecord, Transport, TransportError};

/// This desktop's name as the others see it by default: the computer's name.
pub fn default_device_name() -> String {
    let name = gethostname::gethostname().to_string_lossy().trim().to_string();
    if name.is_empty() {
        "this desktop".into()
    } else {
        name
    }
}

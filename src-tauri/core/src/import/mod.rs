//! Importing a file into a board. Today: the JSON board export (`export::json`), into an empty
//! board, all or nothing (see `store/funnel/import.rs`). A file that is too big, truncated,
//! binary or not a Bridgeboard export gets a clear message and the board is left as it was.

use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::export::json;
use crate::store::bundle::Bundle;
use crate::store::ImportSummary;
use crate::{Actor, Error, Result, Store};

/// The largest file an import reads: far above the JSON export of the largest board we
/// benchmark (2,000 initiatives, 20,000 tasks, 10,000 dependencies: about 31 MiB).
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a file for import, refusing one over [`MAX_BYTES`] before reading it.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    let unreadable = |err: std::io::Error| Error::Validation(format!("{} cannot be read ({err}).", path.display()));
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > MAX_BYTES {
        return Err(Error::Validation(format!(
            "{} is {} MiB; an import reads at most {} MiB. Is it the right file?",
            path.display(),
            size / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    Ok(bytes)
}

/// Imports the file at `path` into `store`.
pub fn import_file(store: &mut Store, actor: &Actor, now: DateTime<Utc>, path: &Path) -> Result<ImportSummary> {
    store.import_bundle(actor, now, &read_bundle(path)?)
}

/// Reads and checks a board export without touching any board, so that a wrong file is refused
/// before a board file is even opened.
pub fn read_bundle(path: &Path) -> Result<Bundle> {
    let bytes = read(path)?;
    let text_start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let first = text_start.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        return Err(Error::Validation(format!(
            "{} is not a Bridgeboard board export (a .json file made by Export → JSON). CSV import is not available yet.",
            path.display()
        )));
    }
    json::parse(text_start)
}

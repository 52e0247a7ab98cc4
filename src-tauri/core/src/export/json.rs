//! The JSON export: the whole board as a versioned bundle (`store::bundle::Bundle`), every row
//! with its id and timestamps, deleted rows and the full activity log included, so that it is a
//! backup a later import can restore exactly. Filters never apply: a partial backup would
//! silently lose work.
//!
//! Pretty-printed with two-space indents and a final newline; rows ordered by id; keys in the
//! order the structs declare them. The same board always gives the same bytes.

use crate::store::bundle::Bundle;
use crate::{Error, Result};

pub fn render(bundle: &Bundle) -> Result<Vec<u8>> {
    // About 1 KiB per row once pretty-printed; growing the buffer by doubling would copy a
    // large board's 30 MiB several times over.
    let rows = bundle.initiatives.len() + bundle.tasks.len() + bundle.dependencies.len() + bundle.activity.len();
    let mut bytes = Vec::with_capacity(4096 + rows * 1024);
    serde_json::to_writer_pretty(&mut bytes, bundle)
        .map_err(|err| Error::Storage(format!("The board could not be written as JSON ({err}); nothing was exported.")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Reads a bundle back, refusing a file that is not one or comes from a newer Bridgeboard.
pub fn parse(bytes: &[u8]) -> Result<Bundle> {
    let head: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|err| Error::Validation(format!("This file is not valid JSON ({err}); choose a Bridgeboard JSON export.")))?;
    if head.get("format").and_then(|f| f.as_str()) != Some(Bundle::FORMAT) {
        return Err(Error::Validation(
            "This JSON file is not a Bridgeboard board export (its \"format\" is not \"bridgeboard-board\").".into(),
        ));
    }
    let version = head.get("format_version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version != u64::from(Bundle::VERSION) {
        return Err(Error::Validation(format!(
            "This board export has format version {version}; this Bridgeboard reads version {}. Update Bridgeboard to open it.",
            Bundle::VERSION
        )));
    }
    serde_json::from_value(head)
        .map_err(|err| Error::Validation(format!("This board export is damaged or incomplete ({err}).")))
}

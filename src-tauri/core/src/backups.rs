//! Daily backups while a board is in use: a copy by SQLite's backup API into a backups folder,
//! at most one a day per board file, the newest `KEEP` kept.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::{Result, Store};

pub const KEEP: usize = 10;

fn stem(store: &Store) -> String {
    store.path().and_then(|p| p.file_stem()).map_or_else(|| "board".into(), |s| s.to_string_lossy().into_owned())
}

/// This board's backups in `dir`, oldest first (their names sort by time).
pub fn list(store: &Store, dir: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}-daily-", stem(store));
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix)))
        .collect();
    found.sort();
    found
}

/// Takes today's backup unless there is one already; prunes all but the newest `KEEP`.
/// Returns the new backup's path, if one was taken.
pub fn take_daily(store: &Store, dir: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    if store.path().is_none() {
        return Ok(None);
    }
    let name = format!("{}-daily-{}.bridgeboard", stem(store), now.format("%Y-%m-%d"));
    let path = dir.join(&name);
    if path.exists() {
        return Ok(None);
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        crate::Error::Storage(format!("The backup folder {} cannot be created ({e}).", dir.display()))
    })?;
    store.backup_to(&path)?;
    let all = list(store, dir);
    for old in all.iter().take(all.len().saturating_sub(KEEP)) {
        let _ = std::fs::remove_file(old);
    }
    Ok(Some(path))
}

//! The backups folder: a copy of the board a day while it is in use (the newest `KEEP` kept),
//! one before an upgrade of the file's format, and one before a backup is restored, so that a
//! restore can itself be undone. Files are named `{board file stem}-{kind}-{when}.bridgeboard`.
//! Listing looks into each file and keeps only backups of the board that is open.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Actor, Id, Result, Store};

pub const KEEP: usize = 10;

/// Why a backup was taken, read from its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    Daily,
    BeforeUpgrade,
    BeforeRestore,
}

impl BackupKind {
    /// The part of the file name after the board's name.
    fn tag(self) -> &'static str {
        match self {
            BackupKind::Daily => "-daily-",
            BackupKind::BeforeUpgrade => "-format",
            BackupKind::BeforeRestore => "-restore-",
        }
    }
}

/// A backup of the open board, as the app lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub path: String,
    pub kind: BackupKind,
    /// When the file was written.
    pub taken_at: DateTime<Utc>,
    /// What the board held then (items not deleted).
    pub initiatives: u32,
    pub tasks: u32,
    /// The newest change it holds.
    pub last_change: Option<DateTime<Utc>>,
}

/// The board file's name without its extension: the start of its backups' names.
fn stem(board_file: Option<&Path>) -> String {
    board_file.and_then(|p| p.file_stem()).map_or_else(|| "board".into(), |s| s.to_string_lossy().into_owned())
}

/// Files in `dir` named like the backups of `kind` of the board in `board_file`, oldest first.
fn named(board_file: Option<&Path>, dir: &Path, kind: BackupKind) -> Vec<PathBuf> {
    let prefix = format!("{}{}", stem(board_file), kind.tag());
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix)))
        .filter(|p| p.extension().is_some_and(|e| e == "bridgeboard"))
        .collect();
    found.sort();
    found
}

/// The backups in `dir` of the board with id `board_id` in `board_file`, newest first. A file
/// that is damaged, foreign or a backup of another board with the same file name is left out.
/// Each file is looked into, so this takes a moment: it needs no open store, so a host can run
/// it without holding the board.
pub fn list(board_file: &Path, board_id: Id, dir: &Path) -> Vec<BackupInfo> {
    let mut found = Vec::new();
    for kind in [BackupKind::Daily, BackupKind::BeforeUpgrade, BackupKind::BeforeRestore] {
        for path in named(Some(board_file), dir, kind) {
            let Ok(contents) = Store::backup_contents(&path) else { continue };
            if contents.board_id != board_id {
                continue;
            }
            let taken_at = std::fs::metadata(&path).and_then(|m| m.modified()).map(DateTime::<Utc>::from).unwrap_or_default();
            found.push(BackupInfo {
                path: path.display().to_string(),
                kind,
                taken_at,
                initiatives: contents.initiatives,
                tasks: contents.tasks,
                last_change: contents.last_change,
            });
        }
    }
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then_with(|| b.path.cmp(&a.path)));
    found
}

/// Takes today's backup unless there is one already; prunes all but the newest `KEEP` daily
/// ones of this board (another board whose file has the same name keeps its own). Returns the
/// new backup's path, if one was taken.
pub fn take_daily(store: &Store, dir: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
    if store.path().is_none() {
        return Ok(None);
    }
    let path = dir.join(format!("{}{}{}.bridgeboard", stem(store.path()), BackupKind::Daily.tag(), now.format("%Y-%m-%d")));
    if path.exists() {
        return Ok(None);
    }
    create_folder(dir)?;
    store.backup_to(&path)?;
    let board = store.info()?.id;
    let ours: Vec<PathBuf> =
        named(store.path(), dir, BackupKind::Daily).into_iter().filter(|p| Store::backup_board_id(p) == Some(board)).collect();
    for old in ours.iter().take(ours.len().saturating_sub(KEEP)) {
        let _ = std::fs::remove_file(old);
    }
    Ok(Some(path))
}

/// Puts the backup at `backup` in place of the board, keeping the board as it is now in `dir`
/// first (a "before restore" backup, listed with the others, so the restore can be undone).
/// The restore is recorded in the board's activity log as made by `actor`.
pub fn restore(store: &mut Store, actor: &Actor, backup: &Path, dir: &Path, now: DateTime<Utc>) -> Result<()> {
    if backup.parent() != Some(dir) {
        return Err(crate::Error::Validation(format!(
            "{} is not in the backups folder ({}); to use another copy of a board, open it as a board.",
            backup.display(),
            dir.display()
        )));
    }
    create_folder(dir)?;
    let keep =
        dir.join(format!("{}{}{}.bridgeboard", stem(store.path()), BackupKind::BeforeRestore.tag(), now.format("%Y%m%dT%H%M%S%.3fZ")));
    store.restore_backup(actor, now, backup, &keep, dir)
}

fn create_folder(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| crate::Error::Storage(format!("The backup folder {} cannot be created ({e}).", dir.display())))
}

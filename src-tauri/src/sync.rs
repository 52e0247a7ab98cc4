//! Keeping a shared board in step with the other desktops while the app runs: every two
//! seconds a thread of its own publishes this desktop's changes and applies the others'.
//!
//! The thread has its own connection to the board file (and its own copy of the document), so
//! the window never waits on the folder: a slow network share delays only this thread. The
//! window's edits reach it through the file (queued in the same transaction as the edit), and
//! its merges reach the window the same way, noticed by `watch` through `data_version`.

use std::path::PathBuf;
use std::time::Duration;

use bridgeboard_core::sync::Folder;
use bridgeboard_core::Store;
use tauri::{AppHandle, Manager};

use crate::commands::board_changed;
use crate::state::AppState;

/// How often the folder is looked at; file-change events are only a hint on network shares.
const EVERY: Duration = Duration::from_secs(2);

pub fn spawn(app: AppHandle) {
    std::thread::spawn(move || {
        let mut own: Option<(PathBuf, Store)> = None;
        loop {
            std::thread::sleep(EVERY);
            let state = app.state::<AppState>();
            let Some((path, folder)) = state.shared_board() else {
                own = None;
                continue;
            };
            if own.as_ref().is_none_or(|(p, _)| *p != path) {
                own = Store::open(&path, Some(&state.paths.backups_dir)).ok().map(|s| (path.clone(), s));
            }
            let Some((_, store)) = own.as_mut() else { continue };
            let actor = state.actor(store);
            match store.sync(&Folder::at(&folder), &actor, chrono::Utc::now()) {
                Ok(report) if report.received > 0 => board_changed(&app, "sync"),
                Ok(_) => {}
                // The file is busy or the document must be read again: the next round retries.
                Err(_) => own = None,
            }
        }
    });
}

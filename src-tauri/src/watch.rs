//! Noticing changes made to the open board file by another process (the CLI, a second window):
//! SQLite's `data_version` changes when someone else commits, and then the views re-read.

use std::time::Duration;

use tauri::{AppHandle, Manager};

use crate::commands::board_changed;
use crate::state::AppState;

const EVERY: Duration = Duration::from_millis(700);

pub fn spawn(app: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(EVERY);
        let state = app.state::<AppState>();
        let changed = {
            let mut board = state.board.lock().unwrap();
            match board.as_mut() {
                Some(open) => match open.store.data_version() {
                    Ok(version) if version != open.seen_version => {
                        open.seen_version = version;
                        true
                    }
                    _ => false,
                },
                None => false,
            }
        };
        if changed {
            board_changed(&app, "external");
        }
    });
}

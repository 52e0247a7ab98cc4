//! Per-desktop settings: who "I" am, the board file in use, recent boards and the saved filter
//! state. They belong to this desktop, never to the board (which will be shared), so they live
//! in a small JSON file in the OS config folder. A missing or unreadable file means defaults.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::model::Id;
use crate::fsutil::write_atomically;
use crate::Result;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BoardFilters {
    pub department_id: Option<Id>,
    pub owner_id: Option<Id>,
    pub tag: Option<String>,
    pub text: String,
    pub show_cancelled: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Settings {
    /// The person this desktop's changes are recorded as.
    pub me: Option<Id>,
    /// The board file last opened; none means the default board in the app data folder.
    pub board_path: Option<String>,
    /// Most recent first, at most ten.
    pub recent_boards: Vec<String>,
    pub filters: BoardFilters,
}

impl Settings {
    pub fn load(path: &Path) -> Settings {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).expect("settings always serialize");
        write_atomically(path, &json)
    }

    pub fn remember_board(&mut self, path: &Path) {
        let path = path.display().to_string();
        self.recent_boards.retain(|p| *p != path);
        self.recent_boards.insert(0, path.clone());
        self.recent_boards.truncate(10);
        self.board_path = Some(path);
    }
}

/// What the app shows about the board file in use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Session {
    pub board_path: String,
    pub default_board_path: String,
    pub read_only: bool,
    /// Set when the file sits somewhere SQLite's locking is not safe (a network share, OneDrive).
    pub location_warning: Option<String>,
    /// Why no board is open, when the last one could not be opened.
    pub open_error: Option<String>,
    pub settings: Settings,
}

//! Per-desktop settings: who "I" am, the board file in use, recent boards, the saved filter
//! state and how the roadmap was last shown. They belong to this desktop, never to the board (which will be shared), so they live
//! in a small JSON file in the OS config folder. A missing or unreadable file means defaults.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::model::Id;
use crate::export::RoadmapFilter;
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
    pub roadmap: RoadmapSettings,
    pub appearance: Appearance,
}

/// How the window looks on this desktop: light or dark, and how large.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Appearance {
    pub theme: Theme,
    /// The page zoom, from 50 to 300 (%), changed with Ctrl+= and Ctrl+-.
    pub zoom_percent: u16,
}

impl Default for Appearance {
    fn default() -> Appearance {
        Appearance { theme: Theme::System, zoom_percent: 100 }
    }
}

impl Appearance {
    pub const ZOOM_RANGE: std::ops::RangeInclusive<u16> = 50..=300;

    /// The zoom as a scale factor for the webview; a value outside the range (a hand-edited
    /// settings file) is brought back into it.
    pub fn zoom_factor(&self) -> f64 {
        f64::from(self.zoom_percent.clamp(*Self::ZOOM_RANGE.start(), *Self::ZOOM_RANGE.end())) / 100.0
    }
}

/// Light, dark, or whatever the operating system is set to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// How this desktop last showed the roadmap, so that it opens the same way next time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RoadmapSettings {
    /// The roadmap, rather than the board, was on screen.
    pub open: bool,
    pub zoom: Zoom,
    pub group_by: GroupBy,
    pub show_critical: bool,
    pub filter: RoadmapFilter,
}

/// The roadmap's time scale.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Zoom {
    Week,
    #[default]
    Month,
    Quarter,
}

/// What the roadmap's lanes are grouped by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    None,
    #[default]
    Status,
    Sponsor,
    Tag,
}

impl Settings {
    pub fn load(path: &Path) -> Settings {
        std::fs::read(path).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default()
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
    /// Why the last board asked for could not be opened (the one before it, if any, stays open).
    pub open_error: Option<String>,
    pub settings: Settings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_roadmap_view_is_remembered_and_older_files_still_load() {
        let dir = std::env::temp_dir().join(format!("bridgeboard-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("settings.json");
        let me = Id::now_v7();
        std::fs::write(&path, format!(r#"{{"me": "{me}", "recent_boards": []}}"#)).unwrap();
        let old = Settings::load(&path);
        assert_eq!(old.me, Some(me), "a settings file from before the roadmap settings keeps who I am");
        assert_eq!((old.roadmap.zoom, old.roadmap.group_by), (Zoom::Month, GroupBy::Status), "and the roadmap opens as it always did");
        assert_eq!(old.appearance.zoom_factor(), 1.0, "and the window opens at 100 %, not at a zoom of nothing");
        assert_eq!(old.appearance.theme, Theme::System, "and follows the operating system's light or dark");

        let mut settings = old;
        settings.roadmap = RoadmapSettings {
            open: true,
            zoom: Zoom::Quarter,
            group_by: GroupBy::Sponsor,
            show_critical: true,
            filter: RoadmapFilter { tag: Some("portal".into()), ..RoadmapFilter::default() },
        };
        settings.appearance = Appearance { theme: Theme::Dark, zoom_percent: 150 };
        settings.save(&path).unwrap();
        assert_eq!(Settings::load(&path), settings, "zoom, grouping, critical path, filters, theme and page zoom come back as left");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

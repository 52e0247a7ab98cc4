//! This desktop's side: which board file is open, who "I" am, the saved filters, file dialogs.

use std::path::PathBuf;

use bridgeboard_core::backups::{self, BackupInfo};
use bridgeboard_core::settings::{Appearance, BoardFilters, RoadmapSettings, Session};
use bridgeboard_core::{Error, Id};
use tauri::{AppHandle, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use super::{board_changed, Reply};
use crate::state::AppState;

#[tauri::command]
pub async fn session(state: State<'_, AppState>) -> Reply<Session> {
    Ok(state.session())
}

#[tauri::command]
pub async fn set_me(app: AppHandle, state: State<'_, AppState>, person_id: Option<Id>) -> Reply<Session> {
    state.change_settings(|settings| settings.me = person_id)?;
    board_changed(&app, "settings");
    Ok(state.session())
}

#[tauri::command]
pub async fn save_filters(state: State<'_, AppState>, filters: BoardFilters) -> Reply<()> {
    Ok(state.change_settings(|settings| settings.filters = filters)?)
}

#[tauri::command]
pub async fn save_roadmap_settings(state: State<'_, AppState>, roadmap: RoadmapSettings) -> Reply<()> {
    Ok(state.change_settings(|settings| settings.roadmap = roadmap)?)
}

/// Saves how the window looks on this desktop and applies its page zoom at once.
#[tauri::command]
pub async fn save_appearance(window: WebviewWindow, state: State<'_, AppState>, appearance: Appearance) -> Reply<Session> {
    if !Appearance::ZOOM_RANGE.contains(&appearance.zoom_percent) {
        let message = format!("A zoom of {} % is not offered: choose one from 50 % to 300 %.", appearance.zoom_percent);
        return Err(Error::Validation(message).payload());
    }
    state.change_settings(|settings| settings.appearance = appearance)?;
    crate::window::apply_zoom(&window, &state);
    Ok(state.session())
}

/// Opens a board file; with `create`, makes a new one and refuses to reuse an existing file.
#[tauri::command]
pub async fn open_board(app: AppHandle, state: State<'_, AppState>, path: String, create: bool) -> Reply<Session> {
    let path = PathBuf::from(path.trim());
    if create && path.exists() {
        let message = format!("{} already exists. Choose a new file name, or use Open to open it.", path.display());
        return Err(Error::Validation(message).payload());
    }
    state.open(&path)?;
    board_changed(&app, "opened");
    Ok(state.session())
}

/// Opens the sample hospital board, in its own file beside the default board.
#[tauri::command]
pub async fn open_sample_board(app: AppHandle, state: State<'_, AppState>) -> Reply<Session> {
    state.open_sample()?;
    board_changed(&app, "opened");
    Ok(state.session())
}

/// Imports a board export (`source`, a .json file) into a new board file at `target`, then
/// opens it. The export is read and checked before the new file is made.
#[tauri::command]
pub async fn import_board(app: AppHandle, state: State<'_, AppState>, source: String, target: String) -> Reply<Session> {
    let target = PathBuf::from(target.trim());
    if target.exists() {
        let message = format!("{} already exists; an import goes into a new board file. Choose a new name.", target.display());
        return Err(Error::Validation(message).payload());
    }
    let bundle = bridgeboard_core::import::read_bundle(std::path::Path::new(source.trim()))?;
    let mut store = bridgeboard_core::Store::open(&target, None)?;
    let actor = state.actor(&store);
    store.import_bundle(&actor, chrono::Utc::now(), &bundle)?;
    drop(store);
    state.open(&target)?;
    board_changed(&app, "opened");
    Ok(state.session())
}

/// Shows the native open or save dialog for board files. Test seam: when
/// `BRIDGEBOARD_DIALOG_PATH` is set, no dialog is shown and that path is the answer.
#[tauri::command]
pub async fn choose_board_file(app: AppHandle, create: bool) -> Reply<Option<String>> {
    if let Some(path) = std::env::var_os("BRIDGEBOARD_DIALOG_PATH") {
        return Ok(Some(PathBuf::from(path).display().to_string()));
    }
    let dialog = app.dialog().file().add_filter("Bridgeboard board", &["bridgeboard"]);
    let picked = if create { dialog.set_file_name("board.bridgeboard").blocking_save_file() } else { dialog.blocking_pick_file() };
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
}

/// The open board's backups, newest first. The board is not held while the files are read.
#[tauri::command]
pub async fn backups(state: State<'_, AppState>) -> Reply<Vec<BackupInfo>> {
    let (file, id) = state.board_file()?;
    Ok(backups::list(&file, id, &state.paths.backups_dir))
}

/// Puts a backup from the backups folder in place of the board; the board as it was is kept as
/// a backup first. Returns the backups afterwards.
#[tauri::command]
pub async fn restore_backup(app: AppHandle, state: State<'_, AppState>, path: String) -> Reply<Vec<BackupInfo>> {
    let dir = &state.paths.backups_dir;
    state.with_store(|store| {
        let actor = state.actor(store);
        backups::restore(store, &actor, &PathBuf::from(&path), dir, chrono::Utc::now())
    })?;
    board_changed(&app, "restored");
    backups(state).await
}

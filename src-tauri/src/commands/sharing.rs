//! Sharing the open board through a folder: share it, join one, see its sync health and
//! conflicts, keep a value, stop sharing. The syncing itself runs in `sync.rs`.

use std::path::PathBuf;

use bridgeboard_core::sync::{default_device_name, Folder, SharedBoard};
use bridgeboard_core::{Actor, Attention, FieldConflict, Id, Store, SyncStatus};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{board_changed, Reply};
use crate::state::AppState;
use bridgeboard_core::settings::Session;

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Reply<SyncStatus> {
    Ok(state.with_store(|store| store.sync_status())?)
}

#[tauri::command]
pub async fn conflicts(state: State<'_, AppState>) -> Reply<Vec<FieldConflict>> {
    Ok(state.with_store(|store| store.conflicts())?)
}

/// Keeps one of a field's competing values; the next sync makes it so on every desktop.
#[tauri::command]
pub async fn resolve_conflict(app: AppHandle, state: State<'_, AppState>, item_id: String, field: String, choice: usize) -> Reply<()> {
    state.with_store(|store| store.resolve_conflict(&state.actor(store), chrono::Utc::now(), &item_id, &field, choice))?;
    board_changed(&app, "edit");
    Ok(())
}

/// The native folder dialog. Test seam: when `BRIDGEBOARD_FOLDER_DIALOG_PATH` is set, no
/// dialog is shown and that folder is the answer.
#[tauri::command]
pub async fn choose_share_folder(app: AppHandle) -> Reply<Option<String>> {
    if let Some(path) = std::env::var_os("BRIDGEBOARD_FOLDER_DIALOG_PATH") {
        return Ok(Some(PathBuf::from(path).display().to_string()));
    }
    Ok(app.dialog().file().blocking_pick_folder().and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
}

/// Publishes the open board into a `Bridgeboard-<board id>` folder inside `folder`.
#[tauri::command]
pub async fn share_board(app: AppHandle, state: State<'_, AppState>, folder: String) -> Reply<SyncStatus> {
    let status = state.with_store(|store| {
        let board = Folder::for_board(&PathBuf::from(folder.trim()), &store.info()?.id.to_string());
        store.share(&board, &default_device_name(), &state.actor(store), chrono::Utc::now())?;
        store.sync_status()
    })?;
    board_changed(&app, "shared");
    Ok(status)
}

/// The boards in a picked folder: the board's own folder, or a folder holding several.
#[tauri::command]
pub async fn shared_boards(folder: String) -> Reply<Vec<SharedBoard>> {
    Ok(Folder::shared_boards(&PathBuf::from(folder.trim()))?)
}

/// Joins the board in `board_folder` into a new board file at `target` (the app-data folder
/// when empty), then opens it.
#[tauri::command]
pub async fn join_board(app: AppHandle, state: State<'_, AppState>, board_folder: String, target: String) -> Reply<Session> {
    let target = match target.trim() {
        "" => state.paths.joined_board_path(board_folder.trim()),
        path => PathBuf::from(path),
    };
    if let Some(dir) = target.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    // Who "I" am is a person on the joined board, chosen once it is open; the first sync says so.
    let store = Store::join(
        &target,
        &Folder::at(&PathBuf::from(board_folder.trim())),
        &default_device_name(),
        &Actor::unknown(),
        chrono::Utc::now(),
    )?;
    drop(store);
    state.open(&target)?;
    board_changed(&app, "opened");
    Ok(state.session())
}

/// Stops syncing the open board: it stays, complete, as a private board under a new id.
#[tauri::command]
pub async fn stop_sharing(app: AppHandle, state: State<'_, AppState>) -> Reply<SyncStatus> {
    let status = state.with_store(|store| {
        store.stop_sharing(&state.actor(store), chrono::Utc::now())?;
        store.sync_status()
    })?;
    board_changed(&app, "unshared");
    Ok(status)
}

/// What needs a person's decision: rules broken only by a merge, items deleted while changed
/// elsewhere, work left with deleted people or initiatives.
#[tauri::command]
pub async fn needs_attention(state: State<'_, AppState>) -> Reply<Vec<Attention>> {
    Ok(state.with_store(|store| store.needs_attention())?)
}

/// Keeps deleted an item that was changed elsewhere while it was deleted.
#[tauri::command]
pub async fn keep_deleted(app: AppHandle, state: State<'_, AppState>, id: Id) -> Reply<()> {
    state.with_store(|store| store.keep_deleted(&state.actor(store), chrono::Utc::now(), id))?;
    board_changed(&app, "edit");
    Ok(())
}

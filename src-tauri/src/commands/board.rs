//! Reading and changing the open board.

use bridgeboard_core::{Applied, BoardUpdate, DeletedInitiative, Error, Id, InitiativeDetail, ItemRef, Op};
use tauri::{AppHandle, State};

use super::{board_changed, today, Reply};
use crate::state::AppState;
use crate::timings;

/// The board for a window: whole, or as the changes to the board it holds (`since`, the
/// revision of the last update it applied).
#[tauri::command]
pub async fn board(state: State<'_, AppState>, since: Option<u64>) -> Reply<BoardUpdate> {
    timings::mark("board-read-start");
    let view = state.with_store(|store| store.board(today()))?;
    let update = state.sent_boards.lock().unwrap().update(view, since);
    timings::mark("board-read-done");
    Ok(update)
}

#[tauri::command]
pub async fn initiative_detail(state: State<'_, AppState>, id: Id) -> Reply<InitiativeDetail> {
    Ok(state.with_store(|store| store.initiative_detail(id, today()))?)
}

/// The templates to start an initiative from: the built-in ones, then the board's.
#[tauri::command]
pub async fn templates(state: State<'_, AppState>) -> Reply<Vec<bridgeboard_core::domain::templates::Template>> {
    Ok(state.with_store(|store| store.templates())?)
}

/// Deleted initiatives, most recently deleted first; `apply` with `restore` brings one back.
#[tauri::command]
pub async fn deleted_initiatives(state: State<'_, AppState>) -> Reply<Vec<DeletedInitiative>> {
    Ok(state.with_store(|store| store.deleted_initiatives())?)
}

/// The write funnel: one operation, one transaction, one activity entry or more. Text that looks
/// like patient information is held back with what was found, unless the person chose to save it
/// anyway (`allow_phi`, as the CLI's `--allow-phi-like`).
#[tauri::command]
pub async fn apply(app: AppHandle, state: State<'_, AppState>, op: Op, allow_phi: bool) -> Reply<Applied> {
    let findings = if allow_phi { Vec::new() } else { bridgeboard_core::domain::phi::check_op(&op) };
    if !findings.is_empty() {
        return Ok(Applied::HeldBack { findings });
    }
    let id = state.with_store(|store| store.apply(&state.actor(store), chrono::Utc::now(), op))?;
    board_changed(&app, "edit");
    Ok(Applied::Saved { id })
}

#[tauri::command]
pub async fn move_task(app: AppHandle, state: State<'_, AppState>, id: Id, direction: String) -> Reply<()> {
    let up = match direction.as_str() {
        "up" => true,
        "down" => false,
        other => return Err(Error::Validation(format!("A task moves up or down, not “{other}”.")).payload()),
    };
    state.with_store(|store| store.move_task(&state.actor(store), chrono::Utc::now(), id, up))?;
    board_changed(&app, "edit");
    Ok(())
}

#[tauri::command]
pub async fn find_items(state: State<'_, AppState>, query: String, limit: usize) -> Reply<Vec<ItemRef>> {
    Ok(state.with_store(|store| store.find_items(&query, limit.min(200)))?)
}

/// Opens a gate's evidence link with the operating system (the person's browser); the app never
/// loads it. Only a plain web address is opened.
#[tauri::command]
pub async fn open_evidence(url: String) -> Reply<()> {
    let link = bridgeboard_core::evidence_link(&url)
        .ok_or_else(|| Error::Validation("Only a web address (https://…) can be opened; this evidence is a note.".into()).payload())?;
    open::that_detached(link)
        .map_err(|e| Error::Storage(format!("The link could not be opened ({e}); copy it into your browser.")).payload())
}

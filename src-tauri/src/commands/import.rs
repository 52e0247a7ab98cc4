//! Importing into the app: a CSV of initiatives and tasks into the open board (with a column
//! mapping the person can adjust), a file from another tool (Jira, Asana, Trello, Microsoft Project) into the open board (with the
//! people and statuses settled on the preview), or a board export into a new board file
//! (`import_board` in `session.rs`).

use std::path::{Path, PathBuf};

use bridgeboard_core::import::csv::{CsvImportSummary, CsvOptions};
use bridgeboard_core::import::resolve::SourceOptions;
use bridgeboard_core::import::write::SourceSummary;
use bridgeboard_core::import::{self, ImportPreview, ReadOptions};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{board_changed, Reply};
use crate::state::AppState;

/// The native open dialog for a file to import. Test seam: with `BRIDGEBOARD_IMPORT_PATH` set,
/// no dialog is shown and that path is the answer (a separate seam from the save dialog's, since
/// importing a board export asks for both).
#[tauri::command]
pub async fn choose_import_file(app: AppHandle) -> Reply<Option<String>> {
    if let Some(path) = std::env::var_os("BRIDGEBOARD_IMPORT_PATH") {
        return Ok(Some(PathBuf::from(path).display().to_string()));
    }
    let picked = app
        .dialog()
        .file()
        .add_filter("Board export, Jira, Asana, Trello, Project (XML) or CSV", &["json", "csv", "txt", "xml"])
        .blocking_pick_file();
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
}

#[tauri::command]
pub async fn preview_import(path: String, options: CsvOptions) -> Reply<ImportPreview> {
    Ok(import::preview(Path::new(path.trim()), &options)?)
}

/// Imports a CSV into the open board, all or nothing.
#[tauri::command]
pub async fn import_csv(app: AppHandle, state: State<'_, AppState>, path: String, options: CsvOptions) -> Reply<CsvImportSummary> {
    let summary = csv_import(&state, &path, &options, import::csv::import)?;
    board_changed(&app, "edit");
    Ok(summary)
}

/// What importing a CSV would do to the open board (what it adds, what it changes on items
/// already there), or its problems; the board is not changed.
#[tauri::command]
pub async fn preview_csv(state: State<'_, AppState>, path: String, options: CsvOptions) -> Reply<CsvImportSummary> {
    Ok(csv_import(&state, &path, &options, import::csv::preview)?)
}

type CsvRun = fn(
    &mut bridgeboard_core::Store,
    &bridgeboard_core::Actor,
    chrono::DateTime<chrono::Utc>,
    &import::csv::CsvTable,
    &CsvOptions,
) -> bridgeboard_core::Result<CsvImportSummary>;

fn csv_import(state: &AppState, path: &str, options: &CsvOptions, run: CsvRun) -> bridgeboard_core::Result<CsvImportSummary> {
    let table = import::csv::read_table(&import::read(Path::new(path.trim()))?, options)?;
    state.with_store(|store| {
        let actor = state.actor(store);
        run(store, &actor, chrono::Utc::now(), &table, options)
    })
}

/// What a file from another tool would bring into the open board, with `options` applied; the
/// board is not changed.
#[tauri::command]
pub async fn preview_source(state: State<'_, AppState>, path: String, read: ReadOptions, options: SourceOptions) -> Reply<SourceSummary> {
    Ok(source_import(&state, &path, read, &options, import::preview_source)?)
}

/// Imports a file from another tool into the open board, all or nothing.
#[tauri::command]
pub async fn import_source(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
    read: ReadOptions,
    options: SourceOptions,
) -> Reply<SourceSummary> {
    let summary = source_import(&state, &path, read, &options, import::import_source)?;
    board_changed(&app, "edit");
    Ok(summary)
}

type SourceRun = fn(
    &mut bridgeboard_core::Store,
    &bridgeboard_core::Actor,
    chrono::DateTime<chrono::Utc>,
    import::plan::Source,
    &import::plan::SourcePlan,
    &SourceOptions,
) -> bridgeboard_core::Result<SourceSummary>;

fn source_import(
    state: &AppState,
    path: &str,
    read: ReadOptions,
    options: &SourceOptions,
    run: SourceRun,
) -> bridgeboard_core::Result<SourceSummary> {
    let path = Path::new(path.trim());
    let bytes = import::read(path)?;
    let source = import::detect(&bytes);
    let plan = import::read_source(path, &bytes, source, &read)?;
    state.with_store(|store| {
        let actor = state.actor(store);
        run(store, &actor, chrono::Utc::now(), source, &plan, options)
    })
}

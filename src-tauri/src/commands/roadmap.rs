//! The roadmap view, "what slips if this slips", and exports from the app.

use std::path::PathBuf;

use bridgeboard_core::domain::baselines::{BaselineInfo, BaselineReport};
use bridgeboard_core::domain::raci::RaciMatrix;
use bridgeboard_core::export::{self, Format, Options, Paper, Report, RoadmapFilter, RoadmapView};
use bridgeboard_core::{schedule, Id};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{today, Reply};
use crate::state::AppState;

#[tauri::command]
pub async fn roadmap(state: State<'_, AppState>, filter: RoadmapFilter) -> Reply<RoadmapView> {
    Ok(state.with_store(|store| Ok(RoadmapView::build(&store.snapshot()?, &filter, today())))?)
}

/// The RACI matrix, for everyone or one department's people.
#[tauri::command]
pub async fn raci_matrix(state: State<'_, AppState>, department_id: Option<Id>) -> Reply<RaciMatrix> {
    Ok(state.with_store(|store| store.raci_matrix(department_id, today()))?)
}

/// The board's saved baselines, the oldest first.
#[tauri::command]
pub async fn baselines(state: State<'_, AppState>) -> Reply<Vec<BaselineInfo>> {
    Ok(state.with_store(|store| store.baselines())?)
}

/// Today's schedule beside the baseline saved as `name`.
#[tauri::command]
pub async fn baseline_report(state: State<'_, AppState>, name: String) -> Reply<BaselineReport> {
    Ok(state.with_store(|store| store.baseline_report(&name, today()))?)
}

#[tauri::command]
pub async fn slip(state: State<'_, AppState>, id: Id, days: i32) -> Reply<schedule::SlipImpact> {
    Ok(state.with_store(|store| schedule::slip(&store.snapshot()?, id, days))?)
}

/// Renders and writes an export; the same board, filter and day give the same bytes as
/// `bridgeboard-cli export`. Returns the path written.
#[tauri::command]
pub async fn export_roadmap(
    state: State<'_, AppState>,
    format: Format,
    filter: RoadmapFilter,
    paper: Paper,
    path: String,
    report: Option<Report>,
) -> Reply<String> {
    let options = Options { filter, today: today(), paper, detail_tasks: false, report: report.unwrap_or_default() };
    let path = PathBuf::from(path.trim());
    state.with_store(|store| export::save(&path, format, store, &options))?;
    Ok(path.display().to_string())
}

/// The native save dialog for an export. Test seam: with `BRIDGEBOARD_DIALOG_PATH` set, no
/// dialog is shown and that path is the answer.
#[tauri::command]
pub async fn choose_export_file(app: AppHandle, format: Format, report: Option<Report>) -> Reply<Option<String>> {
    if let Some(path) = std::env::var_os("BRIDGEBOARD_DIALOG_PATH") {
        return Ok(Some(PathBuf::from(path).display().to_string()));
    }
    let picked = app
        .dialog()
        .file()
        .add_filter(format.wire().to_uppercase(), &[format.wire()])
        .set_file_name(format!("{}.{}", report.unwrap_or_default().file_stem(), format.wire()))
        .blocking_save_file();
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
}

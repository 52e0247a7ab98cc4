//! The Bridgeboard desktop app: Tauri setup, the app's state and its commands. The rules and
//! the storage live in `bridgeboard-core`; this crate only hosts them in a window.

mod commands;
mod state;
mod sync;
mod timings;
mod watch;
mod window;

use tauri::Manager;

use state::{AppState, Paths};

/// What counts as the board painted, for the startup benchmark: a card, or the empty board.
const PAINTED: &str = "[data-testid=card], [data-testid=empty-board]";

pub fn run() {
    timings::mark("main");
    window::paint_on_cpu_without_gpu();
    let mut builder =
        tauri::Builder::default().plugin(window::single_instance()).plugin(window::window_state()).plugin(tauri_plugin_dialog::init());
    if let Some(plugin) = timings::plugin(PAINTED) {
        builder = builder.plugin(plugin);
    }
    builder
        .setup(|app| {
            timings::mark("setup");
            let config = app.path().app_config_dir()?;
            let data = app.path().app_data_dir()?;
            let state = AppState::new(Paths {
                settings_file: config.join("settings.json"),
                backups_dir: config.join("backups"),
                default_board: data.join("board.bridgeboard"),
                sample_board: data.join("sample-hospital-board.bridgeboard"),
            });
            timings::mark("settings-loaded");
            app.manage(state);
            // The board is opened (and, the first time, the sample written) while the window and
            // its page are made, not before: commands wait for it (`AppState::start`).
            let handle = app.handle().clone();
            let sample = std::env::var_os("BRIDGEBOARD_SAMPLE").is_some();
            std::thread::spawn(move || {
                handle.state::<AppState>().start(sample);
                timings::mark("board-opened");
            });
            window::prepare(app.handle());
            watch::spawn(app.handle().clone());
            sync::spawn(app.handle().clone());
            timings::mark("setup-done");
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::board,
            commands::initiative_detail,
            commands::apply,
            commands::move_task,
            commands::find_items,
            commands::session,
            commands::set_me,
            commands::save_filters,
            commands::save_roadmap_settings,
            commands::save_appearance,
            commands::backups,
            commands::deleted_initiatives,
            commands::restore_backup,
            commands::open_board,
            commands::open_sample_board,
            commands::choose_board_file,
            commands::import_board,
            commands::choose_import_file,
            commands::preview_import,
            commands::import_csv,
            commands::preview_csv,
            commands::preview_source,
            commands::import_source,
            commands::roadmap,
            commands::raci_matrix,
            commands::baselines,
            commands::baseline_report,
            commands::slip,
            commands::export_roadmap,
            commands::choose_export_file,
            commands::sync_status,
            commands::conflicts,
            commands::resolve_conflict,
            commands::choose_share_folder,
            commands::share_board,
            commands::shared_boards,
            commands::join_board,
            commands::stop_sharing,
            commands::needs_attention,
            commands::keep_deleted,
            commands::open_evidence,
            commands::templates,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Bridgeboard");
}

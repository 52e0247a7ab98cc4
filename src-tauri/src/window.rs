//! The window on this desktop: one per desktop profile, where it was left, how large its page is.
//!
//! - Launching Bridgeboard again, or opening a `.bridgeboard` file from the file manager while it
//!   runs, hands the command line to the running app (the single-instance plugin; D-Bus on
//!   Linux), which opens that board and brings its window forward. The instance is per settings
//!   folder, so two profiles on one machine (or two test desktops) each keep their own app.
//! - Size, position and maximised state come back at the next start (the window-state plugin).
//!   They are also saved shortly after each move or resize, so a laptop that dies keeps them.
//! - The page zoom from this desktop's settings is applied to the webview.
//! - On a Linux desktop without a GPU the page is painted on the CPU (`paint_on_cpu_without_gpu`).

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, WebviewWindow, WindowEvent, Wry};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

use crate::commands::board_changed;
use crate::state::{named_board, AppState};

const MAIN: &str = "main";

/// WebKitGTK paints the page through OpenGL. A desktop without a GPU (a virtual desktop or a thin
/// client, common in hospitals) gets a software OpenGL instead, which paints a busy board several
/// times slower than WebKit's own CPU painter: measured on the benchmark board, a filter keystroke
/// waited 42 ms for its frame with software OpenGL and 18 ms painted on the CPU. So without a GPU
/// (no render node under `/dev/dri`), or when software OpenGL is asked for, Bridgeboard paints on
/// the CPU. Call before the webview starts. A choice IT made in the environment stays.
pub fn paint_on_cpu_without_gpu() {
    const CPU_PAINTING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
    if cfg!(target_os = "linux") && std::env::var_os(CPU_PAINTING).is_none() && !has_gpu() {
        std::env::set_var(CPU_PAINTING, "1");
    }
}

fn has_gpu() -> bool {
    let software = std::env::var("LIBGL_ALWAYS_SOFTWARE").is_ok_and(|v| !v.is_empty() && v != "0");
    let render_node = std::fs::read_dir("/dev/dri")
        .is_ok_and(|nodes| nodes.flatten().any(|node| node.file_name().to_string_lossy().starts_with("renderD")));
    render_node && !software
}

/// Forwards a second launch to the running app. Register it before every other plugin.
pub fn single_instance() -> TauriPlugin<Wry> {
    tauri_plugin_single_instance::Builder::new().callback(launched_again).dbus_id(instance_id()).build()
}

/// Remembers the window's size, position and maximised state in the settings folder.
pub fn window_state() -> TauriPlugin<Wry> {
    tauri_plugin_window_state::Builder::default().with_state_flags(remembered()).build()
}

fn remembered() -> StateFlags {
    StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED
}

/// The D-Bus name of this profile's instance: the app's identifier and a digest of the settings
/// folder (a D-Bus name element may hold only letters, digits and `_`).
fn instance_id() -> String {
    let folder = dirs::config_dir().unwrap_or_default();
    // FNV-1a: stable across builds and platforms, unlike std's hasher.
    let digest = folder
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3));
    format!("org.bridgeboard.app.profile_{digest:016x}")
}

/// A second launch: open the board it names (relative to where it was started), then come forward.
fn launched_again(app: &AppHandle, argv: Vec<String>, cwd: String) {
    let named = named_board(argv.iter().skip(1).map(|arg| Path::new(&cwd).join(arg)));
    if let Some(path) = named {
        open_named(app, &path);
    }
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

fn open_named(app: &AppHandle, path: &Path) {
    let state = app.state::<AppState>();
    // A launch that arrives while the first board is still being opened waits for it, so that
    // the board it names is the one left open.
    state.wait_for_start();
    if let Err(err) = state.open(path) {
        *state.open_error.lock().unwrap() = Some(format!("{} could not be opened: {err}", path.display()));
    }
    board_changed(app, "launch");
}

/// Applies this desktop's page zoom and saves the window's place after it settles.
pub fn prepare(app: &AppHandle) {
    let Some(window) = app.get_webview_window(MAIN) else { return };
    apply_zoom(&window, &app.state::<AppState>());
    let (moved, moves) = mpsc::channel();
    let handle = app.clone();
    std::thread::spawn(move || {
        // Waits for a move or resize, then for half a second without one, then saves.
        while moves.recv().is_ok() {
            while moves.recv_timeout(SETTLE).is_ok() {}
            let _ = handle.save_window_state(remembered());
        }
    });
    window.on_window_event(move |event| {
        if matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
            let _ = moved.send(());
        }
    });
}

const SETTLE: Duration = Duration::from_millis(500);

pub fn apply_zoom(window: &WebviewWindow, state: &AppState) {
    let factor = state.settings.lock().unwrap().appearance.zoom_factor();
    let _ = window.set_zoom(factor);
}

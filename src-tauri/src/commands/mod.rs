//! The commands the UI calls. Each unpacks its arguments, calls the core and maps the error to
//! `{ code, message, problems }`; after a write it emits `board-changed` so every view re-reads.

mod board;
mod import;
mod roadmap;
mod session;
mod sharing;

pub use board::*;
pub use import::*;
pub use roadmap::*;
pub use session::*;
pub use sharing::*;

use bridgeboard_core::ErrorPayload;
use serde::Serialize;
use tauri::{AppHandle, Emitter};

pub type Reply<T> = Result<T, ErrorPayload>;

#[derive(Clone, Serialize)]
pub struct BoardChanged {
    pub reason: &'static str,
}

pub fn board_changed(app: &AppHandle, reason: &'static str) {
    let _ = app.emit("board-changed", BoardChanged { reason });
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

//! A hello-world Tauri v2 app: one window, one text. It carries the same startup timings as
//! Bridgeboard (the very same source file), so both are measured alike.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[path = "../../../../src-tauri/src/timings.rs"]
mod timings;

fn main() {
    timings::mark("main");
    let mut builder = tauri::Builder::default();
    if let Some(plugin) = timings::plugin("#hello") {
        builder = builder.plugin(plugin);
    }
    builder
        .setup(|_| {
            timings::mark("setup");
            timings::mark("setup-done");
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running the hello-world app");
}

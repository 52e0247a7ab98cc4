//! Startup timings for the startup benchmark, off unless `BRIDGEBOARD_TIMINGS=1`.
//!
//! When on, the app writes `timing <mark> <µs since the Unix epoch>` lines to stderr: marks from
//! Rust (`mark`) and, through a small plugin, from the page: when its script starts, when the
//! DOM is ready, when the UI first mounts and when the element that says "painted" (the board,
//! or the empty board) is on screen — the frame after it appears in the DOM. When off, no plugin
//! is registered, no script is injected and `mark` prints nothing: the page gets no new
//! permission and no new command.
//!
//! The hello-world app in `tests/hello` compiles this same file, so both are measured alike.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use tauri::ipc::CapabilityBuilder;
use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Listener, Manager, Runtime};

/// The event the page's marks arrive on (only while timings are on).
const EVENT: &str = "timings:mark";

pub fn on() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("BRIDGEBOARD_TIMINGS").is_some_and(|v| v == "1"))
}

/// Records that startup reached `name`, when timings are on.
pub fn mark(name: &str) {
    if on() {
        let at = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_micros();
        eprintln!("timing {name} {at}");
    }
}

/// The plugin that brings the page's marks out, when timings are on. `painted` is the CSS
/// selector of what counts as the first useful paint.
pub fn plugin<R: Runtime>(painted: &str) -> Option<TauriPlugin<R>> {
    if !on() {
        return None;
    }
    let script = SCRIPT.replace("__PAINTED__", &serde_json::to_string(painted).unwrap_or_default()).replace("__EVENT__", EVENT);
    Some(
        Builder::new("timings")
            .js_init_script(script)
            .setup(|app, _| {
                // Only for this run: the page may emit its marks, nothing else is granted.
                app.add_capability(CapabilityBuilder::new("timings").window("main").permission("core:event:allow-emit"))?;
                app.listen_any(EVENT, |event| {
                    let text: String = serde_json::from_str(event.payload()).unwrap_or_default();
                    eprintln!("timing {text}");
                });
                Ok(())
            })
            .on_page_load(|_, payload| {
                mark(match payload.event() {
                    tauri::webview::PageLoadEvent::Started => "page-load-started",
                    tauri::webview::PageLoadEvent::Finished => "page-load-finished",
                })
            })
            .build(),
    )
}

/// Runs at document start. Each mark is stamped in the page (wall clock, µs) and sent as
/// "name µs"; "painted" is stamped after the frame that shows the element (rAF, then a task).
const SCRIPT: &str = r#"(() => {
  if (window.top !== window) return;
  const now = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
  const send = (name, at) => window.__TAURI_INTERNALS__.invoke("plugin:event|emit", { event: "__EVENT__", payload: name + " " + at }).catch(() => {});
  send("page-script", now());
  const painted = __PAINTED__;
  let mounted = false;
  const look = () => {
    const app = document.getElementById("app");
    if (!mounted && app && app.firstElementChild) {
      mounted = true;
      const at = now();
      requestAnimationFrame(() => setTimeout(() => send("ui-mounted", at), 0));
    }
    if (document.querySelector(painted)) {
      observer.disconnect();
      const seen = now();
      requestAnimationFrame(() => {
        const frame = now();
        setTimeout(() => { send("in-dom", seen); send("frame", frame); send("painted", now()); }, 0);
      });
      return true;
    }
    return false;
  };
  const observer = new MutationObserver(look);
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => send("dom-ready", now()));
  try {
    new PerformanceObserver((list) => list.getEntries().forEach((e) => send(e.name, Math.round((performance.timeOrigin + e.startTime) * 1000))))
      .observe({ type: "paint", buffered: true });
  } catch {}
})();"#;

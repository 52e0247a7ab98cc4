//! The harness for Bridgeboard's end-to-end tests: starts `tauri-driver` (which starts
//! WebKitWebDriver, which starts the real app binary) with the app's folders pointed at a temp
//! directory, and hands out a WebDriver client. Run under Xvfb; see the README's test command.
//!
//! `BRIDGEBOARD_APP` names the app binary (default `target/debug/bridgeboard`, built by
//! `tauri build --debug --no-bundle` so that the UI is embedded); `TAURI_DRIVER` names the
//! driver (default `target/tools/bin/tauri-driver`, then `tauri-driver` on the PATH).

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The app binary the tests launch.
pub fn app_binary() -> PathBuf {
    std::env::var_os("BRIDGEBOARD_APP").map(PathBuf::from).unwrap_or_else(|| workspace().join("target/debug/bridgeboard"))
}

fn driver_binary() -> PathBuf {
    std::env::var_os("TAURI_DRIVER").map(PathBuf::from).unwrap_or_else(|| {
        let local = workspace().join("target/tools/bin/tauri-driver");
        if local.exists() {
            local
        } else {
            PathBuf::from("tauri-driver")
        }
    })
}

/// A temp "home" for one test: the app's config (settings, backups) and data (boards) live here.
pub fn home(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bridgeboard-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Where a run's screenshots go: under `target/`, so a test run leaves the tree clean.
/// `./dev screenshots` copies them into `tests/screenshots/` for the README, on purpose.
pub fn shots() -> PathBuf {
    let dir = workspace().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Where the app keeps its default board inside `home` (XDG data folder + the app identifier).
pub fn default_board(home: &Path) -> PathBuf {
    home.join("data/org.bridgeboard.app/board.bridgeboard")
}

pub struct App {
    driver: Child,
    pub client: Client,
}

impl App {
    /// Launches the app with its folders inside `home`, plus any extra environment.
    pub async fn launch(home: &Path, env: &[(&str, &str)]) -> App {
        App::launch_on(home, env, 4444).await
    }

    /// Launches a second (third…) app beside the first: its driver listens on `port` and its
    /// WebKitWebDriver on `port + 1`, so two desktops can run under one display.
    pub async fn launch_on(home: &Path, env: &[(&str, &str)], port: u16) -> App {
        let binary = app_binary();
        assert!(binary.exists(), "{} is missing: build it with `npm run tauri -- build --debug --no-bundle` in ui/", binary.display());
        App::launch_binary(home, env, port, &binary, &[]).await
    }

    /// Launches `binary` (the app as a package installs it, say) with command-line `args`, as a
    /// file manager would when a board is opened.
    pub async fn launch_binary(home: &Path, env: &[(&str, &str)], port: u16, binary: &Path, args: &[&str]) -> App {
        let mut command = Command::new(driver_binary());
        command
            .args(["--port", &port.to_string(), "--native-port", &(port + 1).to_string()])
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (key, value) in env {
            command.env(key, value);
        }
        // Its own process group, so that stopping it stops WebKitWebDriver and the app too.
        command.process_group(0);
        let driver = command.spawn().expect("tauri-driver starts (cargo install tauri-driver --version '^2')");
        let caps = serde_json::json!({
            "browserName": "wry",
            "tauri:options": { "application": binary.display().to_string(), "args": args }
        });
        let caps = caps.as_object().unwrap().clone();
        let mut last_error = String::new();
        for _ in 0..50 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            match ClientBuilder::native().capabilities(caps.clone()).connect(&format!("http://127.0.0.1:{port}")).await {
                Ok(client) => return App { driver, client },
                Err(err) => last_error = err.to_string(),
            }
        }
        panic!("could not start a WebDriver session with the app: {last_error}");
    }

    /// Closes the app, then stops the driver (see `Drop`).
    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
        drop(self);
        // Let the app's process and ports 4444/4445 go before the next launch.
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    /// Waits up to 10 s for an element.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css} appeared: {e}"))
    }

    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(css)).await.unwrap()
    }

    /// Waits until `check` holds (re-evaluated every 100 ms, up to 10 s).
    pub async fn eventually<F, Fut>(&self, what: &str, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        for _ in 0..100 {
            if check().await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("timed out waiting until {what}");
    }

    /// The visible text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    /// The serious and critical accessibility violations axe-core finds on the page as it is now,
    /// one line each: the rule, what it asks, and the elements that break it. axe-core comes from
    /// the UI's npm packages and is put into the page through WebDriver, never shipped in the app.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let loaded = self.client.execute("return typeof window.axe === 'object'", vec![]).await.unwrap();
        if loaded != serde_json::Value::Bool(true) {
            let axe = workspace().join("ui/node_modules/axe-core/axe.min.js");
            let source = std::fs::read_to_string(&axe).unwrap_or_else(|e| panic!("{}: {e} (npm ci in ui/)", axe.display()));
            self.client.execute(&format!("{source}\nreturn typeof window.axe"), vec![]).await.expect("axe-core loads into the page");
        }
        let found = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ["violations"] })
                  .then((r) => done(r.violations
                    .filter((v) => v.impact === "serious" || v.impact === "critical")
                    .map((v) => `${v.impact} ${v.id}: ${v.help}; ` +
                      v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")} (${n.failureSummary.replace(/\s+/g, " ")})`).join(" | "))))
                  .catch((e) => done([`axe-core failed: ${e}`]));"#,
                vec![],
            )
            .await
            .expect("axe-core runs");
        serde_json::from_value(found).expect("a list of violations")
    }

    /// Controls the person cannot reach as the window is now, inside `scope` (a CSS selector; the
    /// open dialog, else the whole page, when empty). Each enabled control, unless it is folded
    /// away in a closed `<details>`, is scrolled into view and must then be under the pointer at
    /// some point along its middle: nothing clips or covers all of it.
    pub async fn unreachable_controls(&self, scope: &str) -> Vec<String> {
        let found = self
            .client
            .execute(
                r#"const scope = (arguments[0] ? document.querySelector(arguments[0]) : null)
                  ?? [...document.querySelectorAll("[role=dialog], [aria-modal=true]")].pop() ?? document;
                const folded = (e) => { const d = e.closest("details:not([open])"); return d && !d.querySelector(":scope > summary").contains(e); };
                const controls = [...scope.querySelectorAll("button, a[href], input, select, textarea, summary, [tabindex]:not([tabindex='-1'])")]
                  .filter((e) => !e.disabled && !folded(e) && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden");
                const unreachable = [];
                for (const e of controls) {
                  e.scrollIntoView({ block: "center", inline: "center" });
                  const r = e.getBoundingClientRect();
                  const y = r.top + r.height / 2;
                  const hits = [0.1, 0.3, 0.5, 0.7, 0.9]
                    .map((f) => r.left + f * r.width)
                    .filter((x) => x >= 0 && x < innerWidth && y >= 0 && y < innerHeight)
                    .map((x) => document.elementFromPoint(x, y));
                  const reached = hits.some((hit) => hit && (e.contains(hit) || hit.control === e || e.labels?.[0]?.contains(hit)));
                  if (!reached) {
                    const name = (e.getAttribute("aria-label") ?? e.textContent.trim()).slice(0, 40);
                    const at = `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`;
                    const under = hits.map((hit) => hit?.tagName.toLowerCase() ?? "nothing").join("/") || "outside the window";
                    unreachable.push(`${e.tagName.toLowerCase()} "${name}" at ${at} under ${under}`);
                  }
                }
                return unreachable;"#,
                vec![serde_json::Value::String(scope.to_string())],
            )
            .await
            .expect("the controls can be measured");
        serde_json::from_value(found).expect("a list of controls")
    }

    pub async fn screenshot(&self, path: &Path) {
        let png = self.client.screenshot().await.expect("a screenshot of the window");
        std::fs::write(path, png).unwrap();
    }
}

/// Stops the driver's process group politely even when a test fails: SIGTERM to tauri-driver,
/// WebKitWebDriver and the app alike (SIGKILL, or signalling tauri-driver alone, can leave
/// WebKitWebDriver holding port 4445 and break the next run).
impl Drop for App {
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.driver.wait();
        std::thread::sleep(Duration::from_millis(300));
    }
}

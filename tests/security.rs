//! What the app's window is allowed to do, pinned: the capabilities granted to the page, the
//! Content Security Policy, the Tauri plugins compiled in, and where the window's content comes
//! from. A change to any of them changes `security.snapshot` beside this file, which the test run
//! refuses until it is rewritten on purpose (`UPDATE_GOLDEN=1`). Whatever the snapshot says, some
//! things are never allowed: a shell, a file-system or HTTP scope, remote content, eval.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn app_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri")
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

/// Every permission granted to a window, by capability file.
fn permissions() -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(app_dir().join("capabilities"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let capability = json(&file);
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let windows =
            capability["windows"].as_array().map(|w| w.iter().map(|v| v.as_str().unwrap_or("?").to_string()).collect::<Vec<_>>().join(","));
        out.push(format!("capability {name} windows={}", windows.unwrap_or_default()));
        for p in capability["permissions"].as_array().into_iter().flatten() {
            // A permission is a name, or an object with an identifier and scopes.
            let id = p.as_str().map(str::to_string).unwrap_or_else(|| p["identifier"].as_str().unwrap_or("?").to_string());
            let scoped = if p.is_object() { format!(" scope={}", p) } else { String::new() };
            out.push(format!("  permission {id}{scoped}"));
        }
    }
    out
}

/// The Tauri plugins the app crate depends on.
fn plugins() -> Vec<String> {
    let manifest = std::fs::read_to_string(app_dir().join("Cargo.toml")).unwrap();
    let mut out: Vec<String> = manifest
        .lines()
        .filter_map(|l| l.split_once('=').map(|(name, _)| name.trim()))
        .filter(|name| name.starts_with("tauri-plugin-"))
        .map(|name| format!("plugin {name}"))
        .collect();
    out.sort();
    out
}

fn snapshot() -> String {
    let conf = json(&app_dir().join("tauri.conf.json"));
    let mut lines = vec![format!("csp {}", conf["app"]["security"]["csp"].as_str().unwrap_or("(none)"))];
    lines.push(format!("withGlobalTauri {}", conf["app"]["withGlobalTauri"].as_bool().unwrap_or(false)));
    for w in conf["app"]["windows"].as_array().into_iter().flatten() {
        lines.push(format!("window {} url={}", w["label"].as_str().unwrap_or("main"), w["url"].as_str().unwrap_or("(the bundled page)")));
    }
    lines.push(format!("frontendDist {}", conf["build"]["frontendDist"]));
    lines.extend(plugins());
    lines.extend(permissions());
    lines.join("\n") + "\n"
}

#[test]
fn the_granted_capabilities_and_the_csp_are_the_ones_pinned() {
    let now = snapshot();
    let pinned = Path::new(env!("CARGO_MANIFEST_DIR")).join("security.snapshot");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&pinned, &now).unwrap();
    }
    let before = std::fs::read_to_string(&pinned).unwrap_or_default();
    assert_eq!(
        now, before,
        "the app's capabilities, CSP or plugins changed; if that is meant, rewrite tests/security.snapshot with UPDATE_GOLDEN=1"
    );
}

#[test]
fn the_page_gets_no_shell_no_file_system_no_http_and_no_remote_content() {
    let now = snapshot();
    for forbidden in ["shell", "fs", "http", "process", "opener", "os", "updater"] {
        assert!(!now.contains(&format!("permission {forbidden}:")), "the page is granted {forbidden}: {now}");
        assert!(!now.contains(&format!("plugin tauri-plugin-{forbidden}\n")), "the app compiles in the {forbidden} plugin: {now}");
    }
    assert!(!now.contains(" scope="), "no permission carries a scope: {now}");
    let csp = now.lines().next().unwrap();
    for directive in ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"] {
        assert!(csp.contains(directive), "the CSP keeps {directive}: {csp}");
    }
    assert!(!csp.contains("unsafe-eval") && !csp.contains("https:") && !csp.contains(" *"), "no eval, no remote origins: {csp}");
    assert!(!csp.replace("http://ipc.localhost", "").contains("http:"), "no remote origins: {csp}");
    assert!(now.contains("withGlobalTauri false"), "the page does not get window.__TAURI__: {now}");
    assert!(!now.contains("url=http"), "the window shows the bundled page, never a remote one: {now}");
}

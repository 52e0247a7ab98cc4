//! Shared by the CLI tests: a scratch folder per test (under the system temp folder, removed
//! afterwards), the real binary pointed at a board file, and a sample board to start from.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use assert_cmd::cargo::cargo_bin_cmd;
use assert_cmd::Command;
use serde_json::Value;

/// The day the sample board's dates are computed from, so every run sees the same board.
pub const TODAY: &str = "2026-03-02";

pub struct Scratch {
    pub dir: PathBuf,
}

impl Scratch {
    pub fn new(test: &str) -> Scratch {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let unique = format!("{test}-{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst));
        let dir = std::env::temp_dir().join("bridgeboard-cli-tests").join(unique);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the system temp folder is writable");
        Scratch { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// A board file holding the sample board.
    pub fn demo(&self) -> PathBuf {
        let db = self.path("board.bridgeboard");
        cli(&db).args(["demo", "--today", TODAY]).assert().success();
        db
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The real binary with `--db` set, and no board file leaking in from the environment.
pub fn cli(db: &Path) -> Command {
    let mut cmd = cargo_bin_cmd!("bridgeboard-cli");
    cmd.env_remove("BRIDGEBOARD_DB").arg("--db").arg(db);
    cmd
}

/// Runs a command that must succeed and returns its stdout, trimmed.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = cli(db).args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("output is UTF-8").trim().to_string()
}

/// Runs a command that must fail with `code` and returns its stderr.
pub fn fails(db: &Path, args: &[&str], code: i32) -> String {
    let out = cli(db).args(args).assert().code(code).get_output().clone();
    assert!(out.stdout.is_empty(), "a refusal prints nothing on stdout for scripts to mistake for a result");
    String::from_utf8(out.stderr).expect("errors are UTF-8")
}

pub fn listing(db: &Path) -> Value {
    serde_json::from_str(&ok(db, &["list", "--json"])).expect("list --json prints JSON")
}

/// The initiative with this title in a `list --json` output.
pub fn initiative<'a>(listing: &'a Value, title: &str) -> &'a Value {
    listing["initiatives"]
        .as_array()
        .expect("initiatives is a list")
        .iter()
        .find(|i| i["title"] == title)
        .unwrap_or_else(|| panic!("the listing has an initiative called {title}"))
}

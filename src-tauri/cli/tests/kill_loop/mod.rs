//! The kill -9 loop, shared by the CLI test (`tests/kill.rs`, 100 rounds) and the benchmark
//! (`benches/kill.rs`, 1,000): the real binary adds a task, exports the board as JSON over the
//! last export, or takes a backup, and is killed with SIGKILL at a random moment. After every
//! kill the board is opened as the app opens it and must pass SQLite's integrity check and hold
//! every task the CLI acknowledged (exit 0) before it died; the export's file is the old one
//! or a whole new one, never half of one; a backup's file is absent or whole.
//!
//! The moments come from a seeded generator (the seed is printed; `BRIDGEBOARD_KILL_SEED`
//! replays a run), spread over a little more than the command's own run time, so kills land
//! before the file is opened, mid-transaction, mid-write and after the exit.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use bridgeboard_core::Store;

/// What a loop did: the figures the benchmark prints and the test asserts on.
#[derive(Debug, Default)]
pub struct Tally {
    pub rounds: usize,
    /// The kills fall between 0 and this after the start: 1.5 times an edit's own run time.
    pub window: Duration,
    /// Rounds whose process the kill reached before it had finished.
    pub killed: usize,
    /// Edits acknowledged, the three left to finish included.
    pub acknowledged: usize,
    /// Edits acknowledged in a round with a kill (not the calibration).
    pub raced: usize,
    pub lost: Vec<String>,
    pub integrity_failures: Vec<String>,
    /// Export rounds after which the export's file was neither the old one nor a whole export.
    pub torn_exports: Vec<String>,
    /// Backup rounds that left a file under the backup's name that is not a whole board.
    pub torn_backups: Vec<String>,
}

/// A small xorshift generator: random enough for kill moments, and replayable from its seed.
pub struct Moments(u64);

impl Moments {
    pub fn seeded() -> (Moments, u64) {
        let seed = std::env::var("BRIDGEBOARD_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64) | 1);
        (Moments(seed), seed)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn cli(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bridgeboard-cli"));
    cmd.env_remove("BRIDGEBOARD_DB").arg("--db").arg(db).stdout(Stdio::piped()).stderr(Stdio::null());
    cmd
}

/// A scratch folder holding the sample board.
pub fn scratch(name: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join("bridgeboard-cli-tests").join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("board.bridgeboard");
    let made = cli(&db).args(["demo", "--today", "2026-03-02"]).status().unwrap();
    assert!(made.success(), "the sample board is written");
    (dir, db)
}

/// Runs `rounds` rounds on the board `db` in `dir`.
pub fn run(dir: &Path, db: &Path, rounds: usize, moments: &mut Moments) -> Tally {
    let mut tally = Tally::default();
    let export = dir.join("roadmap.json");
    // Calibration: a few edits left to finish. They are acknowledged like any other (every
    // kill after them must keep them), and their time sets the window the kills fall in, so
    // that on a busy machine the kills still spread over the whole run.
    let mut acknowledged: Vec<String> = Vec::new();
    let mut longest = Duration::ZERO;
    for n in 0..3 {
        let title = format!("Calibration {n}");
        let started = std::time::Instant::now();
        let done = cli(db).args(["add-task", "Patient portal adoption campaign", &title, "--department", "IT"]).status().unwrap();
        longest = longest.max(started.elapsed());
        assert!(done.success(), "an edit left alone succeeds");
        acknowledged.push(title);
    }
    let window = (longest.as_micros() as u64) * 3 / 2;
    tally.window = Duration::from_micros(window);
    for n in 0..rounds {
        let (args, kind): (Vec<String>, &str) = match n % 4 {
            0 | 1 => {
                let title = format!("Kill round {n}");
                (vec!["add-task".into(), "Patient portal adoption campaign".into(), title, "--department".into(), "IT".into()], "edit")
            }
            2 => (vec!["export".into(), "--format".into(), "json".into(), "--out".into(), export.display().to_string()], "export"),
            _ => (vec!["backup".into(), "--out".into(), dir.join(format!("backup-{n}.bridgeboard")).display().to_string()], "backup"),
        };
        let old_export = std::fs::read(&export).ok();
        let mut child = cli(db).args(&args).spawn().unwrap();
        // From before the process has opened the board to a little after it is done.
        std::thread::sleep(Duration::from_micros(moments.below(window)));
        let _ = child.kill(); // SIGKILL on Unix: no cleanup runs
        let out = child.wait_with_output().unwrap();
        tally.rounds += 1;
        if !out.status.success() {
            tally.killed += 1;
        }
        match kind {
            "edit" if out.status.success() => {
                tally.raced += 1;
                acknowledged.push(args[2].clone())
            }
            "export" => {
                let now = std::fs::read(&export).ok();
                let whole = match &now {
                    None => old_export.is_none(),
                    Some(bytes) => Some(bytes) == old_export.as_ref() || serde_json::from_slice::<serde_json::Value>(bytes).is_ok(),
                };
                if !whole || (out.status.success() && now.is_none()) {
                    tally.torn_exports.push(format!("round {n}: {} bytes", now.map_or(0, |b| b.len())));
                }
            }
            "backup" => {
                let path = PathBuf::from(&args[2]);
                if path.exists() {
                    if let Err(problem) = whole_board(&path) {
                        tally.torn_backups.push(format!("round {n}: {problem}"));
                    }
                } else if out.status.success() {
                    tally.torn_backups.push(format!("round {n}: acknowledged, yet there is no backup"));
                }
            }
            _ => {}
        }
        // The board as the app opens it after the crash.
        match Store::open(db, None) {
            Err(err) => tally.integrity_failures.push(format!("round {n}: the board does not open: {err}")),
            Ok(store) => {
                let problems = store.check().unwrap_or_else(|err| vec![err.to_string()]);
                if !problems.is_empty() {
                    tally.integrity_failures.push(format!("round {n}: {problems:?}"));
                }
                let titles: std::collections::HashSet<String> = store
                    .bundle()
                    .map(|b| b.tasks.into_iter().filter(|t| t.deleted_at.is_none()).map(|t| t.task.title).collect())
                    .unwrap_or_default();
                tally.lost = acknowledged.iter().filter(|t| !titles.contains(*t)).cloned().collect();
            }
        }
    }
    tally.acknowledged = acknowledged.len();
    tally
}

/// A backup file is whole: SQLite's integrity check passes on it and it reads as a board.
fn whole_board(path: &Path) -> Result<(), String> {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| e.to_string())?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    if check != "ok" {
        return Err(check);
    }
    Store::backup_contents(path).map(|_| ()).map_err(|e| e.to_string())
}

/// Files left under a temp name by writes that were killed (never under a final name).
pub fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.contains(".tmp"))
        .collect()
}

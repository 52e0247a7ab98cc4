//! Speed of the calls people wait on, on a generated board of 2,000 initiatives, 20,000 tasks
//! and 10,000 dependencies in a file on disk with the real pragmas:
//! - loading the board for display (`Store::board`, the exact call the app makes) with every
//!   card built, and again with nothing changed; the size of what crosses to the UI;
//! - the Needs attention list (`Store::needs_attention`), which the app re-reads with the board
//!   after every change;
//! - a card's status change and the board update a window is sent after it (only the cards that
//!   changed are built again);
//! - one task status change with its activity row and durable commit, beside a bare one-row
//!   commit on the same disk with the same pragmas (the baseline);
//! - checking a new dependency for a cycle.
//!
//! `cargo bench -p bridgeboard-core` prints the figures. Under `cargo test --benches` it runs once
//! on a board 100 times smaller, so the code is exercised without taking minutes.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bridgeboard_core::*;
use chrono::{NaiveDate, Utc};
use rusqlite::Connection;

mod common;

use common::{report, sample, Scale};

/// A bare one-row durable commit with the same pragmas, on the same disk.
fn baseline(dir: &Path, samples: usize) -> Vec<Duration> {
    let path = dir.join("baseline.db");
    let _ = std::fs::remove_file(&path);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)).unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, status TEXT); INSERT INTO t VALUES (1, 'todo');").unwrap();
    let mut n = 0;
    sample(samples, || {
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        conn.execute("UPDATE t SET status = ?1 WHERE id = 1", [if n % 2 == 0 { "done" } else { "todo" }]).unwrap();
        conn.execute_batch("COMMIT").unwrap();
        n += 1;
    })
}

fn main() {
    let (scale, full) = Scale::from_args();
    let samples = if full { 1_000 } else { 20 };
    let dir: PathBuf = std::env::temp_dir().join(format!("bridgeboard-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let common::Generated { mut store, initiatives, tasks } = common::generate(&dir.join("board.bridgeboard"), &scale);
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();

    // Every card built: the first read, or any read after another process (the CLI, a second
    // window) wrote to the file, here a second connection renaming the board.
    let path = dir.join("board.bridgeboard");
    let mut other = Store::open(&path, None).unwrap();
    let whole: Vec<Duration> = (0..samples.min(100))
        .map(|n| {
            other
                .apply(&Actor { id: None, name: "cli".into() }, Utc::now(), Op::SetBoard { name: format!("Board {n}"), sample: false })
                .unwrap();
            let started = Instant::now();
            std::hint::black_box(store.board(today).unwrap());
            started.elapsed()
        })
        .collect();
    report("load the board for display, every card built", whole, None);
    report("load it again, nothing changed (Store::board)", sample(samples.min(100), || store.board(today).unwrap()), None);
    let json = serde_json::to_vec(&store.board(today).unwrap()).unwrap();
    println!("what crosses to the UI: {} cards, {:.1} KiB of JSON", initiatives.len(), json.len() as f64 / 1024.0);
    report("the Needs attention list (Store::needs_attention)", sample(samples.min(100), || store.needs_attention().unwrap()), None);

    // What the window waits for after moving a card: the write, then the board read again and
    // only its changed cards sent (what the app's `board` command does).
    let actor = Actor { id: None, name: "bench".into() };
    let mut sent = SentBoards::default();
    let mut since = Some(sent.update(store.board(today).unwrap(), None).revision);
    let mut n = 0;
    let moves = sample(samples.min(200), || {
        let status = if n % 2 == 0 { InitiativeStatus::InProgress } else { InitiativeStatus::Planned };
        let op = Op::UpdateInitiative {
            id: initiatives[(n / 2 * 4 * 101 + 1) % initiatives.len()],
            changes: vec![InitiativeChange::Status(status)],
        };
        n += 1;
        store.apply(&actor, Utc::now(), op).unwrap();
        let update = sent.update(store.board(today).unwrap(), since);
        since = Some(update.revision);
        update
    });
    report("a card's status change and the board update after it", moves, None);

    let base = report("bare one-row durable commit (baseline)", baseline(&dir, samples), None);
    let mut n = 0;
    let changes = sample(samples, || {
        let status = if n % 2 == 0 { TaskStatus::InProgress } else { TaskStatus::Todo };
        let op = Op::UpdateTask { id: tasks[(n * 7919) % tasks.len()], changes: vec![TaskChange::Status(status)] };
        n += 1;
        let _ = store.apply(&actor, Utc::now(), op);
    });
    report("task status change + activity, durable", changes, Some(base));

    let mut n = 0;
    let checks = sample(samples, || {
        let (a, b) = (tasks[(n * 104_729) % tasks.len()], tasks[(n * 7_919 + 13) % tasks.len()]);
        n += 1;
        store.find_cycle(a, b).unwrap()
    });
    report("check a new dependency for a cycle", checks, None);
    let _ = std::fs::remove_dir_all(&dir);
}

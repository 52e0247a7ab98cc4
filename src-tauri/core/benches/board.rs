//! Speed of the calls people wait on, on a generated board of 2,000 initiatives, 20,000 tasks
//! and 10,000 dependencies in a file on disk with the real pragmas:
//! - loading the board for display (`Store::board`, the exact call the app makes), and the
//!   size of what crosses to the UI;
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

struct Scale {
    initiatives: usize,
    tasks_per_initiative: usize,
    dependencies: usize,
    samples: usize,
}

fn stats(name: &str, mut times: Vec<Duration>, baseline: Option<(f64, f64)>) -> (f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p50 = ms(times[times.len() / 2]);
    let p99 = ms(times[(times.len() * 99 / 100).min(times.len() - 1)]);
    let base = baseline.map_or(String::new(), |(b50, b99)| {
        format!("   (baseline p50 {b50:.3} ms, p99 {b99:.3} ms; ratio p50 {:.2}x, p99 {:.2}x)", p50 / b50, p99 / b99)
    });
    println!("{name:<44} n={:<5} p50 {p50:>8.3} ms   p99 {p99:>8.3} ms{base}", times.len());
    (p50, p99)
}

fn generate(path: &Path, scale: &Scale) -> (Store, Vec<Id>, Vec<Id>) {
    let _ = std::fs::remove_file(path);
    let mut store = Store::open(path, None).unwrap();
    let actor = Actor { id: None, name: "bench".into() };
    let now = Utc::now();
    let person = |name: &str, department_id| Op::CreatePerson(NewPerson { name: name.into(), email: String::new(), title: String::new(), department_id });
    let ids = store.apply_all(&actor, now, vec![person("Dana", MARKETING), person("Tom", IT)]).unwrap();
    let (dana, tom) = (ids[0], ids[1]);
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut initiatives = Vec::new();
    let mut tasks = Vec::new();
    for n in 0..scale.initiatives {
        let first = start + chrono::Duration::days((n % 300) as i64);
        let id = store
            .apply(&actor, now, Op::CreateInitiative(NewInitiative {
                status: InitiativeStatus::ALL[n % 4],
                marketing_owner_id: Some(dana),
                it_owner_id: Some(tom),
                start: Some(first),
                target: Some(first + chrono::Duration::days(90)),
                tags: vec![format!("tag{}", n % 17)],
                ..NewInitiative::titled(format!("Initiative {n}"))
            }))
            .unwrap();
        initiatives.push(id);
        let ops = (0..scale.tasks_per_initiative)
            .map(|k| {
                Op::CreateTask(NewTask {
                    status: TaskStatus::ALL[k % 3],
                    start: Some(first + chrono::Duration::days(k as i64 * 7)),
                    due: Some(first + chrono::Duration::days(k as i64 * 7 + 6)),
                    ..NewTask::titled(id, if k % 2 == 0 { MARKETING } else { IT }, format!("Task {n}.{k}"))
                })
            })
            .collect();
        tasks.extend(store.apply_all(&actor, now, ops).unwrap());
    }
    // Forward edges only, so the graph stays acyclic: mostly task → a later task nearby, some
    // initiative → a later initiative.
    let mut ops = Vec::new();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    };
    for n in 0..scale.dependencies {
        let (list, window) = if n % 20 == 0 { (&initiatives, 20) } else { (&tasks, 40) };
        let window = window.min(list.len() / 2);
        let from = next(list.len() - window);
        let to = from + 1 + next(window - 1);
        ops.push(Op::AddDependency(NewDependency { from_id: list[from], to_id: list[to], kind: DependencyKind::FinishToStart, lag_days: 0 }));
    }
    let mut added = 0;
    for op in ops {
        // Some random pairs repeat or link a task to its own initiative; those are refused.
        added += store.apply(&actor, now, op).is_ok() as usize;
    }
    println!("generated {} initiatives, {} tasks, {added} dependencies in {}", initiatives.len(), tasks.len(), path.display());
    (store, initiatives, tasks)
}

/// A bare one-row durable commit with the same pragmas, on the same disk.
fn baseline(dir: &Path, samples: usize) -> Vec<Duration> {
    let path = dir.join("baseline.db");
    let _ = std::fs::remove_file(&path);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)).unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, status TEXT); INSERT INTO t VALUES (1, 'todo');").unwrap();
    (0..samples)
        .map(|n| {
            let started = Instant::now();
            conn.execute_batch("BEGIN IMMEDIATE").unwrap();
            conn.execute("UPDATE t SET status = ?1 WHERE id = 1", [if n % 2 == 0 { "done" } else { "todo" }]).unwrap();
            conn.execute_batch("COMMIT").unwrap();
            started.elapsed()
        })
        .collect()
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let scale = if full {
        Scale { initiatives: 2_000, tasks_per_initiative: 10, dependencies: 10_000, samples: 1_000 }
    } else {
        Scale { initiatives: 20, tasks_per_initiative: 10, dependencies: 100, samples: 20 }
    };
    let dir: PathBuf = std::env::temp_dir().join(format!("bridgeboard-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (mut store, initiatives, tasks) = generate(&dir.join("board.bridgeboard"), &scale);
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();

    let loads: Vec<Duration> = (0..scale.samples.min(100))
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(store.board(today).unwrap());
            started.elapsed()
        })
        .collect();
    stats("load the board for display (Store::board)", loads, None);
    let json = serde_json::to_vec(&store.board(today).unwrap()).unwrap();
    println!("what crosses to the UI: {} cards, {:.1} KiB of JSON", initiatives.len(), json.len() as f64 / 1024.0);

    let base = stats("bare one-row durable commit (baseline)", baseline(&dir, scale.samples), None);
    let actor = Actor { id: None, name: "bench".into() };
    let changes: Vec<Duration> = (0..scale.samples)
        .map(|n| {
            let status = if n % 2 == 0 { TaskStatus::InProgress } else { TaskStatus::Todo };
            let op = Op::UpdateTask { id: tasks[(n * 7919) % tasks.len()], changes: vec![TaskChange::Status(status)] };
            let started = Instant::now();
            let _ = store.apply(&actor, Utc::now(), op);
            started.elapsed()
        })
        .collect();
    stats("task status change + activity, durable", changes, Some(base));

    let checks: Vec<Duration> = (0..scale.samples)
        .map(|n| {
            let (a, b) = (tasks[(n * 104_729) % tasks.len()], tasks[(n * 7_919 + 13) % tasks.len()]);
            let started = Instant::now();
            std::hint::black_box(store.find_cycle(a, b).unwrap());
            started.elapsed()
        })
        .collect();
    stats("check a new dependency for a cycle", checks, None);
    let _ = std::fs::remove_dir_all(&dir);
}

//! Speed of a shared board, on the benchmark board (2,000 initiatives, 20,000 tasks, 10,000
//! dependencies) in files on disk with the real pragmas, each figure beside its baseline:
//! - a task status change with the document in memory (the app), including the Automerge
//!   change and the durable commit, beside the same change on an unshared board; and without
//!   the document (a short-lived CLI edit, which leaves the change queued);
//! - sharing the board (the genesis document) and joining it on a new desktop;
//! - reopening a shared board and reading its document, beside reopening an unshared one;
//! - ingesting 1,000 changes from another desktop (read, check, apply, project, commit);
//! - a sync that finds nothing new in a folder with 50 desktops' files.
//!
//! `cargo bench -p bridgeboard-core --bench sharing` prints the figures; under `cargo test
//! --benches` it runs once on a board 100 times smaller.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bridgeboard_core::sync::Folder;
use bridgeboard_core::*;
use chrono::Utc;

mod common;

use common::{report, sample, Scale};

fn actor() -> Actor {
    Actor { id: None, name: "bench".into() }
}

/// Status changes that each change something: a task is cancelled, then set back to To do.
fn status_changes(store: &mut Store, tasks: &[Id], samples: usize, offset: usize) -> Vec<Duration> {
    let mut n = 0;
    sample(samples, || {
        let status = if n % 2 == 0 { TaskStatus::Cancelled } else { TaskStatus::Todo };
        let task = tasks[((n / 2 + offset) * 7919) % tasks.len()];
        n += 1;
        store.apply(&actor(), Utc::now(), Op::UpdateTask { id: task, changes: vec![TaskChange::Status(status)] }).unwrap()
    })
}

fn once<T>(name: &str, target: &str, run: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let value = run();
    println!("{name:<52} {:>10.1} ms   (target {target})", started.elapsed().as_secs_f64() * 1000.0);
    value
}

fn copy(from: &Path, to: &Path) {
    let _ = std::fs::remove_file(to);
    Store::open(from, None).unwrap().backup_to(to).unwrap();
}

fn main() {
    let (scale, full) = Scale::from_args();
    let samples = if full { 1_000 } else { 20 };
    let remote = if full { 1_000 } else { 20 };
    let dir: PathBuf = std::env::temp_dir().join(format!("bridgeboard-bench-sharing-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("share")).unwrap();
    let common::Generated { store, tasks, .. } = common::generate(&dir.join("a.bridgeboard"), &scale);
    drop(store);
    copy(&dir.join("a.bridgeboard"), &dir.join("private.bridgeboard"));

    let mut private = Store::open(&dir.join("private.bridgeboard"), None).unwrap();
    let base = report("status change, unshared board (baseline)", status_changes(&mut private, &tasks, samples, 0), None);

    let mut a = Store::open(&dir.join("a.bridgeboard"), None).unwrap();
    let id = a.info().unwrap().id.to_string();
    let folder = Folder::for_board(&dir.join("share"), &id);
    once("share the board (genesis document)", "none", || a.share(&folder, "A", &actor(), Utc::now()).unwrap());
    report("status change, shared, document in memory", status_changes(&mut a, &tasks, samples, 0), Some(base));
    let mut cli = Store::open(&dir.join("a.bridgeboard"), None).unwrap();
    report("status change, shared, a short-lived edit (queued)", status_changes(&mut cli, &tasks, samples, 5_000), Some(base));
    drop(cli);
    a.sync(&folder, &actor(), Utc::now()).unwrap();

    let mut b = once("join the board on a new desktop", "<= 10 s", || {
        Store::join(&dir.join("b.bridgeboard"), &Folder::at(folder.root()), "B", &actor(), Utc::now()).unwrap()
    });
    drop(a);
    let unshared_reopen = sample(if full { 20 } else { 3 }, || {
        Store::open(&dir.join("private.bridgeboard"), None).unwrap().board(chrono::Local::now().date_naive()).unwrap()
    });
    let base_reopen = report("reopen an unshared board and read it (baseline)", unshared_reopen, None);
    let reopen = sample(if full { 10 } else { 3 }, || {
        let mut store = Store::open(&dir.join("a.bridgeboard"), None).unwrap();
        store.load_document().unwrap();
        store.board(chrono::Local::now().date_naive()).unwrap()
    });
    report("reopen a shared board with its document (<= 2 s)", reopen, Some(base_reopen));

    // Another desktop's 1,000 edits arrive as 1,000 change files, three times over.
    b.load_document().unwrap();
    let mut a = Store::open(&dir.join("a.bridgeboard"), None).unwrap();
    a.load_document().unwrap();
    let rounds = if full { 3 } else { 1 };
    let mut ingests = Vec::new();
    for round in 0..rounds {
        status_changes(&mut b, &tasks, remote, 10_000 + round * remote);
        b.sync(&Folder::at(folder.root()), &actor(), Utc::now()).unwrap();
        let started = Instant::now();
        let arrived = a.sync(&folder, &actor(), Utc::now()).unwrap();
        ingests.push(started.elapsed());
        assert_eq!(arrived.received, remote, "every change arrived");
        once("the next sync saves a new snapshot (compaction)", "none", || a.sync(&folder, &actor(), Utc::now()).unwrap());
    }
    report(&format!("ingest {remote} changes from another desktop (<= 1 s)"), ingests, None);

    // 50 desktops' folders with those files spread over them (all known by now).
    let changes: Vec<PathBuf> = std::fs::read_dir(folder.root().join("devices"))
        .unwrap()
        .flat_map(|d| std::fs::read_dir(d.unwrap().path().join("changes/board")).into_iter().flatten())
        .map(|f| f.unwrap().path())
        .collect();
    for (n, file) in changes.iter().enumerate() {
        let device = folder.root().join("devices").join(format!("copy-{:02}", n % 50)).join("changes/board");
        std::fs::create_dir_all(&device).unwrap();
        std::fs::copy(file, device.join(file.file_name().unwrap())).unwrap();
    }
    let idle = sample(if full { 20 } else { 3 }, || a.sync(&folder, &actor(), Utc::now()).unwrap());
    report(&format!("sync, nothing new, 50 desktops, {} files (<= 1 s)", changes.len() * 2), idle, None);
    let _ = std::fs::remove_dir_all(&dir);
}

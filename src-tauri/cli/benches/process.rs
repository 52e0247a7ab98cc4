//! A short CLI edit as a whole process, on the benchmark board (2,000 initiatives, 20,000
//! tasks, 10,000 dependencies): `status TASK in_progress` on a shared board beside the same
//! command on an unshared copy (target: p50 within 2x, since a short edit only queues its
//! change and never loads the shared document), and the peak memory of each process, with
//! `sync` (which holds the whole document) beside them.
//!
//! `cargo bench -p bridgeboard-cli` prints the figures (memory through GNU time, `/usr/bin/time`); under `cargo test --benches` it runs a
//! few rounds on a board 100 times smaller.

#[path = "../../core/benches/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use bridgeboard_core::sync::Folder;
use bridgeboard_core::Actor;
use common::{report, Scale};

/// Runs the CLI once; its wall time and peak resident memory (KiB, by GNU time, since a
/// child forked from this large process would count the parent's pages as its own).
fn run(db: &Path, args: &[&str]) -> (Duration, Option<i64>) {
    let time = Path::new("/usr/bin/time");
    let started = Instant::now();
    let out = if time.exists() {
        Command::new(time).args(["-f", "%M"]).arg(env!("CARGO_BIN_EXE_bridgeboard-cli")).arg("--db").arg(db).args(args).output()
    } else {
        Command::new(env!("CARGO_BIN_EXE_bridgeboard-cli")).arg("--db").arg(db).args(args).output()
    }
    .unwrap();
    let elapsed = started.elapsed();
    assert!(out.status.success(), "bridgeboard-cli {args:?} succeeds: {}", String::from_utf8_lossy(&out.stderr));
    let rss = String::from_utf8_lossy(&out.stderr).lines().last().and_then(|l| l.trim().parse().ok());
    (elapsed, rss)
}

fn main() {
    let (scale, full) = Scale::from_args();
    let rounds = if full { 40 } else { 3 };
    let dir = std::env::temp_dir().join(format!("bridgeboard-bench-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("share")).unwrap();
    let generated = common::generate(&dir.join("shared.bridgeboard"), &scale);
    let task = generated.store.snapshot().unwrap().tasks[7].title.clone();
    let mut shared = generated.store;
    shared.backup_to(&dir.join("private.bridgeboard")).unwrap();
    let folder = Folder::for_board(&dir.join("share"), &shared.info().unwrap().id.to_string());
    shared.share(&folder, "BENCH", &Actor { id: None, name: "bench".into() }, chrono::Utc::now()).unwrap();
    drop(shared);

    let (mut private_times, mut shared_times) = (Vec::new(), Vec::new());
    let (mut private_rss, mut shared_rss) = (None, None);
    for n in 0..rounds {
        let status = if n % 2 == 0 { "in_progress" } else { "todo" };
        let (t, rss) = run(&dir.join("private.bridgeboard"), &["status", &task, status]);
        private_times.push(t);
        private_rss = private_rss.max(rss);
        let (t, rss) = run(&dir.join("shared.bridgeboard"), &["status", &task, status]);
        shared_times.push(t);
        shared_rss = shared_rss.max(rss);
    }
    let base = report("CLI status, unshared board (baseline)", private_times, None);
    report("CLI status, shared board (<= 2x at p50)", shared_times, Some(base));
    let (t, sync_rss) = run(&dir.join("shared.bridgeboard"), &["sync"]);
    println!("CLI sync, shared board (loads the document)          {:>10.1} ms", t.as_secs_f64() * 1000.0);
    let mib = |kib: Option<i64>| kib.map_or_else(|| "n/a (no /usr/bin/time)".to_string(), |k| format!("{:.1} MiB", k as f64 / 1024.0));
    println!("peak memory: status unshared {}, status shared {}, sync shared {}", mib(private_rss), mib(shared_rss), mib(sync_rss));
    let _ = std::fs::remove_dir_all(&dir);
}

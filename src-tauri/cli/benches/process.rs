//! A short CLI edit as a whole process, on the benchmark board (2,000 initiatives, 20,000
//! tasks, 10,000 dependencies): `status TASK in_progress` on a shared board beside the same
//! command on an unshared copy (target: p50 within 2x, since a short edit only queues its
//! change and never loads the shared document), and the peak memory of each process, with
//! `sync` (which holds the whole document) beside them.
//!
//! `cargo bench -p bridgeboard-cli` prints the figures; under `cargo test --benches` it runs a
//! few rounds on a board 100 times smaller.

#[path = "../../core/benches/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use bridgeboard_core::sync::Folder;
use bridgeboard_core::{Actor, Store};
use common::{report, Scale};

/// Runs the CLI once; its wall time and peak resident memory (KiB).
fn run(db: &Path, args: &[&str]) -> (Duration, i64) {
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_bridgeboard-cli")).arg("--db").arg(db).args(args).spawn().unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value, and wait4 fills it for the child just spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert!(pid > 0 && status == 0, "bridgeboard-cli {args:?} succeeds");
    (started.elapsed(), usage.ru_maxrss)
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
    let (mut private_rss, mut shared_rss) = (0, 0);
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
    println!(
        "peak memory: status unshared {:.1} MiB, status shared {:.1} MiB, sync shared {:.1} MiB",
        private_rss as f64 / 1024.0,
        shared_rss as f64 / 1024.0,
        sync_rss as f64 / 1024.0
    );
    let _ = std::fs::remove_dir_all(&dir);
}

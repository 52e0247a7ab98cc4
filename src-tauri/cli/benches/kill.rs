//! kill -9 benchmark: 1,000 rounds of the CLI adding a task, exporting over its last export or
//! taking a backup, killed with SIGKILL at a random moment; after each the board is opened and
//! checked (see `tests/kill_loop/`). Prints the rounds, the edits acknowledged before their
//! kill, those lost (must be 0), integrity-check failures (0), torn exports and backups (0).
//!
//! `cargo bench -p bridgeboard-cli --bench kill` (about a minute); `cargo test --benches` runs
//! 8 rounds. `BRIDGEBOARD_KILL_SEED` replays a run, `BRIDGEBOARD_KILL_ROUNDS` sets the count.

#[cfg(unix)]
#[path = "../tests/kill_loop/mod.rs"]
mod kill_loop;

#[cfg(unix)]
fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let rounds = std::env::var("BRIDGEBOARD_KILL_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(if full { 1_000 } else { 8 });
    let (dir, db) = kill_loop::scratch("kill-bench");
    let (mut moments, seed) = kill_loop::Moments::seeded();
    let started = std::time::Instant::now();
    let tally = kill_loop::run(&dir, &db, rounds, &mut moments);
    let elapsed = started.elapsed();
    println!(
        "kill -9 loop (seed {seed}): {} rounds in {:.1} s, {} killed before they finished",
        tally.rounds,
        elapsed.as_secs_f64(),
        tally.killed
    );
    println!("  acknowledged edits: {}", tally.acknowledged);
    println!("  lost: {} (target 0)", tally.lost.len());
    println!("  integrity-check failures: {} (target 0)", tally.integrity_failures.len());
    println!("  torn exports: {}, torn backups: {} (target 0)", tally.torn_exports.len(), tally.torn_backups.len());
    println!("  temp files left by killed writes: {}", kill_loop::leftovers(&dir).len());
    let _ = std::fs::remove_dir_all(&dir);
    let bad = tally.lost.len() + tally.integrity_failures.len() + tally.torn_exports.len() + tally.torn_backups.len();
    assert_eq!(bad, 0, "nothing acknowledged is lost and nothing is torn: {tally:?}");
}

#[cfg(not(unix))]
fn main() {
    println!("the kill -9 benchmark needs SIGKILL (Unix); skipped");
}

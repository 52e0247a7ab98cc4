//! The long fuzz run: every reader of outside bytes (see `tests/fuzz/mod.rs`) gets
//! `BRIDGEBOARD_FUZZ_CASES` cases (2,000 each by default under `cargo bench`), and the run
//! prints, per reader, the cases tried, how many were read and how many refused, cases per
//! second, and the panics and broken contracts (0: the first one stops the run with the
//! smallest input that shows it). `cargo test --benches` tries 4 cases per reader.
//!
//! `cargo bench -p bridgeboard-core --bench fuzz` (a few minutes);
//! `BRIDGEBOARD_FUZZ_CASES=20000 cargo bench -p bridgeboard-core --bench fuzz` for a night.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/fuzz/mod.rs"]
mod fuzz;

use std::time::Instant;

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let cases = fuzz::cases(if full { 2_000 } else { 4 });
    let only = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let mut failures = Vec::new();
    let (mut total, started) = (0u32, Instant::now());
    println!("{:<44} {:>7} {:>7} {:>7} {:>9} {:>7}", "reader", "cases", "read", "refused", "cases/s", "panics");
    for reader in fuzz::READERS.iter().filter(|r| only.as_ref().is_none_or(|o| r.name.contains(o.as_str()))) {
        let at = Instant::now();
        match (reader.run)(cases) {
            Ok(t) => {
                total += t.cases;
                let rate = t.cases as f64 / at.elapsed().as_secs_f64();
                println!("{:<44} {:>7} {:>7} {:>7} {:>9.0} {:>7}", reader.name, t.cases, t.accepted, t.refused, rate, 0);
            }
            Err(failure) => {
                println!("{:<44} FAILED", reader.name);
                failures.push(format!("{}: {failure}", reader.name));
            }
        }
    }
    let rate = total as f64 / started.elapsed().as_secs_f64();
    println!("all readers: {total} cases, {rate:.0} cases/s, {} failures (target 0)", failures.len());
    assert!(failures.is_empty(), "every reader keeps its contract:\n{}", failures.join("\n"));
}

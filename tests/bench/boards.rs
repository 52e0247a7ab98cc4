//! The boards the interaction and render benchmarks open: the core benchmarks' own generator
//! (`src-tauri/core/benches/common`), so "the benchmark board" is the same board everywhere.

use std::path::Path;
use std::time::Instant;

#[path = "../../src-tauri/core/benches/common/mod.rs"]
mod common;

use common::Scale;

/// The benchmark board (2,000 initiatives, 20,000 tasks, 10,000 dependencies) at `path`.
pub fn benchmark(path: &Path) {
    generate(path, Scale { initiatives: 2_000, tasks_per_initiative: 10, dependencies: 10_000 })
}

/// A board of `cards` initiatives, each like the benchmark board's, with fewer tasks (3 each)
/// and dependencies, so that only the number of cards differs between two such boards.
pub fn cards(path: &Path, cards: usize) {
    generate(path, Scale { initiatives: cards, tasks_per_initiative: 3, dependencies: cards })
}

fn generate(path: &Path, scale: Scale) {
    let started = Instant::now();
    common::generate(path, &scale);
    println!("  (written in {:.1} s)", started.elapsed().as_secs_f64());
}

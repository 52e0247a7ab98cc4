//! Speed of the exports on a generated board of 2,000 initiatives, 20,000 tasks and 10,000
//! dependencies in a file on disk with the real pragmas. Each "whole" figure is the export as a
//! host runs it (`export::render`: read the board from SQLite, build the roadmap, render the
//! bytes), beside the bare read it starts from (`Store::snapshot` for the roadmap formats,
//! `Store::bundle` for JSON: the baselines); "rendering from memory" is the format's own share.
//! Writing the file is left out: that is the disk, not the export.
//!
//! Targets from the issue: CSV and JSON ≤ 100 ms; XLSX, SVG and HTML ≤ 1 s; PNG and PDF ≤ 2 s.
//! `cargo bench -p bridgeboard-core --bench export` prints p50 and p99; under
//! `cargo test --benches` it runs once on a board 100 times smaller, so the code is exercised
//! without taking minutes.

use std::path::PathBuf;

use bridgeboard_core::export::{self, Format, Options, Roadmap};
use chrono::NaiveDate;

mod common;

use common::{report, sample, Scale};

fn main() {
    let (scale, full) = Scale::from_args();
    let dir: PathBuf = std::env::temp_dir().join(format!("bridgeboard-export-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = common::generate(&dir.join("board.bridgeboard"), &scale).store;
    let options = Options::new(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());

    let n = if full { 50 } else { 3 };
    let base = report("read the board (Store::snapshot, baseline)", sample(n, || store.snapshot().unwrap()), None);
    let snapshot = store.snapshot().unwrap();
    report("  build the roadmap (Roadmap::build)", sample(n, || Roadmap::build(&snapshot, &options.filter, options.today)), None);
    let bundle_base = report("read every row (Store::bundle, baseline)", sample(n, || store.bundle().unwrap()), None);
    let roadmap = Roadmap::build(&snapshot, &options.filter, options.today);
    let bundle = store.bundle().unwrap();
    println!("  ({} activity rows in the bundle)", bundle.activity.len());

    let formats = [
        (Format::Csv, n, base),
        (Format::Json, n, bundle_base),
        (Format::Xlsx, n.min(20), base),
        (Format::Svg, n.min(20), base),
        (Format::Html, n.min(20), base),
        (Format::Png, n.min(10), base),
        (Format::Pdf, n.min(10), base),
    ];
    for (format, samples, baseline) in formats {
        let size = export::render(format, &store, &options).unwrap().len();
        let times = sample(samples, || export::render(format, &store, &options).unwrap());
        report(&format!("export {format}, whole ({:.1} MiB)", size as f64 / (1024.0 * 1024.0)), times, Some(baseline));
        let times = sample(samples, || match format {
            Format::Json => export::json::render(&bundle).unwrap(),
            _ => export::render_roadmap(format, &roadmap, &options).unwrap(),
        });
        report(&format!("  of which rendering {format} from memory"), times, None);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

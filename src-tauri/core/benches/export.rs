//! Speed of the exports on a generated board of 2,000 initiatives, 20,000 tasks and 10,000
//! dependencies in a file on disk with the real pragmas. Each "whole" figure is the export as a
//! host runs it (`export::render_to`: read the board from SQLite, build the roadmap, render the
//! bytes into the 64 KiB buffer that `export::save` puts in front of the file), beside the bare
//! read it starts from (`Store::snapshot` for the roadmap formats, `Store::read_bundle` for JSON:
//! the baselines); "rendering from memory" is the format's own share. Writing the file is left
//! out of the "whole" figures, since that is the disk, not the export; one line shows the JSON
//! export saved to a file, fsync included, for scale.
//!
//! Targets from the issue: CSV and JSON ≤ 100 ms; XLSX, SVG and HTML ≤ 1 s; PNG and PDF ≤ 2 s.
//! `cargo bench -p bridgeboard-core --bench export` prints p50 and p99; under
//! `cargo test --benches` it runs once on a board 100 times smaller, so the code is exercised
//! without taking minutes. `cargo bench -p bridgeboard-core --bench export -- json` times only
//! the formats named after `--`.

use std::io::{sink, BufWriter};
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
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let wanted = |format: Format| only.is_empty() || only.contains(&format.to_string());

    // Enough samples that p99 is not simply the slowest run (the slower formats take fewer).
    let n = if full { 200 } else { 3 };
    let base = report("read the board (Store::snapshot, baseline)", sample(n, || store.snapshot().unwrap()), None);
    let snapshot = store.snapshot().unwrap();
    report("  build the roadmap (Roadmap::build)", sample(n, || Roadmap::build(&snapshot, &options.filter, options.today)), None);
    let roadmap = Roadmap::build(&snapshot, &options.filter, options.today);

    let formats = [
        (Format::Csv, n),
        (Format::Xlsx, n.min(20)),
        (Format::Svg, n.min(20)),
        (Format::Html, n.min(20)),
        (Format::Png, n.min(10)),
        (Format::Pdf, n.min(10)),
    ];
    for (format, samples) in formats.into_iter().filter(|(format, _)| wanted(*format)) {
        let size = export::render(format, &store, &options).unwrap().len();
        let times =
            sample(samples, || export::render_to(format, &store, &options, &mut BufWriter::with_capacity(64 * 1024, sink())).unwrap());
        report(&format!("export {format}, whole ({:.1} MiB)", mib(size)), times, Some(base));
        let times = sample(samples, || export::render_roadmap(format, &roadmap, &options).unwrap());
        report(&format!("  of which rendering {format} from memory"), times, None);
    }

    if wanted(Format::Json) {
        let read = sample(n, || {
            store
                .read_bundle(|part| {
                    std::hint::black_box(part);
                    Ok(())
                })
                .unwrap()
        });
        let base = report("read every row (Store::read_bundle, baseline)", read, None);
        println!("  ({} activity rows among them)", store.bundle().unwrap().activity.len());
        let size = export::render(Format::Json, &store, &options).unwrap().len();
        let times =
            sample(n, || export::render_to(Format::Json, &store, &options, &mut BufWriter::with_capacity(64 * 1024, sink())).unwrap());
        report(&format!("export json, whole ({:.1} MiB)", mib(size)), times, Some(base));
        let out = dir.join("board.json");
        let times = sample(n.min(20), || export::save(&out, Format::Json, &store, &options).unwrap());
        report("  saved to a file, fsync included", times, None);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

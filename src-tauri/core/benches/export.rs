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

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bridgeboard_core::export::{self, Format, Options, Roadmap};
use bridgeboard_core::*;
use chrono::{NaiveDate, Utc};

struct Scale {
    initiatives: usize,
    tasks_per_initiative: usize,
    dependencies: usize,
    samples: usize,
}

fn stats(name: &str, mut times: Vec<Duration>, baseline: Option<f64>) -> f64 {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p50 = ms(times[times.len() / 2]);
    let p99 = ms(times[(times.len() * 99 / 100).min(times.len() - 1)]);
    let base = baseline.map_or(String::new(), |b| format!("   (baseline p50 {b:.3} ms; ratio {:.2}x)", p50 / b));
    println!("{name:<40} n={:<4} p50 {p50:>9.3} ms   p99 {p99:>9.3} ms{base}", times.len());
    p50
}

fn sample(n: usize, mut run: impl FnMut()) -> Vec<Duration> {
    (0..n)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect()
}

/// The same board as `benches/board.rs` builds, through the write funnel.
fn generate(path: &Path, scale: &Scale) -> Store {
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
                    kind: if k == scale.tasks_per_initiative - 1 { TaskKind::Milestone } else { TaskKind::Task },
                    start: Some(first + chrono::Duration::days(k as i64 * 7)),
                    due: Some(first + chrono::Duration::days(k as i64 * 7 + 6)),
                    ..NewTask::titled(id, if k % 2 == 0 { MARKETING } else { IT }, format!("Task {n}.{k}"))
                })
            })
            .collect();
        tasks.extend(store.apply_all(&actor, now, ops).unwrap());
    }
    // Forward edges only, so the graph stays acyclic.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    };
    let mut added = 0;
    for n in 0..scale.dependencies {
        let (list, window) = if n % 20 == 0 { (&initiatives, 20) } else { (&tasks, 40) };
        let window = window.min(list.len() / 2);
        let from = next(list.len() - window);
        let to = from + 1 + next(window - 1);
        let op = Op::AddDependency(NewDependency { from_id: list[from], to_id: list[to], kind: DependencyKind::FinishToStart, lag_days: 0 });
        // Some random pairs repeat or link a task to its own initiative; those are refused.
        added += store.apply(&actor, now, op).is_ok() as usize;
    }
    println!("generated {} initiatives, {} tasks, {added} dependencies in {}", initiatives.len(), tasks.len(), path.display());
    store
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let scale = if full {
        Scale { initiatives: 2_000, tasks_per_initiative: 10, dependencies: 10_000, samples: 50 }
    } else {
        Scale { initiatives: 20, tasks_per_initiative: 10, dependencies: 100, samples: 3 }
    };
    let dir: PathBuf = std::env::temp_dir().join(format!("bridgeboard-export-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = generate(&dir.join("board.bridgeboard"), &scale);
    let options = Options::new(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap());

    let n = scale.samples;
    let base = stats("read the board (Store::snapshot, baseline)", sample(n, || {
        std::hint::black_box(store.snapshot().unwrap());
    }), None);
    let snapshot = store.snapshot().unwrap();
    stats("  build the roadmap (Roadmap::build)", sample(n, || {
        std::hint::black_box(Roadmap::build(&snapshot, &options.filter, options.today));
    }), None);
    let bundle_base = stats("read every row (Store::bundle, baseline)", sample(n, || {
        std::hint::black_box(store.bundle().unwrap());
    }), None);
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
        let times = sample(samples, || {
            std::hint::black_box(export::render(format, &store, &options).unwrap());
        });
        stats(&format!("export {format}, whole ({:.1} MiB)", size as f64 / (1024.0 * 1024.0)), times, Some(baseline));
        let times = sample(samples, || match format {
            Format::Json => {
                std::hint::black_box(export::json::render(&bundle).unwrap());
            }
            _ => {
                std::hint::black_box(export::render_roadmap(format, &roadmap, &options).unwrap());
            }
        });
        stats(&format!("  of which rendering {format} from memory"), times, None);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

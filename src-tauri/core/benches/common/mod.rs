//! Shared by the benchmarks: the generated board on disk (through the write funnel, with the real
//! pragmas), timing, and the p50/p99 report. Each bench is a plain binary (`harness = false`):
//! the full size under `cargo bench`, a board 100 times smaller under `cargo test --benches`.

#![allow(dead_code)]

use std::path::Path;
use std::time::{Duration, Instant};

use bridgeboard_core::*;
use chrono::{NaiveDate, Utc};

/// The benchmark board's size: 2,000 initiatives, 20,000 tasks and 10,000 dependencies in full.
pub struct Scale {
    pub initiatives: usize,
    pub tasks_per_initiative: usize,
    pub dependencies: usize,
}

impl Scale {
    /// The full board under `cargo bench`, a tiny one under `cargo test --benches`.
    pub fn from_args() -> (Scale, bool) {
        let full = std::env::args().any(|a| a == "--bench");
        let scale = if full {
            Scale { initiatives: 2_000, tasks_per_initiative: 10, dependencies: 10_000 }
        } else {
            Scale { initiatives: 20, tasks_per_initiative: 10, dependencies: 100 }
        };
        (scale, full)
    }
}

pub struct Generated {
    pub store: Store,
    pub initiatives: Vec<Id>,
    pub tasks: Vec<Id>,
}

/// Builds the benchmark board in a new file at `path`. Dates spread over a year, statuses and
/// departments alternate, each initiative ends with a milestone, and dependencies point forward
/// only (mostly task → a later task nearby, some initiative → a later initiative), so the graph
/// stays acyclic.
pub fn generate(path: &Path, scale: &Scale) -> Generated {
    let _ = std::fs::remove_file(path);
    let mut store = Store::open(path, None).unwrap();
    let actor = Actor { id: None, name: "bench".into() };
    let now = Utc::now();
    let person = |name: &str, department_id| {
        Op::CreatePerson(NewPerson { name: name.into(), email: String::new(), title: String::new(), department_id })
    };
    let ids = store.apply_all(&actor, now, vec![person("Dana", MARKETING), person("Tom", IT)]).unwrap();
    let (dana, tom) = (ids[0], ids[1]);
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut initiatives = Vec::new();
    let mut tasks = Vec::new();
    for n in 0..scale.initiatives {
        let first = start + chrono::Duration::days((n % 300) as i64);
        let id = store
            .apply(
                &actor,
                now,
                Op::CreateInitiative(NewInitiative {
                    status: InitiativeStatus::ALL[n % 4],
                    marketing_owner_id: Some(dana),
                    it_owner_id: Some(tom),
                    start: Some(first),
                    target: Some(first + chrono::Duration::days(90)),
                    tags: vec![format!("tag{}", n % 17)],
                    ..NewInitiative::titled(format!("Initiative {n}"))
                }),
            )
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
    let mut random = Random::new();
    let mut added = 0;
    for n in 0..scale.dependencies {
        let (list, window) = if n % 20 == 0 { (&initiatives, 20) } else { (&tasks, 40) };
        let window = window.min(list.len() / 2);
        let (from, to) = random.forward_pair(list.len(), window);
        let op =
            Op::AddDependency(NewDependency { from_id: list[from], to_id: list[to], kind: DependencyKind::FinishToStart, lag_days: 0 });
        // Some random pairs repeat or link a task to its own initiative; those are refused.
        added += store.apply(&actor, now, op).is_ok() as usize;
    }
    println!("generated {} initiatives, {} tasks, {added} dependencies in {}", initiatives.len(), tasks.len(), path.display());
    Generated { store, initiatives, tasks }
}

/// A repeatable pseudo-random stream (xorshift), so that every run builds the same board.
pub struct Random(u64);

impl Random {
    pub fn new() -> Random {
        Random(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `bound`.
    pub fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }

    /// Two positions in a list of `len`, the second after the first and at most `window`
    /// past it: a dependency that points forward, so the graph stays acyclic.
    pub fn forward_pair(&mut self, len: usize, window: usize) -> (usize, usize) {
        let from = self.below(len - window);
        (from, from + 1 + self.below(window - 1))
    }
}

/// Times `run` `n` times.
pub fn sample<T>(n: usize, mut run: impl FnMut() -> T) -> Vec<Duration> {
    (0..n)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(run());
            started.elapsed()
        })
        .collect()
}

/// The middle and the 99th percentile of a set of timings (nearest rank), in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct Percentiles {
    pub p50: f64,
    pub p99: f64,
}

/// Prints one line: `name`, the sample count, p50 and p99, and the ratio to `baseline`.
pub fn report(name: &str, mut times: Vec<Duration>, baseline: Option<Percentiles>) -> Percentiles {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    // Nearest rank, as the interaction benchmark reports them: under 100 samples p99 is the
    // slowest one.
    let rank = |q: usize| times[(times.len() * q).div_ceil(100).clamp(1, times.len()) - 1];
    let p = Percentiles { p50: ms(rank(50)), p99: ms(rank(99)) };
    let base = baseline.map_or(String::new(), |b| {
        format!("   (baseline p50 {:.3} ms, p99 {:.3} ms; ratio p50 {:.2}x, p99 {:.2}x)", b.p50, b.p99, p.p50 / b.p50, p.p99 / b.p99)
    });
    println!("{name:<52} n={:<5} p50 {:>8.3} ms   p99 {:>8.3} ms{base}", times.len(), p.p50, p.p99);
    p
}

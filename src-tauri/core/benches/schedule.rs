//! Speed of schedule analysis, on boards built in memory (analysis never touches SQLite):
//! - `schedule::analyze` (graph, critical path, violated dependencies) on the benchmark board of
//!   2,000 initiatives, 20,000 tasks and 10,000 dependencies (target ≤ 20 ms), and one
//!   "what slips if this slips" on it;
//! - `schedule::analyze` on boards of 100,000, 200,000 and 400,000 items with as many
//!   dependencies, to show the time growing linearly (target ≤ 100 ms at 100,000).
//!
//! `cargo bench -p bridgeboard-core --bench schedule` prints p50/p99. Under `cargo test --benches`
//! it runs once on boards 100 times smaller, so the code is exercised without taking minutes.

use bridgeboard_core::schedule;
use bridgeboard_core::*;
use chrono::{NaiveDate, TimeZone, Utc};

mod common;

use common::{report, sample, Random};

#[derive(Clone, Copy, PartialEq)]
enum Plan {
    /// Dependencies between random nearby items, as `benches/board.rs` draws them: about half
    /// of them are broken by the dates, so the analysis also writes tens of thousands of
    /// violation messages. The worst case.
    Random,
    /// Dependencies whose dates hold, as on a board people keep up to date.
    Kept,
}

/// The same shape as `benches/board.rs`: initiatives spread over 300 days, each 90 days long
/// with weekly tasks (the last a milestone); dependencies only point forward (mostly task → a
/// task up to 40 later, every twentieth initiative → an initiative up to 20 later), so the board
/// is acyclic.
fn board(initiatives: usize, tasks_per_initiative: usize, dependencies: usize, plan: Plan) -> Snapshot {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let first_day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let days = |n: usize| chrono::Duration::days(n as i64);
    let mut id = 0u128;
    let mut next_id = || {
        id += 1;
        Id::from_u128(id)
    };
    let mut snapshot = Snapshot {
        info: BoardInfo { id: next_id(), name: "Bench".into(), sample: false },
        departments: Vec::new(),
        people: Vec::new(),
        initiatives: Vec::new(),
        tasks: Vec::new(),
        dependencies: Vec::new(),
        ..Snapshot::default()
    };
    for n in 0..initiatives {
        let start = first_day + days(n % 300);
        let initiative = next_id();
        snapshot.initiatives.push(Initiative {
            id: initiative,
            title: format!("Initiative {n}"),
            summary: String::new(),
            status: InitiativeStatus::ALL[n % 4],
            priority: Priority::Medium,
            start: Some(start),
            target: Some(start + days(90)),
            marketing_owner_id: None,
            it_owner_id: None,
            sponsor_id: None,
            tags: Vec::new(),
            block_reason: None,
            created_at: at,
            updated_at: at,
            accountable_id: None,
            went_live_on: None,
            review_on: None,
        });
        for k in 0..tasks_per_initiative {
            snapshot.tasks.push(Task {
                id: next_id(),
                initiative_id: initiative,
                title: format!("Task {n}.{k}"),
                notes: String::new(),
                department_id: if k % 2 == 0 { MARKETING } else { IT },
                assignee_id: None,
                status: TaskStatus::ALL[k % 3],
                start: Some(start + days(k * 7)),
                due: Some(start + days(k * 7 + 6)),
                kind: if k + 1 == tasks_per_initiative { TaskKind::Milestone } else { TaskKind::Task },
                position: k as f64,
                block_reason: None,
                created_at: at,
                updated_at: at,
                accountable_id: None,
                go_live: false,
                cadence: None,
            });
        }
    }
    let mut random = Random::new();
    let span = |snapshot: &Snapshot, kind: ItemKind, i: usize| match kind {
        ItemKind::Initiative => (snapshot.initiatives[i].start.unwrap(), snapshot.initiatives[i].target.unwrap()),
        _ => (snapshot.tasks[i].start.unwrap(), snapshot.tasks[i].due.unwrap()),
    };
    for n in 0..dependencies {
        let (kind, window) = if n % 20 == 0 { (ItemKind::Initiative, 20) } else { (ItemKind::Task, 40) };
        let len = if kind == ItemKind::Initiative { snapshot.initiatives.len() } else { snapshot.tasks.len() };
        let window = window.min(len / 2).max(2);
        let lag_days = (n % 3) as i32;
        // A kept plan: a few tries for a successor that starts after the predecessor's finish
        // plus lag; an edge that finds none is left out rather than drawn broken.
        let tries = if plan == Plan::Kept { 16 } else { 1 };
        let found = (0..tries).map(|_| random.forward_pair(len, window)).find(|&(from, to)| {
            plan == Plan::Random || span(&snapshot, kind, to).0 >= span(&snapshot, kind, from).1 + chrono::Duration::days(lag_days.into())
        });
        let Some((from, to)) = found else { continue };
        let pick = |i: usize| if kind == ItemKind::Initiative { snapshot.initiatives[i].id } else { snapshot.tasks[i].id };
        let (from_id, to_id) = (pick(from), pick(to));
        snapshot.dependencies.push(Dependency {
            id: next_id(),
            from_id,
            from_kind: kind,
            to_id,
            to_kind: kind,
            kind: DependencyKind::FinishToStart,
            lag_days,
        });
    }
    snapshot
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let scale = if full { 1 } else { 100 };
    let samples = |n: usize| if full { n } else { 1 };

    let snapshot = board(2_000 / scale, 10, 10_000 / scale, Plan::Random);
    let analysis = schedule::analyze(&snapshot);
    println!(
        "board: {} initiatives, {} tasks, {} dependencies → {} items, {} violated, {} critical, {} critical paths",
        snapshot.initiatives.len(),
        snapshot.tasks.len(),
        snapshot.dependencies.len(),
        analysis.items.len(),
        analysis.violations.len(),
        analysis.items.iter().filter(|i| i.critical).count(),
        analysis.critical_paths.len()
    );
    report("analyze the board (critical path + violations)", sample(samples(500), || schedule::analyze(&snapshot)), None);
    let first_task = snapshot.tasks[0].id;
    report("what slips if the first task slips 5 days", sample(samples(500), || schedule::slip(&snapshot, first_task, 5).unwrap()), None);

    for plan in [Plan::Kept, Plan::Random] {
        let mut per_item = Vec::new();
        for items in [100_000, 200_000, 400_000] {
            let items = items / scale;
            let big = board(items / 10, 9, items, plan);
            let violated = schedule::analyze(&big).violations.len();
            let p50 = report(
                &format!(
                    "analyze {}k items, {}k deps, {}k violated",
                    (big.initiatives.len() + big.tasks.len()) / 1000,
                    big.dependencies.len() / 1000,
                    violated / 1000
                ),
                sample(samples(if items > 200_000 { 15 } else { 30 }), || schedule::analyze(&big)),
                None,
            )
            .p50;
            per_item.push(format!("{:.0} ns", p50 * 1e6 / items as f64));
        }
        let name = if plan == Plan::Kept { "dependencies kept" } else { "random dependencies" };
        println!("  {name}: p50 per item at 100k / 200k / 400k items: {}", per_item.join(" / "));
    }
}

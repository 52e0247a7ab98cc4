//! Convergence: 2–7 desktops from one genesis, random edits of every kind, and a flaky folder
//! between them. Each desktop syncs with its own mirror of the shared folder; a fake sync agent
//! copies files between mirrors late, out of order, as conflict copies, torn and completed
//! later. Desktops restart (dropping the document from memory) between steps. After full
//! delivery every desktop holds the same board, the same conflicts, syncing again changes
//! nothing, and a desktop that joins from scratch projects the very same board.
//!
//! `BRIDGEBOARD_SYNC_CASES` sets the number of cases (the long run; CI runs the default).

mod common;

use std::path::{Path, PathBuf};

use bridgeboard_core::domain::governance::{gate_id, GateState, RaciRole};
use bridgeboard_core::sync::Folder;
use bridgeboard_core::*;
use common::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Edit {
    Title(usize, u8),
    Priority(usize, u8),
    Target(usize, u8),
    Tag(usize, u8, bool),
    TaskStatus(usize, u8),
    TaskDue(usize, u8),
    NewTask(usize, u8),
    Depend(usize, usize),
    Undepend(usize, usize),
    DeleteTask(usize),
    RestoreTask(usize),
    Comment(usize, u8),
    Reorder(usize, bool),
    /// Governance: name an Accountable, give or take back a role, add or remove a gate, decide
    /// a gate as its approver, mark a go-live milestone.
    Accountable(usize, usize),
    Role(usize, usize, bool, bool),
    Gate(usize, usize, bool),
    Decide(usize, usize, u8),
    GoLive(usize),
    /// Results: a KPI on an initiative, a reading of one.
    Kpi(usize, u8),
    Reading(usize, u8),
    /// Templates: a new initiative from a built-in one; an initiative saved as one.
    FromTemplate(usize, u8),
    SaveTemplate(usize, u8),
    /// The schedule saved as a baseline.
    SaveBaseline(u8),
    /// An import records where an item came from (two desktops importing the same export).
    ImportSource(usize, u8),
}

#[derive(Debug, Clone, Copy)]
enum Copy {
    Whole,
    Conflicted,
    Torn,
}

#[derive(Debug, Clone)]
enum Step {
    Edit(usize, Edit),
    Sync(usize),
    Deliver(usize, usize, Copy),
    Restart(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0..8usize;
    prop_oneof![
        (i.clone(), any::<u8>()).prop_map(|(a, b)| Edit::Title(a, b)),
        (i.clone(), any::<u8>()).prop_map(|(a, b)| Edit::Priority(a, b)),
        (i.clone(), any::<u8>()).prop_map(|(a, b)| Edit::Target(a, b)),
        (i.clone(), 0..4u8, any::<bool>()).prop_map(|(a, b, c)| Edit::Tag(a, b, c)),
        (i.clone(), any::<u8>()).prop_map(|(a, b)| Edit::TaskStatus(a, b)),
        (i.clone(), any::<u8>()).prop_map(|(a, b)| Edit::TaskDue(a, b)),
        (i.clone(), any::<u8>()).prop_map(|(a, b)| Edit::NewTask(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Edit::Depend(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Edit::Undepend(a, b)),
        i.clone().prop_map(Edit::DeleteTask),
        i.clone().prop_map(Edit::RestoreTask),
        (i.clone(), any::<u8>()).prop_map(|(a, b)| Edit::Comment(a, b)),
        (i.clone(), any::<bool>()).prop_map(|(a, b)| Edit::Reorder(a, b)),
        (i.clone(), 0..2usize).prop_map(|(a, b)| Edit::Accountable(a, b)),
        (i.clone(), 0..2usize, any::<bool>(), any::<bool>()).prop_map(|(a, b, c, d)| Edit::Role(a, b, c, d)),
        (i.clone(), 0..3usize, any::<bool>()).prop_map(|(a, b, c)| Edit::Gate(a, b, c)),
        (i.clone(), 0..3usize, any::<u8>()).prop_map(|(a, b, c)| Edit::Decide(a, b, c)),
        i.clone().prop_map(Edit::GoLive),
        (i.clone(), any::<u8>()).prop_map(|(a, b)| Edit::Kpi(a, b)),
        (i.clone(), any::<u8>()).prop_map(|(a, b)| Edit::Reading(a, b)),
        (0..8usize, any::<u8>()).prop_map(|(a, b)| Edit::FromTemplate(a, b)),
        (i, any::<u8>()).prop_map(|(a, b)| Edit::SaveTemplate(a, b)),
        any::<u8>().prop_map(Edit::SaveBaseline),
        (0..8usize, 0..3u8).prop_map(|(a, b)| Edit::ImportSource(a, b)),
    ]
}

fn steps(desks: usize) -> impl Strategy<Value = Vec<Step>> {
    let d = 0..desks;
    let copy = prop_oneof![Just(Copy::Whole), Just(Copy::Whole), Just(Copy::Conflicted), Just(Copy::Torn)];
    let step = prop_oneof![
        5 => (d.clone(), edit()).prop_map(|(n, e)| Step::Edit(n, e)),
        2 => d.clone().prop_map(Step::Sync),
        2 => (d.clone(), d.clone(), copy).prop_map(|(a, b, c)| Step::Deliver(a, b, c)),
        1 => d.prop_map(Step::Restart),
    ];
    proptest::collection::vec(step, 10..40)
}

struct Desk {
    store: Store,
    path: PathBuf,
    /// This desktop's mirror of the board's folder.
    mirror: PathBuf,
}

impl Desk {
    fn sync(&mut self) {
        let report = self.store.sync(&Folder::at(&self.mirror), &me(), now()).expect("a sync never fails on a reachable folder");
        assert!(report.offline.is_none(), "the mirror is always reachable: {report:?}");
    }

    fn items(&self) -> (Vec<Id>, Vec<Id>) {
        let listing = self.store.listing(today()).unwrap();
        let initiatives = listing.initiatives.iter().map(|i| i.id).collect();
        let tasks = listing.initiatives.iter().flat_map(|i| i.tasks.iter().map(|t| t.id)).collect();
        (initiatives, tasks)
    }

    fn deleted_tasks(&self) -> Vec<Id> {
        self.store.bundle().unwrap().tasks.into_iter().filter(|t| t.deleted_at.is_some()).map(|t| t.task.id).collect()
    }

    /// Applies one edit; a refusal by the board's rules is a fine outcome.
    fn apply(&mut self, edit: &Edit) {
        let (initiatives, tasks) = self.items();
        let people: Vec<Id> = self.store.board(today()).unwrap().people.iter().map(|p| p.id).collect();
        let gate_types: Vec<Id> = self.store.gate_types().unwrap().iter().map(|t| t.id).collect();
        let pick = |list: &[Id], n: usize| (!list.is_empty()).then(|| list[n % list.len()]);
        let all: Vec<Id> = initiatives.iter().chain(tasks.iter()).copied().collect();
        let op = match *edit {
            Edit::Title(n, v) => pick(&initiatives, n)
                .map(|id| Op::UpdateInitiative { id, changes: vec![InitiativeChange::Title(format!("Initiative {v}"))] }),
            Edit::Priority(n, v) => pick(&initiatives, n).map(|id| {
                let p = [Priority::Low, Priority::Medium, Priority::High, Priority::Critical][v as usize % 4];
                Op::UpdateInitiative { id, changes: vec![InitiativeChange::Priority(p)] }
            }),
            Edit::Target(n, v) => pick(&initiatives, n).map(|id| Op::UpdateInitiative {
                id,
                changes: vec![InitiativeChange::Target(Some(day("2027-01-01") + chrono::Days::new(v as u64)))],
            }),
            Edit::Tag(n, t, add) => pick(&initiatives, n).map(|id| {
                let mut tags = self.store.initiative_detail(id, today()).unwrap().initiative.tags;
                let tag = format!("tag{t}");
                tags.retain(|x| *x != tag);
                if add {
                    tags.push(tag);
                }
                Op::UpdateInitiative { id, changes: vec![InitiativeChange::Tags(tags)] }
            }),
            Edit::TaskStatus(n, v) => pick(&tasks, n).map(|id| {
                let s = [TaskStatus::Todo, TaskStatus::InProgress, TaskStatus::Done, TaskStatus::Cancelled][v as usize % 4];
                Op::UpdateTask { id, changes: vec![TaskChange::Status(s)] }
            }),
            Edit::TaskDue(n, v) => pick(&tasks, n)
                .map(|id| Op::UpdateTask { id, changes: vec![TaskChange::Due(Some(day("2027-02-01") + chrono::Days::new(v as u64)))] }),
            Edit::NewTask(n, v) => pick(&initiatives, n).map(|id| Op::CreateTask(NewTask::titled(id, IT, format!("Task {v}")))),
            Edit::Depend(a, b) => pick(&all, a).zip(pick(&all, b)).map(|(from_id, to_id)| {
                Op::AddDependency(NewDependency { from_id, to_id, kind: DependencyKind::FinishToStart, lag_days: 0 })
            }),
            Edit::Undepend(a, b) => pick(&all, a)
                .zip(pick(&all, b))
                .map(|(from, to)| Op::RemoveDependency { id: bridgeboard_core::domain::graph::dependency_id(from, to) }),
            Edit::DeleteTask(n) => pick(&tasks, n).map(|id| Op::Delete { id, reassign_to: None }),
            Edit::RestoreTask(n) => pick(&self.deleted_tasks(), n).map(|id| Op::Restore { id }),
            Edit::Comment(n, v) => pick(&all, n).map(|item_id| Op::AddComment { item_id, body: format!("Comment {v}") }),
            Edit::Reorder(n, up) => {
                if let Some(id) = pick(&tasks, n) {
                    let _ = self.store.move_task(&me(), now(), id, up);
                }
                None
            }
            Edit::Accountable(n, p) => pick(&all, n).zip(pick(&people, p)).map(|(item_id, person_id)| Op::SetRole {
                item_id,
                person_id,
                role: RaciRole::Accountable,
            }),
            Edit::Role(n, p, informed, give) => pick(&all, n).zip(pick(&people, p)).map(|(item_id, person_id)| {
                let role = if informed { RaciRole::Informed } else { RaciRole::Consulted };
                if give {
                    Op::SetRole { item_id, person_id, role }
                } else {
                    Op::RemoveRole { item_id, person_id, role }
                }
            }),
            Edit::Gate(n, k, add) => pick(&initiatives, n).map(|initiative_id| {
                let gate_type_id = gate_types[k % gate_types.len()];
                if add {
                    Op::AddGate(NewGate { initiative_id, gate_type_id, approver_id: Some(people[k % people.len()]) })
                } else {
                    Op::RemoveGate { id: gate_id(initiative_id, gate_type_id) }
                }
            }),
            Edit::Decide(n, k, v) => {
                if let Some(initiative) = pick(&initiatives, n) {
                    let id = gate_id(initiative, gate_types[k % gate_types.len()]);
                    let state = GateState::ALL[v as usize % GateState::ALL.len()];
                    let approver = Actor { id: Some(people[k % people.len()]), name: "Approver".into() };
                    let change = GateChange::State { state, reason: Some(format!("Reason {v}")) };
                    let _ = self.store.apply(&approver, now(), Op::UpdateGate { id, changes: vec![change] });
                }
                None
            }
            Edit::Kpi(n, v) => pick(&initiatives, n).map(|initiative_id| {
                Op::AddKpi(NewKpi {
                    initiative_id,
                    name: format!("KPI {v}"),
                    unit: "%".into(),
                    direction: Direction::Lower,
                    baseline: 20.0,
                    baseline_on: day("2027-01-01"),
                    target: 10.0,
                    target_on: day("2027-07-01"),
                })
            }),
            Edit::Reading(n, v) => {
                let kpis: Vec<Id> = self.store.snapshot().unwrap().kpis.iter().map(|k| k.kpi.id).collect();
                pick(&kpis, n).map(|kpi_id| {
                    Op::AddReading(NewReading {
                        kpi_id,
                        value: f64::from(v) / 10.0,
                        taken_on: day("2027-02-01") + chrono::Days::new(u64::from(v)),
                        note: String::new(),
                    })
                })
            }
            Edit::FromTemplate(n, v) => {
                let names: Vec<String> = bridgeboard_core::domain::templates::builtin().into_iter().map(|t| t.name).collect();
                Some(Op::CreateFromTemplate {
                    template: TemplateRef::Builtin(names[n % names.len()].clone()),
                    title: format!("From a template {v}"),
                    start: day("2027-01-04") + chrono::Days::new(u64::from(v)),
                })
            }
            Edit::SaveTemplate(n, v) => pick(&initiatives, n).map(|initiative_id| Op::SaveTemplate {
                initiative_id,
                name: format!("Template {v}"),
                description: String::new(),
            }),
            Edit::SaveBaseline(v) => Some(Op::SaveBaseline { name: format!("Baseline {v}") }),
            Edit::ImportSource(n, v) => pick(&all, n).map(|id| Op::SetImportSource {
                id,
                key: format!("jira::{}", 10_000 + n),
                values: format!(r#"{{"title":"Issue {v}"}}"#),
            }),
            Edit::GoLive(n) => pick(&tasks, n)
                .map(|id| Op::UpdateTask { id, changes: vec![TaskChange::Kind(TaskKind::Milestone), TaskChange::GoLive(true)] }),
        };
        if let Some(op) = op {
            let _ = self.store.apply(&me(), now(), op);
        }
    }
}

/// Every file under `root`, as paths relative to it.
fn files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The fake sync agent: copies what `from` has and `to` lacks (or holds torn).
fn deliver(from: &Path, to: &Path, how: Copy) {
    for rel in files(from) {
        let source = std::fs::read(from.join(&rel)).unwrap();
        let target = to.join(&rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        match how {
            // Completes a torn copy, and never sends a torn copy back over a whole one: a
            // real sync client finishes a download rather than uploading half of it.
            Copy::Whole => {
                if std::fs::metadata(&target).map_or(true, |m| (m.len() as usize) < source.len()) {
                    std::fs::write(&target, &source).unwrap();
                }
            }
            Copy::Conflicted => {
                let name = rel.file_name().unwrap().to_string_lossy().replace(".chg", " (1).chg");
                std::fs::write(target.with_file_name(name), &source).unwrap();
            }
            Copy::Torn => {
                if !target.exists() {
                    std::fs::write(&target, &source[..source.len() / 2]).unwrap();
                }
            }
        }
    }
}

fn dump(store: &Store) -> String {
    serde_json::to_string_pretty(&store.bundle().unwrap()).unwrap()
}

/// Where two dumps first differ, with a little context, for a readable failure.
fn first_difference(a: &str, b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    match la.iter().zip(&lb).position(|(x, y)| x != y) {
        Some(n) => format!("line {n}: {:?} vs {:?}\n{}", la[n], lb[n], la[n.saturating_sub(12)..n].join("\n")),
        None => format!("lengths {} vs {}", la.len(), lb.len()),
    }
}

fn conflicts(store: &Store) -> String {
    serde_json::to_string(&store.conflicts().unwrap()).unwrap()
}

fn run(case: usize, desks: usize, steps: &[Step]) -> std::result::Result<(), TestCaseError> {
    let dir = temp_dir(&format!("converge-{case}"));
    let mut board = Board::with(Store::open(&dir.join("d0.bridgeboard"), Some(&dir)).unwrap());
    for title in ["Portal", "Scheduling", "Reminders"] {
        let i = board.initiative(title);
        board.task(i, &format!("{title} build"));
        board.task(i, &format!("{title} launch"));
    }
    let id = board.store.info().unwrap().id.to_string();
    let mirrors: Vec<PathBuf> = (0..desks).map(|n| dir.join(format!("mirror{n}")).join(format!("Bridgeboard-{id}"))).collect();
    std::fs::create_dir_all(mirrors[0].parent().unwrap()).unwrap();
    board.store.share(&Folder::at(&mirrors[0]), "D0", &me(), now()).unwrap();
    let mut all = vec![Desk { store: board.store, path: dir.join("d0.bridgeboard"), mirror: mirrors[0].clone() }];
    for (n, mirror) in mirrors.iter().enumerate().skip(1) {
        deliver(&mirrors[0], mirror, Copy::Whole);
        let path = dir.join(format!("d{n}.bridgeboard"));
        let store = Store::join(&path, &Folder::at(mirror), &format!("D{n}"), &me(), now()).unwrap();
        all.push(Desk { store, path, mirror: mirror.clone() });
    }

    for step in steps {
        match step {
            Step::Edit(n, e) => all[*n].apply(e),
            Step::Sync(n) => all[*n].sync(),
            Step::Deliver(a, b, how) if a != b => deliver(&mirrors[*a], &mirrors[*b], *how),
            Step::Deliver(..) => {}
            Step::Restart(n) => {
                let desk = &mut all[*n];
                desk.store = Store::open(&desk.path, Some(&dir)).unwrap();
            }
        }
    }

    // Full delivery: every desktop publishes, every file reaches every mirror whole.
    for _ in 0..2 {
        for desk in all.iter_mut() {
            desk.sync();
        }
        for a in 0..desks {
            for b in 0..desks {
                if a != b {
                    deliver(&mirrors[a], &mirrors[b], Copy::Whole);
                }
            }
        }
    }
    for desk in all.iter_mut() {
        desk.sync();
    }
    let expected = dump(&all[0].store);
    for (n, desk) in all.iter().enumerate() {
        let got = dump(&desk.store);
        prop_assert!(got == expected, "desktop {} holds the same board as desktop 0: {}", n, first_difference(&got, &expected));
        prop_assert_eq!(conflicts(&desk.store), conflicts(&all[0].store), "desktop {} shows the same conflicts", n);
        prop_assert!(acyclic_by_petgraph(&desk.store), "desktop {}: no loop among the dependencies that count", n);
        let suspended = desk.store.sync_status().unwrap().suspended_dependencies;
        for s in &suspended {
            prop_assert!(s.closes.len() > 2 && s.closes.first() == s.closes.last(), "a suspended dependency really closes a loop: {:?}", s);
        }
    }
    for desk in all.iter_mut() {
        desk.sync();
    }
    prop_assert_eq!(dump(&all[0].store), expected.clone(), "syncing again changes nothing");
    let fresh = Store::join(&dir.join("fresh.bridgeboard"), &Folder::at(&mirrors[0]), "FRESH", &me(), now()).unwrap();
    let got = dump(&fresh);
    prop_assert!(
        got == expected,
        "a board projected from scratch equals the one projected change by change: {}",
        first_difference(&got, &expected)
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn cases() -> u32 {
    std::env::var("BRIDGEBOARD_SYNC_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn desktops_converge_whatever_the_folder_does((desks, steps) in (2..=7usize).prop_flat_map(|n| (Just(n), steps(n)))) {
        static CASE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let case = CASE.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        run(case, desks, &steps)?;
    }
}

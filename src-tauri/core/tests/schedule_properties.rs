//! Schedule analysis on random small boards against a brute-force oracle written here from the
//! rules alone, never from the code under test:
//! - earliest dates by relaxing every constraint over and over until nothing changes (a fixed
//!   point), latest dates the same way backwards from the project finish;
//! - a slip by re-running that oracle with the item's finish held N days later and diffing
//!   every finish;
//! - loops by asking, for each item, whether it can reach itself.

use std::collections::{BTreeSet, HashSet};

use bridgeboard_core::schedule::{self, ScheduleAnalysis};
use bridgeboard_core::*;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

fn date(offset: i64) -> NaiveDate {
    base() + Duration::days(offset)
}

fn offset(d: NaiveDate) -> i64 {
    (d - base()).num_days()
}

type Dates = (Option<i64>, Option<i64>);

#[derive(Debug, Clone)]
struct ItemSpec {
    dates: Dates,
    cancelled: bool,
    /// Orders items so that the generated graph is acyclic (see `acyclic_edges`).
    key: u32,
}

#[derive(Debug, Clone)]
struct Spec {
    initiatives: Vec<ItemSpec>,
    /// (which initiative, the task, milestone?)
    tasks: Vec<(usize, ItemSpec, bool)>,
    /// (predecessor, successor, lag) as indices into initiatives then tasks.
    edges: Vec<(usize, usize, i32)>,
}

fn dates() -> impl Strategy<Value = Dates> {
    prop_oneof![
        1 => Just((None, None)),
        1 => (0i64..30).prop_map(|s| (Some(s), None)),
        1 => (0i64..30).prop_map(|e| (None, Some(e))),
        5 => (0i64..30, 0i64..8).prop_map(|(s, len)| (Some(s), Some(s + len))),
    ]
}

fn item_spec() -> impl Strategy<Value = ItemSpec> {
    (dates(), prop::bool::weighted(0.1), 0u32..1000).prop_map(|(dates, cancelled, key)| ItemSpec { dates, cancelled, key })
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(item_spec(), 1..4),
        prop::collection::vec((0usize..4, item_spec(), prop::bool::weighted(0.2)), 0..10),
        prop::collection::vec((0usize..16, 0usize..16, -3i32..4), 0..18),
    )
        .prop_map(|(initiatives, tasks, edges)| {
            let tasks: Vec<_> = tasks.into_iter().map(|(i, t, m)| (i % initiatives.len(), t, m)).collect();
            let n = initiatives.len() + tasks.len();
            let edges = edges.into_iter().map(|(a, b, lag)| (a % n, b % n, lag)).collect();
            Spec { initiatives, tasks, edges }
        })
}

/// Keeps edges that go from a lower key to a higher one, where an initiative's key is above all
/// of its tasks' (the containment edge), and drops edges between a task and its own initiative
/// (the board refuses them). What is left cannot close a loop.
fn acyclic_edges(spec: &Spec) -> Vec<(usize, usize, i32)> {
    let ni = spec.initiatives.len();
    let mut key: Vec<u64> = spec.initiatives.iter().map(|i| i.key as u64).chain(spec.tasks.iter().map(|t| t.1.key as u64)).collect();
    for (t, (parent, _, _)) in spec.tasks.iter().enumerate() {
        key[*parent] = key[*parent].max(key[ni + t] + 1);
    }
    let parent = |v: usize| if v >= ni { Some(spec.tasks[v - ni].0) } else { None };
    let tie = |v: usize| (key[v], v);
    spec.edges.iter().copied().filter(|&(a, b, _)| tie(a) < tie(b) && parent(a) != Some(b) && parent(b) != Some(a)).collect()
}

/// The board as a snapshot, and the oracle's own reading of it.
struct Model {
    snapshot: Snapshot,
    ids: Vec<Id>,
    titles: Vec<String>,
    /// The planned span of each analysed item; `None` if undated or cancelled.
    span: Vec<Option<(i64, i64)>>,
    undated: Vec<bool>,
    fs: Vec<(usize, usize, i64, Id)>,
    contains: Vec<(usize, usize)>,
}

fn model(spec: &Spec, edges: &[(usize, usize, i32)]) -> Model {
    let ni = spec.initiatives.len();
    let n = ni + spec.tasks.len();
    let ids: Vec<Id> = (0..n).map(|v| Id::from_u128(v as u128 + 1)).collect();
    let titles: Vec<String> = (0..n).map(|v| if v < ni { format!("I{v}") } else { format!("T{}", v - ni) }).collect();
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let initiatives = spec
        .initiatives
        .iter()
        .enumerate()
        .map(|(v, i)| Initiative {
            id: ids[v],
            title: titles[v].clone(),
            summary: String::new(),
            status: if i.cancelled { InitiativeStatus::Cancelled } else { InitiativeStatus::Planned },
            priority: Priority::Medium,
            start: i.dates.0.map(date),
            target: i.dates.1.map(date),
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
        })
        .collect();
    let tasks = spec
        .tasks
        .iter()
        .enumerate()
        .map(|(t, (parent, s, milestone))| Task {
            id: ids[ni + t],
            initiative_id: ids[*parent],
            title: titles[ni + t].clone(),
            notes: String::new(),
            department_id: IT,
            assignee_id: None,
            status: if s.cancelled { TaskStatus::Cancelled } else { TaskStatus::Todo },
            start: s.dates.0.map(date),
            due: s.dates.1.map(date),
            kind: if *milestone { TaskKind::Milestone } else { TaskKind::Task },
            position: t as f64,
            block_reason: None,
            created_at: at,
            updated_at: at,
            accountable_id: None,
            go_live: false,
            cadence: None,
        })
        .collect();
    let dependencies: Vec<Dependency> = edges
        .iter()
        .enumerate()
        .map(|(k, &(a, b, lag))| Dependency {
            id: Id::from_u128(10_000 + k as u128),
            from_id: ids[a],
            from_kind: if a < ni { ItemKind::Initiative } else { ItemKind::Task },
            to_id: ids[b],
            to_kind: if b < ni { ItemKind::Initiative } else { ItemKind::Task },
            kind: DependencyKind::FinishToStart,
            lag_days: lag,
        })
        .collect();

    // The rules, read straight from the spec: a task is one day on its only date or on a
    // milestone's due date; an initiative covers its own dates and its live dated tasks.
    let gone = |v: usize| match v.checked_sub(ni) {
        None => spec.initiatives[v].cancelled,
        Some(t) => spec.tasks[t].1.cancelled || spec.initiatives[spec.tasks[t].0].cancelled,
    };
    let own = |(s, e): Dates| match (s, e) {
        (Some(s), Some(e)) => Some((s.min(e), s.max(e))),
        (Some(d), None) | (None, Some(d)) => Some((d, d)),
        (None, None) => None,
    };
    let mut span: Vec<Option<(i64, i64)>> = vec![None; n];
    for (t, (_, s, milestone)) in spec.tasks.iter().enumerate() {
        if !gone(ni + t) {
            span[ni + t] = match (milestone, s.dates.1) {
                (true, Some(due)) => Some((due, due)),
                _ => own(s.dates),
            };
        }
    }
    for v in (0..ni).filter(|&v| !gone(v)) {
        let mut s = own(spec.initiatives[v].dates);
        for (t, (parent, _, _)) in spec.tasks.iter().enumerate() {
            if let (true, Some((ts, tf))) = (*parent == v, span[ni + t]) {
                s = Some(s.map_or((ts, tf), |(a, b)| (a.min(ts), b.max(tf))));
            }
        }
        span[v] = s;
    }
    let undated = (0..n).map(|v| !gone(v) && span[v].is_none()).collect();
    let fs = dependencies
        .iter()
        .zip(edges)
        .filter(|(_, &(a, b, _))| span[a].is_some() && span[b].is_some())
        .map(|(d, &(a, b, lag))| (a, b, lag as i64, d.id))
        .collect();
    let contains = spec
        .tasks
        .iter()
        .enumerate()
        .filter(|(t, (p, _, _))| span[ni + t].is_some() && span[*p].is_some())
        .map(|(t, (p, _, _))| (ni + t, *p))
        .collect();
    let info = BoardInfo { id: Id::from_u128(0xb0a7d), name: "Random".into(), sample: false };
    let snapshot = Snapshot { info, departments: Vec::new(), people: Vec::new(), initiatives, tasks, dependencies, ..Snapshot::default() };
    Model { snapshot, ids, titles, span, undated, fs, contains }
}

struct Oracle {
    es: Vec<i64>,
    ef: Vec<i64>,
    ls: Vec<i64>,
    lf: Vec<i64>,
    end: Option<i64>,
}

impl Model {
    fn live(&self, v: usize, removed: &HashSet<usize>) -> bool {
        self.span[v].is_some() && !removed.contains(&v)
    }

    fn duration(&self, v: usize) -> i64 {
        let (s, f) = self.span[v].unwrap();
        f - s + 1
    }

    /// Earliest dates by relaxation to a fixed point. `hold` keeps one item's finish no earlier
    /// than a given day (a slip).
    fn earliest(&self, removed: &HashSet<usize>, hold: Option<(usize, i64)>) -> (Vec<i64>, Vec<i64>) {
        let n = self.span.len();
        let mut es: Vec<i64> = (0..n).map(|v| self.span[v].map_or(0, |s| s.0)).collect();
        let mut ef: Vec<i64> = (0..n).map(|v| self.span[v].map_or(0, |s| s.1)).collect();
        for round in 0.. {
            assert!(round < 10_000, "the oracle must settle on an acyclic graph");
            let mut changed = false;
            let mut raise = |slot: &mut i64, to: i64| {
                if to > *slot {
                    *slot = to;
                    changed = true;
                }
            };
            for &(a, b, lag, _) in self.fs.iter().filter(|e| self.live(e.0, removed) && self.live(e.1, removed)) {
                raise(&mut es[b], ef[a] + lag);
            }
            for v in (0..n).filter(|&v| self.live(v, removed)) {
                raise(&mut ef[v], es[v] + self.duration(v) - 1);
            }
            for &(t, i) in self.contains.iter().filter(|e| self.live(e.0, removed) && self.live(e.1, removed)) {
                let finish = ef[t];
                raise(&mut ef[i], finish);
            }
            if let Some((v, day)) = hold {
                raise(&mut ef[v], day);
            }
            if !changed {
                break;
            }
        }
        (es, ef)
    }

    fn oracle(&self, removed: &HashSet<usize>) -> Oracle {
        let n = self.span.len();
        let (es, ef) = self.earliest(removed, None);
        let end = (0..n).filter(|&v| self.live(v, removed)).map(|v| ef[v]).max();
        let e = end.unwrap_or(0);
        let mut lf = vec![e; n];
        let mut ls: Vec<i64> = (0..n).map(|v| if self.span[v].is_some() { e - self.duration(v) + 1 } else { e }).collect();
        for round in 0.. {
            assert!(round < 10_000, "the oracle must settle on an acyclic graph");
            let mut changed = false;
            let mut lower = |slot: &mut i64, to: i64| {
                if to < *slot {
                    *slot = to;
                    changed = true;
                }
            };
            for &(a, b, lag, _) in self.fs.iter().filter(|e| self.live(e.0, removed) && self.live(e.1, removed)) {
                lower(&mut lf[a], ls[b] - lag);
            }
            for &(t, i) in self.contains.iter().filter(|e| self.live(e.0, removed) && self.live(e.1, removed)) {
                let latest = lf[i];
                lower(&mut lf[t], latest);
            }
            for v in (0..n).filter(|&v| self.live(v, removed)) {
                lower(&mut ls[v], lf[v] - self.duration(v) + 1);
            }
            if !changed {
                break;
            }
        }
        Oracle { es, ef, ls, lf, end }
    }

    /// Items that can reach themselves through at least one edge.
    fn in_loops(&self) -> HashSet<usize> {
        let n = self.span.len();
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &(a, b, _, _) in &self.fs {
            next[a].push(b);
        }
        for &(t, i) in &self.contains {
            next[t].push(i);
        }
        (0..n)
            .filter(|&v| {
                let mut seen = vec![false; n];
                let mut todo = next[v].clone();
                while let Some(w) = todo.pop() {
                    if w == v {
                        return true;
                    }
                    if !std::mem::replace(&mut seen[w], true) {
                        todo.extend(&next[w]);
                    }
                }
                false
            })
            .collect()
    }

    fn index(&self, id: Id) -> usize {
        self.ids.iter().position(|&i| i == id).unwrap()
    }
}

/// Everything `analyze` says, checked against the oracle with `removed` (the loop members)
/// left out.
fn check_against_oracle(m: &Model, a: &ScheduleAnalysis, removed: &HashSet<usize>) -> Result<(), TestCaseError> {
    let o = m.oracle(removed);
    let n = m.span.len();
    let expected_items: BTreeSet<Id> = (0..n).filter(|&v| m.live(v, removed)).map(|v| m.ids[v]).collect();
    let items: BTreeSet<Id> = a.items.iter().map(|i| i.id).collect();
    prop_assert_eq!(items, expected_items, "every dated, live item outside a loop is analysed");
    let unscheduled: BTreeSet<Id> = (0..n).filter(|&v| m.undated[v]).map(|v| m.ids[v]).collect();
    prop_assert_eq!(a.unscheduled.iter().copied().collect::<BTreeSet<_>>(), unscheduled, "exactly the undated live items are unscheduled");
    prop_assert_eq!(a.project_finish.map(offset), o.end, "the project finish is the latest earliest finish");

    for item in &a.items {
        let v = m.index(item.id);
        let (s, f) = m.span[v].unwrap();
        prop_assert_eq!((offset(item.start), offset(item.finish)), (s, f), "planned span of {}", m.titles[v]);
        let got = (offset(item.earliest_start), offset(item.earliest_finish), offset(item.latest_start), offset(item.latest_finish));
        prop_assert_eq!(got, (o.es[v], o.ef[v], o.ls[v], o.lf[v]), "ES, EF, LS, LF of {} match the fixed point", m.titles[v]);
        prop_assert_eq!(item.slack_days as i64, o.lf[v] - o.ef[v], "slack of {} is LF − EF", m.titles[v]);
        prop_assert_eq!(item.critical, o.lf[v] == o.ef[v], "{} is critical exactly when it has no slack", m.titles[v]);
    }

    // A critical path: critical items, each tightly bound to the next, ending on the project
    // finish, and starting where no tight critical predecessor could extend it.
    let critical = |v: usize| m.live(v, removed) && o.lf[v] == o.ef[v];
    let tight = |a: usize, b: usize| {
        m.fs.iter().any(|&(x, y, lag, _)| x == a && y == b && o.ef[a] + lag == o.es[b])
            || m.contains.iter().any(|&(t, i)| t == a && i == b && o.ef[a] == o.ef[b])
    };
    prop_assert_eq!(a.critical_paths.is_empty(), o.end.is_none(), "a dated board has a critical path");
    for path in &a.critical_paths {
        let vs: Vec<usize> = path.iter().map(|&id| m.index(id)).collect();
        prop_assert!(vs.iter().all(|&v| critical(v)), "only critical items are on a critical path: {:?}", vs);
        prop_assert!(vs.windows(2).all(|w| tight(w[0], w[1])), "each step on a critical path is a tight edge: {:?}", vs);
        prop_assert_eq!(Some(o.ef[*vs.last().unwrap()]), o.end, "a critical path ends on the project finish");
        prop_assert!(!(0..n).any(|p| critical(p) && tight(p, vs[0])), "a critical path starts at its beginning: {:?}", vs);
    }

    // Violations: the board's rule over planned spans, start < finish + lag.
    let expected: BTreeSet<(Id, i64)> =
        m.fs.iter()
            .filter(|&&(a, b, lag, _)| m.span[b].unwrap().0 < m.span[a].unwrap().1 + lag)
            .map(|&(a, b, lag, id)| (id, m.span[a].unwrap().1 + lag - m.span[b].unwrap().0))
            .collect();
    let got: BTreeSet<(Id, i64)> = a.violations.iter().map(|v| (v.dependency_id, v.overlap_days as i64)).collect();
    prop_assert_eq!(got, expected, "violated dependencies and their overlap");
    prop_assert!(a.violations.windows(2).all(|w| w[0].overlap_days >= w[1].overlap_days), "worst violation first");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn analysis_matches_the_fixed_point_oracle(spec in spec()) {
        let m = model(&spec, &acyclic_edges(&spec));
        let a = schedule::analyze(&m.snapshot);
        prop_assert!(a.cycle.is_empty(), "an acyclic board has no loop");
        check_against_oracle(&m, &a, &HashSet::new())?;
    }

    #[test]
    fn a_slip_moves_what_the_oracle_moves(spec in spec(), pick in 0usize..16, days in 0i32..10) {
        let m = model(&spec, &acyclic_edges(&spec));
        let dated: Vec<usize> = (0..m.span.len()).filter(|&v| m.span[v].is_some()).collect();
        prop_assume!(!dated.is_empty());
        let item = dated[pick % dated.len()];
        let none = HashSet::new();
        let (_, before) = m.earliest(&none, None);
        let (_, after) = m.earliest(&none, Some((item, before[item] + days as i64)));
        let mut expected: Vec<(i32, String, NaiveDate)> = dated
            .iter()
            .filter(|&&v| after[v] != before[v])
            .map(|&v| ((after[v] - before[v]) as i32, m.titles[v].clone(), date(after[v])))
            .collect();
        expected.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let impact = schedule::slip(&m.snapshot, m.ids[item], days).unwrap();
        let got: Vec<(i32, String, NaiveDate)> = impact.moved.iter().map(|x| (x.days, x.title.clone(), x.new_finish)).collect();
        prop_assert_eq!(got, expected, "every finish that moves, by how much, most first then by title");
        prop_assert!(impact.moved.iter().all(|x| x.days <= days), "nothing slips further than the slip itself");
    }

    #[test]
    fn loops_are_reported_and_the_rest_still_analysed(spec in spec()) {
        // Any edges at all, including ones that close loops or point at themselves.
        let m = model(&spec, &spec.edges);
        let a = schedule::analyze(&m.snapshot);
        let loops = m.in_loops();
        let expected: BTreeSet<Id> = loops.iter().map(|&v| m.ids[v]).collect();
        prop_assert_eq!(a.cycle.iter().copied().collect::<BTreeSet<_>>(), expected, "exactly the items that can reach themselves");
        check_against_oracle(&m, &a, &loops)?;
        for &v in &loops {
            prop_assert_eq!(schedule::slip(&m.snapshot, m.ids[v], 1).unwrap_err().code(), ErrorCode::Cycle);
        }
    }
}

//! Building the schedule graph from a snapshot: which items are dated, their spans, and the
//! edges that constrain them.
//!
//! - A task's span is start..=due; a milestone is one day on its due date; a task with only one
//!   of the two dates is one day on that date.
//! - An initiative's span is start..=target (one day if it has only one), widened to cover its
//!   tasks' spans; an initiative with no dates of its own takes its tasks' span.
//! - Edges: drawn finish-to-start dependencies with their lag, and containment (a task finishes
//!   no later than its own initiative), the same implicit edge `domain::graph` counts in loops.
//! - Cancelled items are left out, and a cancelled initiative takes its tasks with it: the board
//!   rule is that a cancelled predecessor no longer blocks, so it cannot push anything.
//! - Items with no date are unscheduled, and edges touching them are dropped: giving them a
//!   date to carry the constraint through would be making one up.
//!
//! Dates become day numbers here so the passes are integer arithmetic; `date` turns them back.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, NaiveDate};

use crate::domain::model::{DependencyKind, Id, InitiativeStatus, ItemKind, TaskKind, TaskStatus};
use crate::domain::snapshot::Snapshot;

/// A calendar date as a day number (days from the common era).
pub(crate) fn day(date: NaiveDate) -> i64 {
    date.num_days_from_ce().into()
}

/// The date of a day number, held to chrono's range so that an absurd lag in a hand-edited file
/// cannot panic.
pub(crate) fn date(day: i64) -> NaiveDate {
    let clamped = day.clamp(self::day(NaiveDate::MIN), self::day(NaiveDate::MAX));
    NaiveDate::from_num_days_from_ce_opt(clamped as i32).unwrap_or(NaiveDate::MAX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Link {
    /// The successor starts no earlier than the predecessor's finish plus `lag` days.
    FinishToStart,
    /// A task's finish holds up its initiative's finish (finish-to-finish, no lag).
    Containment,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge {
    pub to: u32,
    pub lag: i64,
    pub link: Link,
}

pub(crate) struct Node<'a> {
    pub id: Id,
    pub kind: ItemKind,
    pub title: &'a str,
    pub initiative_id: Id,
    pub milestone: bool,
    pub start: i64,
    pub finish: i64,
}

impl Node<'_> {
    pub fn duration(&self) -> i64 {
        self.finish - self.start + 1
    }
}

pub(crate) struct ScheduleGraph<'a> {
    pub nodes: Vec<Node<'a>>,
    pub index: IdMap<u32>,
    /// Outgoing edges of node `n` are `edges[offsets[n]..offsets[n + 1]]` (compressed rows:
    /// one allocation, and the passes walk memory in order).
    offsets: Vec<u32>,
    edges: Vec<Edge>,
    /// Undated items, initiatives then tasks, in board order.
    pub unscheduled: Vec<Id>,
    /// Drawn finish-to-start dependencies between scheduled items: (place in the snapshot's
    /// list, predecessor node, successor node), so violations need no second lookup.
    pub drawn: Vec<(u32, u32, u32)>,
}

impl<'a> ScheduleGraph<'a> {
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn out(&self, node: u32) -> &[Edge] {
        &self.edges[self.offsets[node as usize] as usize..self.offsets[node as usize + 1] as usize]
    }

    pub fn node_of(&self, id: Id) -> Option<u32> {
        self.index.get(&id).copied()
    }

    pub fn build(snapshot: &'a Snapshot) -> ScheduleGraph<'a> {
        let initiatives = &snapshot.initiatives;
        let live_initiative: Vec<bool> = initiatives.iter().map(|i| i.status != InitiativeStatus::Cancelled).collect();
        // One lookup per task finds its initiative's place; everything after is plain indexing.
        let place: IdMap<u32> = initiatives.iter().enumerate().map(|(k, i)| (i.id, k as u32)).collect();
        let mut parent: Vec<Option<u32>> = Vec::with_capacity(snapshot.tasks.len());
        let mut live_task: Vec<bool> = Vec::with_capacity(snapshot.tasks.len());
        let mut hull: Vec<Option<(i64, i64)>> = vec![None; initiatives.len()];
        for task in &snapshot.tasks {
            let at = place.get(&task.initiative_id).copied();
            let live = task.status != TaskStatus::Cancelled && at.is_none_or(|k| live_initiative[k as usize]);
            if let (true, Some(k), Some((s, f))) = (live, at, task_span(task.start, task.due, task.kind)) {
                let h = hull[k as usize].get_or_insert((s, f));
                *h = (h.0.min(s), h.1.max(f));
            }
            parent.push(at);
            live_task.push(live);
        }

        let mut nodes = Vec::with_capacity(initiatives.len() + snapshot.tasks.len());
        let mut unscheduled = Vec::new();
        let mut initiative_node: Vec<Option<u32>> = vec![None; initiatives.len()];
        for (k, initiative) in initiatives.iter().enumerate().filter(|(k, _)| live_initiative[*k]) {
            let span = match (one_or_both(initiative.start, initiative.target), hull[k]) {
                (Some((s, f)), Some((hs, hf))) => Some((s.min(hs), f.max(hf))),
                (own, tasks) => own.or(tasks),
            };
            match span {
                Some((start, finish)) => {
                    initiative_node[k] = Some(nodes.len() as u32);
                    nodes.push(Node {
                        id: initiative.id,
                        kind: ItemKind::Initiative,
                        title: &initiative.title,
                        initiative_id: initiative.id,
                        milestone: false,
                        start,
                        finish,
                    });
                }
                None => unscheduled.push(initiative.id),
            }
        }
        let mut containment: Vec<(u32, Edge)> = Vec::with_capacity(snapshot.tasks.len());
        for (t, task) in snapshot.tasks.iter().enumerate().filter(|(t, _)| live_task[*t]) {
            let Some((start, finish)) = task_span(task.start, task.due, task.kind) else {
                unscheduled.push(task.id);
                continue;
            };
            if let Some(to) = parent[t].and_then(|k| initiative_node[k as usize]) {
                containment.push((nodes.len() as u32, Edge { to, lag: 0, link: Link::Containment }));
            }
            nodes.push(Node {
                id: task.id,
                kind: ItemKind::Task,
                title: &task.title,
                initiative_id: task.initiative_id,
                milestone: task.kind == TaskKind::Milestone,
                start,
                finish,
            });
        }
        let index: IdMap<u32> = nodes.iter().enumerate().map(|(n, node)| (node.id, n as u32)).collect();

        let mut pairs: Vec<(u32, Edge)> = Vec::with_capacity(snapshot.dependencies.len() + nodes.len());
        let mut drawn = Vec::with_capacity(snapshot.dependencies.len());
        for (k, dep) in snapshot.dependencies.iter().enumerate().filter(|(_, d)| d.kind == DependencyKind::FinishToStart) {
            if let (Some(&from), Some(&to)) = (index.get(&dep.from_id), index.get(&dep.to_id)) {
                pairs.push((from, Edge { to, lag: dep.lag_days.into(), link: Link::FinishToStart }));
                drawn.push((k as u32, from, to));
            }
        }
        pairs.extend(containment);
        let (offsets, edges) = compress(nodes.len(), pairs);
        ScheduleGraph { nodes, index, offsets, edges, unscheduled, drawn }
    }
}

/// Groups edges by their source with a counting sort, keeping each source's edges in the order
/// they came (dependencies in creation order, then containment), so results are deterministic.
fn compress(len: usize, pairs: Vec<(u32, Edge)>) -> (Vec<u32>, Vec<Edge>) {
    let mut offsets = vec![0u32; len + 1];
    for (from, _) in &pairs {
        offsets[*from as usize + 1] += 1;
    }
    for n in 0..len {
        offsets[n + 1] += offsets[n];
    }
    let mut fill = offsets.clone();
    let placeholder = Edge { to: 0, lag: 0, link: Link::Containment };
    let mut edges = vec![placeholder; pairs.len()];
    for (from, edge) in pairs {
        edges[fill[from as usize] as usize] = edge;
        fill[from as usize] += 1;
    }
    (offsets, edges)
}

fn task_span(start: Option<NaiveDate>, due: Option<NaiveDate>, kind: TaskKind) -> Option<(i64, i64)> {
    match (kind, due) {
        // A milestone is a moment: the day it is due, whatever start it carries.
        (TaskKind::Milestone, Some(due)) => Some((day(due), day(due))),
        _ => one_or_both(start, due),
    }
}

/// Both dates make a span; one date makes a one-day span. The board refuses an end before its
/// start, but a hand-edited file may have one: the two are then read the other way round.
fn one_or_both(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Option<(i64, i64)> {
    match (start, end) {
        (Some(s), Some(e)) => Some((day(s.min(e)), day(s.max(e)))),
        (Some(d), None) | (None, Some(d)) => Some((day(d), day(d))),
        (None, None) => None,
    }
}

/// Maps keyed by id. Ids are UUIDs the board made, not input an attacker picks, so SipHash's
/// resistance to crafted collisions buys nothing here, and on the 100,000-item graphs its cost
/// is most of the graph building. This folds the sixteen bytes and mixes the result
/// (SplitMix64's finaliser) so that every bit of the id reaches the bucket index.
pub(crate) type IdMap<V> = HashMap<Id, V, BuildHasherDefault<IdHasher>>;

#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(29) ^ u64::from_le_bytes(word)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn finish(&self) -> u64 {
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^ (x >> 31)
    }
}

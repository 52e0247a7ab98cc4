//! The critical path method over the schedule graph, in linear time: one forward and one
//! backward pass in topological order, no recursion.
//!
//! Conventions (day numbers, end dates inclusive, so a one-day item has duration 1 and finishes
//! on the day it starts):
//! - **Lag.** The board's conflict rule lets a successor start *on* its predecessor's finish plus
//!   lag (`detail::conflict` flags only `start < finish + lag`). The passes use the same rule, so
//!   an item the board shows without a conflict is never pushed here: ES(s) ≥ EF(p) + lag.
//! - **Planned start is a "start no earlier than" constraint.** ES = max(planned start,
//!   predecessors' EF + lag). Without it every item with no predecessor would be pulled back to
//!   the board's first day, which says nothing about a roadmap of independent initiatives; with
//!   it the forward pass reproduces the plan and moves an item only where a dependency forces it.
//! - **Containment** is finish-to-finish: EF(initiative) ≥ EF(each task). An initiative keeps its
//!   own start and stretches to its latest task, as a summary bar does.
//! - **Backward pass** from the project finish (the latest EF on the board): LF = min(project
//!   finish, successors' LS − lag, containing initiative's LF); LS = LF − duration + 1.
//! - **Slack** = LF − EF. (LS − ES is never smaller, so this is also MS Project's "total slack",
//!   the smaller of start and finish slack.) Critical = slack 0.

use super::graph::{Link, ScheduleGraph};

pub(crate) struct Forward {
    pub es: Vec<i64>,
    pub ef: Vec<i64>,
}

/// Earliest start and finish of every ordered node. `slip` delays one node's finish by that many
/// days before it is passed on, which is all "what slips if this slips" needs.
pub(crate) fn forward(graph: &ScheduleGraph, topo: &[u32], slip: Option<(u32, i64)>) -> Forward {
    let n = graph.len();
    // Floors raised by predecessors as they are settled (push style: only outgoing edges needed).
    let mut es: Vec<i64> = graph.nodes.iter().map(|node| node.start).collect();
    let mut ef = vec![i64::MIN; n];
    for &v in topo {
        let node = &graph.nodes[v as usize];
        let mut finish = ef[v as usize].max(es[v as usize] + node.duration() - 1);
        if let Some((_, days)) = slip.filter(|(item, _)| *item == v) {
            finish += days;
        }
        ef[v as usize] = finish;
        for edge in graph.out(v) {
            let to = edge.to as usize;
            match edge.link {
                Link::FinishToStart => es[to] = es[to].max(finish + edge.lag),
                Link::Containment => ef[to] = ef[to].max(finish),
            }
        }
    }
    Forward { es, ef }
}

pub(crate) struct Cpm {
    pub es: Vec<i64>,
    pub ef: Vec<i64>,
    pub ls: Vec<i64>,
    pub lf: Vec<i64>,
    pub project_finish: Option<i64>,
    pub critical: Vec<bool>,
    pub paths: Vec<Vec<u32>>,
}

pub(crate) fn run(graph: &ScheduleGraph, topo: &[u32]) -> Cpm {
    let Forward { es, ef } = forward(graph, topo, None);
    let n = graph.len();
    let project_finish = topo.iter().map(|&v| ef[v as usize]).max();
    let end = project_finish.unwrap_or(0);
    let mut lf = vec![end; n];
    let mut ls = vec![end; n];
    // Items left out for being in a loop have no dates to give their predecessors.
    let mut ordered = vec![false; n];
    for &v in topo {
        ordered[v as usize] = true;
    }
    for &v in topo.iter().rev() {
        let mut latest = end;
        for edge in graph.out(v).iter().filter(|e| ordered[e.to as usize]) {
            let to = edge.to as usize;
            latest = latest.min(match edge.link {
                Link::FinishToStart => ls[to] - edge.lag,
                Link::Containment => lf[to],
            });
        }
        lf[v as usize] = latest;
        ls[v as usize] = latest - graph.nodes[v as usize].duration() + 1;
    }
    let mut critical = vec![false; n];
    for &v in topo {
        critical[v as usize] = lf[v as usize] == ef[v as usize];
    }
    let paths = critical_paths(graph, topo, &es, &ef, &critical, end);
    Cpm { es, ef, ls, lf, project_finish, critical, paths }
}

/// Each critical item gets at most one "driver": a critical predecessor whose edge is tight (it
/// alone fixes the item's start, or for containment its finish). The first in topological order
/// wins, so the answer is deterministic. A path is then read back from every critical item that
/// finishes on the project finish and drives nothing itself.
fn critical_paths(graph: &ScheduleGraph, topo: &[u32], es: &[i64], ef: &[i64], critical: &[bool], end: i64) -> Vec<Vec<u32>> {
    const NONE: u32 = u32::MAX;
    let mut driver = vec![NONE; graph.len()];
    let mut drives = vec![false; graph.len()];
    for &v in topo.iter().filter(|&&v| critical[v as usize]) {
        for edge in graph.out(v) {
            let to = edge.to as usize;
            let tight = match edge.link {
                Link::FinishToStart => ef[v as usize] + edge.lag == es[to],
                Link::Containment => ef[v as usize] == ef[to],
            };
            if tight && critical[to] && driver[to] == NONE {
                driver[to] = v;
                drives[v as usize] = true;
            }
        }
    }
    let mut ends: Vec<u32> =
        topo.iter().copied().filter(|&v| critical[v as usize] && ef[v as usize] == end && !drives[v as usize]).collect();
    ends.sort_unstable();
    ends.into_iter()
        .map(|last| {
            let mut path = vec![last];
            while let Some(&at) = path.last().filter(|&&at| driver[at as usize] != NONE) {
                path.push(driver[at as usize]);
            }
            path.reverse();
            path
        })
        .collect()
}

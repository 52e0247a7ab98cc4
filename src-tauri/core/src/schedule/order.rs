//! A topological order of the schedule graph (Kahn's algorithm), robust to loops.
//!
//! The board refuses any dependency that would close a loop, so normally every node comes out.
//! A file edited by hand may still hold one; then the members of each loop (the strongly
//! connected components with more than one node, or a node that depends on itself) are reported
//! and left out, and everything else, including what lies downstream of a loop, is ordered
//! without them. Both steps are iterative and linear, so a chain of any depth is safe.

use std::collections::VecDeque;

use super::graph::ScheduleGraph;

pub(crate) struct Order {
    /// Every node not in a loop, each after all of its predecessors.
    pub topo: Vec<u32>,
    /// Nodes in a loop, in node order.
    pub cycle: Vec<u32>,
}

pub(crate) fn order(graph: &ScheduleGraph) -> Order {
    let mut skip = vec![false; graph.len()];
    let topo = kahn(graph, &skip);
    if topo.len() == graph.len() {
        return Order { topo, cycle: Vec::new() };
    }
    // Whatever Kahn could not reach is in a loop or downstream of one; only the loops go.
    let mut left = vec![true; graph.len()];
    for &n in &topo {
        left[n as usize] = false;
    }
    let cycle = loop_members(graph, &left);
    for &n in &cycle {
        skip[n as usize] = true;
    }
    Order { topo: kahn(graph, &skip), cycle }
}

fn kahn(graph: &ScheduleGraph, skip: &[bool]) -> Vec<u32> {
    let n = graph.len();
    let mut waiting = vec![0u32; n];
    for from in (0..n as u32).filter(|&f| !skip[f as usize]) {
        for edge in graph.out(from).iter().filter(|e| !skip[e.to as usize]) {
            waiting[edge.to as usize] += 1;
        }
    }
    let mut ready: VecDeque<u32> = (0..n as u32).filter(|&v| !skip[v as usize] && waiting[v as usize] == 0).collect();
    let mut topo = Vec::with_capacity(n);
    while let Some(node) = ready.pop_front() {
        topo.push(node);
        for edge in graph.out(node).iter().filter(|e| !skip[e.to as usize]) {
            waiting[edge.to as usize] -= 1;
            if waiting[edge.to as usize] == 0 {
                ready.push_back(edge.to);
            }
        }
    }
    topo
}

/// Tarjan's strongly connected components over the nodes marked in `within`, with an explicit
/// stack instead of recursion. Returns the members of every component that is a loop.
fn loop_members(graph: &ScheduleGraph, within: &[bool]) -> Vec<u32> {
    let n = graph.len();
    let mut t = Tarjan { index: vec![UNSEEN; n], low: vec![0; n], on_stack: vec![false; n], stack: Vec::new(), counter: 0 };
    let mut in_loop = vec![false; n];
    // Each frame: a node and how many of its edges have been looked at.
    let mut frames: Vec<(u32, usize)> = Vec::new();

    for root in (0..n as u32).filter(|&r| within[r as usize]) {
        if t.index[root as usize] != UNSEEN {
            continue;
        }
        t.visit(root);
        frames.push((root, 0));
        while let Some(&mut (v, ref mut next)) = frames.last_mut() {
            let edges = graph.out(v);
            if *next < edges.len() {
                let w = edges[*next].to;
                *next += 1;
                if !within[w as usize] {
                    continue;
                }
                if t.index[w as usize] == UNSEEN {
                    t.visit(w);
                    frames.push((w, 0));
                } else if t.on_stack[w as usize] {
                    t.low[v as usize] = t.low[v as usize].min(t.index[w as usize]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                t.low[parent as usize] = t.low[parent as usize].min(t.low[v as usize]);
            }
            if t.low[v as usize] == t.index[v as usize] {
                let component = t.pop_component(v);
                let waits_for_itself = graph.out(v).iter().any(|e| e.to == v);
                if component.len() > 1 || waits_for_itself {
                    for w in component {
                        in_loop[w as usize] = true;
                    }
                }
            }
        }
    }
    (0..n as u32).filter(|&v| in_loop[v as usize]).collect()
}

const UNSEEN: u32 = u32::MAX;

struct Tarjan {
    index: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    counter: u32,
}

impl Tarjan {
    fn visit(&mut self, v: u32) {
        self.index[v as usize] = self.counter;
        self.low[v as usize] = self.counter;
        self.counter += 1;
        self.stack.push(v);
        self.on_stack[v as usize] = true;
    }

    /// Pops the component whose root is `v`.
    fn pop_component(&mut self, v: u32) -> Vec<u32> {
        let mut component = Vec::new();
        while let Some(w) = self.stack.pop() {
            self.on_stack[w as usize] = false;
            component.push(w);
            if w == v {
                break;
            }
        }
        component
    }
}

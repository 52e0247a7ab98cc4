//! The dependency graph: refusing a finish-to-start edge that would close a loop.
//!
//! Edges point from predecessor to successor. A task also feeds its own initiative (the
//! initiative cannot finish before its tasks), so that implicit edge takes part in loops:
//! "Portal → Launch emails → (task of Portal)" is a loop even though no one drew the last step.
//! `relates_to` edges never do.

use std::collections::{HashMap, VecDeque};

use sha2::{Digest, Sha256};

use crate::domain::model::Id;

/// The id of the dependency `from → to`, the same on every desktop: two people who add the
/// same link while apart get one link, and removing then re-adding it brings back that one.
pub fn dependency_id(from: Id, to: Id) -> Id {
    let digest = Sha256::digest(format!("{from}>{to}"));
    uuid::Uuid::new_v8(digest[..16].try_into().expect("a SHA-256 digest has 32 bytes"))
}

/// Would adding `from → to` close a loop? If so, returns the loop as ids, starting and ending at
/// `from`: `[from, to, ..., from]`. `successors` lists what directly follows a node (drawn
/// finish-to-start edges plus a task's own initiative); it is asked only for nodes reachable
/// from `to`, so the check costs what that part of the graph costs.
pub fn find_cycle<E>(from: Id, to: Id, mut successors: impl FnMut(Id) -> Result<Vec<Id>, E>) -> Result<Option<Vec<Id>>, E> {
    if from == to {
        return Ok(Some(vec![from, from]));
    }
    let mut parent: HashMap<Id, Id> = HashMap::new();
    let mut queue = VecDeque::from([to]);
    parent.insert(to, to);
    while let Some(node) = queue.pop_front() {
        for next in successors(node)? {
            if parent.contains_key(&next) {
                continue;
            }
            parent.insert(next, node);
            if next == from {
                let mut path = vec![from];
                let mut at = from;
                while at != to {
                    at = parent[&at];
                    path.push(at);
                }
                path.push(from);
                path.reverse();
                return Ok(Some(path));
            }
            queue.push_back(next);
        }
    }
    Ok(None)
}

/// After a merge, the drawn finish-to-start edges that must be suspended so that no loop is
/// left: the edges are taken in `edges` order (their creation order, the same on every
/// desktop) and added one by one; an edge that would close a loop with those already taken is
/// suspended, with that loop. `fixed` are edges that always hold (a task feeds its own
/// initiative). Returns `(index into edges, the loop as ids)` for each suspended edge. When the
/// whole graph has no loop (the usual case) this costs one pass over it.
pub fn suspended_edges(edges: &[(Id, Id)], fixed: &[(Id, Id)]) -> Vec<(usize, Vec<Id>)> {
    let mut next: HashMap<Id, Vec<Id>> = HashMap::new();
    for (a, b) in fixed.iter().chain(edges) {
        next.entry(*a).or_default().push(*b);
    }
    if !has_loop(&next) {
        return Vec::new();
    }
    next.clear();
    for (a, b) in fixed {
        next.entry(*a).or_default().push(*b);
    }
    let mut suspended = Vec::new();
    for (index, (from, to)) in edges.iter().enumerate() {
        let found = find_cycle::<()>(*from, *to, |n| Ok(next.get(&n).cloned().unwrap_or_default())).expect("the closure never fails");
        match found {
            Some(cycle) => suspended.push((index, cycle)),
            None => next.entry(*from).or_default().push(*to),
        }
    }
    suspended
}

/// Kahn's algorithm: is there a loop anywhere in the graph?
fn has_loop(next: &HashMap<Id, Vec<Id>>) -> bool {
    let mut incoming: HashMap<Id, usize> = HashMap::new();
    for (a, bs) in next {
        incoming.entry(*a).or_insert(0);
        for b in bs {
            *incoming.entry(*b).or_insert(0) += 1;
        }
    }
    let mut ready: Vec<Id> = incoming.iter().filter(|(_, n)| **n == 0).map(|(id, _)| *id).collect();
    let mut seen = 0;
    while let Some(node) = ready.pop() {
        seen += 1;
        for b in next.get(&node).into_iter().flatten() {
            let n = incoming.get_mut(b).expect("every target was counted");
            *n -= 1;
            if *n == 0 {
                ready.push(*b);
            }
        }
    }
    seen < incoming.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn ids(n: u128) -> Vec<Id> {
        (1..=n).map(Uuid::from_u128).collect()
    }

    fn check(edges: &[(usize, usize)], nodes: &[Id], from: usize, to: usize) -> Option<Vec<Id>> {
        find_cycle::<()>(nodes[from], nodes[to], |n| Ok(edges.iter().filter(|(a, _)| nodes[*a] == n).map(|(_, b)| nodes[*b]).collect()))
            .unwrap()
    }

    #[test]
    fn closing_a_loop_names_it_from_the_new_edge() {
        let n = ids(3);
        // 0 → 1 → 2 exists; adding 2 → 0 closes 2 → 0 → 1 → 2.
        let cycle = check(&[(0, 1), (1, 2)], &n, 2, 0).expect("2 → 0 closes a loop");
        assert_eq!(cycle, vec![n[2], n[0], n[1], n[2]], "the loop is read from the new edge round to its start");
    }

    #[test]
    fn after_a_merge_the_later_edge_of_a_loop_is_suspended_and_the_rest_stay() {
        let n = ids(4);
        // Added apart: 0 → 1 on one desktop, 1 → 0 on another; 2 → 3 elsewhere.
        let edges = [(n[0], n[1]), (n[2], n[3]), (n[1], n[0])];
        let suspended = suspended_edges(&edges, &[]);
        assert_eq!(suspended, vec![(2, vec![n[1], n[0], n[1]])], "only the edge that closes the loop, with the loop it closes");
        assert!(suspended_edges(&edges[..2], &[]).is_empty(), "a graph without a loop suspends nothing");
        // A task (3) feeds its initiative (2): an edge 2 → 3 makes a loop through that fixed edge.
        assert_eq!(suspended_edges(&[(n[2], n[3])], &[(n[3], n[2])]).len(), 1, "fixed edges take part in loops");
    }

    #[test]
    fn parallel_paths_are_not_loops() {
        let n = ids(4);
        assert_eq!(check(&[(0, 1), (0, 2), (1, 3)], &n, 2, 3), None, "a diamond is not a loop");
    }

    #[test]
    fn an_item_cannot_wait_for_itself() {
        let n = ids(1);
        assert_eq!(check(&[], &n, 0, 0), Some(vec![n[0], n[0]]));
    }
}

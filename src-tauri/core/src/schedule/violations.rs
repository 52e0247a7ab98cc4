//! Violated finish-to-start dependencies: the successor is planned to start before the
//! predecessor's finish plus lag.
//!
//! This is the board's conflict rule (`store::detail::conflict`, which flags one edge in an
//! initiative's panel), applied to every edge at once over the schedule's spans. The spans are
//! what the roadmap draws, so two cases are flagged here that the panel, reading raw fields, does
//! not: a task with only a due date (a one-day item on that day), and an initiative whose tasks
//! run past its target (its finish is its last task's). The rule itself is [`earliest_start`] and
//! [`message`], which the panel could share.

use chrono::{Datelike, Duration, NaiveDate};

use super::graph::{self, ScheduleGraph};
use super::types::Violation;
use crate::domain::snapshot::Snapshot;

/// The earliest day a successor may start: on its predecessor's finish plus the lag. A start on
/// that very day is allowed.
pub fn earliest_start(predecessor_finish: NaiveDate, lag_days: i32) -> NaiveDate {
    predecessor_finish + Duration::days(lag_days.into())
}

/// The sentence the board shows for a schedule conflict.
pub fn message(successor: &str, start: NaiveDate, predecessor: &str, lag_days: i32, earliest: NaiveDate) -> String {
    // Built by hand rather than with `format!`: a large board can break tens of thousands of
    // dependencies at once, and chrono's date formatting was most of the analysis time there.
    let mut text = String::with_capacity(successor.len() + predecessor.len() + 96);
    text.push('“');
    text.push_str(successor);
    text.push_str("” starts ");
    push_date(&mut text, start);
    text.push_str(", before “");
    text.push_str(predecessor);
    text.push_str("” finishes");
    if lag_days != 0 {
        text.push_str(" plus ");
        text.push_str(&lag_days.to_string());
        text.push_str(" days");
    }
    text.push_str(" (");
    push_date(&mut text, earliest);
    text.push_str(" at the earliest).");
    text
}

/// `YYYY-MM-DD`, as chrono writes it for the years a board can hold.
fn push_date(text: &mut String, date: NaiveDate) {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&y) {
        text.push_str(&date.to_string());
        return;
    }
    let digit = |n: u32| char::from(b'0' + n as u8);
    for n in [y as u32 / 1000, y as u32 / 100 % 10, y as u32 / 10 % 10, y as u32 % 10] {
        text.push(digit(n));
    }
    text.extend(['-', digit(m / 10), digit(m % 10), '-', digit(d / 10), digit(d % 10)]);
}

pub(crate) fn violations(snapshot: &Snapshot, graph: &ScheduleGraph) -> Vec<Violation> {
    // Find and rank first on small tuples; only the violations found get their sentence.
    let mut found: Vec<(i64, u32, u32, u32)> = graph
        .drawn
        .iter()
        .filter_map(|&(k, from, to)| {
            let lag = snapshot.dependencies[k as usize].lag_days;
            let overlap = graph.nodes[from as usize].finish + i64::from(lag) - graph.nodes[to as usize].start;
            (overlap > 0).then_some((overlap, k, from, to))
        })
        .collect();
    // Worst first; the sort is stable, so equal overlaps stay in the order they were drawn.
    found.sort_by_key(|&(overlap, ..)| std::cmp::Reverse(overlap));
    found
        .into_iter()
        .map(|(overlap, k, from, to)| {
            let dep = &snapshot.dependencies[k as usize];
            let (pred, succ) = (&graph.nodes[from as usize], &graph.nodes[to as usize]);
            let (start, earliest) = (graph::date(succ.start), graph::date(succ.start + overlap));
            Violation {
                dependency_id: dep.id,
                predecessor_id: pred.id,
                successor_id: succ.id,
                lag_days: dep.lag_days,
                predecessor_finish: graph::date(pred.finish),
                start,
                earliest_start: earliest,
                overlap_days: overlap.try_into().unwrap_or(i32::MAX),
                message: message(succ.title, start, pred.title, dep.lag_days, earliest),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_matches_what_format_would_write() {
        for (date, lag) in [("2026-03-02", 0), ("0999-12-31", 3), ("2026-11-09", -2)] {
            let d: NaiveDate = date.parse().unwrap();
            let e = earliest_start(d, lag);
            let lag_text = if lag != 0 { format!(" plus {lag} days") } else { String::new() };
            assert_eq!(
                message("Launch", d, "Build", lag, e),
                format!("“Launch” starts {d}, before “Build” finishes{lag_text} ({e} at the earliest)."),
                "the hand-built sentence is the detail panel's, character for character"
            );
        }
    }
}

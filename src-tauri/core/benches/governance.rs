//! Speed of governance on the benchmark board (2,000 initiatives, 20,000 tasks, 10,000
//! dependencies) once every initiative has 4 gates, an Accountable, two roles given, and 2 KPIs
//! with 12 readings each:
//! - loading the board for display (`Store::board`), beside the same load before the gates and
//!   roles were added (the baseline, same run, same file);
//! - the RACI matrix the app shows (`Store::raci_matrix`: read what it needs, build), for
//!   everyone and for IT;
//! - a new initiative from the self-scheduling template, in one durable write;
//! - the baseline comparison, after 5% of the initiatives (and their open tasks) moved;
//! - one gate decision with its activity row, durable.
//!
//! `cargo bench -p bridgeboard-core --bench governance` prints the figures; `cargo test --benches`
//! runs it once on a board 100 times smaller.

use std::path::PathBuf;

use bridgeboard_core::*;
use chrono::{NaiveDate, Utc};

mod common;

use common::{report, sample, Scale};

fn main() {
    let (scale, full) = Scale::from_args();
    let samples = if full { 100 } else { 5 };
    let dir: PathBuf = std::env::temp_dir().join(format!("bridgeboard-bench-governance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let common::Generated { mut store, initiatives, .. } = common::generate(&dir.join("board.bridgeboard"), &scale);
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let base = report("load the board, before gates and roles (baseline)", sample(samples, || store.board(today).unwrap()), None);

    let actor = Actor { id: None, name: "bench".into() };
    let people = store.board(today).unwrap().people;
    let (dana, tom) = (people[0].id, people[1].id);
    let kinds: Vec<Id> = store.gate_types().unwrap().into_iter().take(4).map(|t| t.id).collect();
    for &initiative in &initiatives {
        let mut ops: Vec<Op> = kinds
            .iter()
            .map(|&gate_type_id| Op::AddGate(NewGate { initiative_id: initiative, gate_type_id, approver_id: Some(tom) }))
            .collect();
        ops.push(Op::SetRole { item_id: initiative, person_id: dana, role: RaciRole::Accountable });
        ops.push(Op::SetRole { item_id: initiative, person_id: tom, role: RaciRole::Consulted });
        ops.push(Op::SetRole { item_id: initiative, person_id: dana, role: RaciRole::Informed });
        store.apply_all(&actor, Utc::now(), ops).unwrap();
        for name in ["No-show rate", "Booked online"] {
            let kpi = NewKpi {
                initiative_id: initiative,
                name: name.into(),
                unit: "%".into(),
                direction: Direction::Lower,
                baseline: 18.0,
                baseline_on: today,
                target: 12.0,
                target_on: today + chrono::Duration::days(360),
            };
            let kpi = store.apply(&actor, Utc::now(), Op::AddKpi(kpi)).unwrap();
            let readings = (0..12)
                .map(|m| {
                    let taken_on = today + chrono::Duration::days(30 * m);
                    Op::AddReading(NewReading { kpi_id: kpi, value: 18.0 - m as f64 * 0.4, taken_on, note: String::new() })
                })
                .collect();
            store.apply_all(&actor, Utc::now(), readings).unwrap();
        }
    }
    println!(
        "added {} gates, {} roles, {} KPIs with 12 readings each",
        initiatives.len() * kinds.len(),
        initiatives.len() * 3,
        initiatives.len() * 2
    );

    report("load the board with 4 gates and 2 KPIs per initiative", sample(samples, || store.board(today).unwrap()), Some(base));
    let someone = initiatives[initiatives.len() / 2];
    report("open an initiative's details (gates, RACI, KPIs)", sample(samples, || store.initiative_detail(someone, today).unwrap()), None);
    report("RACI matrix, everyone (read the board, build)", sample(samples, || store.raci_matrix(None, today).unwrap()), None);
    report("RACI matrix, IT's people", sample(samples, || store.raci_matrix(Some(IT), today).unwrap()), None);
    let mut n = 0;
    let applied = sample(samples, || {
        n += 1;
        let op = Op::CreateFromTemplate {
            template: TemplateRef::Builtin("Patient online self-scheduling".into()),
            title: format!("From the template {n}"),
            start: today,
        };
        store.apply(&actor, Utc::now(), op).unwrap()
    });
    report("a new initiative from a template (8 tasks, 3 gates, 2 KPIs), durable", applied, None);
    store.apply(&actor, Utc::now(), Op::SaveBaseline { name: "Steering committee".into() }).unwrap();
    for k in 0..(initiatives.len() / 20).max(1) {
        store.apply(&actor, Utc::now(), Op::MoveInitiative { id: initiatives[(k * 7919) % initiatives.len()], days: 7 }).unwrap();
    }
    report(
        "baseline comparison as the app shows it (5% of initiatives moved)",
        sample(samples, || store.baseline_report("Steering committee", today).unwrap()),
        None,
    );
    let approver = Actor { id: Some(tom), name: "Tom".into() };
    let mut n = 0;
    let decisions = sample(samples * 5, || {
        let state = if n % 2 == 0 { GateState::InReview } else { GateState::Passed };
        let gate = gate_id(initiatives[(n * 7919) % initiatives.len()], kinds[n % kinds.len()]);
        n += 1;
        store.apply(&approver, Utc::now(), Op::UpdateGate { id: gate, changes: vec![GateChange::State { state, reason: None }] }).unwrap()
    });
    report("a gate decision + activity, durable", decisions, None);
    let _ = std::fs::remove_dir_all(&dir);
}

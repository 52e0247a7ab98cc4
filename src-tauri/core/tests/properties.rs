//! Property tests against independent oracles: petgraph's cycle check for the dependency graph,
//! and a plain in-memory model for the store.

mod common;

use bridgeboard_core::*;
use common::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    Add { from: usize, to: usize, relates: bool },
    Remove { index: usize },
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        4 => (0..12usize, 0..12usize, prop::bool::weighted(0.2)).prop_map(|(from, to, relates)| Step::Add { from, to, relates }),
        1 => (0..40usize).prop_map(|index| Step::Remove { index }),
    ];
    prop::collection::vec(step, 1..40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn dependencies_never_form_a_loop(steps in steps()) {
        let mut b = Board::new();
        let initiatives: Vec<Id> = (0..3).map(|n| b.initiative(&format!("I{n}"))).collect();
        let mut items = initiatives.clone();
        for n in 0..9 {
            items.push(b.task(initiatives[n % 3], &format!("T{n}")));
        }
        let mut edges: Vec<Id> = Vec::new();
        for step in steps {
            match step {
                Step::Add { from, to, relates } => {
                    let kind = if relates { DependencyKind::RelatesTo } else { DependencyKind::FinishToStart };
                    if let Ok(id) = b.apply(Op::AddDependency(NewDependency { from_id: items[from], to_id: items[to], kind, lag_days: 0 })) {
                        edges.push(id);
                    }
                }
                Step::Remove { index } if !edges.is_empty() => {
                    let id = edges.remove(index % edges.len());
                    b.apply(Op::RemoveDependency { id }).unwrap();
                }
                Step::Remove { .. } => {}
            }
            prop_assert!(acyclic_by_petgraph(&b.store), "the graph stays acyclic after {:?}", edges.len());
        }
    }

    #[test]
    fn the_store_matches_a_simple_model(ops in prop::collection::vec((0..4u8, 0..6usize, "[a-zA-Z <>'\"&é🚀]{0,12}"), 1..30)) {
        let mut b = Board::new();
        // The model: initiative id → (title, priority); deleted ones are removed.
        let mut model: Vec<(Id, String, Priority)> = Vec::new();
        for (kind, pick, text) in ops {
            let trimmed = text.trim().to_string();
            match kind {
                0 => {
                    let result = b.apply(Op::CreateInitiative(NewInitiative::titled(text.clone())));
                    prop_assert_eq!(result.is_ok(), !trimmed.is_empty(), "only blank titles are refused");
                    if let Ok(id) = result { model.push((id, trimmed, Priority::Medium)); }
                }
                1 if !model.is_empty() => {
                    let at = pick % model.len();
                    let result = b.set_initiative(model[at].0, InitiativeChange::Title(text.clone()));
                    prop_assert_eq!(result.is_ok(), !trimmed.is_empty());
                    if result.is_ok() { model[at].1 = trimmed; }
                }
                2 if !model.is_empty() => {
                    let at = pick % model.len();
                    let p = Priority::ALL[pick % 4];
                    b.set_initiative(model[at].0, InitiativeChange::Priority(p)).unwrap();
                    model[at].2 = p;
                }
                3 if !model.is_empty() => {
                    let at = pick % model.len();
                    b.apply(Op::Delete { id: model[at].0, reassign_to: None }).unwrap();
                    model.remove(at);
                }
                _ => {}
            }
            let mut actual: Vec<(Id, String, Priority)> =
                b.store.board(today()).unwrap().initiatives.into_iter().map(|c| (c.id, c.title.clone(), c.priority)).collect();
            let mut expected = model.clone();
            actual.sort_by_key(|x| x.0);
            expected.sort_by_key(|x| x.0);
            prop_assert_eq!(actual, expected);
        }
    }
}

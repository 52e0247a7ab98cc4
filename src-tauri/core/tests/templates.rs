//! Hospital templates: a new initiative from one is a single write with its whole plan, and a
//! board's own initiative comes back as a template that rebuilds it.

mod common;

use bridgeboard_core::*;
use common::*;

#[test]
fn every_built_in_template_creates_its_whole_plan_in_one_write() {
    for template in Store::open_in_memory().unwrap().templates().unwrap() {
        let mut b = Board::new();
        let before = b.store.bundle().unwrap().activity.len();
        let id = b
            .apply(Op::CreateFromTemplate {
                template: TemplateRef::Builtin(template.name.clone()),
                title: format!("{} at Mercy", template.name),
                start: day("2027-01-04"),
            })
            .unwrap();
        let detail = b.store.initiative_detail(id, today()).unwrap();
        let plan = &template.plan;
        assert_eq!(detail.tasks.len(), plan.tasks.len(), "{}: every task", template.name);
        assert_eq!(detail.gates.len(), plan.gates.len(), "{}: every gate", template.name);
        assert_eq!(detail.kpis.len(), plan.kpis.len(), "{}: every KPI", template.name);
        assert_eq!(detail.initiative.start, Some(day("2027-01-04")));
        assert_eq!(detail.initiative.target, Some(day("2027-01-04") + chrono::Duration::days(plan.target_days)));
        let go_live: Vec<&TaskRow> = detail.tasks.iter().filter(|t| t.task.go_live).collect();
        assert_eq!(go_live.len(), 1, "{}: its go-live milestone", template.name);
        let links: usize = detail.tasks.iter().map(|t| t.upstream.len()).sum();
        assert_eq!(links, plan.dependencies.len(), "{}: the dependencies between its tasks", template.name);
        assert_eq!(b.store.bundle().unwrap().activity.len(), before + 1, "{}: one activity entry", template.name);
        assert!(detail.activity[0].summary.contains(&format!("from the template “{}”", template.name)));
    }
}

#[test]
fn the_social_programme_carries_its_cadences_and_an_unknown_template_is_refused() {
    let mut b = Board::new();
    let id = b
        .apply(Op::CreateFromTemplate {
            template: TemplateRef::Builtin("social media program".into()),
            title: "Social at Mercy".into(),
            start: day("2027-01-04"),
        })
        .unwrap();
    let tasks = b.store.initiative_detail(id, today()).unwrap().tasks;
    let cadences: Vec<&str> = tasks.iter().filter_map(|t| t.task.cadence.as_deref()).collect();
    assert_eq!(cadences, ["weekly", "3× a week", "within 1 business day"], "recurring work shows how often");
    let err = b
        .apply(Op::CreateFromTemplate { template: TemplateRef::Builtin("Telehealth".into()), title: "T".into(), start: day("2027-01-04") })
        .unwrap_err();
    assert!(err.to_string().contains("no template called “Telehealth”"), "{err}");
}

#[test]
fn an_initiative_saved_as_a_template_rebuilds_its_plan() {
    let mut store = Store::open_in_memory().unwrap();
    sample::create(&mut store, today(), now()).unwrap();
    let me = Actor { id: None, name: "Test".into() };
    let board = store.board(today()).unwrap();
    let scheduling = board.initiatives.iter().find(|c| c.title.contains("self-scheduling")).unwrap().id;
    let saved = store
        .apply(&me, now(), Op::SaveTemplate { initiative_id: scheduling, name: "Our scheduling plan".into(), description: String::new() })
        .unwrap();
    let err = store
        .apply(&me, now(), Op::SaveTemplate { initiative_id: scheduling, name: "our scheduling plan".into(), description: String::new() })
        .unwrap_err();
    assert!(err.to_string().contains("already a template"), "names are unique: {err}");
    let copy = store
        .apply(
            &me,
            now(),
            Op::CreateFromTemplate {
                template: TemplateRef::Board(saved),
                title: "Scheduling, second site".into(),
                start: day("2027-02-01"),
            },
        )
        .unwrap();
    let (original, again) = (store.initiative_detail(scheduling, today()).unwrap(), store.initiative_detail(copy, today()).unwrap());
    let titles = |d: &InitiativeDetail| d.tasks.iter().map(|t| t.task.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&again), titles(&original), "the same tasks");
    let links = |d: &InitiativeDetail| d.tasks.iter().map(|t| t.upstream.len()).sum::<usize>();
    assert_eq!(links(&again), links(&original), "the same links between them");
    assert_eq!(again.gates.len(), original.gates.len(), "the same gates, without their decisions");
    assert!(again.gates.iter().all(|g| g.gate.state == GateState::NotStarted));
    assert_eq!(again.kpis.len(), original.kpis.len());
    assert!(again.kpis.iter().all(|k| k.readings.is_empty()), "readings stay with the original");
    let listed: Vec<String> = store.templates().unwrap().into_iter().map(|t| t.name).collect();
    assert!(listed.contains(&"Our scheduling plan".to_string()) && listed.len() == 9, "built-in ones, then the board's: {listed:?}");
}

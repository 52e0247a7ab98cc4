//! The roadmap filters every export shares (`Roadmap::build`), on the sample hospital board:
//! department, owner, status, tag and date range pick the right lanes and, within them, the
//! right tasks.

mod common;

use bridgeboard_core::export::{Roadmap, RoadmapFilter};
use bridgeboard_core::*;
use common::{day, now, today};

fn sample() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    sample::create(&mut store, today(), now()).unwrap();
    store
}

fn build(store: &Store, filter: RoadmapFilter) -> Roadmap {
    Roadmap::build(&store.snapshot().unwrap(), &filter, today())
}

fn lanes(roadmap: &Roadmap) -> Vec<&str> {
    roadmap.lanes.iter().map(|l| l.initiative.title.as_str()).collect()
}

fn person(store: &Store, name: &str) -> Id {
    store.snapshot().unwrap().people.iter().find(|p| p.name == name).unwrap().id
}

fn department(store: &Store, name: &str) -> Id {
    store.snapshot().unwrap().departments.iter().find(|d| d.name == name).unwrap().id
}

#[test]
fn no_filter_shows_every_initiative_but_cancelled_ones() {
    let mut store = sample();
    let all = build(&store, RoadmapFilter::default());
    assert_eq!(all.lanes.len(), 6, "the sample's six initiatives, none cancelled");
    let tasks: usize = all.lanes.iter().map(|l| l.tasks.len()).sum();
    assert_eq!(tasks, store.snapshot().unwrap().tasks.len(), "and every task");
    let id = all.lanes[0].initiative.id;
    store
        .apply(&common::me(), now(), Op::UpdateInitiative { id, changes: vec![InitiativeChange::Status(InitiativeStatus::Cancelled)] })
        .unwrap();
    assert_eq!(build(&store, RoadmapFilter::default()).lanes.len(), 5, "a cancelled initiative leaves the default roadmap");
    let cancelled = build(&store, RoadmapFilter { statuses: vec![InitiativeStatus::Cancelled], ..Default::default() });
    assert_eq!(lanes(&cancelled), [all.lanes[0].initiative.title.as_str()], "but can be asked for by status");
}

#[test]
fn status_filter_keeps_initiatives_in_any_given_status() {
    let store = sample();
    let live = build(&store, RoadmapFilter { statuses: vec![InitiativeStatus::Live], ..Default::default() });
    assert_eq!(lanes(&live), ["Social media program"], "only the live initiative");
    let two = build(&store, RoadmapFilter { statuses: vec![InitiativeStatus::Live, InitiativeStatus::Proposed], ..Default::default() });
    assert_eq!(lanes(&two), ["Social media program", "Patient portal adoption campaign"], "several statuses are OR-ed");
}

#[test]
fn tag_filter_ignores_case() {
    let store = sample();
    let website = build(&store, RoadmapFilter { tag: Some("WEBSITE".into()), ..Default::default() });
    assert_eq!(
        lanes(&website),
        ["Website redesign with accessibility (WCAG 2.1 AA)", "Marketing attribution tracking"],
        "both initiatives tagged website, whatever the case typed"
    );
    assert!(website.lanes.iter().all(|l| !l.tasks.is_empty()), "a tag picks whole initiatives, with all their tasks");
}

#[test]
fn department_filter_keeps_initiatives_it_takes_part_in_with_only_its_tasks() {
    let store = sample();
    let compliance = department(&store, "Compliance");
    let roadmap = build(&store, RoadmapFilter { department_id: Some(compliance), ..Default::default() });
    assert_eq!(lanes(&roadmap), ["Care-plan reminder texts (SMS)"], "Compliance has a task only in the SMS initiative");
    assert!(roadmap.lanes[0].tasks.iter().all(|t| t.department.id == compliance), "and only its own tasks are shown");
    let executive = department(&store, "Executive");
    let roadmap = build(&store, RoadmapFilter { department_id: Some(executive), ..Default::default() });
    assert_eq!(roadmap.lanes.len(), 6, "the executives sponsor every initiative, so all are theirs");
    assert!(roadmap.lanes.iter().all(|l| l.tasks.is_empty()), "but none of the tasks is Executive's");
}

#[test]
fn owner_filter_keeps_what_a_person_leads_and_the_tasks_assigned_to_them() {
    let store = sample();
    let priya = person(&store, "Priya Raman");
    let roadmap = build(&store, RoadmapFilter { owner_id: Some(priya), ..Default::default() });
    assert_eq!(
        lanes(&roadmap),
        ["Patient online self-scheduling", "Marketing attribution tracking", "Patient portal adoption campaign"],
        "the initiatives Priya owns"
    );
    let all = build(&store, RoadmapFilter::default());
    for lane in &roadmap.lanes {
        let whole = all.lanes.iter().find(|l| l.initiative.id == lane.initiative.id).unwrap();
        assert_eq!(lane.tasks.len(), whole.tasks.len(), "an owner sees every task of what they own");
    }
    let grace = person(&store, "Grace Kim");
    let roadmap = build(&store, RoadmapFilter { owner_id: Some(grace), ..Default::default() });
    assert_eq!(lanes(&roadmap), ["Patient online self-scheduling", "Patient portal adoption campaign"], "where Grace has tasks");
    assert!(
        roadmap.lanes.iter().flat_map(|l| &l.tasks).all(|t| t.task.assignee_id == Some(grace)),
        "someone who owns nothing sees only the tasks assigned to them"
    );
}

#[test]
fn date_range_keeps_what_reaches_into_it() {
    let store = sample();
    let (from, to) = (day("2026-07-01"), day("2026-12-31"));
    let late = build(&store, RoadmapFilter { from: Some(from), to: Some(to), ..Default::default() });
    assert_eq!(lanes(&late), ["Patient portal adoption campaign"], "only the portal campaign runs past July");
    assert!(late.lanes[0].tasks.is_empty(), "its tasks all end before July, so none is listed");

    let early = build(&store, RoadmapFilter { to: Some(day("2025-12-31")), ..Default::default() });
    assert_eq!(lanes(&early), ["Social media program"], "only the social program started in 2025");
    for task in early.lanes.iter().flat_map(|l| &l.tasks) {
        let span = task.span.expect("a range leaves undated tasks out");
        assert!(span.start <= day("2025-12-31"), "each kept task starts by the end of the range: {}", task.task.title);
    }
    let mut store = store;
    let id = lanes_id(&store, "Social media program");
    let undated = store.apply(&common::me(), now(), Op::CreateTask(NewTask::titled(id, MARKETING, "Someday"))).unwrap();
    let early = build(&store, RoadmapFilter { to: Some(day("2025-12-31")), ..Default::default() });
    assert!(early.lanes.iter().flat_map(|l| &l.tasks).all(|t| t.task.id != undated), "an undated task is not in a dated range");
    let all = build(&store, RoadmapFilter::default());
    assert!(all.lanes.iter().flat_map(|l| &l.tasks).any(|t| t.task.id == undated), "but is there without a range");
}

#[test]
fn filters_combine_and_dependencies_follow_the_kept_items() {
    let store = sample();
    let it = department(&store, "IT");
    let roadmap = build(&store, RoadmapFilter { department_id: Some(it), tag: Some("sms".into()), ..Default::default() });
    assert_eq!(lanes(&roadmap), ["Care-plan reminder texts (SMS)"], "department and tag together");
    assert!(roadmap.lanes[0].tasks.iter().all(|t| t.department.id == it), "with only IT's tasks");
    let kept: Vec<Id> =
        roadmap.lanes.iter().flat_map(|l| std::iter::once(l.initiative.id).chain(l.tasks.iter().map(|t| t.task.id))).collect();
    assert!(
        roadmap.dependencies.iter().all(|d| kept.contains(&d.from_id) && kept.contains(&d.to_id)),
        "a dependency is exported only when both its ends are"
    );
    assert!(!roadmap.dependencies.is_empty(), "the vendor → HL7 feed edge is inside the selection");
}

fn lanes_id(store: &Store, title: &str) -> Id {
    store.snapshot().unwrap().initiatives.iter().find(|i| i.title == title).unwrap().id
}

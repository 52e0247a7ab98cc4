//! Governance on a board: one Accountable, gates before go-live decided only by their approver,
//! a failed gate blocking, and people who hold roles not deleted with them. Every refusal names
//! what is wrong and leaves the board as it was.

mod common;

use bridgeboard_core::*;
use common::*;

struct Gov {
    b: Board,
    linda: Id,
    portal: Id,
}

fn board() -> Gov {
    let mut b = Board::new();
    let linda = b
        .apply(Op::CreatePerson(NewPerson {
            name: "Linda Okafor".into(),
            email: String::new(),
            title: "Privacy Officer".into(),
            department_id: IT,
        }))
        .unwrap();
    let portal = b.initiative("Patient portal");
    Gov { b, linda, portal }
}

fn as_person(id: Id, name: &str) -> Actor {
    Actor { id: Some(id), name: name.into() }
}

fn gate_type(b: &Board, key: &str) -> Id {
    b.store.gate_types().unwrap().into_iter().find(|t| t.key == key).unwrap().id
}

fn add_gate(g: &mut Gov, key: &str, approver: Id) -> Id {
    let gate_type_id = gate_type(&g.b, key);
    g.b.apply(Op::AddGate(NewGate { initiative_id: g.portal, gate_type_id, approver_id: Some(approver) })).unwrap()
}

fn decide(g: &mut Gov, who: &Actor, gate: Id, state: GateState, reason: Option<&str>) -> Result<Id> {
    let change = GateChange::State { state, reason: reason.map(str::to_string) };
    g.b.store.apply(who, now(), Op::UpdateGate { id: gate, changes: vec![change] })
}

#[test]
fn an_initiative_has_one_accountable_once_it_leaves_proposed() {
    let mut b = Board::new();
    let portal = b
        .apply(Op::CreateInitiative(NewInitiative {
            marketing_owner_id: Some(b.dana),
            it_owner_id: Some(b.tom),
            ..NewInitiative::titled("Portal")
        }))
        .unwrap();
    let before = b.activity_count(portal);
    let err = b.set_initiative(portal, InitiativeChange::Status(InitiativeStatus::Planned)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("without an Accountable"), "the refusal says what is missing: {err}");
    assert_eq!(b.card(portal).status, InitiativeStatus::Proposed, "the refused move changed nothing");
    assert_eq!(b.activity_count(portal), before, "and logged nothing");

    let (dana, tom) = (b.dana, b.tom);
    b.apply(Op::SetRole { item_id: portal, person_id: dana, role: RaciRole::Accountable }).unwrap();
    b.set_initiative(portal, InitiativeChange::Status(InitiativeStatus::Planned)).unwrap();
    b.apply(Op::SetRole { item_id: portal, person_id: tom, role: RaciRole::Accountable }).unwrap();
    let detail = b.store.initiative_detail(portal, today()).unwrap();
    assert_eq!(detail.raci.accountable.as_ref().map(|p| p.id), Some(tom), "naming an Accountable replaces the one there was");
    assert!(
        detail.activity.iter().any(|a| a.summary.ends_with("made Tom Accountable for “Portal”, replacing Dana")),
        "the log says who was replaced: {:?}",
        detail.activity.iter().map(|a| &a.summary).collect::<Vec<_>>()
    );
    let err = b.apply(Op::RemoveRole { item_id: portal, person_id: tom, role: RaciRole::Accountable }).unwrap_err();
    assert!(err.to_string().contains("must keep an Accountable"), "past Proposed it cannot be taken away: {err}");
}

#[test]
fn owners_are_responsible_by_default_and_roles_are_given_and_taken_back() {
    let mut g = board();
    let (dana, tom, linda, portal) = (g.b.dana, g.b.tom, g.linda, g.portal);
    g.b.apply(Op::SetRole { item_id: portal, person_id: linda, role: RaciRole::Consulted }).unwrap();
    g.b.apply(Op::SetRole { item_id: portal, person_id: linda, role: RaciRole::Consulted }).unwrap();
    g.b.apply(Op::SetRole { item_id: portal, person_id: tom, role: RaciRole::Responsible }).unwrap();
    let raci = g.b.store.initiative_detail(portal, today()).unwrap().raci;
    let names = |list: &[RaciPerson]| list.iter().map(|r| (r.person.name.clone(), r.by_default)).collect::<Vec<_>>();
    assert_eq!(
        names(&raci.responsible),
        vec![("Dana".into(), true), ("Tom".into(), false)],
        "both owners are Responsible; Tom also by a role given, which is shown once"
    );
    assert_eq!(names(&raci.consulted), vec![("Linda Okafor".into(), false)], "giving a role twice gives it once");
    assert_eq!(raci.letters(dana), "AR", "Dana is Accountable and Responsible");
    g.b.apply(Op::RemoveRole { item_id: portal, person_id: linda, role: RaciRole::Consulted }).unwrap();
    assert!(g.b.store.initiative_detail(portal, today()).unwrap().raci.consulted.is_empty());
    let err = g.b.apply(Op::RemoveRole { item_id: portal, person_id: linda, role: RaciRole::Informed }).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound, "taking back a role nobody holds says so: {err}");
}

#[test]
fn going_live_waits_for_every_gate_and_names_each_with_its_approver() {
    let mut g = board();
    let (dana, linda, portal) = (g.b.dana, g.linda, g.portal);
    let privacy = add_gate(&mut g, "privacy", linda);
    add_gate(&mut g, "brand", dana);
    let launch =
        g.b.apply(Op::CreateTask(NewTask { kind: TaskKind::Milestone, go_live: true, ..NewTask::titled(portal, MARKETING, "Launch") }))
            .unwrap();
    g.b.set_initiative(portal, InitiativeChange::Status(InitiativeStatus::InProgress)).unwrap();
    let before = g.b.activity_count(portal);
    let err = g.b.set_initiative(portal, InitiativeChange::Status(InitiativeStatus::Live)).unwrap_err();
    let text = err.to_string();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(text.contains("Privacy / HIPAA tracking-technology review (not started, approver Linda Okafor)"), "{text}");
    assert!(text.contains("Brand review (not started, approver Dana)"), "every open gate is named: {text}");
    let err = g.b.set_task(launch, TaskChange::Status(TaskStatus::Done)).unwrap_err();
    assert!(err.to_string().contains("go-live milestone “Launch”"), "the go-live milestone waits too: {err}");
    assert_eq!(g.b.activity_count(portal), before, "refusals change and log nothing");
    assert_eq!(g.b.card(portal).gates, GateSummary { settled: 0, total: 2, failed: vec![] });

    let tom = as_person(g.b.tom, "Tom");
    let err = decide(&mut g, &tom, privacy, GateState::Passed, None).unwrap_err();
    assert!(err.to_string().contains("Only Linda Okafor, the gate's approver,"), "only the approver passes it: {err}");
    decide(&mut g, &as_person(linda, "Linda Okafor"), privacy, GateState::Passed, None).unwrap();
    let brand = gate_id(portal, gate_type(&g.b, "brand"));
    let err = decide(&mut g, &tom, brand, GateState::Waived, Some("Internal page")).unwrap_err();
    assert!(err.to_string().contains("or the initiative's Accountable"), "{err}");
    assert_eq!(decide(&mut g, &as_person(dana, "Dana"), brand, GateState::Waived, None).unwrap_err().code(), ErrorCode::Validation);
    decide(&mut g, &as_person(dana, "Dana"), brand, GateState::Waived, Some("Uses the existing portal look")).unwrap();
    g.b.set_task(launch, TaskChange::Status(TaskStatus::Done)).unwrap();
    g.b.set_initiative(portal, InitiativeChange::Status(InitiativeStatus::Live)).unwrap();
    let listed = g.b.store.listing(today()).unwrap().initiatives.into_iter().find(|i| i.id == portal).unwrap();
    let states: Vec<(&str, &str)> = listed.gates.iter().map(|g| (g.key.as_str(), g.state.as_str())).collect();
    assert_eq!(states, vec![("privacy", "passed"), ("brand", "waived")], "list --json carries the gates");
    assert_eq!(listed.gates[0].decided_by.as_deref(), Some("Linda Okafor"), "who decided is kept");
}

#[test]
fn a_failed_gate_blocks_the_initiative_with_its_reason() {
    let mut g = board();
    let (linda, portal) = (g.linda, g.portal);
    let privacy = add_gate(&mut g, "privacy", linda);
    decide(&mut g, &as_person(linda, "Linda Okafor"), privacy, GateState::Failed, Some("The chat widget sends page URLs to its vendor"))
        .unwrap();
    let card = g.b.card(portal);
    assert!(card.blocked, "a failed gate blocks");
    assert!(card.blocked_by.is_empty(), "blocked_by lists only open predecessors");
    assert_eq!(card.gates.failed, vec!["Privacy / HIPAA tracking-technology review failed: The chat widget sends page URLs to its vendor"]);
    let listed = g.b.store.listing(today()).unwrap().initiatives.into_iter().find(|i| i.id == portal).unwrap();
    assert!(listed.blocked && listed.blocked_by.is_empty(), "the same in list --json");
    let tom = as_person(g.b.tom, "Tom");
    assert!(decide(&mut g, &tom, privacy, GateState::InReview, None).is_err(), "only the approver or the Accountable reopens it");
    let dana = as_person(g.b.dana, "Dana");
    decide(&mut g, &dana, privacy, GateState::InReview, None).unwrap();
    assert!(!g.b.card(portal).blocked, "back in review, it no longer blocks");
}

#[test]
fn someone_who_holds_a_role_or_approves_a_gate_is_deleted_only_with_a_successor() {
    let mut g = board();
    let (tom, linda, portal) = (g.b.tom, g.linda, g.portal);
    add_gate(&mut g, "privacy", linda);
    g.b.apply(Op::SetRole { item_id: portal, person_id: linda, role: RaciRole::Informed }).unwrap();
    let err = g.b.apply(Op::Delete { id: linda, reassign_to: None }).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("approver of the Privacy / HIPAA tracking-technology review gate of “Patient portal”"), "{text}");
    assert!(text.contains("informed for “Patient portal”"), "every role is named: {text}");
    g.b.apply(Op::Delete { id: linda, reassign_to: Some(tom) }).unwrap();
    let detail = g.b.store.initiative_detail(portal, today()).unwrap();
    assert_eq!(detail.gates[0].approver.as_ref().map(|p| p.id), Some(tom), "the approval is handed over");
    assert_eq!(detail.raci.informed.iter().map(|r| r.person.id).collect::<Vec<_>>(), vec![tom], "so is the role");
}

#[test]
fn the_gate_catalogue_is_edited_and_a_used_type_is_kept() {
    let mut g = board();
    let keys: Vec<String> = g.b.store.gate_types().unwrap().into_iter().map(|t| t.key).collect();
    assert_eq!(keys, ["privacy", "security", "accessibility", "texting", "legal", "brand"], "the six built-in types ship");
    let new =
        NewGateType { key: "Pharmacy".into(), name: "Pharmacy review".into(), description: String::new(), usual_approver: String::new() };
    let pharmacy = g.b.apply(Op::CreateGateType(new.clone())).unwrap();
    assert_eq!(g.b.apply(Op::CreateGateType(new)).unwrap_err().code(), ErrorCode::Validation, "keys are unique");
    g.b.apply(Op::UpdateGateType { id: pharmacy, changes: vec![GateTypeChange::Name("Pharmacy & therapeutics".into())] }).unwrap();
    let linda = g.linda;
    add_gate(&mut g, "pharmacy", linda);
    let err = g.b.apply(Op::RemoveGateType { id: pharmacy }).unwrap_err();
    assert!(err.to_string().contains("“Patient portal”"), "a type in use names where: {err}");
    let gate = gate_id(g.portal, pharmacy);
    g.b.apply(Op::RemoveGate { id: gate }).unwrap();
    g.b.apply(Op::RemoveGateType { id: pharmacy }).unwrap();
    assert!(g.b.store.gate_types().unwrap().iter().all(|t| t.key != "pharmacy"));
}

#[test]
fn initiatives_past_proposed_without_an_accountable_are_listed_not_refused() {
    let mut b = Board::new();
    // As a board from before Accountables existed (or an import) holds them.
    let old = b
        .apply(Op::CreateInitiative(NewInitiative {
            status: InitiativeStatus::InProgress,
            marketing_owner_id: Some(b.dana),
            it_owner_id: Some(b.tom),
            ..NewInitiative::titled("Website refresh")
        }))
        .unwrap();
    b.set_initiative(old, InitiativeChange::Title("Website refresh 2027".into())).expect("it can still be edited");
    let listed = b.store.needs_attention().unwrap();
    assert!(
        listed.iter().any(|a| a.item_id == old && a.message.contains("has no Accountable")),
        "it is listed under Needs attention: {listed:?}"
    );
    assert!(b.card(old).accountable.is_none(), "and not silently filled");
}

#[test]
fn the_sample_board_has_accountables_gates_and_go_live_milestones() {
    let mut store = Store::open_in_memory().unwrap();
    sample::create(&mut store, today(), now()).unwrap();
    assert!(store.needs_attention().unwrap().is_empty(), "the sample breaks no rule");
    let board = store.board(today()).unwrap();
    for card in board.initiatives.iter().filter(|c| c.status != InitiativeStatus::Proposed) {
        assert!(card.accountable.is_some(), "{} has its Accountable", card.title);
        assert!(card.gates.total > 0, "{} has gates", card.title);
    }
    let listing = store.listing(today()).unwrap();
    let scheduling = listing.initiatives.iter().find(|i| i.title.contains("self-scheduling")).unwrap();
    assert!(scheduling.tasks.iter().any(|t| t.go_live && t.title.starts_with("Go-live")), "its go-live milestone is marked");
}

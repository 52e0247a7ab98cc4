//! Sharing a board through a folder: two or three desktops, each with its own board file,
//! meeting only through the shared folder.

mod common;

use std::path::{Path, PathBuf};

use bridgeboard_core::store::WaitingFrom;
use bridgeboard_core::sync::Folder;
use bridgeboard_core::*;
use common::*;

/// One desktop: its own board file, and the board's folder in the share.
struct Desk {
    store: Store,
    folder: PathBuf,
    who: Actor,
}

impl Desk {
    fn sync(&mut self) -> SyncReport {
        let folder = Folder::at(&self.folder);
        self.store.sync(&folder, &self.who, now()).unwrap()
    }

    fn apply(&mut self, op: Op) -> Result<Id> {
        self.store.apply(&self.who, now(), op)
    }

    fn dump(&self) -> String {
        dump(&self.store)
    }
}

/// The board as every desktop must hold it: every row of every table, deleted ones and the
/// activity log included.
fn dump(store: &Store) -> String {
    serde_json::to_string_pretty(&store.bundle().unwrap()).unwrap()
}

/// Dana's desktop shares a board with two owners and an initiative; Tom's desktop joins it.
fn two_desks(name: &str) -> (Desk, Desk, Id) {
    let shared = Shared::new(name);
    let joined = shared.join().unwrap();
    let root = shared.folder.root().to_path_buf();
    let Shared { board, dana, tom, portal, .. } = shared;
    (Desk { store: board.store, folder: root.clone(), who: dana }, Desk { store: joined, folder: root, who: tom }, portal)
}

fn title(store: &Store, id: Id) -> String {
    store.initiative_detail(id, today()).unwrap().initiative.title
}

#[test]
fn a_joined_board_is_the_shared_board_complete() {
    let (dana, tom, portal) = two_desks("join");
    assert_eq!(tom.dump(), dana.dump(), "the desktop that joined holds every row the sharing desktop has, history included");
    assert_eq!(title(&tom.store, portal), "Patient portal adoption");
    assert_eq!(tom.store.info().unwrap().id, dana.store.info().unwrap().id, "both desktops hold the same board");
}

#[test]
fn edits_flow_both_ways_and_name_who_made_them_on_which_desktop() {
    let (mut dana, mut tom, portal) = two_desks("flow");
    dana.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Title("Portal adoption campaign".into())] }).unwrap();
    let task = tom.apply(Op::CreateTask(NewTask::titled(portal, IT, "Single sign-on"))).unwrap();
    assert_eq!(dana.sync().published, 1, "Dana's one edit is published as one change");
    let report = tom.sync();
    assert_eq!((report.published, report.received), (1, 1), "Tom publishes his task and receives Dana's title");
    dana.sync();
    assert_eq!(title(&tom.store, portal), "Portal adoption campaign", "Dana's edit reached Tom");
    let detail = dana.store.initiative_detail(portal, today()).unwrap();
    assert!(detail.tasks.iter().any(|t| t.task.id == task), "Tom's task reached Dana");
    let added = detail.activity.iter().find(|a| a.item_id == task).expect("Tom's change is in Dana's activity log");
    assert_eq!((added.actor_name.as_str(), added.device.as_deref()), ("Tom", Some("IT-PM-LAPTOP-7")), "with the person and the desktop");
    assert_eq!(dana.dump(), tom.dump(), "after both have synced, the boards are identical");
}

#[test]
fn the_same_field_changed_on_two_desktops_is_a_conflict_until_someone_keeps_one() {
    let (mut dana, mut tom, portal) = two_desks("conflict");
    let target = |d: &str| Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Target(Some(day(d)))] };
    dana.apply(target("2027-03-31")).unwrap();
    tom.apply(target("2027-04-15")).unwrap();
    dana.sync();
    tom.sync();
    dana.sync();
    assert_eq!(dana.dump(), tom.dump(), "both desktops show the same winner");
    for desk in [&dana, &tom] {
        let conflicts = desk.store.conflicts().unwrap();
        assert_eq!(conflicts.len(), 1, "one field is in conflict: {conflicts:?}");
        let c = &conflicts[0];
        assert_eq!((c.field.as_str(), c.item_title.as_str()), ("target", "Patient portal adoption"));
        let mut seen: Vec<(String, String, String)> = c
            .choices
            .iter()
            .map(|ch| (ch.value.clone(), ch.person.clone().unwrap_or_default(), ch.device.clone().unwrap_or_default()))
            .collect();
        seen.sort();
        assert_eq!(
            seen,
            vec![
                ("2027-03-31".to_string(), "Dana".to_string(), "MKT-DESKTOP-2".to_string()),
                ("2027-04-15".to_string(), "Tom".to_string(), "IT-PM-LAPTOP-7".to_string())
            ],
            "each value with who set it and where"
        );
    }
    let keep = tom.store.conflicts().unwrap()[0].choices.iter().find(|c| c.value == "2027-04-15").unwrap().choice;
    tom.store.resolve_conflict(&tom.who.clone(), now(), &portal.to_string(), "target", keep).unwrap();
    assert!(tom.store.conflicts().unwrap().is_empty(), "keeping a value ends the conflict here at once");
    tom.sync();
    dana.sync();
    assert!(dana.store.conflicts().unwrap().is_empty(), "and on the other desktop after it syncs");
    assert_eq!(dana.store.initiative_detail(portal, today()).unwrap().initiative.target, Some(day("2027-04-15")));
    assert_eq!(dana.dump(), tom.dump());
}

#[test]
fn two_accountables_named_apart_are_a_conflict_and_gates_decided_apart_merge() {
    let (mut dana, mut tom, portal) = two_desks("accountable");
    let (dana_id, tom_id) = (dana.who.id.unwrap(), tom.who.id.unwrap());
    let privacy = dana.store.gate_types().unwrap().into_iter().find(|t| t.key == "privacy").unwrap().id;
    dana.apply(Op::AddGate(NewGate { initiative_id: portal, gate_type_id: privacy, approver_id: Some(tom_id) })).unwrap();
    dana.sync();
    tom.sync();
    // Apart: each names a different Accountable; Tom, the approver, passes the gate.
    dana.apply(Op::SetRole { item_id: portal, person_id: tom_id, role: RaciRole::Accountable }).unwrap();
    tom.apply(Op::SetRole { item_id: portal, person_id: dana_id, role: RaciRole::Responsible }).unwrap();
    tom.apply(Op::SetRole { item_id: portal, person_id: tom_id, role: RaciRole::Consulted }).unwrap();
    let gate = gate_id(portal, privacy);
    tom.apply(Op::UpdateGate { id: gate, changes: vec![GateChange::State { state: GateState::Passed, reason: None }] }).unwrap();
    dana.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Accountable(Some(dana_id))] }).unwrap();
    tom.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Accountable(Some(tom_id))] }).unwrap();
    dana.sync();
    tom.sync();
    dana.sync();
    assert_eq!(dana.dump(), tom.dump(), "both desktops hold the same board");
    let conflicts = dana.store.conflicts().unwrap();
    let fields: Vec<&str> = conflicts.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, vec!["accountable"], "two Accountables named apart are one field conflict: {conflicts:?}");
    let detail = dana.store.initiative_detail(portal, today()).unwrap();
    assert_eq!(detail.gates[0].gate.state, GateState::Passed, "the gate Tom passed is passed here too");
    assert_eq!(detail.raci.consulted.len(), 1, "roles given apart all arrive");
    let keep = conflicts[0].choices.iter().find(|c| c.value == "Dana").unwrap().choice;
    dana.store.resolve_conflict(&dana.who.clone(), now(), &portal.to_string(), "accountable", keep).unwrap();
    dana.sync();
    tom.sync();
    assert!(tom.store.conflicts().unwrap().is_empty());
    assert_eq!(tom.store.initiative_detail(portal, today()).unwrap().raci.accountable.map(|p| p.id), Some(dana_id));
}

#[test]
fn kpis_and_their_readings_travel_between_desktops() {
    let (mut dana, mut tom, portal) = two_desks("kpis");
    let kpi = dana
        .apply(Op::AddKpi(NewKpi {
            initiative_id: portal,
            name: "Portal activation".into(),
            unit: "%".into(),
            direction: Direction::Higher,
            baseline: 38.0,
            baseline_on: day("2027-01-01"),
            target: 60.0,
            target_on: day("2027-12-31"),
        }))
        .unwrap();
    dana.sync();
    tom.sync();
    tom.apply(Op::AddReading(NewReading { kpi_id: kpi, value: 41.5, taken_on: day("2027-03-01"), note: String::new() })).unwrap();
    tom.sync();
    dana.sync();
    assert_eq!(dana.dump(), tom.dump(), "both desktops hold the same KPI and reading");
    let kpis = dana.store.initiative_detail(portal, today()).unwrap().kpis;
    assert_eq!(kpis.len(), 1);
    assert_eq!(kpis[0].readings.iter().map(|r| r.value).collect::<Vec<_>>(), vec![41.5], "Tom's reading arrived");
}

#[test]
fn tags_and_dependencies_added_apart_all_survive_once() {
    let (mut dana, mut tom, portal) = two_desks("sets");
    let tags =
        |t: &[&str]| Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Tags(t.iter().map(|s| s.to_string()).collect())] };
    dana.apply(tags(&["portal", "sms"])).unwrap();
    tom.apply(tags(&["portal", "sso"])).unwrap();
    let second = dana.apply(Op::CreateInitiative(NewInitiative::titled("Self-scheduling"))).unwrap();
    dana.sync();
    tom.sync();
    let link = NewDependency { from_id: portal, to_id: second, kind: DependencyKind::FinishToStart, lag_days: 0 };
    let a = dana.apply(Op::AddDependency(link.clone())).unwrap();
    let b = tom.apply(Op::AddDependency(link)).unwrap();
    assert_eq!(a, b, "two desktops adding the same link give it the same id");
    dana.sync();
    tom.sync();
    dana.sync();
    let mut shown = dana.store.initiative_detail(portal, today()).unwrap().initiative.tags;
    shown.sort();
    assert_eq!(shown, vec!["portal", "sms", "sso"], "tags added on either desktop all survive");
    assert_eq!(dana.store.initiative_detail(second, today()).unwrap().upstream.len(), 1, "one dependency, not two");
    assert!(dana.store.conflicts().unwrap().is_empty(), "the same link added twice is not a conflict");
    assert_eq!(dana.dump(), tom.dump());
}

#[test]
fn an_unreachable_folder_keeps_every_edit_until_it_is_back() {
    let (mut dana, mut tom, portal) = two_desks("offline");
    let real = dana.folder.clone();
    dana.folder = real.with_file_name("not-mounted").join("Bridgeboard-x");
    dana.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::High)] }).unwrap();
    let report = dana.sync();
    assert!(report.offline.is_some(), "the report says the folder cannot be reached");
    assert_eq!(report.waiting_to_publish, 1, "the edit waits in the outbox");
    dana.folder = real;
    assert_eq!(dana.sync().published, 1, "once the folder is back the edit is published");
    tom.sync();
    assert_eq!(tom.store.initiative_detail(portal, today()).unwrap().initiative.priority, Priority::High);
}

#[test]
fn garbage_in_the_folder_is_reported_and_the_next_good_changes_still_apply() {
    let (mut dana, mut tom, portal) = two_desks("garbage");
    let mine = dana.folder.join("devices").join("intruder").join("changes").join("board");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join(format!("0000000001-{}.chg", "0".repeat(64))), b"not a change").unwrap();
    std::fs::write(mine.join("notes.txt"), b"hello").unwrap();
    std::fs::write(dana.folder.join("devices").join("stray.txt"), b"").unwrap();
    dana.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::Critical)] }).unwrap();
    dana.sync();
    tom.sync();
    assert_eq!(tom.store.initiative_detail(portal, today()).unwrap().initiative.priority, Priority::Critical, "good changes apply");
    let status = tom.store.sync_status().unwrap();
    assert_eq!(status.unusable_files.len(), 3, "each bad file is reported: {:?}", status.unusable_files);
    assert!(status.unusable_files.iter().any(|f| f.problem.contains("torn")), "a file whose bytes do not match its name reads as torn");
    assert!(mine.join("notes.txt").exists(), "nothing that another desktop owns is deleted");
}

#[test]
fn a_cli_edit_on_a_shared_board_is_published_by_the_next_sync() {
    let (dana, mut tom, portal) = two_desks("cli-edit");
    let path = dana.store.path().unwrap().to_path_buf();
    let who = dana.who.clone();
    drop(dana);
    // A short-lived process: opens the file, edits, closes, never loading the document.
    let mut cli = Store::open(&path, Some(path.parent().unwrap())).unwrap();
    cli.apply(&who, now(), Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Summary("From a script".into())] }).unwrap();
    assert_eq!(cli.sync_status().unwrap().waiting_to_publish, 1, "the edit waits to be published");
    drop(cli);
    let mut dana = Desk { store: Store::open(&path, Some(path.parent().unwrap())).unwrap(), folder: tom.folder.clone(), who };
    assert_eq!(dana.sync().published, 1);
    tom.sync();
    assert_eq!(tom.store.initiative_detail(portal, today()).unwrap().initiative.summary, "From a script");
    assert_eq!(dana.dump(), tom.dump());
}

#[test]
fn stopping_sharing_leaves_a_private_board_under_a_new_id() {
    let (mut dana, _tom, portal) = two_desks("stop");
    let shared_id = dana.store.info().unwrap().id;
    let who = dana.who.clone();
    let new_id = dana.store.stop_sharing(&who, now()).unwrap();
    assert_ne!(new_id, shared_id, "the private copy has a board id of its own");
    assert!(!dana.store.is_shared());
    assert_eq!(title(&dana.store, portal), "Patient portal adoption", "everything stays");
    dana.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::Low)] }).unwrap();
    assert!(!dana.store.sync_status().unwrap().shared);
}

#[test]
fn joining_is_refused_into_a_file_that_holds_a_board_or_from_a_folder_that_is_not_a_share() {
    let (dana, _tom, _) = two_desks("refusals");
    let taken = dana.store.path().unwrap().to_path_buf();
    let err = Store::join(&taken, &Folder::at(&dana.folder), "X", &me(), now()).err().unwrap();
    assert_eq!(err.code(), ErrorCode::Conflict, "{err}");
    let empty = temp_dir("refusals-empty");
    let err = Store::join(&empty.join("new.bridgeboard"), &Folder::at(&empty), "X", &me(), now()).err().unwrap();
    assert!(err.to_string().contains("holds no shared Bridgeboard board"), "{err}");
    assert!(!Path::new(&empty.join("new.bridgeboard")).exists(), "no file is left behind");
    let gone = empty.join("missing").join("Bridgeboard-x");
    let err = Store::join(&empty.join("new.bridgeboard"), &Folder::at(&gone), "X", &me(), now()).err().unwrap();
    assert_eq!(err.code(), ErrorCode::Unreachable, "{err}");
}

#[test]
fn a_loop_made_of_links_added_apart_suspends_the_same_link_everywhere() {
    let (mut dana, mut tom, portal) = two_desks("loop");
    let second = dana.apply(Op::CreateInitiative(NewInitiative::titled("Self-scheduling"))).unwrap();
    dana.sync();
    tom.sync();
    let link = |from_id, to_id| Op::AddDependency(NewDependency { from_id, to_id, kind: DependencyKind::FinishToStart, lag_days: 0 });
    dana.apply(link(portal, second)).unwrap();
    tom.apply(link(second, portal)).unwrap();
    dana.sync();
    tom.sync();
    dana.sync();
    let suspended = |d: &Desk| d.store.sync_status().unwrap().suspended_dependencies;
    assert_eq!(suspended(&dana).len(), 1, "one of the two links is suspended");
    assert_eq!(suspended(&dana), suspended(&tom), "both desktops suspend the same link");
    let s = &suspended(&dana)[0];
    assert_eq!(s.closes.first(), s.closes.last(), "the loop it would close is named, round to its start: {:?}", s.closes);
    assert_eq!(dana.dump(), tom.dump());
    let waits =
        |d: &Desk, id| d.store.initiative_detail(id, today()).unwrap().upstream.iter().filter(|l| l.suspended_loop.is_none()).count();
    for desk in [&dana, &tom] {
        for item in [portal, second] {
            let detail = desk.store.initiative_detail(item, today()).unwrap();
            let links = detail.upstream.iter().chain(&detail.downstream);
            assert_eq!(links.filter(|l| l.suspended_loop.is_some()).count(), 1, "the suspended link is shown on both of its items");
        }
    }
    assert_eq!(waits(&dana, portal) + waits(&dana, second), 1, "the suspended link does not count; the other does");
    let active = if waits(&dana, portal) == 1 { (second, portal) } else { (portal, second) };
    let id = bridgeboard_core::domain::graph::dependency_id(active.0, active.1);
    dana.apply(Op::RemoveDependency { id }).unwrap();
    dana.sync();
    tom.sync();
    assert!(suspended(&tom).is_empty(), "removing the other link of the loop revives the suspended one");
    assert_eq!(waits(&tom, portal) + waits(&tom, second), 1, "and it now counts");
}

#[test]
fn a_long_journal_is_folded_into_a_new_snapshot_without_losing_anything() {
    let (mut dana, mut tom, portal) = two_desks("compact");
    let path = dana.store.path().unwrap().to_path_buf();
    // A second process on Dana's file that read the document before the compaction.
    let mut stale = Store::open(&path, Some(path.parent().unwrap())).unwrap();
    stale.load_document().unwrap();
    for n in 0..520 {
        tom.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Summary(format!("Revision {n}"))] }).unwrap();
    }
    tom.sync();
    dana.sync(); // 520 changes arrive
    dana.sync(); // and the next sync saves Dana's document as a new snapshot
    stale
        .apply(&dana.who.clone(), now(), Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::High)] })
        .unwrap();
    stale.sync(&Folder::at(&dana.folder), &dana.who.clone(), now()).unwrap();
    drop(stale);
    tom.sync();
    dana.sync();
    assert_eq!(dana.dump(), tom.dump(), "the edit made by the process that read the old snapshot lands everywhere");
    let detail = tom.store.initiative_detail(portal, today()).unwrap().initiative;
    assert_eq!((detail.summary.as_str(), detail.priority), ("Revision 519", Priority::High));
    let mut reopened = Store::open(&path, Some(path.parent().unwrap())).unwrap();
    reopened.load_document().unwrap();
    assert_eq!(dump(&reopened), tom.dump(), "reopening reads the new snapshot and what came after it");
}

#[test]
fn the_same_link_added_apart_with_two_lags_is_a_conflict_on_its_lag() {
    let (mut dana, mut tom, portal) = two_desks("lag");
    let second = dana.apply(Op::CreateInitiative(NewInitiative::titled("Self-scheduling"))).unwrap();
    dana.sync();
    tom.sync();
    let link =
        |lag_days| Op::AddDependency(NewDependency { from_id: portal, to_id: second, kind: DependencyKind::FinishToStart, lag_days });
    dana.apply(link(3)).unwrap();
    tom.apply(link(10)).unwrap();
    dana.sync();
    tom.sync();
    dana.sync();
    assert_eq!(dana.dump(), tom.dump());
    let conflicts = dana.store.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1, "one link, with its lag in conflict: {conflicts:?}");
    assert_eq!(conflicts[0].field, "lag_days");
    let keep = conflicts[0].choices.iter().find(|c| c.value == "10").unwrap().choice;
    let id = conflicts[0].item_id.clone();
    dana.store.resolve_conflict(&dana.who.clone(), now(), &id, "lag_days", keep).unwrap();
    dana.sync();
    tom.sync();
    assert!(tom.store.conflicts().unwrap().is_empty(), "keeping a lag settles it in both of the link's maps");
    assert_eq!(tom.store.initiative_detail(second, today()).unwrap().upstream[0].lag_days, 10);
    assert_eq!(dana.dump(), tom.dump());
}

#[test]
fn a_share_moved_to_a_newer_format_is_read_but_not_written() {
    let (mut dana, mut tom, portal) = two_desks("newer");
    let marker = dana.folder.join("BOARD-1.json");
    let newer = std::fs::read_to_string(&marker).unwrap().replace("\"format_version\": 1", "\"format_version\": 2");
    std::fs::write(dana.folder.join("BOARD-2.json"), newer).unwrap();
    tom.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::High)] }).unwrap();
    tom.sync();
    dana.sync();
    assert_eq!(dana.store.sync_status().unwrap().newer_format, Some(2), "sync health says the share is newer");
    assert_eq!(dana.store.initiative_detail(portal, today()).unwrap().initiative.priority, Priority::High, "it keeps reading");
    let err = dana.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::Low)] }).unwrap_err();
    assert!(err.to_string().contains("Update Bridgeboard to edit this board"), "{err}");
    assert_eq!(dana.store.initiative_detail(portal, today()).unwrap().initiative.priority, Priority::High, "nothing changed");
    std::fs::remove_file(dana.folder.join("BOARD-2.json")).unwrap();
    dana.sync();
    dana.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::Low)] }).unwrap();
}

#[test]
fn what_only_a_merge_breaks_is_listed_under_needs_attention_and_never_undone() {
    let (mut dana, mut tom, portal) = two_desks("attention");
    let tom_id = tom.who.id.unwrap();
    let task = dana.apply(Op::CreateTask(NewTask::titled(portal, IT, "Single sign-on"))).unwrap();
    dana.sync();
    tom.sync();
    // Apart: Dana moves the portal to Planned; Tom clears its IT owner (allowed while Proposed).
    dana.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Status(InitiativeStatus::Planned)] }).unwrap();
    tom.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::ItOwner(None)] }).unwrap();
    // Apart: Dana deletes the task; Tom renames it.
    dana.apply(Op::Delete { id: task, reassign_to: None }).unwrap();
    tom.apply(Op::UpdateTask { id: task, changes: vec![TaskChange::Title("Single sign-on with the EHR".into())] }).unwrap();
    dana.sync();
    tom.sync();
    dana.sync();
    assert_eq!(dana.dump(), tom.dump());
    let attention = dana.store.needs_attention().unwrap();
    let kinds: Vec<AttentionKind> = attention.iter().map(|a| a.kind).collect();
    assert!(kinds.contains(&AttentionKind::BrokenRule), "the owner rule broken by the merge is listed: {attention:?}");
    let rule = attention.iter().find(|a| a.kind == AttentionKind::BrokenRule).unwrap();
    assert!(rule.message.contains("without an IT owner"), "in the rule's own words: {}", rule.message);
    let detail = dana.store.initiative_detail(portal, today()).unwrap().initiative;
    assert_eq!((detail.status, detail.it_owner_id), (InitiativeStatus::Planned, None), "nothing is undone behind anyone's back");
    let deleted = attention.iter().find(|a| a.kind == AttentionKind::DeletedWhileEdited).expect("the task deleted while renamed is listed");
    assert!(deleted.can_keep_deleted && deleted.restore_id == Some(task));
    assert_eq!(tom.store.needs_attention().unwrap().len(), attention.len(), "both desktops list the same");
    // Keep deleted settles it everywhere; restoring an IT owner settles the rule.
    dana.store.keep_deleted(&dana.who.clone(), now(), task).unwrap();
    dana.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::ItOwner(Some(tom_id))] }).unwrap();
    dana.sync();
    tom.sync();
    assert!(
        tom.store.needs_attention().unwrap().is_empty(),
        "after both decisions nothing is left: {:?}",
        tom.store.needs_attention().unwrap()
    );
    assert!(dana.store.needs_attention().unwrap().is_empty());
    assert_eq!(dana.dump(), tom.dump());
}

/// A share that turned read-only or full: every write fails as the OS says so.
struct Refusing(Folder);

impl bridgeboard_core::sync::Transport for Refusing {
    fn describe(&self) -> String {
        self.0.describe()
    }
    fn location(&self) -> PathBuf {
        self.0.location()
    }
    fn marker(&self) -> std::result::Result<Option<sync::BoardMarker>, sync::TransportError> {
        self.0.marker()
    }
    fn create(&self, _: &sync::BoardMarker, _: &[u8]) -> std::result::Result<(), sync::TransportError> {
        Err(sync::TransportError::Unreachable("No space left on device (os error 28).".into()))
    }
    fn genesis(&self) -> std::result::Result<Vec<u8>, sync::TransportError> {
        self.0.genesis()
    }
    fn publish(&self, _: &str, _: u64, _: &[u8]) -> std::result::Result<(), sync::TransportError> {
        Err(sync::TransportError::Unreachable("Read-only file system (os error 30).".into()))
    }
    fn announce(&self, _: &sync::DeviceRecord) -> std::result::Result<(), sync::TransportError> {
        Err(sync::TransportError::Unreachable("Read-only file system (os error 30).".into()))
    }
    fn scan(&self) -> std::result::Result<sync::transport::Scan, sync::TransportError> {
        self.0.scan()
    }
    fn read(&self, listed: &sync::transport::Listed) -> std::result::Result<Vec<u8>, sync::TransportError> {
        self.0.read(listed)
    }
}

#[test]
fn a_task_done_while_its_predecessor_was_reopened_elsewhere_is_listed_naming_that_predecessor() {
    let (mut dana, mut tom, portal) = two_desks("reopened");
    let build = dana.apply(Op::CreateTask(NewTask::titled(portal, IT, "Build the scheduling API"))).unwrap();
    let launch = dana.apply(Op::CreateTask(NewTask::titled(portal, MARKETING, "Launch email"))).unwrap();
    let link = NewDependency { from_id: build, to_id: launch, kind: DependencyKind::FinishToStart, lag_days: 0 };
    dana.apply(Op::AddDependency(link)).unwrap();
    dana.apply(Op::UpdateTask { id: build, changes: vec![TaskChange::Status(TaskStatus::Done)] }).unwrap();
    dana.sync();
    tom.sync();
    // Apart: Dana reopens the build; Tom, who still sees it done, marks the launch done.
    dana.apply(Op::UpdateTask { id: build, changes: vec![TaskChange::Status(TaskStatus::InProgress)] }).unwrap();
    tom.apply(Op::UpdateTask { id: launch, changes: vec![TaskChange::Status(TaskStatus::Done)] }).unwrap();
    assert!(tom.store.needs_attention().unwrap().is_empty(), "before the merge, nothing is wrong on Tom's desktop");
    dana.sync();
    tom.sync();
    dana.sync();
    let attention = dana.store.needs_attention().unwrap();
    let broken: Vec<_> = attention.iter().filter(|a| a.kind == AttentionKind::BrokenRule).collect();
    assert_eq!(broken.len(), 1, "only the launch breaks a rule: {attention:?}");
    assert_eq!(broken[0].item_id, launch);
    assert!(
        broken[0].message.contains("“Launch email” cannot be marked done while it waits for “Build the scheduling API” (In progress)"),
        "in the rule's own words, naming the predecessor: {}",
        broken[0].message
    );
    assert_eq!(tom.store.needs_attention().unwrap(), attention, "both desktops list the same");
    // Cancelling the predecessor settles it: a cancelled item no longer blocks.
    tom.apply(Op::UpdateTask { id: build, changes: vec![TaskChange::Status(TaskStatus::Cancelled)] }).unwrap();
    assert!(tom.store.needs_attention().unwrap().is_empty(), "{:?}", tom.store.needs_attention().unwrap());
}

#[test]
fn work_given_to_someone_deleted_elsewhere_is_listed_with_a_way_to_restore_them() {
    let (mut dana, mut tom, portal) = two_desks("deleted-person");
    let person =
        |name: &str| Op::CreatePerson(NewPerson { name: name.into(), email: String::new(), title: String::new(), department_id: IT });
    let priya = dana.apply(person("Priya Raman")).unwrap();
    let task = dana.apply(Op::CreateTask(NewTask::titled(portal, IT, "Single sign-on"))).unwrap();
    dana.sync();
    tom.sync();
    // Apart: Dana deletes Priya, who has no work yet; Tom assigns her the task.
    dana.apply(Op::Delete { id: priya, reassign_to: None }).unwrap();
    tom.apply(Op::UpdateTask { id: task, changes: vec![TaskChange::Assignee(Some(priya))] }).unwrap();
    dana.sync();
    tom.sync();
    dana.sync();
    let attention = dana.store.needs_attention().unwrap();
    let left = attention.iter().find(|a| a.kind == AttentionKind::DeletedPerson).expect("the task left with a deleted person is listed");
    assert_eq!((left.item_id, left.restore_id), (task, Some(priya)), "it names the task and restores the person: {left:?}");
    assert!(left.message.contains("(deleted) Priya Raman is still assigned “Single sign-on”"), "{}", left.message);
    assert_eq!(tom.store.needs_attention().unwrap(), attention, "both desktops list the same");
}

#[test]
fn a_full_or_read_only_share_refuses_sharing_and_keeps_edits_waiting() {
    let dir = temp_dir("refusing");
    let mut board = Board::with(Store::open(&dir.join("b.bridgeboard"), Some(&dir)).unwrap());
    let id = board.store.info().unwrap().id.to_string();
    let full = Refusing(Folder::for_board(&dir, &id));
    let err = board.store.share(&full, "X", &me(), now()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unreachable, "{err}");
    assert!(err.to_string().contains("No space left"), "the message says what is wrong: {err}");
    assert!(!board.store.is_shared(), "a refused share leaves the board private");
    board.initiative("Still works");

    let (mut dana, _tom, portal) = two_desks("read-only");
    dana.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::High)] }).unwrap();
    let read_only = Refusing(Folder::at(&dana.folder));
    let report = dana.store.sync(&read_only, &dana.who.clone(), now()).unwrap();
    assert!(report.offline.as_deref().is_some_and(|m| m.contains("Read-only")), "{report:?}");
    assert_eq!(report.waiting_to_publish, 1, "the edit waits in the outbox");
    assert_eq!(dana.sync().published, 1, "and goes out once the share takes files again");
}

#[test]
fn clocks_hours_apart_or_going_back_merge_the_same_and_show_their_own_times() {
    let (mut dana, mut tom, portal) = two_desks("clocks");
    let later = now() + chrono::Duration::hours(9);
    let earlier = now() - chrono::Duration::hours(30);
    dana.store
        .apply(
            &dana.who.clone(),
            later,
            Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Title("From the future".into())] },
        )
        .unwrap();
    tom.store
        .apply(
            &tom.who.clone(),
            earlier,
            Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::Critical)] },
        )
        .unwrap();
    dana.sync();
    tom.sync();
    dana.sync();
    assert_eq!(dana.dump(), tom.dump(), "the same board whatever the clocks say");
    let activity = tom.store.initiative_detail(portal, today()).unwrap().activity;
    let at = |who: &str| activity.iter().find(|a| a.actor_name == who && a.action == "set").unwrap().at;
    assert_eq!((at("Dana"), at("Tom")), (later, earlier), "each change keeps the time its desktop recorded");
    let i = tom.store.initiative_detail(portal, today()).unwrap().initiative;
    assert_eq!((i.title.as_str(), i.priority), ("From the future", Priority::Critical), "both edits survive");
}

#[test]
fn changes_waiting_for_an_earlier_one_say_whose_they_are() {
    let (mut dana, mut tom, portal) = two_desks("waiting");
    tom.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::High)] }).unwrap();
    tom.sync();
    tom.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::Low)] }).unwrap();
    tom.sync();
    // The first of Tom's files has not reached Dana's copy of the folder yet.
    let changes = std::fs::read_dir(dana.folder.join("devices")).unwrap().flatten().map(|d| d.path().join("changes/board")).find(|p| {
        std::fs::read_dir(p)
            .map(|files| files.flatten().any(|f| f.file_name().to_string_lossy().starts_with("0000000002")))
            .unwrap_or(false)
    });
    let dir = changes.expect("Tom's two change files");
    let first =
        std::fs::read_dir(&dir).unwrap().flatten().find(|f| f.file_name().to_string_lossy().starts_with("0000000001")).unwrap().path();
    let away = dana.folder.with_file_name("first.chg");
    std::fs::rename(&first, &away).unwrap();
    dana.sync();
    let status = dana.store.sync_status().unwrap();
    assert_eq!(status.waiting_for_others, 1, "Tom's second change waits for his first");
    assert_eq!(status.waiting_from, vec![WaitingFrom { device_name: "IT-PM-LAPTOP-7".into(), changes: 1 }], "and says whose it is");
    std::fs::rename(&away, &first).unwrap();
    dana.sync();
    assert!(dana.store.sync_status().unwrap().waiting_from.is_empty(), "nothing waits once the first arrives");
    assert_eq!(dana.store.initiative_detail(portal, today()).unwrap().initiative.priority, Priority::Low);
}

#[test]
fn a_newer_export_imported_on_another_desktop_updates_what_the_first_import_brought_in() {
    let (mut dana, mut tom, _) = two_desks("reimport");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import/msproject-plan.xml");
    let text = std::fs::read_to_string(&path).unwrap();
    let options = import::resolve::SourceOptions { create_people_in: Some(IT), ..Default::default() };
    let read = |text: &str| import::read_source(&path, text.as_bytes(), import::plan::Source::MsProject, &Default::default()).unwrap();
    let first = import::import_source(&mut dana.store, &dana.who, now(), import::plan::Source::MsProject, &read(&text), &options).unwrap();
    dana.sync();
    tom.sync();

    // The PMO renames a task in the plan; Tom imports the newer file on his desktop.
    let newer = text.replace("<Name>Security and HIPAA review</Name>", "<Name>Security, privacy and HIPAA review</Name>");
    let again = import::import_source(&mut tom.store, &tom.who, now(), import::plan::Source::MsProject, &read(&newer), &options).unwrap();
    assert_eq!((again.initiatives, again.tasks), (0, 0), "nothing twice: {again:?}");
    assert_eq!(again.updated.unchanged + again.updated.items, first.initiatives + first.tasks);
    tom.sync();
    dana.sync();
    assert_eq!(dana.dump(), tom.dump());
    let titles: Vec<String> = dana.store.snapshot().unwrap().tasks.into_iter().map(|t| t.title).collect();
    assert!(
        titles.contains(&"Security, privacy and HIPAA review".to_string()) && !titles.contains(&"Security and HIPAA review".to_string())
    );
}

#[test]
fn an_idle_sync_round_leaves_the_board_file_alone_and_refreshes_last_synced_once_a_minute() {
    let (mut dana, mut tom, _) = two_desks("idle");
    // The window's own connection to Dana's file: it re-reads the board when data_version moves.
    let window = Store::open(dana.store.path().unwrap(), None).unwrap();
    let folder = Folder::at(&dana.folder);
    let at = now();
    dana.store.sync(&folder, &dana.who, at).unwrap();
    tom.sync();
    dana.store.sync(&folder, &dana.who, at).unwrap();
    let before = window.data_version().unwrap();
    for seconds in [2, 4, 30, 58] {
        dana.store.sync(&folder, &dana.who, at + chrono::TimeDelta::seconds(seconds)).unwrap();
        eprintln!("DEBUG after {seconds}: {}", window.data_version().unwrap());
    }
    assert_eq!(window.data_version().unwrap(), before, "rounds that bring and send nothing write nothing, so the window does not re-read");
    let later = at + chrono::TimeDelta::seconds(61);
    dana.store.sync(&folder, &dana.who, later).unwrap();
    assert_ne!(window.data_version().unwrap(), before, "a minute on, the time of the last sync is written");
    assert_eq!(window.sync_status().unwrap().last_sync_at, Some(later));
    let before = window.data_version().unwrap();
    let unreachable = Folder::at(&dana.folder.with_file_name("not-mounted").join("Bridgeboard-x"));
    let report = dana.store.sync(&unreachable, &dana.who, later + chrono::TimeDelta::seconds(2)).unwrap();
    assert!(report.offline.is_some(), "a share that went away is reported");
    assert_ne!(window.data_version().unwrap(), before, "and that is recorded at once, not a minute later");
    assert!(window.sync_status().unwrap().offline.is_some());
}

#[test]
fn a_task_added_to_an_initiative_deleted_elsewhere_blocks_nothing_and_is_listed_once() {
    let (mut dana, mut tom, portal) = two_desks("under-deleted");
    let pilot = dana.apply(Op::CreateInitiative(NewInitiative::titled("Kiosk pilot"))).unwrap();
    let launch = dana.apply(Op::CreateTask(NewTask::titled(portal, MARKETING, "Launch email"))).unwrap();
    dana.sync();
    tom.sync();
    // Apart: Dana deletes the pilot; Tom adds a task to it that the launch waits for.
    dana.apply(Op::Delete { id: pilot, reassign_to: None }).unwrap();
    let kiosk = tom.apply(Op::CreateTask(NewTask::titled(pilot, IT, "Install kiosks"))).unwrap();
    let link = NewDependency { from_id: kiosk, to_id: launch, kind: DependencyKind::FinishToStart, lag_days: 0 };
    tom.apply(Op::AddDependency(link)).unwrap();
    tom.sync();
    dana.sync();
    // The kiosk task is not on the board: the launch can be done, and nothing says it waits.
    dana.apply(Op::UpdateTask { id: launch, changes: vec![TaskChange::Status(TaskStatus::Done)] }).unwrap();
    let attention = dana.store.needs_attention().unwrap();
    let listed: Vec<(AttentionKind, Id)> = attention.iter().map(|a| (a.kind, a.item_id)).collect();
    assert_eq!(listed, vec![(AttentionKind::UnderDeletedInitiative, kiosk)], "{attention:?}");
}

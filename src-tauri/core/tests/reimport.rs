//! Importing a newer export of the same project: what the file changed since the last import is
//! brought in (each change logged), new items are added, nothing is duplicated or deleted, local
//! edits the file did not touch are kept, and the preview lists the local edits it would overwrite.

mod common;

use std::path::{Path, PathBuf};

use bridgeboard_core::import::{self, plan::Source, resolve::SourceOptions, write::SourceSummary, ReadOptions};
use bridgeboard_core::*;
use common::*;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import").join(name)).unwrap()
}

fn options() -> SourceOptions {
    SourceOptions { create_people_in: Some(IT), ..SourceOptions::default() }
}

fn plan_of(text: &str, source: Source) -> import::plan::SourcePlan {
    let read = ReadOptions { time_zone: Some("UTC".into()), ..ReadOptions::default() };
    import::read_source(Path::new("export"), text.as_bytes(), source, &read).unwrap()
}

fn import(b: &mut Board, text: &str, source: Source) -> SourceSummary {
    import::import_source(&mut b.store, &me(), now(), source, &plan_of(text, source), &options()).unwrap()
}

fn preview(b: &mut Board, text: &str, source: Source) -> SourceSummary {
    import::preview_source(&mut b.store, &me(), now(), source, &plan_of(text, source), &options()).unwrap()
}

fn counts(store: &Store) -> (usize, usize, usize, usize, usize) {
    let b = store.bundle().unwrap();
    let live = |d: &Option<chrono::DateTime<chrono::Utc>>| d.is_none();
    (
        b.initiatives.iter().filter(|i| live(&i.deleted_at)).count(),
        b.tasks.iter().filter(|t| live(&t.deleted_at)).count(),
        b.people.len(),
        b.dependencies.len(),
        b.comments.len(),
    )
}

fn task_titled(store: &Store, title: &str) -> Task {
    store.snapshot().unwrap().tasks.into_iter().find(|t| t.title == title).unwrap_or_else(|| panic!("no task “{title}”"))
}

fn replaced(text: &str, pairs: &[(&str, &str)]) -> String {
    pairs.iter().fold(text.to_string(), |t, (from, to)| {
        assert_eq!(t.matches(from).count(), 1, "{from} is in the file once");
        t.replace(from, to)
    })
}

#[test]
fn a_newer_jira_export_changes_exactly_what_changed_and_keeps_local_edits() {
    let first = fixture("jira-cloud-all-fields.csv");
    let mut b = Board::new();
    let done = import(&mut b, &first, Source::Jira);
    let before = counts(&b.store);

    // Edits here since: a task renamed (the newer file renames it too), a task's notes (the file
    // leaves them alone).
    let renamed = task_titled(&b.store, "Register SMS brand and campaign (10DLC)");
    b.set_task(renamed.id, TaskChange::Title("Register the SMS brand (10DLC)".into())).unwrap();
    let noted = task_titled(&b.store, "Legal sign-off on consent language");
    b.set_task(noted.id, TaskChange::Notes("Counsel wants the final wording by Friday.".into())).unwrap();

    // The newer export: one title changed at the source alone, one changed at both ends, one new issue.
    let new_row = first
        .lines()
        .find(|l| l.starts_with("Widget shows wrong clinic hours on mobile,DFD-9,10239,"))
        .unwrap()
        .replace("Widget shows wrong clinic hours on mobile,DFD-9,10239,", "Clinic hours feed for the widget,DFD-20,10260,");
    let newer = replaced(
        &first,
        &[
            ("Build reminder templates in the texting platform,DFD-13", "Build and test reminder templates in the texting platform,DFD-13"),
            ("Register SMS brand and campaign (10DLC),DFD-10", "Register SMS brand and campaign (10DLC) with the carrier,DFD-10"),
        ],
    ) + &new_row
        + "\n";

    let shown = preview(&mut b, &newer, Source::Jira);
    assert_eq!(counts(&b.store), before, "a preview changes nothing");
    assert_eq!((shown.initiatives, shown.tasks), (0, 1), "only the new issue is added");
    assert_eq!(shown.updated.items, 2, "{:#?}", shown.updated);
    let fields: Vec<(&str, &str, &str, bool)> =
        shown.updated.fields.iter().map(|f| (f.field.as_str(), f.board.as_str(), f.file.as_str(), f.edited_here)).collect();
    assert_eq!(
        fields,
        vec![
            (
                "title",
                "Build reminder templates in the texting platform",
                "Build and test reminder templates in the texting platform",
                false
            ),
            ("title", "Register the SMS brand (10DLC)", "Register SMS brand and campaign (10DLC) with the carrier", true),
        ],
        "the local edit the file overwrites is marked"
    );

    let again = import(&mut b, &newer, Source::Jira);
    assert_eq!(again.updated, shown.updated, "the import does what the preview said");
    let (i, t, p, d, c) = counts(&b.store);
    assert_eq!((i, t, p, d, c), (before.0, before.1 + 1, before.2, before.3, before.4), "nothing is duplicated");
    assert_eq!(task_titled(&b.store, "Register SMS brand and campaign (10DLC) with the carrier").id, renamed.id, "the same task, renamed");
    assert_eq!(
        task_titled(&b.store, "Legal sign-off on consent language").notes,
        "Counsel wants the final wording by Friday.",
        "a local edit the file did not change is kept"
    );
    let log = b.store.bundle().unwrap().activity;
    assert!(
        log.iter().any(|a| a.item_id == renamed.id && a.field.as_deref() == Some("title")),
        "each change is logged as an edit: {:?}",
        log.iter().map(|a| &a.summary).collect::<Vec<_>>()
    );

    // The same file once more: nothing to do.
    let third = import(&mut b, &newer, Source::Jira);
    assert_eq!((third.initiatives, third.tasks, third.dependencies, third.comments, third.updated.items), (0, 0, 0, 0, 0));
    assert_eq!(third.updated.unchanged, done.initiatives + done.tasks + 1);
    assert_eq!(counts(&b.store), (i, t, p, d, c));
}

#[test]
fn a_newer_project_plan_moves_dates_and_leaves_deleted_items_deleted_even_through_a_board_export() {
    let first = fixture("msproject-plan.xml");
    let mut b = Board::new();
    import(&mut b, &first, Source::MsProject);
    let snapshot = b.store.snapshot().unwrap();
    let gone = snapshot.tasks.iter().find(|t| t.title == "Write launch copy for the website and patient portal").expect("in the plan");
    b.apply(Op::Delete { id: gone.id, reassign_to: None }).unwrap();

    // Carried whole through a board export into a new board file, keys and all.
    let dir = temp_dir("reimport-bundle");
    let path = dir.join("board.json");
    std::fs::write(&path, export::render(export::Format::Json, &b.store, &export::Options::new(today())).unwrap()).unwrap();
    let mut copy = Board { store: Store::open_in_memory().unwrap(), ..b };
    copy.store.import_bundle(&me(), now(), &import::read_bundle(&path).unwrap()).unwrap();
    let before = counts(&copy.store);

    // The task's own Finish (its assignment's repeats it further down).
    let task = first.find("<Name>Embed the scheduling widget on the website</Name>").unwrap();
    let finish = task + first[task..].find("<Finish>2027-01-25T17:00:00</Finish>").unwrap();
    let newer = format!("{}<Finish>2027-01-27{}", &first[..finish], &first[finish + "<Finish>2027-01-25".len()..]);
    let again = import(&mut copy, &newer, Source::MsProject);
    assert_eq!((again.initiatives, again.tasks), (0, 0), "{again:?}");
    assert_eq!(counts(&copy.store), before, "nothing added, the deleted task not brought back");
    assert!(again.skipped.iter().any(|s| s.reason.contains("deleted on the board")), "{:?}", again.skipped);
    assert_eq!(task_titled(&copy.store, "Embed the scheduling widget on the website").due, Some(day("2027-01-27")));
    assert_eq!(again.updated.items, 1);
}

fn sample() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    sample::create(&mut store, today(), now()).unwrap();
    store
}

fn csv_of(store: &Store) -> String {
    String::from_utf8(export::render(export::Format::Csv, store, &export::Options::new(today())).unwrap()).unwrap()
}

fn import_csv(store: &mut Store, text: &str) -> Result<import::csv::CsvImportSummary> {
    let options = import::csv::CsvOptions { create_people_in: Some(MARKETING), ..Default::default() };
    import::csv::import_bytes(store, &me(), now(), text.as_bytes(), &options)
}

#[test]
fn our_own_csv_edited_in_a_spreadsheet_updates_the_board_it_came_from() {
    let mut store = sample();
    let before = counts(&store);
    let task = store.snapshot().unwrap().tasks[0].clone();
    let sheet = csv_of(&store);
    // Someone edits the exported sheet: a task's title.
    let edited = sheet.replacen(&format!(",{},", task.title), &format!(",{} (phase 1),", task.title), 1);
    assert_ne!(edited, sheet);

    let table = import::parse_csv(Path::new("board.csv"), edited.as_bytes(), &Default::default()).unwrap();
    let shown = import::csv::preview(&mut store, &me(), now(), &table, &Default::default()).unwrap();
    assert_eq!(counts(&store), before, "a preview changes nothing");
    assert_eq!((shown.initiatives, shown.tasks, shown.dependencies), (0, 0, 0), "{shown:?}");
    let fields: Vec<(&str, &str)> = shown.updated.fields.iter().map(|f| (f.field.as_str(), f.file.as_str())).collect();
    assert_eq!(fields, vec![("title", format!("{} (phase 1)", task.title).as_str())]);

    let done = import_csv(&mut store, &edited).unwrap();
    assert_eq!(done.updated, shown.updated);
    assert_eq!(counts(&store), before, "nothing is added twice");
    let now_task = store.snapshot().unwrap().tasks.into_iter().find(|t| t.id == task.id).unwrap();
    assert_eq!(now_task.title, format!("{} (phase 1)", task.title));
    assert_eq!(now_task.notes, task.notes, "a field the sheet has no column for is kept");
}

#[test]
fn a_colleagues_sheet_imported_again_changes_only_what_changed_there() {
    let original = sample();
    let sheet = csv_of(&original);
    let mut board = Store::open_in_memory().unwrap();
    let first = import_csv(&mut board, &sheet).unwrap();
    let after_first = counts(&board);

    // Here, an initiative's priority is changed; there, a task is renamed and its status too.
    let initiative = board.snapshot().unwrap().initiatives[0].clone();
    let wanted = if initiative.priority == Priority::Low { Priority::High } else { Priority::Low };
    board.apply(&me(), now(), Op::UpdateInitiative { id: initiative.id, changes: vec![InitiativeChange::Priority(wanted)] }).unwrap();
    let task = original.snapshot().unwrap().tasks.into_iter().find(|t| t.status == TaskStatus::Todo).unwrap();
    let mut renamed = original;
    renamed
        .apply(&me(), now(), Op::UpdateTask { id: task.id, changes: vec![TaskChange::Title("Renamed in the other board".into())] })
        .unwrap();
    let newer = csv_of(&renamed);

    let again = import_csv(&mut board, &newer).unwrap();
    assert_eq!((again.initiatives, again.tasks, again.dependencies), (0, 0, 0), "nothing twice: {again:?}");
    assert_eq!(again.updated.items, 1);
    assert_eq!(again.updated.unchanged, first.initiatives + first.tasks - 1);
    assert_eq!(counts(&board), after_first);
    let snapshot = board.snapshot().unwrap();
    assert!(snapshot.tasks.iter().any(|t| t.title == "Renamed in the other board"));
    assert_eq!(snapshot.initiatives.iter().find(|i| i.id == initiative.id).unwrap().priority, wanted, "the local edit is kept");
}

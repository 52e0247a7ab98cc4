//! Importing CSV: our own export comes back as the same board, Excel's and Jira's lists are
//! read with their separators, headings and date orders, and a file with any problem imports
//! nothing and says every problem with its line and column.

mod common;

use bridgeboard_core::export::{self, Format, Options};
use bridgeboard_core::import::csv::{self, CsvOptions, DateOrder, Field};
use bridgeboard_core::*;
use common::*;
use proptest::prelude::*;
use serde_json::Value;

/// The sample board, plus items and people whose text a spreadsheet would read as a formula.
fn hostile_sample() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    sample::create(&mut store, today(), now()).unwrap();
    let add = |store: &mut Store, op| store.apply(&me(), now(), op).unwrap();
    let dept = add(&mut store, Op::CreateDepartment(NewDepartment { name: "+Plus team".into(), color: None }));
    let person = |name: &str, department_id| {
        Op::CreatePerson(NewPerson { name: name.into(), email: String::new(), title: String::new(), department_id })
    };
    let mkt = add(&mut store, person("=Eve Formula", MARKETING));
    let it = add(&mut store, person("-Dash Person", IT));
    let doer = add(&mut store, person("'Quoted Doer", dept));
    let initiative = add(
        &mut store,
        Op::CreateInitiative(NewInitiative {
            status: InitiativeStatus::Planned,
            marketing_owner_id: Some(mkt),
            it_owner_id: Some(it),
            target: Some(day("2026-09-30")),
            tags: vec!["=tag".into(), "@mention".into()],
            ..NewInitiative::titled("=cmd|' /C calc'!A0")
        }),
    );
    for title in ["+1 more", "-minus", "@SUM(A1)", "'already quoted", "''twice", "a, \"quoted\"\nsecond line 🚀"] {
        add(&mut store, Op::CreateTask(NewTask { assignee_id: Some(doer), ..NewTask::titled(initiative, dept, title) }));
    }
    store
}

/// A fresh board holding the same departments and people (by name) as `source`, as a person
/// would set one up before importing a colleague's spreadsheet.
fn same_people_as(source: &Store) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let snapshot = source.snapshot().unwrap();
    let mut departments = std::collections::HashMap::from([(MARKETING, MARKETING), (IT, IT)]);
    for d in snapshot.departments.iter().filter(|d| d.id != MARKETING && d.id != IT) {
        let id = store.apply(&me(), now(), Op::CreateDepartment(NewDepartment { name: d.name.clone(), color: None })).unwrap();
        departments.insert(d.id, id);
    }
    for p in &snapshot.people {
        let department_id = departments[&p.department_id];
        store
            .apply(
                &me(),
                now(),
                Op::CreatePerson(NewPerson { name: p.name.clone(), email: p.email.clone(), title: p.title.clone(), department_id }),
            )
            .unwrap();
    }
    store
}

fn csv_of(store: &Store) -> Vec<u8> {
    export::render(Format::Csv, store, &Options::new(today())).unwrap()
}

/// The board as `list --json` shows it, without what a CSV does not carry: ids (an import makes
/// new ones), sponsors and block reasons (not columns), and "blocked" (it follows from those).
fn comparable(store: &Store) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                // Governance (RACI, gates, go-live) travels in the JSON export, not in a CSV.
                for key in [
                    "id",
                    "department_id",
                    "sponsor",
                    "block_reason",
                    "blocked",
                    "raci",
                    "gates",
                    "go_live",
                    "kpis",
                    "review_on",
                    "results_due",
                ] {
                    map.remove(key);
                }
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(store.listing(today()).unwrap()).unwrap();
    strip(&mut v);
    v
}

fn activity_count(store: &Store) -> usize {
    store.bundle().unwrap().activity.len()
}

fn import(store: &mut Store, text: &str, options: &CsvOptions) -> Result<csv::CsvImportSummary> {
    csv::import_bytes(store, &me(), now(), text.as_bytes(), options)
}

#[test]
fn our_export_comes_back_as_the_same_board() {
    let original = hostile_sample();
    let bytes = csv_of(&original);
    let mut copy = same_people_as(&original);
    let summary = csv::import_bytes(&mut copy, &me(), now(), &bytes, &CsvOptions::default()).unwrap();
    let snapshot = original.snapshot().unwrap();
    assert_eq!(summary.initiatives, snapshot.initiatives.len(), "every initiative comes back");
    assert_eq!(summary.tasks, snapshot.tasks.len(), "every task comes back");
    assert_eq!(summary.dependencies, snapshot.dependencies.len(), "every finish-to-start dependency comes back");
    assert!(summary.ignored_columns.is_empty(), "our own columns are all understood: {:?}", summary.ignored_columns);
    assert_eq!(comparable(&copy), comparable(&original), "titles, statuses, dates, owners, assignees, tags and blockers survive");
    let titles: Vec<String> = copy.snapshot().unwrap().tasks.into_iter().map(|t| t.title).collect();
    for hostile in ["+1 more", "'already quoted", "''twice", "a, \"quoted\"\nsecond line 🚀"] {
        assert!(titles.iter().any(|t| t == hostile), "{hostile:?} comes back exactly, the export's ' guard removed once");
    }
}

#[test]
fn our_excel_export_comes_back_as_the_same_board_its_two_sheets_read_as_one() {
    let original = hostile_sample();
    let bytes = export::render(Format::Xlsx, &original, &Options::new(today())).unwrap();
    let mut copy = same_people_as(&original);
    let summary = csv::import_bytes(&mut copy, &me(), now(), &bytes, &CsvOptions::default()).unwrap();
    let snapshot = original.snapshot().unwrap();
    assert_eq!(
        (summary.initiatives, summary.tasks),
        (snapshot.initiatives.len(), snapshot.tasks.len()),
        "the Initiatives and Tasks sheets"
    );
    assert_eq!(comparable(&copy), comparable(&original), "titles, statuses, dates, owners, assignees and tags survive");
}

/// The CMO's office sheet: a merged title row and a blank row above the table, real date cells
/// and a date typed as text, a second sheet of notes.
fn cmo_workbook() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Q1 plan").unwrap();
    let title = CellFormat::new().set_bold();
    ws.merge_range(0, 0, 0, 4, "Mercy General: marketing × IT plan, Q1 2027", &title).unwrap();
    let date = CellFormat::new().set_num_format("d mmm yyyy");
    for (col, h) in ["Initiative", "Task", "Owner", "Start", "Due"].into_iter().enumerate() {
        ws.write_string(2, col as u16, h).unwrap();
    }
    type Row<'a> = (&'a str, &'a str, &'a str, Option<(u16, u8, u8)>, &'a str);
    let rows: [Row; 3] = [
        ("Flu-shot campaign", "", "Dana", Some((2027, 1, 4)), "2027-03-31"),
        ("", "Landing page", "Dana", Some((2027, 1, 11)), "15/03/2027"),
        ("", "Reminder texts", "Tom", None, "2027-03-20"),
    ];
    for (n, (initiative, task, owner, start, due)) in rows.into_iter().enumerate() {
        let r = 3 + n as u32;
        ws.write_string(r, 0, if initiative.is_empty() { "Flu-shot campaign" } else { initiative }).unwrap();
        ws.write_string(r, 1, task).unwrap();
        ws.write_string(r, 2, owner).unwrap();
        if let Some((y, m, d)) = start {
            ws.write_datetime_with_format(r, 3, ExcelDateTime::from_ymd(y, m, d).unwrap(), &date).unwrap();
        }
        ws.write_string(r, 4, due).unwrap();
    }
    book.add_worksheet().set_name("Notes").unwrap().write_string(0, 0, "Budget codes are in the finance sheet.").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn an_excel_sheet_is_read_below_its_title_rows_with_real_and_typed_dates() {
    let mut b = Board::new();
    let bytes = cmo_workbook();
    let options = CsvOptions {
        mapping: vec![
            ("Task".into(), Some(Field::Title)),
            ("Initiative".into(), Some(Field::Initiative)),
            ("Owner".into(), Some(Field::Assignee)),
        ],
        ..CsvOptions::default()
    };
    let table = csv::read_table(&bytes, &options).unwrap();
    assert_eq!(table.headers, ["Initiative", "Task", "Owner", "Start", "Due"], "the header row is found under the merged title");
    assert_eq!(table.rows[0].line, 4, "rows keep the line Excel shows");
    assert_eq!(table.rows[0].cells[3], "2027-01-04", "a date cell is a date");
    let err = csv::import_bytes(&mut b.store, &me(), now(), &bytes, &options).unwrap_err();
    assert!(err.to_string().contains("line 4"), "the initiative row has no task title: {err}");

    let named = CsvOptions { sheet: Some("notes".into()), ..CsvOptions::default() };
    let err = csv::read_table(&bytes, &named).unwrap_err();
    assert!(err.to_string().contains("no row of headings"), "the Notes sheet has no table: {err}");
    let missing = CsvOptions { sheet: Some("Q2 plan".into()), ..CsvOptions::default() };
    let err = csv::read_table(&bytes, &missing).unwrap_err();
    assert!(err.to_string().contains("its sheets: Q1 plan, Notes"), "{err}");
    let by_row = CsvOptions { header_row: Some(3), ..CsvOptions::default() };
    assert_eq!(csv::read_table(&bytes, &by_row).unwrap().headers[0], "Initiative", "row 3, as Excel numbers it");
}

#[test]
fn importing_adds_to_a_board_and_can_hang_tasks_on_its_initiatives() {
    let mut b = Board::new();
    let existing = b.initiative("Website");
    let file = format!(
        "title,initiative id,initiative,department,depends on\r\n\
         Audit,{existing},,IT,\r\n\
         Rewrite pages,,Website,Marketing,{existing}x\r\n"
    );
    let err = import(&mut b.store, &file, &CsvOptions::default()).unwrap_err();
    assert!(err.to_string().contains("line 3, column depends on"), "an unknown reference is named with its place: {err}");
    let file = file.replace(&format!("{existing}x"), "");
    let summary = import(&mut b.store, &file, &CsvOptions::default()).unwrap();
    assert_eq!((summary.initiatives, summary.tasks), (0, 2), "both rows are tasks of the existing initiative");
    let listing = b.store.listing(today()).unwrap();
    let website = listing.initiatives.iter().find(|i| i.id == existing).unwrap();
    assert_eq!(website.tasks.len(), 2, "tasks found their initiative by id and by exact title");
}

#[test]
fn a_jira_export_with_semicolons_and_day_first_dates() {
    let mut b = Board::new();
    let file = "\u{feff}Summary;Issue Type;Epic Link;Due Date;Assignee;Sprint\r\n\
                Patient portal;Epic;;30/06/2026;;Sprint 4\r\n\
                \"Flyers; every clinic\";Story;Patient portal;25/03/2026;dana;Sprint 4\r\n\
                Self-enrollment;Task;Patient portal;03/04/2026;Tom;Sprint 5\r\n";
    let summary = import(&mut b.store, file, &CsvOptions::default()).unwrap();
    assert_eq!((summary.initiatives, summary.tasks), (1, 2), "the epic is an initiative, its story and task are tasks");
    assert_eq!(summary.ignored_columns, vec!["Sprint"], "a column we do not know is listed, not read");
    let snapshot = b.store.snapshot().unwrap();
    let portal = &snapshot.initiatives[0];
    assert_eq!(portal.target, Some(day("2026-06-30")), "Due Date is the initiative's go-live");
    let flyers = snapshot.tasks.iter().find(|t| t.title == "Flyers; every clinic").unwrap();
    assert_eq!(flyers.due, Some(day("2026-03-25")), "25/03/2026 can only be day first");
    assert_eq!(flyers.assignee_id, Some(b.dana), "people are found by name, whatever the case");
    assert_eq!(flyers.department_id, MARKETING, "without a department column, the task goes to its assignee's department");
    let enroll = snapshot.tasks.iter().find(|t| t.title == "Self-enrollment").unwrap();
    assert_eq!(enroll.due, Some(day("2026-04-03")), "the file's other dates decide 03/04/2026: day first, 3 April");
}

#[test]
fn ambiguous_dates_are_asked_about_not_guessed() {
    let file = "Title,Initiative,Department,Start,Finish\r\nPortal,,,,\r\nFlyers,Portal,Marketing,01/02/2026,03/04/2026\r\n";
    let mut b = Board::new();
    let before = comparable(&b.store);
    let err = import(&mut b.store, file, &CsvOptions::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DateOrder, "the app asks with a choice when it sees this code");
    let message = err.to_string();
    assert!(message.contains("line 3, column Start: 01/02/2026"), "the question names an example cell: {message}");
    assert!(message.contains("dmy") && message.contains("mdy"), "the question says how to answer: {message}");
    assert_eq!(comparable(&b.store), before, "nothing is imported until the order is known");

    let due = |order| {
        let mut b = Board::new();
        import(&mut b.store, file, &CsvOptions { date_order: Some(order), ..CsvOptions::default() }).unwrap();
        b.store.snapshot().unwrap().tasks[0].due
    };
    assert_eq!(due(DateOrder::Dmy), Some(day("2026-04-03")), "day first: 3 April");
    assert_eq!(due(DateOrder::Mdy), Some(day("2026-03-04")), "month first: March 4");
}

#[test]
fn every_bad_row_is_reported_and_nothing_changes() {
    let mut b = Board::new();
    b.initiative("Already here");
    let (before, entries) = (comparable(&b.store), activity_count(&b.store));
    let file = "id,type,initiative_id,title,department,marketing_owner,it_owner,assignee,status,finish,depends_on\r\n\
                A,initiative,,Portal,,Dana,Tom,,planned,,\r\n\
                B,initiative,,   ,,,,,,,\r\n\
                C,task,A,Flyers,Marketing,,,,todo,31/02/2026,\r\n\
                D,task,A,Enroll,IT,,,Nobody Known,todo,,\r\n\
                E,task,A,Email,Marketing,,,Dana,almost done,,\r\n\
                F,task,A,One,IT,,,Tom,todo,,G\r\n\
                G,task,A,Two,IT,,,Tom,todo,,F\r\n\
                H,initiative,,SMS,,,,,planned,,\r\n\
                I,task,A,Fine task,IT,,,Tom,todo,2026-05-01,\r\n";
    let err = import(&mut b.store, file, &CsvOptions::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    let message = err.to_string();
    for expected in [
        "line 3, column title: A title cannot be empty",
        "line 4, column finish: 31/02/2026 is not a date that exists",
        "line 5, column assignee: “Nobody Known” is not a person on this board; add them under People first",
        "line 6, column status: “almost done” is not a status of a task",
        "line 8, column depends_on: This dependency would close a loop",
        "line 9, column status: a planned initiative needs a Marketing owner and an IT owner",
    ] {
        assert!(message.contains(expected), "the refusal lists {expected:?}:\n{message}");
    }
    assert!(message.contains("these 6 problems"), "exactly those six, the good rows add none:\n{message}");
    assert!(message.find("line 3").unwrap() < message.find("line 9").unwrap(), "problems are listed by line");
    assert_eq!(comparable(&b.store), before, "a file with bad rows imports nothing");
    assert_eq!(activity_count(&b.store), entries, "not even an activity entry is left by the refused rows");
}

#[test]
fn a_long_list_of_problems_is_cut_at_fifty() {
    let mut b = Board::new();
    let rows: String = (0..60).map(|n| format!("Task {n},Nowhere,IT\r\n")).collect();
    let err = import(&mut b.store, &format!("title,initiative,department\r\n{rows}"), &CsvOptions::default()).unwrap_err();
    let message = err.to_string();
    assert_eq!(message.lines().filter(|l| l.starts_with("- line")).count(), 50, "fifty problems are listed");
    assert!(message.ends_with("- and 10 more"), "the rest are counted: {message}");
}

#[test]
fn damaged_files_are_refused_clearly_and_change_nothing() {
    let dir = temp_dir("import-csv-bad");
    let mut b = Board::new();
    b.initiative("Already here");
    let before = comparable(&b.store);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.csv", b"id,title\r\n1,\"Portal campaign\r\n2,Flyers".to_vec(), "cut off"),
        ("picture.csv", vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], "binary"),
        ("empty.csv", Vec::new(), "empty"),
        ("bom-only.csv", b"\xEF\xBB\xBF\r\n".to_vec(), "empty"),
        ("latin1.csv", b"title\r\nCaf\xe9 launch\r\n".to_vec(), "not UTF-8"),
        ("headings.csv", b"title,finish\r\n".to_vec(), "no rows"),
        ("untitled.csv", b"Sprint,Points\r\n4,8\r\n".to_vec(), "no title column"),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let err = import::import_file(&mut b.store, &me(), now(), &path).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation, "{name}: {err}");
        assert!(err.to_string().contains(expected), "{name} says {expected:?}: {err}");
        assert_eq!(comparable(&b.store), before, "{name} left the board as it was");
    }
}

#[test]
fn a_mapping_and_a_separator_can_be_chosen() {
    let mut b = Board::new();
    let file = "Headline|Kind|Finish line\r\nPortal|initiative|2026-06-30\r\n";
    let options = CsvOptions {
        delimiter: Some('|'),
        mapping: vec![
            ("headline".into(), Some(Field::Title)),
            ("Kind".into(), Some(Field::Type)),
            ("Finish line".into(), Some(Field::Finish)),
        ],
        ..CsvOptions::default()
    };
    let summary = import(&mut b.store, file, &options).unwrap();
    assert_eq!(summary.initiatives, 1);
    assert_eq!(b.store.snapshot().unwrap().initiatives[0].target, Some(day("2026-06-30")), "the mapped column is read as the finish");
    let suggested = csv::suggest_mapping(&["Summary".into(), "Due date".into(), "Points".into()]);
    assert_eq!(
        suggested,
        vec![("Summary".into(), Some(Field::Title)), ("Due date".into(), Some(Field::Finish)), ("Points".into(), None)],
        "the app's mapping screen starts from Jira's usual headings"
    );
}

#[test]
fn the_file_kind_is_told_by_its_first_character() {
    let dir = temp_dir("import-csv-dispatch");
    let path = dir.join("list.csv");
    std::fs::write(&path, "\u{feff}title\r\n{curly} launch\r\n").unwrap();
    let mut b = Board::new();
    let done = import::import_file(&mut b.store, &me(), now(), &path).unwrap();
    assert_eq!(done.kind, import::ImportKind::Csv, "a file not starting with {{ is CSV");
    assert_eq!(done.initiatives, 1);
}

/// Text that looks for trouble in a CSV cell.
fn hostile_title() -> impl Strategy<Value = String> {
    let special = proptest::sample::select(vec!['=', '+', '-', '@', '\t', '\r', '\n', '\'', '"', ',', ';', ' ', '🚀', 'é', 'x', '|', '!']);
    let chars =
        proptest::collection::vec(prop_oneof![4 => special, 1 => any::<char>()], 1..40).prop_map(|cs| cs.into_iter().collect::<String>());
    prop_oneof![1 => Just("=cmd|' /C calc'!A0".to_string()), 8 => chars].prop_filter("a title has words and fits", |t| validate_title(t))
}

fn validate_title(t: &str) -> bool {
    !t.trim().is_empty() && t.trim().chars().count() <= 200
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_titles_survive_export_and_import(initiative in hostile_title(), task in hostile_title()) {
        let mut b = Board::new();
        let id = b.initiative(&initiative);
        b.task(id, &task);
        let bytes = csv_of(&b.store);
        let mut copy = Board::new();
        csv::import_bytes(&mut copy.store, &me(), now(), &bytes, &CsvOptions::default()).unwrap();
        let (was, is) = (b.store.snapshot().unwrap(), copy.store.snapshot().unwrap());
        prop_assert_eq!(&is.initiatives[0].title, &was.initiatives[0].title, "the initiative's title comes back exactly");
        prop_assert_eq!(&is.tasks[0].title, &was.tasks[0].title, "the task's title comes back exactly");
    }
}

/// A random board: people in Marketing and IT, initiatives with owners (some past Proposed),
/// tasks with assignees of either department, and dependencies that point forward.
fn random_board(people: usize, plan: &[(u8, Vec<(u8, u8)>)], links: &[(u8, u8)]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let add = |store: &mut Store, op| store.apply(&me(), now(), op).unwrap();
    let mut staff = Vec::new();
    for n in 0..people.max(2) {
        let department_id = if n % 2 == 0 { MARKETING } else { IT };
        let op = Op::CreatePerson(NewPerson { name: format!("Person {n}"), email: String::new(), title: String::new(), department_id });
        staff.push((add(&mut store, op), department_id));
    }
    let in_dept = |d: Id, pick: u8| {
        let of: Vec<Id> = staff.iter().filter(|(_, dep)| *dep == d).map(|(id, _)| *id).collect();
        of[pick as usize % of.len()]
    };
    let mut tasks = Vec::new();
    for (n, (status, rows)) in plan.iter().enumerate() {
        let status = [InitiativeStatus::Proposed, InitiativeStatus::Planned, InitiativeStatus::InProgress][*status as usize % 3];
        let initiative = add(
            &mut store,
            Op::CreateInitiative(NewInitiative {
                status,
                marketing_owner_id: Some(in_dept(MARKETING, n as u8)),
                it_owner_id: Some(in_dept(IT, n as u8 + 1)),
                accountable_id: Some(in_dept(IT, n as u8 + 1)),
                start: Some(day("2026-04-01")),
                target: Some(day("2026-09-30")),
                ..NewInitiative::titled(format!("Initiative {n}"))
            }),
        );
        for (m, (dept, who)) in rows.iter().enumerate() {
            let department_id = if dept % 2 == 0 { MARKETING } else { IT };
            let assignee = staff[*who as usize % staff.len()].0;
            let task = NewTask {
                assignee_id: Some(assignee),
                due: Some(day("2026-06-30")),
                ..NewTask::titled(initiative, department_id, format!("Task {n}.{m}"))
            };
            tasks.push(add(&mut store, Op::CreateTask(task)));
        }
    }
    for (a, b) in links {
        let (a, b) = (*a as usize, *b as usize);
        if a < b && b < tasks.len() {
            let link = NewDependency { from_id: tasks[a], to_id: tasks[b], kind: DependencyKind::FinishToStart, lag_days: 0 };
            let _ = store.apply(&me(), now(), Op::AddDependency(link));
        }
    }
    store
}

fn names(store: &Store) -> std::collections::BTreeSet<String> {
    store.snapshot().unwrap().people.into_iter().map(|p| p.name).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_random_board_comes_back_from_its_csv_and_its_workbook_into_an_empty_board(
        people in 2usize..6,
        plan in prop::collection::vec((0u8..3, prop::collection::vec((0u8..2, 0u8..8), 0..5)), 1..5),
        links in prop::collection::vec((0u8..20, 0u8..20), 0..8),
        as_xlsx in any::<bool>(),
    ) {
        let original = random_board(people, &plan, &links);
        let format = if as_xlsx { Format::Xlsx } else { Format::Csv };
        let bytes = export::render(format, &original, &Options::new(today())).unwrap();
        let mut copy = Store::open_in_memory().unwrap();
        let options = CsvOptions { create_people_in: Some(MARKETING), ..CsvOptions::default() };
        csv::import_bytes(&mut copy, &me(), now(), &bytes, &options).unwrap();
        prop_assert_eq!(comparable(&copy), comparable(&original), "initiatives, tasks, owners, assignees and dependencies come back");
        let used: std::collections::BTreeSet<String> = names(&original)
            .into_iter()
            .filter(|n| serde_json::to_string(&original.listing(today()).unwrap()).unwrap().contains(&format!("\"{n}\"")))
            .collect();
        prop_assert_eq!(names(&copy), used, "everyone the file names is created, once");
    }
}

#[test]
fn cells_that_look_like_patient_information_are_listed_in_the_report() {
    let mut b = Board::new();
    let text =
        "type,title,initiative,department\ninitiative,Portal campaign,,\ntask,Call Maria Lopez 555-201-3344,Portal campaign,Marketing\n";
    let summary = import(&mut b.store, text, &CsvOptions::default()).unwrap();
    assert_eq!(summary.phi_like.len(), 1, "one cell looks like PHI: {:?}", summary.phi_like);
    let cell = summary.phi_like[0].to_string();
    assert!(cell.starts_with("line 3, column title:") && cell.contains("a phone number next to a name"), "{cell}");
}

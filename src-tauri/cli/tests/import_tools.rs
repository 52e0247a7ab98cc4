//! Importing the files other tools write, through the real binary: the test files follow each
//! tool's documented export format, awkward parts included (see tests/fixtures/import/SOURCES.md).

mod common;

use std::path::PathBuf;

use common::{cli, fails, ok, Scratch};
use serde_json::Value;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import").join(name).display().to_string()
}

/// The board as its lossless JSON export has it.
fn board(s: &Scratch, db: &std::path::Path) -> Value {
    let out = s.path("board.json");
    ok(db, &["export", "--format", "json", "--out", out.to_str().unwrap()]);
    serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap()
}

fn titled<'a>(rows: &'a Value, title: &str) -> &'a Value {
    rows.as_array().unwrap().iter().find(|r| r["title"] == title).unwrap_or_else(|| panic!("no row titled {title}"))
}

const JIRA: &str = "jira-cloud-all-fields.csv";

#[test]
fn a_jira_preview_says_what_would_come_over_and_changes_nothing() {
    let s = Scratch::new("jira-preview");
    let db = s.demo();
    let before = board(&s, &db);
    let shown = ok(&db, &["import", &fixture(JIRA), "--preview", "--time-zone", "America/Chicago"]);
    assert!(shown.starts_with("Would import from Jira: 2 initiatives, 11 tasks"), "{shown}");
    assert!(shown.contains("Priya Natarajan → not on the board"), "people to settle are named: {shown}");
    assert!(shown.contains("Waiting for vendor → in progress (as the file has it)"), "a custom status by its category: {shown}");
    assert!(shown.contains("DFD-6's link to SEC-88: it links to SEC-88, which is not in the file"), "{shown}");
    assert!(shown.contains("Not read: Project key,"), "the columns not read are listed: {shown}");
    let after = board(&s, &db);
    assert_eq!(before["initiatives"], after["initiatives"], "a preview writes nothing");
    assert_eq!(before["tasks"], after["tasks"]);
}

#[test]
fn a_jira_export_comes_over_with_its_hierarchy_links_people_statuses_and_comments() {
    let s = Scratch::new("jira-import");
    let db = s.demo();
    let before = board(&s, &db);
    let err = fails(&db, &["import", &fixture(JIRA)], 1);
    assert!(err.contains("Priya Natarajan is not on the board"), "an unknown person stops the import: {err}");
    assert_eq!(board(&s, &db)["tasks"], before["tasks"], "and nothing is written");

    let done = ok(&db, &["import", &fixture(JIRA), "--create-people", "--department", "Marketing", "--time-zone", "America/Chicago"]);
    assert!(done.starts_with("Imported from Jira: 2 initiatives, 11 tasks"), "{done}");
    let b = board(&s, &db);
    let legal = titled(&b["tasks"], "Legal sign-off on consent language");
    let epic = b["initiatives"].as_array().unwrap().iter().find(|i| i["id"] == legal["initiative_id"]).unwrap();
    assert_eq!(epic["title"], "Care-plan reminder texts (SMS)", "an issue under an epic is a task of that initiative");
    let priya = titled_person(&b, "Priya Natarajan");
    assert_eq!(priya["department_id"], b["departments"][0]["id"], "created in Marketing as asked");

    // DFD-12 lists DFD-11 under "Inward issue link (Blocks)": DFD-11 blocks it, so it waits for DFD-11.
    let consent = titled(&b["tasks"], "Draft patient consent wording for SMS reminders");
    let deps = b["dependencies"].as_array().unwrap();
    assert!(
        deps.iter().any(|d| d["from_id"] == consent["id"] && d["to_id"] == legal["id"] && d["kind"] == "finish_to_start"),
        "a Blocks link is a finish-to-start dependency, the right way round"
    );
    assert_eq!(legal["due"], "2027-01-08", "Jira's dd/MMM/yy dates are read");
    let comments = b["comments"].as_array().unwrap();
    let imported: Vec<&Value> = comments.iter().filter(|c| c["author_name"] != "bridgeboard-cli").collect();
    assert!(!imported.is_empty(), "comments come over");
    assert!(imported.iter().all(|c| !c["created_at"].as_str().unwrap().starts_with(&chrono_today())), "each keeps its own date");
}

fn titled_person<'a>(b: &'a Value, name: &str) -> &'a Value {
    b["people"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("no person {name}"))
}

fn chrono_today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

#[test]
fn a_people_map_names_the_account_ids_jira_cloud_writes_for_comment_authors() {
    let s = Scratch::new("jira-authors");
    let db = s.demo();
    let map = s.path("people.csv");
    std::fs::write(&map, "source,target\n712020:3f1c9b2e-6a47-4d2b-9a51-0c8e7d4b2a10,Tom Becker\n").unwrap();
    ok(&db, &["import", &fixture(JIRA), "--create-people", "--department", "Marketing", "--people-map", map.to_str().unwrap()]);
    let b = board(&s, &db);
    let tom = titled_person(&b, "Tom Becker");
    let by_tom: Vec<&Value> = b["comments"].as_array().unwrap().iter().filter(|c| c["author_id"] == tom["id"]).collect();
    assert_eq!(by_tom.len(), 2, "Tom's two comments are his, by his account id");
    assert!(by_tom.iter().all(|c| c["author_name"] == "Tom Becker"), "and carry his name: {by_tom:?}");
    let unmapped =
        b["comments"].as_array().unwrap().iter().filter(|c| c["author_name"] == "712020:e91f3b27-0c4a-48d6-9f25-7b1d6a0e3c88").count();
    assert_eq!(unmapped, 1, "an author the board does not know keeps the id written, and no person is made for them");
}

#[test]
fn a_status_map_and_owners_for_every_initiative_are_flags() {
    let s = Scratch::new("jira-flags");
    let db = s.path("flags.bridgeboard");
    ok(&db, &["add-person", "Dana Whitfield", "--department", "Marketing"]);
    ok(&db, &["add-person", "Tom Becker", "--department", "IT"]);
    ok(
        &db,
        &[
            "import",
            &fixture(JIRA),
            "--create-people",
            "--department",
            "IT",
            "--status-map",
            "Waiting for vendor=todo",
            "--marketing-owner",
            "Dana Whitfield",
            "--it-owner",
            "Tom Becker",
        ],
    );
    let b = board(&s, &db);
    let waiting = b["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["title"] == "Embed the scheduling widget on the website")
        .expect("the waiting task");
    assert_eq!(waiting["status"], "todo", "--status-map overrides the file's category");
    let epic = titled(&b["initiatives"], "Patient online self-scheduling");
    assert_ne!(epic["status"], "proposed", "with both owners an epic in progress comes in as it is: {epic}");
}

#[test]
fn a_data_center_export_hangs_stories_under_their_epic_by_epic_link_and_a_people_map_names_its_users() {
    let s = Scratch::new("jira-dc");
    // A board of its own: the sample board has tasks of the same titles.
    let db = s.path("dc.bridgeboard");
    ok(&db, &["add-person", "Tom Becker", "--department", "IT"]);
    ok(&db, &["add-person", "James O'Connor", "--department", "IT"]);
    ok(&db, &["add-person", "Linda Okafor", "--department", "Marketing", "--email", "linda.okafor@mercygeneral.org"]);
    let map = s.path("people.csv");
    std::fs::write(
        &map,
        "source,target\ntbecker,Tom Becker\njoconnor,James O'Connor\nlokafor,linda.okafor@mercygeneral.org\npnatarajan,new:Marketing\n",
    )
    .unwrap();
    let done = ok(&db, &["import", &fixture("jira-datacenter-epic-link.csv"), "--people-map", map.to_str().unwrap()]);
    assert!(done.starts_with("Imported from Jira: 2 initiatives, 6 tasks"), "{done}");
    let b = board(&s, &db);
    let widget = titled(&b["tasks"], "Embed the scheduling widget on the website");
    let epic = b["initiatives"].as_array().unwrap().iter().find(|i| i["id"] == widget["initiative_id"]).unwrap();
    assert_eq!(epic["title"], "Patient online self-scheduling", "Custom field (Epic Link) holds the epic's key");
    let tom = titled_person(&b, "Tom Becker");
    assert_eq!(titled(&b["tasks"], "Configure open scheduling in the EHR")["assignee_id"], tom["id"], "tbecker is Tom Becker");
    let slots = titled(&b["tasks"], "Build provider slot templates");
    assert!(
        slots["notes"].as_str().unwrap().starts_with("Under Configure open scheduling in the EHR."),
        "a sub-task keeps its path: {slots}"
    );
    assert_eq!(slots["status"], "done");
    let priya = titled_person(&b, "pnatarajan");
    assert_eq!(priya["department_id"], b["departments"][0]["id"], "new:Marketing creates them there");
    let _ = cli(&db);
}

#[test]
fn an_asana_project_comes_over_with_subtasks_under_their_task_dependencies_and_people_by_email() {
    let s = Scratch::new("asana");
    let db = s.path("asana.bridgeboard");
    // Tom is on the board under another spelling of his name: his email finds him.
    ok(&db, &["add-person", "Thomas Becker", "--department", "IT", "--email", "tom.becker@northlakehealth.example"]);
    let file = fixture("asana-project.csv");
    let shown = ok(&db, &["import", &file, "--preview"]);
    assert!(shown.starts_with("Would import from Asana: 3 initiatives, 11 tasks"), "{shown}");
    assert!(shown.contains("7 dependencies"), "each dependency once, though both ends list it: {shown}");
    assert!(shown.contains("Tom Becker → Thomas Becker on the board"), "matched by email: {shown}");
    assert!(shown.contains("dependency on 1215119876543210: it links to 1215119876543210, which is not in the file"), "{shown}");

    ok(&db, &["import", &file, "--create-people", "--department", "Marketing"]);
    let b = board(&s, &db);
    let consent = titled(&b["tasks"], "Write consent wording for reminder texts");
    let legal = titled(&b["tasks"], "Legal review of consent wording");
    assert!(
        b["dependencies"].as_array().unwrap().iter().any(|d| d["from_id"] == consent["id"] && d["to_id"] == legal["id"]),
        "Blocked By on the legal review: it waits for the consent wording"
    );
    let mobile = titled(&b["tasks"], "Test the widget on iOS and Android");
    assert!(mobile["notes"].as_str().unwrap().starts_with("Under Embed the scheduling widget on the website."), "{mobile}");
    assert_eq!(titled(&b["tasks"], "Publish flu-shot landing page")["status"], "done", "Completed At means done");
    assert_eq!(titled(&b["tasks"], "Build reminder templates")["department_id"], b["departments"][1]["id"], "the Department field is read");

    let s2 = Scratch::new("asana-sections");
    let db2 = s2.path("sections.bridgeboard");
    let shown = ok(&db2, &["import", &file, "--preview", "--sections-as-initiatives", "--create-people", "--department", "IT"]);
    assert!(shown.starts_with("Would import from Asana: 3 initiatives, 14 tasks"), "sections are the initiatives: {shown}");
    assert!(!db2.exists(), "a preview makes no board file");
}

#[test]
fn a_trello_board_comes_over_cards_as_initiatives_checklists_as_tasks_archived_cards_as_asked() {
    let s = Scratch::new("trello");
    let db = s.path("trello.bridgeboard");
    let map = s.path("people.csv");
    std::fs::write(&map, "Tom Becker,new:IT\nJames O'Connor,new:IT\n").unwrap();
    let file = fixture("trello-board.json");
    let args = ["--people-map", map.to_str().unwrap(), "--create-people", "--department", "Marketing", "--time-zone", "America/Chicago"];
    let shown = ok(&db, &[&["import", file.as_str()][..], &args].concat());
    assert!(shown.starts_with("Imported from Trello: 5 initiatives, 10 tasks"), "archived cards are left out by default: {shown}");
    assert!(shown.contains("3 comments"), "{shown}");
    let b = board(&s, &db);
    let booking = titled(&b["initiatives"], "Patient online self-scheduling");
    assert_eq!(booking["status"], "in_progress", "two members, one per department, are its owners: {booking}");
    assert_eq!(booking["target"], "2027-03-15", "a due of 23:00 UTC is still the 15th in Chicago");
    let checked = b["tasks"].as_array().unwrap().iter().filter(|t| t["status"] == "done").count();
    assert_eq!(checked, 3, "checked items are done");
    let comment = b["comments"].as_array().unwrap().iter().find(|c| c["author_name"] == "Grace Liu").expect("Grace's comment");
    assert_eq!(comment["created_at"], "2026-11-10T19:12:05Z", "a comment keeps its author and time");

    let s2 = Scratch::new("trello-archived");
    let db2 = s2.path("trello.bridgeboard");
    let shown = ok(&db2, &[&["import", file.as_str(), "--archived", "cancelled"][..], &args].concat());
    assert!(shown.starts_with("Imported from Trello: 7 initiatives"), "{shown}");
    let b = board(&s2, &db2);
    assert_eq!(titled(&b["initiatives"], "Summer health fair booth")["status"], "cancelled", "a card of an archived list is archived too");
}

#[test]
fn a_project_plan_comes_over_by_outline_level_with_lags_in_days_milestones_and_assignments() {
    let s = Scratch::new("msproject");
    let db = s.path("plan.bridgeboard");
    let file = fixture("msproject-plan.xml");
    let done = ok(&db, &["import", &file, "--create-people", "--department", "IT"]);
    assert!(
        done.starts_with("Imported from Microsoft Project: 2 initiatives, 11 tasks (1 milestones), 8 dependencies, 1 related links"),
        "{done}"
    );
    assert!(done.contains("is start-to-start; it comes in as “relates to”"), "other link types are reported: {done}");
    let b = board(&s, &db);
    let id = |title: &str| titled(&b["tasks"], title)["id"].clone();
    let lag = |from: &str, to: &str| {
        b["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["from_id"] == id(from) && d["to_id"] == id(to))
            .map(|d| d["lag_days"].clone())
    };
    assert_eq!(
        lag("Requirements workshop with Patient Access", "Map visit types to open-scheduling slots"),
        Some(1.into()),
        "4800 tenths of a minute"
    );
    assert_eq!(lag("Embed the scheduling widget on the website", "Security and HIPAA review"), Some(2.into()), "16 hours shown as hours");
    let golive = titled(&b["tasks"], "Go-live: online self-scheduling");
    assert_eq!((golive["kind"].as_str(), golive["due"].as_str()), (Some("milestone"), Some("2027-02-03")));
    let slots = titled(&b["tasks"], "Map visit types to open-scheduling slots");
    assert!(slots["notes"].as_str().unwrap().starts_with("Under Configure open scheduling in the EHR."), "{slots}");
    assert_eq!(titled(&b["tasks"], "Requirements workshop with Patient Access")["status"], "done", "100% complete");
    let tom = b["people"].as_array().unwrap().iter().find(|p| p["name"] == "Tom Becker").unwrap();
    assert_eq!(slots["assignee_id"], tom["id"], "an assignment makes the assignee");

    let s2 = Scratch::new("msproject-level");
    let shown = ok(&s2.path("plan.bridgeboard"), &["import", &file, "--level", "2", "--preview", "--create-people", "--department", "IT"]);
    assert!(shown.starts_with("Would import from Microsoft Project: 10 initiatives, 1 tasks"), "level 2 are the initiatives: {shown}");
}

#[test]
fn our_own_export_moves_to_an_empty_board_with_its_people_created() {
    let s = Scratch::new("own-create-people");
    let db = s.demo();
    for format in ["csv", "xlsx"] {
        let out = s.path(&format!("board.{format}"));
        ok(&db, &["export", "--format", format, "--out", out.to_str().unwrap()]);
        let fresh = s.path(&format!("fresh-{format}.bridgeboard"));
        let err = fails(&fresh, &["import", out.to_str().unwrap()], 1);
        assert!(err.contains("is not a person on this board"), "{err}");
        assert!(!fresh.exists(), "a refused import leaves no board file behind");
        let done = ok(&fresh, &["import", out.to_str().unwrap(), "--create-people", "--department", "Marketing"]);
        assert!(done.contains("people)"), "{done}");
        let b = board(&s, &fresh);
        let tom = b["people"].as_array().unwrap().iter().find(|p| p["name"] == "Tom Becker").expect("Tom is created");
        assert_eq!(tom["department_id"], b["departments"][1]["id"], "an IT owner is created in IT ({format})");
    }
}

#[test]
fn a_newer_jira_export_imported_again_updates_what_changed_and_adds_nothing_twice() {
    let s = Scratch::new("jira-again");
    let db = s.demo();
    let args = |path: &str| vec!["import".to_string(), path.to_string(), "--create-people".into(), "--department".into(), "IT".into()];
    let run = |extra: &[&str], path: &str| {
        let mut all = args(path);
        all.extend(extra.iter().map(|e| e.to_string()));
        ok(&db, &all.iter().map(String::as_str).collect::<Vec<_>>())
    };
    run(&[], &fixture(JIRA));
    let first = board(&s, &db);
    let legal = titled(&first["tasks"], "Legal sign-off on consent language")["id"].as_str().unwrap().to_string();
    ok(&db, &["edit-task", &legal, "--title", "Legal sign-off (counsel)"]);

    let newer = s.path("newer.csv");
    let text = std::fs::read_to_string(fixture(JIRA)).unwrap();
    let text = text.replace("Legal sign-off on consent language,DFD-12", "Legal and compliance sign-off on consent language,DFD-12");
    std::fs::write(&newer, text).unwrap();
    let shown = run(&["--preview"], newer.to_str().unwrap());
    assert!(shown.starts_with("Would import from Jira: 0 initiatives, 0 tasks"), "{shown}");
    assert!(
        shown.contains(
            "DFD-12: title “Legal sign-off (counsel)” → “Legal and compliance sign-off on consent language” (overwrites an edit made on the board)"
        ),
        "the preview lists the local edit it would overwrite: {shown}"
    );
    let done = run(&[], newer.to_str().unwrap());
    assert!(done.contains("earlier import: 1 updated, 12 unchanged"), "{done}");
    let after = board(&s, &db);
    assert_eq!(after["tasks"].as_array().unwrap().len(), first["tasks"].as_array().unwrap().len(), "no task twice");
    assert_eq!(after["dependencies"], first["dependencies"], "no link twice");
    assert_eq!(after["comments"].as_array().unwrap().len(), first["comments"].as_array().unwrap().len(), "no comment twice");
    assert_eq!(titled(&after["tasks"], "Legal and compliance sign-off on consent language")["id"], legal.as_str());
}

#[test]
fn the_exporters_date_format_and_language_do_not_change_what_comes_over() {
    let text = std::fs::read_to_string(fixture(JIRA)).unwrap();
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const GERMAN: [&str; 12] = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"];
    let rewritten =
        |to: &dyn Fn(usize) -> String| MONTHS.iter().enumerate().fold(text.clone(), |t, (n, m)| t.replace(&format!("/{m}/"), &to(n)));
    let s = Scratch::new("jira-date-formats");
    let dates = |name: &str, content: &str, extra: &[&str]| {
        let db = s.path(&format!("{name}.bridgeboard"));
        let file = s.path(&format!("{name}.csv"));
        std::fs::write(&file, content).unwrap();
        let mut args = vec!["import", file.to_str().unwrap(), "--create-people", "--department", "IT", "--time-zone", "UTC"];
        args.extend(extra);
        ok(&db, &args);
        let b = board(&s, &db);
        let mut out: Vec<String> =
            b["tasks"].as_array().unwrap().iter().map(|t| format!("{} {} {}", t["title"], t["start"], t["due"])).collect();
        out.extend(b["comments"].as_array().unwrap().iter().map(|c| format!("{} {}", c["body"], c["created_at"])));
        out.sort();
        out
    };
    let default = dates("default", &text, &[]);
    assert!(default.iter().any(|d| d.contains("2027-01-08")), "{default:?}");
    let german = rewritten(&|n| format!("/{}/", GERMAN[n]));
    assert_eq!(dates("german", &german, &[]), default, "month names in German, as a German profile exports them");
    let numeric = rewritten(&|n| format!("/{:02}/", n + 1));
    assert_eq!(dates("numeric", &numeric, &[]), default, "dd/MM/yy: the days above 12 prove the order");

    // Month first, with only days up to 12: a question, answered with --date-format.
    let ambiguous = "Summary,Issue key,Issue id,Issue Type,Status,Due date\n\
                     Go-live,DFD-1,10001,Epic,To Do,03/04/27 12:00 AM\n\
                     Launch copy,DFD-2,10002,Task,To Do,04/05/27 12:00 AM\n";
    let file = s.path("ambiguous.csv");
    std::fs::write(&file, ambiguous).unwrap();
    let db = s.path("ambiguous.bridgeboard");
    let asked = fails(&db, &["import", file.to_str().unwrap(), "--preview"], 1);
    assert!(asked.contains("can be read two ways") && asked.contains("--date-format"), "{asked}");
    ok(&db, &["import", file.to_str().unwrap(), "--date-format", "mdy"]);
    assert_eq!(titled(&board(&s, &db)["initiatives"], "Go-live")["target"], "2027-03-04");
}

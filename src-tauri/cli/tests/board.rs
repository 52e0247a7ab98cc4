//! Whole-board commands through the real binary: demo, list, check, backup.

mod common;

use common::{cli, fails, initiative, listing, ok, Scratch};

#[test]
fn demo_writes_six_initiatives_and_one_is_blocked() {
    let s = Scratch::new("demo");
    let db = s.demo();
    let board = listing(&db);
    let initiatives = board["initiatives"].as_array().unwrap();
    assert_eq!(initiatives.len(), 6, "the sample board has six joint initiatives");
    assert!(initiatives.iter().any(|i| i["blocked"] == true), "the sample shows a blocked initiative");
    let sms = initiative(&board, "Care-plan reminder texts (SMS)");
    assert_eq!(sms["blocked_by"][0]["name"], "Patient online self-scheduling", "the SMS launch waits for scheduling");
}

#[test]
fn list_json_carries_every_field_scripts_use() {
    let s = Scratch::new("json");
    let board = listing(&s.demo());
    let portal = initiative(&board, "Patient portal adoption campaign");
    for key in [
        "id",
        "title",
        "status",
        "priority",
        "start",
        "target",
        "marketing_owner",
        "it_owner",
        "sponsor",
        "tags",
        "blocked",
        "blocked_by",
        "block_reason",
        "tasks",
    ] {
        assert!(portal.get(key).is_some(), "each initiative carries {key}");
    }
    assert_eq!(portal["status"], "proposed", "statuses use the wire spelling");
    assert!(portal["it_owner"].is_null(), "a missing owner is null, not an empty object");
    assert_eq!(portal["marketing_owner"]["name"], "Priya Raman", "an owner is {{id, name}}");
    let task = &portal["tasks"][0];
    for key in ["id", "title", "status", "department", "assignee", "start", "due", "kind", "blocked", "blocked_by", "block_reason"] {
        assert!(task.get(key).is_some(), "each task carries {key}");
    }
    assert_eq!(task["department"]["name"], "Marketing", "a task names its department");
}

#[test]
fn list_prints_a_readable_table() {
    let s = Scratch::new("table");
    let out = ok(&s.demo(), &["list"]);
    assert!(out.contains("Patient online self-scheduling"), "initiatives are listed by title");
    assert!(out.contains("Marketing: Priya Raman"), "owners are shown by name");
    assert!(out.contains("BLOCKED (waits for “Patient online self-scheduling”)"), "a blocked initiative says what it waits for");
    assert!(out.contains("reason: Waiting for the EHR vendor's spring upgrade"), "a block reason is shown");
}

#[test]
fn demo_is_refused_on_a_file_that_holds_a_board() {
    let s = Scratch::new("demo-twice");
    let db = s.demo();
    let before = listing(&db);
    let err = fails(&db, &["demo"], 1);
    assert!(err.contains("already holds a board"), "the refusal says why: {err}");
    assert_eq!(listing(&db), before, "the sample never mixes into an existing board");
}

#[test]
fn demo_refuses_a_date_that_does_not_exist() {
    let s = Scratch::new("demo-date");
    let db = s.path("b.bridgeboard");
    let err = fails(&db, &["demo", "--today", "2026-02-30"], 1);
    assert!(err.contains("“2026-02-30” is not a date that exists"), "the message quotes the bad date: {err}");
}

#[test]
fn check_says_a_healthy_file_is_healthy() {
    let s = Scratch::new("check");
    let db = s.demo();
    let out = ok(&db, &["check"]);
    assert_eq!(out, format!("ok: {} is healthy", db.display()), "a healthy board is reported in one line");
}

#[test]
fn backup_makes_a_copy_that_list_can_read() {
    let s = Scratch::new("backup");
    let db = s.demo();
    let copy = s.path("copy.bridgeboard");
    ok(&db, &["backup", "--out", copy.to_str().unwrap()]);
    assert_eq!(listing(&copy), listing(&db), "the backup holds the same board");
    let err = fails(&db, &["backup", "--out", copy.to_str().unwrap()], 1);
    assert!(err.contains("already exists"), "a backup never overwrites a file: {err}");
}

#[test]
fn commands_that_need_an_existing_board_do_not_create_one() {
    let s = Scratch::new("read-missing");
    let db = s.path("missing.bridgeboard");
    let edits: [&[&str]; 4] = [
        &["status", "Anything", "done"],
        &["edit-task", "Anything", "--title", "B"],
        &["delete", "Anything"],
        &["comment", "Anything", "Hi"],
    ];
    for command in [&["list"][..], &["check"], &["backup", "--out", "x.bridgeboard"]].into_iter().chain(edits) {
        let err = fails(&db, command, 3);
        assert!(err.contains("There is no board file at"), "{command:?} says the file is missing: {err}");
        assert!(!db.exists(), "{command:?} must not leave an empty board behind");
    }
    std::fs::write(&db, b"").unwrap();
    let err = fails(&db, &["list"], 3);
    assert!(err.contains("is empty"), "an empty file holds no board to list: {err}");
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "listing an empty file does not turn it into a board");
}

#[test]
fn adding_to_a_new_file_starts_a_board() {
    let s = Scratch::new("new-board");
    let db = s.path("new.bridgeboard");
    ok(&db, &["add-department", "Clinical"]);
    ok(&db, &["add-person", "Ana Ruiz", "--department", "Clinical"]);
    ok(&db, &["add-initiative", "Nurse recruitment video"]);
    assert_eq!(listing(&db)["initiatives"].as_array().unwrap().len(), 1, "a new board holds what was added");
}

#[test]
fn the_board_file_can_come_from_the_environment() {
    let s = Scratch::new("env");
    let db = s.demo();
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("bridgeboard-cli");
    cmd.env("BRIDGEBOARD_DB", &db).arg("check").assert().success();
    cli(&db).arg("list").assert().success();
}

#[test]
fn check_reports_problems_with_exit_3() {
    let s = Scratch::new("check-broken");
    let db = s.demo();
    // A task pointing at an initiative that is not there: SQLite opens the file fine, but its
    // foreign-key check finds the broken link.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF; UPDATE tasks SET initiative_id = 'gone' WHERE title = 'Migrate CMS templates';")
        .unwrap();
    drop(conn);
    let err = fails(&db, &["check"], 3);
    assert!(err.contains("is damaged; SQLite found 1 problem(s)"), "the problems are counted: {err}");
    assert!(err.contains("tasks row") && err.contains("missing initiatives row"), "each problem is listed: {err}");
    assert!(err.contains("Restore a backup"), "the message says what to do: {err}");
}

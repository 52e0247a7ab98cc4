//! Changing a board through the real binary: every edit goes through the core's funnel, so the
//! board's rules refuse what the app would refuse, with exit code 1 and the app's message.

mod common;

use common::{cli, fails, initiative, listing, ok, Scratch};
use serde_json::Value;

fn is_id(text: &str) -> bool {
    bridgeboard_core::Id::parse_str(text).is_ok()
}

#[test]
fn people_initiatives_and_tasks_are_added_by_name_and_title() {
    let s = Scratch::new("add");
    let db = s.demo();
    let nora = ok(
        &db,
        &["add-person", "Nora Diaz", "--department", "Marketing", "--email", "nora.diaz@mercygeneral.org", "--title", "Events Lead"],
    );
    assert!(is_id(&nora), "add-person prints only the new id, for scripts: {nora}");
    let flu = ok(
        &db,
        &[
            "add-initiative",
            "Flu clinic campaign",
            "--status",
            "planned",
            "--priority",
            "high",
            "--start",
            "2026-09-01",
            "--target",
            "2026-10-15",
            "--marketing-owner",
            "Nora Diaz",
            "--it-owner",
            "tom.becker@mercygeneral.org",
            "--sponsor",
            "Sarah Mitchell",
            "--tag",
            "flu",
            "--tag",
            "community",
        ],
    );
    assert!(is_id(&flu), "add-initiative prints the new id: {flu}");
    let task = ok(
        &db,
        &[
            "add-task",
            "Flu clinic campaign",
            "Print clinic posters",
            "--department",
            "marketing",
            "--assignee",
            &nora,
            "--due",
            "2026-09-10",
        ],
    );
    let milestone = ok(&db, &["add-task", &flu, "Clinics open", "--department", "IT", "--milestone", "--due", "2026-10-01"]);

    let board = listing(&db);
    let i = initiative(&board, "Flu clinic campaign");
    assert_eq!(i["id"], flu.as_str(), "the printed id is the initiative's id");
    assert_eq!(i["status"], "planned", "both owners were given, so it may leave Proposed");
    assert_eq!(i["marketing_owner"]["name"], "Nora Diaz", "an owner can be named");
    assert_eq!(i["it_owner"]["name"], "Tom Becker", "an owner can be given by email");
    assert_eq!(i["tags"], serde_json::json!(["flu", "community"]), "repeated --tag gives several tags");
    let tasks = i["tasks"].as_array().unwrap();
    assert_eq!(tasks[0]["id"], task.as_str(), "the task went into the initiative named by title");
    assert_eq!(tasks[0]["department"]["name"], "Marketing", "departments match ignoring case");
    assert_eq!(tasks[0]["assignee"]["name"], "Nora Diaz", "a person can be given by id");
    assert_eq!(tasks[1]["id"], milestone.as_str(), "an initiative can be given by id");
    assert_eq!(tasks[1]["kind"], "milestone", "--milestone makes a milestone");
}

#[test]
fn edits_change_only_what_is_given() {
    let s = Scratch::new("edit");
    let db = s.demo();
    let title = "Marketing attribution tracking";
    ok(&db, &["edit-initiative", title, "--priority", "critical", "--clear-target", "--block-reason", "Budget freeze"]);
    ok(&db, &["edit-task", "UTM standard for every campaign link", "--title", "UTM standard", "--status", "in_progress", "--clear-due"]);
    let board = listing(&db);
    let i = initiative(&board, title);
    assert_eq!(i["priority"], "critical", "the given field changed");
    assert!(i["target"].is_null(), "--clear-target clears the date");
    assert_eq!(i["status"], "planned", "fields not given stay as they were");
    assert_eq!(i["blocked"], true, "a block reason blocks the initiative");
    let utm = i["tasks"].as_array().unwrap().iter().find(|t| t["title"] == "UTM standard").expect("the task was renamed");
    assert_eq!(utm["status"], "in_progress");
    assert!(utm["due"].is_null(), "--clear-due clears the due date");
    let err = fails(&db, &["edit-task", "UTM standard"], 1);
    assert!(err.contains("Nothing to change"), "an edit with no options says so: {err}");
}

#[test]
fn moving_an_initiative_moves_its_open_tasks_by_the_same_days() {
    let s = Scratch::new("move-initiative");
    let db = s.demo();
    let title = "Website redesign with accessibility (WCAG 2.1 AA)";
    let before = listing(&db);
    ok(&db, &["move-initiative", title, "--days", "-7"]);
    let after = listing(&db);
    let (old, new) = (initiative(&before, title), initiative(&after, title));
    let week_earlier = |v: &serde_json::Value| {
        let day = chrono::NaiveDate::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d").unwrap();
        serde_json::json!((day - chrono::Duration::days(7)).to_string())
    };
    assert_eq!(new["target"], week_earlier(&old["target"]), "the go-live moves a week earlier");
    for (old_task, new_task) in old["tasks"].as_array().unwrap().iter().zip(new["tasks"].as_array().unwrap()) {
        let moved = if old_task["status"] == "done" { old_task["due"].clone() } else { week_earlier(&old_task["due"]) };
        assert_eq!(new_task["due"], moved, "open tasks move with it, done ones stay: {}", old_task["title"]);
    }
    let err = fails(&db, &["move-initiative", title, "--days", "soon"], 2);
    assert!(err.contains("--days"), "a number of days is asked for: {err}");
}

#[test]
fn leaving_proposed_without_owners_is_refused() {
    let s = Scratch::new("owners");
    let db = s.demo();
    ok(&db, &["add-initiative", "Hospital podcast"]);
    let err = fails(&db, &["status", "Hospital podcast", "planned"], 1);
    assert!(err.starts_with("error: "), "errors are prefixed plainly: {err}");
    assert!(err.contains("a Marketing owner and an IT owner"), "the refusal names both missing owners: {err}");
    let err = fails(&db, &["status", "Patient portal adoption campaign", "planned"], 1);
    assert!(err.contains("an IT owner") && !err.contains("a Marketing owner"), "only the missing owner is named: {err}");
    assert_eq!(initiative(&listing(&db), "Hospital podcast")["status"], "proposed", "a refused change changes nothing");
}

#[test]
fn done_is_refused_while_a_predecessor_is_open() {
    let s = Scratch::new("done");
    let db = s.demo();
    let err = fails(&db, &["status", "Launch the new website", "done"], 1);
    assert!(err.contains("“Fix contrast, focus and keyboard issues”"), "the refusal names the open predecessor: {err}");
    ok(&db, &["status", "Fix contrast, focus and keyboard issues", "cancelled"]);
    ok(&db, &["status", "Rewrite service-line pages in plain language", "done"]);
}

#[test]
fn bad_statuses_and_dates_are_refused_with_what_to_type() {
    let s = Scratch::new("bad-values");
    let db = s.demo();
    let err = fails(&db, &["status", "Marketing attribution tracking", "done"], 1);
    assert!(err.contains("proposed, planned, in_progress, live, cancelled"), "an initiative has its own statuses: {err}");
    let err = fails(&db, &["status", "UTM standard for every campaign link", "finished"], 1);
    assert!(err.contains("todo, in_progress, done, cancelled"), "the task statuses are listed: {err}");
    let err = fails(&db, &["edit-initiative", "Marketing attribution tracking", "--start", "2026-02-30"], 1);
    assert!(err.contains("“2026-02-30” is not a date that exists"), "a date that does not exist is named: {err}");
    let err = fails(&db, &["edit-initiative", "Marketing attribution tracking", "--priority", "urgent"], 1);
    assert!(err.contains("low, medium, high, critical"), "the priorities are listed: {err}");
}

#[test]
fn a_dependency_that_closes_a_loop_is_refused_naming_it() {
    let s = Scratch::new("cycle");
    let db = s.demo();
    let err = fails(&db, &["depend", "Fix contrast, focus and keyboard issues", "--on", "Launch the new website"], 1);
    assert!(err.contains("loop"), "the refusal explains the loop: {err}");
    assert!(
        err.contains("Launch the new website → Fix contrast, focus and keyboard issues")
            || err.contains("Fix contrast, focus and keyboard issues → Launch the new website"),
        "the refusal names the items around the loop: {err}"
    );
}

#[test]
fn dependencies_are_added_and_removed() {
    let s = Scratch::new("depend");
    let db = s.demo();
    let dep = ok(&db, &["depend", "Write reminder message templates", "--on", "Patient-facing instructions and FAQ", "--lag", "2"]);
    assert!(is_id(&dep), "depend prints the dependency id: {dep}");
    let blocked = |db: &std::path::Path| -> Value {
        let board = listing(db);
        let sms = initiative(&board, "Care-plan reminder texts (SMS)").clone();
        sms["tasks"].as_array().unwrap().iter().find(|t| t["title"] == "Write reminder message templates").unwrap()["blocked"].clone()
    };
    assert_eq!(blocked(&db), true, "a task waiting on open work is blocked");
    ok(&db, &["undepend", &dep]);
    assert_eq!(blocked(&db), false, "removing the dependency unblocks it");

    ok(&db, &["depend", "Write reminder message templates", "--on", "Patient-facing instructions and FAQ"]);
    let err = fails(&db, &["undepend", "Patient-facing instructions and FAQ", "--on", "Write reminder message templates"], 1);
    assert!(err.contains("other way round"), "a reversed pair is explained: {err}");
    ok(&db, &["undepend", "Write reminder message templates", "--on", "Patient-facing instructions and FAQ"]);
    assert_eq!(blocked(&db), false, "undepend SUCCESSOR --on PREDECESSOR removes it");
}

#[test]
fn an_ambiguous_title_is_refused_listing_the_matches() {
    let s = Scratch::new("ambiguous");
    let db = s.demo();
    let a = ok(&db, &["add-task", "Marketing attribution tracking", "Kick-off meeting", "--department", "Marketing"]);
    let b = ok(&db, &["add-task", "Care-plan reminder texts (SMS)", "Kick-off meeting", "--department", "IT"]);
    let err = fails(&db, &["status", "Kick-off meeting", "done"], 1);
    assert!(err.contains("matches 2 items"), "the refusal says the title is ambiguous: {err}");
    assert!(err.contains(&a) && err.contains(&b), "the refusal lists every match's id: {err}");
    assert!(err.contains("in “Care-plan reminder texts (SMS)”"), "each match says where it is: {err}");
    ok(&db, &["status", &a, "done"]);
    let err = fails(&db, &["status", "No such thing", "done"], 1);
    assert!(err.contains("No initiative or task called “No such thing”"), "an unknown title is named: {err}");
}

#[test]
fn a_person_who_owns_work_is_deleted_only_with_reassignment() {
    let s = Scratch::new("delete-person");
    let db = s.demo();
    let err = fails(&db, &["delete", "Marcus Lee"], 1);
    assert!(err.contains("Marketing owner of “Social media program”"), "the refusal lists the work still owned: {err}");
    ok(&db, &["delete", "Marcus Lee", "--reassign-to", "Elena Soto"]);
    let board = listing(&db);
    assert_eq!(initiative(&board, "Social media program")["marketing_owner"]["name"], "Elena Soto", "ownership moved to Elena");
    let err = fails(&db, &["edit-person", "Marcus Lee", "--title", "Gone"], 1);
    assert!(err.contains("No person called “Marcus Lee”"), "a deleted person can no longer be named: {err}");
}

#[test]
fn initiatives_and_tasks_are_deleted_and_commented() {
    let s = Scratch::new("delete-item");
    let db = s.demo();
    let comment = ok(&db, &["comment", "Migrate CMS templates", "Two templates left."]);
    assert!(is_id(&comment), "comment prints the comment's id: {comment}");
    let tasks_of = |board: &serde_json::Value| initiative(board, "Marketing attribution tracking")["tasks"].as_array().unwrap().len();
    let tasks_before = tasks_of(&listing(&db));
    ok(&db, &["delete", "Migrate CMS templates"]);
    ok(&db, &["delete", "Marketing attribution tracking"]);
    let board = listing(&db);
    assert_eq!(board["initiatives"].as_array().unwrap().len(), 5, "the deleted initiative is gone from the list");
    let website = initiative(&board, "Website redesign with accessibility (WCAG 2.1 AA)");
    assert!(website["tasks"].as_array().unwrap().iter().all(|t| t["title"] != "Migrate CMS templates"), "the deleted task is gone");
    let err = fails(&db, &["delete", "Patient-facing instructions and FAQ", "--reassign-to", "Elena Soto"], 1);
    assert!(err.contains("--reassign-to is for deleting a person"), "reassigning only applies to people: {err}");

    let restored = ok(&db, &["restore", "Marketing attribution tracking"]);
    assert!(is_id(&restored), "restore prints the id: {restored}");
    let board = listing(&db);
    assert_eq!(board["initiatives"].as_array().unwrap().len(), 6, "a deleted initiative comes back by its title");
    assert_eq!(tasks_of(&board), tasks_before, "with the tasks deleted with it");
    let err = fails(&db, &["restore", "Never existed"], 1);
    assert!(err.contains("No deleted initiative is called “Never existed”"), "an unknown title is refused by name: {err}");
}

#[test]
fn the_actor_is_recorded_in_the_activity_log() {
    let s = Scratch::new("actor");
    let db = s.demo();
    let dana = ok(&db, &["--as", "dana.whitfield@mercygeneral.org", "add-initiative", "Dana's idea"]);
    let anon = ok(&db, &["add-initiative", "Someone's idea"]);
    let err = fails(&db, &["--as", "Nobody Known", "add-initiative", "Ghost idea"], 1);
    assert!(err.contains("No person called “Nobody Known”"), "an unknown --as person is refused, not recorded: {err}");

    let conn = rusqlite::Connection::open(&db).unwrap();
    let actor = |item: &str| -> (Option<String>, String) {
        conn.query_row("SELECT actor_id, actor_name FROM activity WHERE item_id = ?1 AND action = 'create'", [item], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
    };
    let (id, name) = actor(&dana);
    assert_eq!(name, "Dana Whitfield", "--as by email records the person's name");
    let board = listing(&db);
    let dana_id = initiative(&board, "Care-plan reminder texts (SMS)")["marketing_owner"]["id"].as_str().unwrap().to_string();
    assert_eq!(id, Some(dana_id), "--as records the person's id too");
    assert_eq!(actor(&anon), (None, "bridgeboard-cli".to_string()), "without --as the CLI itself is recorded");
}

#[test]
fn wrong_usage_exits_with_2() {
    let s = Scratch::new("usage");
    let db = s.path("b.bridgeboard");
    for args in [&["frobnicate"][..], &["status", "only-one-argument"], &["add-task", "X", "Y"], &["move-task", "X"], &["depend", "A"]] {
        let err = fails(&db, args, 2);
        assert!(err.contains("Usage"), "{args:?} shows the usage: {err}");
    }
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("bridgeboard-cli");
    let out = cmd.env_remove("BRIDGEBOARD_DB").arg("list").assert().code(2).get_output().stderr.clone();
    assert!(String::from_utf8_lossy(&out).contains("--db FILE"), "a missing --db is a usage error that says what to give");
    assert!(!db.exists(), "wrong usage touches no file");
    cli(&db).arg("--help").assert().success();
}

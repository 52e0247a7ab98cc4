//! Sharing through a folder with the real binary: several desktops (board files) meeting only in
//! one temp folder, edited and synced by separate processes, some of them at the same time and
//! some killed half-way.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use common::*;
use serde_json::Value;

/// The board's folder inside `share` (there is one board in it).
fn board_folder(share: &Path) -> PathBuf {
    std::fs::read_dir(share).unwrap().map(|e| e.unwrap().path()).find(|p| p.is_dir()).expect("share made the board's folder")
}

/// A sample board shared from `a.bridgeboard`, and `others` desktops joined to it.
fn desks(s: &Scratch, others: &[&str]) -> (Vec<PathBuf>, PathBuf) {
    let a = s.path("a.bridgeboard");
    ok(&a, &["demo", "--today", TODAY]);
    let share = s.path("share");
    std::fs::create_dir_all(&share).unwrap();
    ok(&a, &["share", "--folder", share.to_str().unwrap(), "--device", "MKT-DESKTOP-2"]);
    let mut all = vec![a];
    for name in others {
        let db = s.path(&format!("{name}.bridgeboard"));
        ok(&db, &["join", "--folder", share.to_str().unwrap(), "--device", name]);
        all.push(db);
    }
    (all, board_folder(&share))
}

fn export_json(db: &Path, out: &Path) -> String {
    ok(db, &["export", "--format", "json", "--today", TODAY, "--out", out.to_str().unwrap()]);
    std::fs::read_to_string(out).unwrap()
}

fn sync_all(dbs: &[PathBuf]) {
    // Twice round: what the last desktop published reaches the first.
    for _ in 0..2 {
        for db in dbs {
            ok(db, &["sync"]);
        }
    }
}

fn assert_identical(s: &Scratch, dbs: &[PathBuf]) {
    let first_list = listing(&dbs[0]);
    let first_export = export_json(&dbs[0], &s.path("first.json"));
    for (n, db) in dbs.iter().enumerate().skip(1) {
        assert_eq!(listing(db), first_list, "desktop {n} lists the same board as the first");
        assert_eq!(
            export_json(db, &s.path(&format!("export-{n}.json"))),
            first_export,
            "desktop {n}'s board export is byte for byte the first's"
        );
    }
}

#[test]
fn two_desktops_share_edit_disagree_and_settle_through_the_cli() {
    let s = Scratch::new("share-two");
    let (dbs, _) = desks(&s, &["IT-PM-LAPTOP-7"]);
    let (a, b) = (&dbs[0], &dbs[1]);
    assert_eq!(listing(b), listing(a), "the joined desktop holds the whole board");
    ok(b, &["--as", "Tom Becker", "status", "Enable portal self-enrollment", "in_progress"]);
    ok(a, &["--as", "Priya Raman", "status", "Enable portal self-enrollment", "done"]);
    let said = ok(b, &["sync"]);
    assert!(said.starts_with("published 1, received 0"), "{said}");
    sync_all(&dbs);

    let conflicts: Value = serde_json::from_str(&ok(a, &["conflicts", "--json"])).unwrap();
    let conflict = &conflicts[0];
    assert_eq!(conflict["field"], "status", "the status was set two ways: {conflicts}");
    let tom = conflict["choices"].as_array().unwrap().iter().find(|c| c["person"] == "Tom Becker").expect("Tom's value is listed");
    assert_eq!((tom["raw"].as_str(), tom["device"].as_str()), (Some("in_progress"), Some("IT-PM-LAPTOP-7")), "with his desktop");
    let keep = tom["choice"].as_u64().unwrap().to_string();
    ok(a, &["--as", "Dana Whitfield", "resolve", "Enable portal self-enrollment", "status", "--keep", &keep]);
    sync_all(&dbs);
    assert_eq!(ok(b, &["conflicts"]), "No conflicts.", "keeping a value settles it on the other desktop too");
    let task = |db: &Path| {
        listing(db)["initiatives"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|i| i["tasks"].as_array().unwrap().clone())
            .find(|t| t["title"] == "Enable portal self-enrollment")
            .unwrap()
    };
    assert_eq!(task(b)["status"], "in_progress", "the kept value is shown everywhere");

    assert_eq!(ok(b, &["needs-attention"]), "Nothing needs attention.", "a merge of edits to different things leaves nothing to decide");
    let status: Value = serde_json::from_str(&ok(b, &["sync-status", "--json"])).unwrap();
    assert_eq!(status["shared"], true);
    assert_eq!(status["waiting_to_publish"], 0, "everything is published");
    let names: Vec<&str> = status["devices"].as_array().unwrap().iter().map(|d| d["device_name"].as_str().unwrap()).collect();
    assert!(names.contains(&"MKT-DESKTOP-2") && names.contains(&"IT-PM-LAPTOP-7"), "both desktops are listed: {names:?}");
    assert_identical(&s, &dbs);
}

#[test]
fn a_folder_that_cannot_be_reached_exits_4_and_keeps_the_edits() {
    let s = Scratch::new("share-offline");
    let db = s.demo();
    let err = fails(&db, &["share", "--folder", s.path("no-such-share").to_str().unwrap()], 4);
    assert!(err.contains("cannot be reached"), "{err}");
    let (dbs, folder) = desks(&s, &["IT-PM-LAPTOP-7"]);
    let moved = folder.with_extension("away");
    std::fs::rename(&folder, &moved).unwrap();
    ok(&dbs[0], &["status", "Enable portal self-enrollment", "in_progress"]);
    let err = fails(&dbs[0], &["sync"], 4);
    assert!(err.contains("1 changes wait to be published; they are kept"), "{err}");
    std::fs::rename(&moved, &folder).unwrap();
    sync_all(&dbs);
    assert_identical(&s, &dbs);
}

#[test]
fn joining_needs_a_new_file_and_a_folder_that_holds_a_board() {
    let s = Scratch::new("share-join-refusals");
    let (dbs, folder) = desks(&s, &[]);
    let err = fails(&dbs[0], &["join", "--folder", folder.to_str().unwrap()], 1);
    assert!(err.contains("already holds a board"), "{err}");
    let empty = s.path("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let err = fails(&s.path("new.bridgeboard"), &["join", "--folder", empty.to_str().unwrap()], 1);
    assert!(err.contains("holds no shared Bridgeboard board"), "{err}");
    assert!(!s.path("new.bridgeboard").exists(), "a refused join leaves no file behind");
    let err = fails(&dbs[0], &["share", "--folder", s.path("share").to_str().unwrap()], 1);
    assert!(err.contains("already shared"), "{err}");
}

#[test]
fn four_desktops_editing_and_syncing_at_the_same_time_end_identical() {
    let s = Scratch::new("share-four");
    let (dbs, _) = desks(&s, &["IT-PM-LAPTOP-7", "CMO-OFFICE-1", "WEB-TEAM-3"]);
    let threads: Vec<_> = dbs
        .iter()
        .enumerate()
        .map(|(n, db)| {
            let db = db.clone();
            std::thread::spawn(move || {
                for round in 0..4 {
                    ok(&db, &["add-task", "Patient portal adoption campaign", &format!("Desk {n} task {round}"), "--department", "IT"]);
                    // Everyone changes the same field too, so the merge has real conflicts.
                    let priority = ["low", "medium", "high", "critical"][(n + round) % 4];
                    ok(&db, &["edit-initiative", "Marketing attribution tracking", "--priority", priority]);
                    ok(&db, &["sync"]);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("a desktop's edits and syncs all succeed");
    }
    sync_all(&dbs);
    assert_identical(&s, &dbs);
    let portal = listing(&dbs[0]);
    let tasks = initiative(&portal, "Patient portal adoption campaign")["tasks"].as_array().unwrap().len();
    assert_eq!(tasks, 3 + 16, "every desktop's four tasks arrived once, beside the sample's three");
}

#[test]
fn killing_edits_and_syncs_half_way_loses_nothing_acknowledged_and_duplicates_nothing() {
    let s = Scratch::new("share-kill");
    let (dbs, _) = desks(&s, &["IT-PM-LAPTOP-7"]);
    let mut acknowledged: Vec<String> = Vec::new();
    for n in 0..24u64 {
        let db = &dbs[(n % 2) as usize];
        let title = format!("Killed run {n}");
        let args: Vec<String> = if n % 3 == 2 {
            vec!["sync".into()]
        } else {
            vec!["add-task".into(), "Patient portal adoption campaign".into(), title.clone(), "--department".into(), "IT".into()]
        };
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("bridgeboard-cli"))
            .env_remove("BRIDGEBOARD_DB")
            .arg("--db")
            .arg(db)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Somewhere between before it opened the file and after it finished.
        std::thread::sleep(Duration::from_millis(3 * (n % 9)));
        let _ = child.kill(); // SIGKILL: no cleanup runs
        let status = child.wait().unwrap();
        if status.success() && args[0] == "add-task" {
            acknowledged.push(title);
        }
        ok(db, &["check"]);
    }
    eprintln!("{} of 16 edits were acknowledged before the kill", acknowledged.len());
    sync_all(&dbs);
    assert_identical(&s, &dbs);
    let board = listing(&dbs[0]);
    let titles: Vec<String> = initiative(&board, "Patient portal adoption campaign")["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    for title in &acknowledged {
        assert_eq!(titles.iter().filter(|t| *t == title).count(), 1, "{title} was acknowledged, so it is there, once");
    }
    let mut unique = titles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), titles.len(), "no task is there twice");
}

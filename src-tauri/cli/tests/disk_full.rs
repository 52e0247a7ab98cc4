//! A full disk, for real: a small tmpfs, mounted inside a user and mount namespace of its own
//! (`unshare`), so no root rights or mounts on the machine are needed. It is filled to the
//! last byte; then an export, a backup, a sync publish and an edit of a board kept on it each
//! fail with exit code 5 (4 for the shared folder: the edits wait on this desktop) and a
//! message that says the disk is full and what to do; the old export stays whole, no backup or
//! half a file is left under its name; once the filler is deleted each works.
//!
//! Where namespaces are not allowed the test says why it did not run and passes; the board
//! write is also covered everywhere by the core's `max_page_count` test.

#![cfg(target_os = "linux")]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

#[test]
fn on_a_full_disk_exports_backups_syncs_and_edits_fail_clearly_and_work_when_there_is_room() {
    let probe = Command::new("unshare").args(["--user", "--map-root-user", "--mount", "true"]).output();
    if !probe.as_ref().is_ok_and(|o| o.status.success()) {
        let why = probe.map_or_else(|e| e.to_string(), |o| String::from_utf8_lossy(&o.stderr).trim().to_string());
        eprintln!(
            "SKIPPED: a full disk needs a tmpfs in a user namespace, and `unshare --user --map-root-user --mount` fails here ({why})"
        );
        return;
    }
    let s = Scratch::new("disk-full");
    let full = s.path("full");
    std::fs::create_dir_all(&full).unwrap();
    let out = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c"])
        .arg(r#"mount -t tmpfs -o size=4m tmpfs "$0" && exec "$1" --exact on_the_full_disk --ignored --nocapture --test-threads=1"#)
        .arg(&full)
        .arg(std::env::current_exe().unwrap())
        .env("BRIDGEBOARD_FULL_DISK", &full)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the run on the full disk passes:\n{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "the run on the full disk really ran:\n{stdout}\n{stderr}");
}

/// Fills the disk holding `dir` to the last byte; returns the filler.
fn fill(dir: &Path) -> PathBuf {
    let filler = dir.join("filler");
    let mut file = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 64 * 1024];
    while file.write_all(&block).is_ok() {}
    for _ in 0..64 {
        let _ = file.write_all(&[0u8; 512]);
    }
    let _ = file.flush();
    filler
}

/// Names in `dir` that a write in progress uses: a dot and `.tmp`.
fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.contains(".tmp")).collect()
}

#[test]
#[ignore = "run by the test above, inside its namespace, on the full disk it mounted"]
fn on_the_full_disk() {
    let Some(full) = std::env::var_os("BRIDGEBOARD_FULL_DISK").map(PathBuf::from) else {
        eprintln!("SKIPPED: this runs only inside the full-disk test's namespace");
        return;
    };
    let scratch = full.parent().unwrap();
    // A board on a disk with room, shared through a folder on the full one; a second board on
    // the full disk itself; last week's export there too.
    let db = scratch.join("board.bridgeboard");
    ok(&db, &["demo", "--today", TODAY]);
    std::fs::create_dir_all(full.join("share")).unwrap();
    ok(&db, &["share", "--folder", full.join("share").to_str().unwrap(), "--device", "MKT-DESKTOP-2"]);
    let inside = full.join("inside.bridgeboard");
    ok(&inside, &["demo", "--today", TODAY]);
    let export = full.join("roadmap.json");
    ok(&db, &["export", "--format", "json", "--out", export.to_str().unwrap()]);
    let last_week = std::fs::read(&export).unwrap();
    ok(&db, &["add-task", "Patient portal adoption campaign", "Written while the share is full", "--department", "IT"]);

    let filler = fill(&full);
    let backup = full.join("backup.bridgeboard");
    let export_args = ["export", "--format", "json", "--out", export.to_str().unwrap()];
    let err = fails(&db, &export_args, 5);
    assert!(err.contains("the disk is full") && err.contains("Free some space"), "the export says what and what to do: {err}");
    assert_eq!(std::fs::read(&export).unwrap(), last_week, "last week's export is left whole");
    let err = fails(&db, &["backup", "--out", backup.to_str().unwrap()], 5);
    assert!(err.contains("the disk is full") && err.contains("no partial backup"), "the backup says so: {err}");
    assert!(!backup.exists(), "no half backup is left under its name");
    let err = fails(&db, &["sync"], 4);
    assert!(err.contains("shared folder is full") && err.contains("kept on this desktop"), "the sync says the share is full: {err}");
    let long = "Steps for the go-live weekend. ".repeat(600);
    let err = fails(&inside, &["comment", "Patient portal adoption campaign", &long], 5);
    assert!(err.contains("disk is full") && err.contains("nothing was changed"), "the edit says so: {err}");
    assert_eq!(temp_files(&full), Vec::<String>::new(), "no temp file is left behind");

    std::fs::remove_file(filler).unwrap();
    assert!(ok(&inside, &["check"]).starts_with("ok:"), "the board that was on the full disk is whole");
    ok(&db, &export_args);
    let now: serde_json::Value = serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    assert!(now.to_string().contains("Written while the share is full"), "with room again the export is written, whole and new");
    ok(&db, &["backup", "--out", backup.to_str().unwrap()]);
    assert!(backup.exists(), "and the backup");
    ok(&db, &["sync"]);
    ok(&inside, &["comment", "Patient portal adoption campaign", &long]);
    println!("the full disk refused and then took an export, a backup, a sync and an edit");
}

//! Board files that cannot be used: every command exits with 3 and a message that says what is
//! wrong, and the file is left byte for byte as it was — a refusal must never damage a file
//! someone may still recover.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{fails, listing, ok, Scratch};

/// Commands of every kind: reading, checking, backing up, editing, writing the sample.
const COMMANDS: &[&[&str]] = &[
    &["list"],
    &["list", "--json"],
    &["check"],
    &["add-initiative", "Should not land"],
    &["add-person", "Nobody", "--department", "IT"],
    &["demo"],
];

/// Runs every command on `db`; each must exit 3 saying `why`, and leave the file untouched.
fn refused_untouched(s: &Scratch, db: &Path, why: &str) {
    let before = std::fs::read(db).expect("the test file exists");
    let mut commands: Vec<Vec<String>> = COMMANDS.iter().map(|c| c.iter().map(|a| a.to_string()).collect()).collect();
    let backup = s.path("backup-of-bad.bridgeboard");
    commands.push(vec!["backup".into(), "--out".into(), backup.display().to_string()]);
    for command in &commands {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let err = fails(db, &args, 3);
        assert!(err.contains(why), "{args:?} explains that {why}: {err}");
        assert!(err.contains(&db.display().to_string()), "{args:?} names the file it refused: {err}");
        assert_eq!(std::fs::read(db).unwrap(), before, "{args:?} must leave the refused file byte for byte unchanged");
    }
    assert!(!backup.exists(), "no backup is made of a file that cannot be opened");
}

#[test]
fn a_text_file_is_refused() {
    let s = Scratch::new("text-file");
    let db = s.path("notes.bridgeboard");
    std::fs::write(&db, "Minutes of the Marketing/IT sync\n- portal flyers\n".repeat(50)).unwrap();
    refused_untouched(&s, &db, "is not a Bridgeboard board file (it is not a database at all)");
}

#[test]
fn a_corrupt_board_is_refused() {
    let s = Scratch::new("corrupt");
    let db = s.demo();
    let mut bytes = std::fs::read(&db).unwrap();
    // A whole page in the middle, well after the 100-byte header, so SQLite sees a damaged tree.
    let start = bytes.len() / 2 / 4096 * 4096;
    bytes[start..start + 4096].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();
    refused_untouched(&s, &db, "is damaged and cannot be opened");
}

#[test]
fn another_apps_database_is_refused() {
    let s = Scratch::new("foreign");
    let db = s.path("inventory.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE supplies (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO supplies (name) VALUES ('gauze');").unwrap();
    drop(conn);
    refused_untouched(&s, &db, "is a database, but not a Bridgeboard board");
}

#[test]
fn a_board_from_a_newer_bridgeboard_is_refused() {
    let s = Scratch::new("newer");
    let db = s.demo();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    refused_untouched(&s, &db, "was saved by a newer version of Bridgeboard");
}

#[test]
fn a_missing_folder_is_refused_and_not_created() {
    let s = Scratch::new("missing-folder");
    let folder = s.path("no-such-folder");
    let db = folder.join("board.bridgeboard");
    for args in [&["list"][..], &["add-initiative", "Should not land"], &["demo"]] {
        let err = fails(&db, args, 3);
        assert!(err.contains("does not exist"), "{args:?} says the folder is missing: {err}");
        assert!(!folder.exists(), "{args:?} must not create the folder");
    }
}

#[test]
fn a_read_only_board_can_be_listed_but_not_changed() {
    let s = Scratch::new("read-only");
    let db = s.demo();
    let expected = listing(&db);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&db).unwrap();
    assert_eq!(listing(&db), expected, "a read-only board can still be read");
    assert!(ok(&db, &["check"]).ends_with("is healthy"), "a read-only board can still be checked");
    let err = fails(&db, &["add-initiative", "Should not land"], 3);
    assert!(err.contains("read-only"), "the refusal says the file is read-only: {err}");
    let err = fails(&db, &["status", "Marketing attribution tracking", "cancelled"], 3);
    assert!(err.contains("read-only"), "every kind of edit is refused the same way: {err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "a refused edit leaves the read-only file unchanged");
    assert_eq!(listing(&db), expected, "nothing was changed");
}

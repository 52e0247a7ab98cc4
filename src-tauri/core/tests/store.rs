//! The store on real files: reopening, refusing files that are not healthy Bridgeboard boards
//! (and leaving them untouched), read-only files, older boards upgraded, two connections on one file.

mod common;

use std::path::Path;

use bridgeboard_core::*;
use common::*;

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_board_survives_closing_and_reopening() {
    let dir = temp_dir("reopen");
    let path = dir.join("board.bridgeboard");
    let id = {
        let mut b = Board::with(Store::open(&path, None).unwrap());
        b.initiative("Website")
    };
    let store = Store::open(&path, None).unwrap();
    let board = store.board(today()).unwrap();
    assert_eq!(board.initiatives.iter().map(|c| c.id).collect::<Vec<_>>(), vec![id], "what was written is there after reopening");
    assert_eq!(board.people.len(), 2);
    assert!(store.check().unwrap().is_empty(), "a fresh board passes the integrity check");
}

#[test]
fn a_new_file_is_created_at_the_latest_schema() {
    let dir = temp_dir("empty");
    let path = dir.join("new.bridgeboard");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path, None).expect("an empty file becomes a new board");
    assert_eq!(store.board(today()).unwrap().departments.len(), 2, "Marketing and IT always exist");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, store::migrations::latest_version(), "migrations ran from an empty file to the latest");
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

fn refused(path: &Path, expect: &str) {
    let before = std::fs::read(path).ok();
    let err = match Store::open(path, None) {
        Ok(_) => panic!("{} should have been refused", path.display()),
        Err(err) => err,
    };
    assert_eq!(err.code(), ErrorCode::Storage);
    assert!(err.to_string().contains(expect), "message for {}: {err}", path.display());
    assert_eq!(std::fs::read(path).ok(), before, "a refused file is never changed");
}

#[test]
fn files_that_are_not_healthy_boards_are_refused_untouched() {
    let dir = temp_dir("bad");
    let text = dir.join("notes.txt");
    std::fs::write(&text, "Quarterly plan\n".repeat(200)).unwrap();
    refused(&text, "not a database at all");

    let foreign = dir.join("other.db");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    refused(&foreign, "not a Bridgeboard board");

    let newer = dir.join("newer.bridgeboard");
    drop(Board::with(Store::open(&newer, None).unwrap()));
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
    refused(&newer, "newer version of Bridgeboard");

    let corrupt = dir.join("corrupt.bridgeboard");
    {
        let mut b = Board::with(Store::open(&corrupt, None).unwrap());
        for n in 0..200 {
            b.initiative(&format!("Initiative {n}"));
        }
    }
    rusqlite::Connection::open(&corrupt).unwrap().pragma_update(None, "journal_mode", "DELETE").unwrap();
    let mut data = bytes(&corrupt);
    for b in &mut data[4096..16384] {
        *b = 0xA5;
    }
    std::fs::write(&corrupt, &data).unwrap();
    refused(&corrupt, "damaged");

    refused(&dir.join("missing-folder").join("board.bridgeboard"), "does not exist");
    refused(&dir, "is a folder");
}

/// A board as the release before the last migration wrote it: the last migration only adds an
/// index, so taking it away again gives that file exactly.
fn board_of_format_4(path: &Path) -> (Id, Id) {
    let mut b = Board::with(Store::open(path, None).unwrap());
    let (later, earlier) = (b.initiative("Patient portal launch"), b.initiative("Portal vendor contract"));
    b.depends(later, earlier).unwrap();
    drop(b);
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("DROP INDEX dependencies_blocking; PRAGMA user_version = 4; PRAGMA journal_mode = DELETE;").unwrap();
    (later, earlier)
}

#[test]
fn an_older_board_is_backed_up_then_upgraded_with_its_data_whole() {
    let dir = temp_dir("older");
    let path = dir.join("board.bridgeboard");
    let (later, earlier) = board_of_format_4(&path);

    let store = Store::open(&path, None).expect("an older board opens");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, store::migrations::latest_version(), "it is upgraded to this release's format");
    let indexed: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'dependencies_blocking'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(indexed, 1, "the upgrade added the index of blocking dependencies");
    let board = store.board(today()).unwrap();
    let card = |id| board.initiatives.iter().find(|c| c.id == id).unwrap();
    assert!(card(later).blocked, "the dependency still blocks after the upgrade");
    assert_eq!(card(later).blocked_by.iter().map(|b| b.id).collect::<Vec<_>>(), vec![earlier]);
    assert!(!card(earlier).blocked);

    let backups: Vec<_> = std::fs::read_dir(dir.join("backups")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(backups.len(), 1, "one backup was taken before upgrading: {backups:?}");
    assert!(backups[0].file_name().unwrap().to_string_lossy().starts_with("board-format4-"), "{backups:?}");
    let kept = rusqlite::Connection::open(&backups[0]).unwrap();
    let kept_version: i32 = kept.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(kept_version, 4, "the backup is the board as it was");
}

#[test]
fn an_older_board_that_is_read_only_is_refused_untouched() {
    let dir = temp_dir("older-readonly");
    let path = dir.join("board.bridgeboard");
    board_of_format_4(&path);
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    refused(&path, "older Bridgeboard and is read-only");
}

#[test]
fn a_read_only_file_opens_read_only() {
    let dir = temp_dir("readonly");
    let path = dir.join("board.bridgeboard");
    drop(Board::with(Store::open(&path, None).unwrap()));
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "journal_mode", "DELETE").unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let before = bytes(&path);
    let mut store = Store::open(&path, None).expect("a read-only file still opens");
    assert!(store.is_read_only());
    assert_eq!(store.board(today()).unwrap().people.len(), 2, "and can be read");
    let err = store.apply(&me(), now(), Op::CreateInitiative(NewInitiative::titled("X"))).unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(bytes(&path), before, "the file was not touched");
}

#[test]
fn two_connections_on_one_file_both_write_and_see_each_other() {
    let dir = temp_dir("two");
    let path = dir.join("board.bridgeboard");
    let mut a = Board::with(Store::open(&path, None).unwrap());
    let mut b = Store::open(&path, None).unwrap();
    let version = a.store.data_version().unwrap();
    b.apply(&me(), now(), Op::CreateInitiative(NewInitiative::titled("From the CLI"))).unwrap();
    assert_ne!(a.store.data_version().unwrap(), version, "the app notices another process's commit");
    a.initiative("From the app");
    let titles: Vec<String> = b.board(today()).unwrap().initiatives.into_iter().map(|c| c.title.clone()).collect();
    assert!(titles.contains(&"From the app".to_string()) && titles.contains(&"From the CLI".to_string()), "{titles:?}");
}

#[test]
fn a_backup_is_a_readable_copy() {
    let dir = temp_dir("backup");
    let path = dir.join("board.bridgeboard");
    let mut b = Board::with(Store::open(&path, None).unwrap());
    b.initiative("Website");
    let out = dir.join("copy.bridgeboard");
    b.store.backup_to(&out).unwrap();
    let copy = Store::open(&out, None).unwrap();
    assert_eq!(copy.board(today()).unwrap().initiatives.len(), 1, "the backup holds the board");
    assert_eq!(b.store.backup_to(&out).unwrap_err().code(), ErrorCode::Validation, "a backup never overwrites a file");
}

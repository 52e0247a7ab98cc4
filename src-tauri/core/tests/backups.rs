//! Backups on real files: the daily copy, the list the app shows, restoring one in place of the
//! board, undoing that restore, and refusing files that are not backups of this board.

mod common;

use std::path::Path;

use bridgeboard_core::*;
use chrono::Duration;
use common::*;

fn titles(store: &Store) -> Vec<String> {
    store.board(today()).unwrap().initiatives.into_iter().map(|c| c.title.clone()).collect()
}

fn open_board(dir: &Path) -> Board {
    Board::with(Store::open(&dir.join("board.bridgeboard"), None).unwrap())
}

#[test]
fn a_backup_is_restored_in_place_and_the_restore_can_be_undone() {
    let dir = temp_dir("backups-restore");
    let backups = dir.join("backups");
    let mut b = open_board(&dir);
    b.initiative("Website");
    let daily = backups::take_daily(&b.store, &backups, now()).unwrap().expect("the first daily backup is taken");
    assert_eq!(backups::take_daily(&b.store, &backups, now()).unwrap(), None, "one a day is enough");
    b.initiative("Portal campaign");

    let listed = backups::list(&dir.join("board.bridgeboard"), b.store.info().unwrap().id, &backups);
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].kind, listed[0].initiatives), (backups::BackupKind::Daily, 1), "the list says what the backup holds");
    assert!(listed[0].last_change.is_some(), "and when its last change was");

    let cli = Store::open(&dir.join("board.bridgeboard"), None).unwrap();
    let seen = cli.data_version().unwrap();
    backups::restore(&mut b.store, &me(), &daily, &backups, now()).unwrap();
    assert_eq!(titles(&b.store), vec!["Website"], "the board is as it was when the backup was taken");
    let logged = b.store.bundle().unwrap().activity.pop().unwrap();
    assert_eq!(logged.action, "restore", "the restore is in the restored board's log");
    assert!(logged.summary.starts_with("Test restored the board from the backup board-daily-"), "who and from what: {}", logged.summary);
    assert_ne!(cli.data_version().unwrap(), seen, "another program on the file notices the restore");
    assert_eq!(titles(&cli), vec!["Website"], "and reads the restored board");
    b.initiative("Written after the restore");
    assert!(b.store.check().unwrap().is_empty(), "the restored board is healthy and takes new work");

    let listed = backups::list(&dir.join("board.bridgeboard"), b.store.info().unwrap().id, &backups);
    let before = listed.iter().find(|l| l.kind == backups::BackupKind::BeforeRestore).expect("the board as it was is kept first");
    assert_eq!(before.initiatives, 2, "with the work the restore replaced");
    backups::restore(&mut b.store, &me(), Path::new(&before.path), &backups, now() + Duration::seconds(1)).unwrap();
    let mut back = titles(&b.store);
    back.sort();
    assert_eq!(back, vec!["Portal campaign", "Website"], "restoring that copy undoes the restore");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn only_healthy_backups_of_this_board_are_listed_or_restored() {
    let dir = temp_dir("backups-refused");
    let backups = dir.join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let mut b = open_board(&dir);
    b.initiative("Website");
    // Named like this board's backups, but not one: a text file, and another board's file.
    let junk = backups.join("board-daily-2026-01-01.bridgeboard");
    std::fs::write(&junk, "not a database").unwrap();
    let other_dir = dir.join("elsewhere");
    std::fs::create_dir_all(&other_dir).unwrap();
    let mut other = open_board(&other_dir);
    other.initiative("Another hospital's plan");
    let foreign = backups.join("board-daily-2026-01-02.bridgeboard");
    other.store.backup_to(&foreign).unwrap();

    assert!(
        backups::list(&dir.join("board.bridgeboard"), b.store.info().unwrap().id, &backups).is_empty(),
        "neither is offered as a backup of this board"
    );
    let err = backups::restore(&mut b.store, &me(), &junk, &backups, now()).unwrap_err();
    assert!(err.to_string().contains("not a Bridgeboard board file"), "a damaged or foreign file is refused: {err}");
    let err = backups::restore(&mut b.store, &me(), &foreign, &backups, now()).unwrap_err();
    assert!(err.to_string().contains("backup of another board"), "another board's backup is refused by name: {err}");
    let err = backups::restore(&mut b.store, &me(), &other_dir.join("board.bridgeboard"), &backups, now()).unwrap_err();
    assert!(err.to_string().contains("not in the backups folder"), "only the backups folder is restored from: {err}");
    assert_eq!(titles(&b.store), vec!["Website"], "and the board is unchanged");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn each_board_keeps_its_own_daily_backups_when_two_files_share_a_name() {
    let dir = temp_dir("backups-two-boards");
    let backups = dir.join("backups");
    let (a_dir, b_dir) = (dir.join("a"), dir.join("b"));
    std::fs::create_dir_all(&a_dir).unwrap();
    std::fs::create_dir_all(&b_dir).unwrap();
    let (a, b) = (open_board(&a_dir), open_board(&b_dir));
    for day in 0..3 {
        backups::take_daily(&b.store, &backups, now() + Duration::days(day)).unwrap().expect("b's backup is taken");
    }
    for day in 3..(3 + backups::KEEP as i64 + 2) {
        backups::take_daily(&a.store, &backups, now() + Duration::days(day)).unwrap().expect("a's backup is taken");
    }
    let count = |board: &Board, file: &Path| backups::list(file, board.store.info().unwrap().id, &backups).len();
    assert_eq!(count(&a, &a_dir.join("board.bridgeboard")), backups::KEEP, "the busier board keeps its newest ten");
    assert_eq!(count(&b, &b_dir.join("board.bridgeboard")), 3, "and does not prune the other board's copies");
    let _ = std::fs::remove_dir_all(&dir);
}

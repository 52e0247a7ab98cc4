//! A full disk when the board is written: refused with a message that says the disk is full
//! and what to do, nothing half-written, and the same write works once there is room. The
//! full disk is SQLite's `max_page_count` here, so the test runs everywhere; the CLI tests
//! (`cli/tests/disk_full.rs`) fill a real small disk for exports, backups and a sync.

mod common;

use bridgeboard_core::*;
use common::*;

fn dump(store: &Store) -> String {
    serde_json::to_string(&store.bundle().unwrap()).unwrap()
}

#[test]
fn a_write_that_finds_the_disk_full_changes_nothing_and_works_when_there_is_room() {
    let dir = temp_dir("disk-full-write");
    let mut b = Board::with(Store::open(&dir.join("board.bridgeboard"), Some(&dir)).unwrap());
    let portal = b.initiative("Patient portal adoption");
    let before = dump(&b.store);
    b.store.limit_growth(0).unwrap();
    // Far more than the free room inside the file's pages: the file must grow.
    let long = "Steps for the go-live weekend. ".repeat(600);
    let comments = || (0..30).map(|_| Op::AddComment { item_id: portal, body: long.clone() }).collect::<Vec<_>>();
    let comment = |store: &mut Store| store.apply_all(&me(), now(), comments());
    let err = comment(&mut b.store).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DiskFull, "a full disk has its own code: {err}");
    let message = err.to_string();
    assert!(message.contains("disk is full") && message.contains("Free some space"), "the message says what and what to do: {message}");
    assert!(message.contains("nothing was changed"), "and that nothing was written: {message}");
    assert_eq!(dump(&b.store), before, "nothing of the write landed, not even its activity entry");
    assert!(b.store.check().unwrap().is_empty(), "the board file is whole");
    b.store.limit_growth(10_000).unwrap();
    comment(&mut b.store).expect("with room again the same write works");
    assert_ne!(dump(&b.store), before, "and it is there");
}

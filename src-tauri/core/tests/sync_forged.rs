//! A change file in the share that is well formed but forged (or damaged past its checksum):
//! a second, different change under another desktop's actor and sequence number. Automerge
//! refuses it; that refusal must stay with that one file. Before, it stopped every sync and
//! every join of the board (found by the fuzz run, `tests/fuzz/`).

mod common;

use std::path::{Path, PathBuf};

use automerge::transaction::Transactable;
use automerge::{ActorId, Automerge, Change, ROOT};
use bridgeboard_core::sync::Folder;
use bridgeboard_core::*;
use common::*;
use sha2::{Digest, Sha256};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    found.sort();
    found
}

#[test]
fn a_forged_change_in_the_share_is_refused_alone_and_every_other_change_still_arrives() {
    let mut shared = Shared::new("forged");
    let portal = shared.portal;
    shared.board.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::High)] }).unwrap();
    shared.sync_dana();

    // Dana's published changes, and one forged beside them: the same actor and the next
    // sequence number that Dana's next edit will use, but other content.
    let root = shared.folder.root().to_path_buf();
    let devices = files(&root.join("devices"));
    let dana_changes = devices[0].join("changes").join("board");
    let mut doc = Automerge::load(&std::fs::read(root.join("genesis").join("board.am")).unwrap()).unwrap();
    let published: Vec<Change> = files(&dana_changes).iter().map(|p| Change::from_bytes(std::fs::read(p).unwrap()).unwrap()).collect();
    let actor: ActorId = published.last().unwrap().actor_id().clone();
    doc.apply_changes(published).unwrap();
    let mut doc = doc.with_actor(actor);
    let mut tx = doc.transaction();
    tx.put(ROOT, "forged", 1).unwrap();
    tx.commit();
    let forged = doc.get_last_local_change().unwrap().raw_bytes().to_vec();
    let sha: String = Sha256::digest(&forged).iter().map(|b| format!("{b:02x}")).collect();
    let intruder = root.join("devices").join("zz-intruder").join("changes").join("board");
    std::fs::create_dir_all(&intruder).unwrap();

    // Dana edits again in the same session: her next change has that sequence number too.
    shared.board.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::Critical)] }).unwrap();
    shared.sync_dana();
    std::fs::write(intruder.join(format!("0000000001-{sha}.chg")), &forged).unwrap();

    let tom = shared.tom.clone();
    let mut joined = shared.join().expect("a forged file does not stop a desktop from joining");
    let report = joined.sync(&Folder::at(&root), &tom, now()).expect("nor from syncing");
    assert!(report.offline.is_none(), "the share is fine: {report:?}");
    assert_eq!(
        joined.initiative_detail(portal, today()).unwrap().initiative.priority,
        Priority::Critical,
        "Dana's real changes all arrived"
    );
    // Tom's edits still travel back.
    joined.apply(&tom, now(), Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Summary("From IT".into())] }).unwrap();
    assert_eq!(joined.sync(&Folder::at(&root), &tom, now()).unwrap().published, 1);
    shared.board.store.sync(&shared.folder, &shared.dana, now()).expect("Dana's desktop syncs past the forged file too");
    assert_eq!(shared.board.store.initiative_detail(portal, today()).unwrap().initiative.summary, "From IT");
    let status = shared.board.store.sync_status().unwrap();
    assert!(
        status.unusable_files.iter().any(|f| f.name.contains("zz-intruder") && f.problem.contains("not a change this board can take")),
        "the forged file is shown in sync health: {:?}",
        status.unusable_files
    );
}

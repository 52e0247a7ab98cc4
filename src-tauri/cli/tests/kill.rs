//! kill -9 at random moments: the CLI adding tasks, exporting over its last export and taking
//! backups, 100 times, killed with SIGKILL (the loop is in `kill_loop/`; `cargo bench -p
//! bridgeboard-cli --bench kill` runs it 1,000 times).

#![cfg(unix)]

mod kill_loop;

use kill_loop::{leftovers, run, scratch, Moments};

#[test]
fn killing_edits_exports_and_backups_at_random_moments_loses_nothing_acknowledged() {
    let (dir, db) = scratch("kill-loop");
    let (mut moments, seed) = Moments::seeded();
    let tally = run(&dir, &db, 100, &mut moments);
    eprintln!("seed {seed} (BRIDGEBOARD_KILL_SEED replays it): {tally:?}");
    assert_eq!(tally.rounds, 100);
    assert!(tally.killed > 0 && tally.killed < tally.rounds, "some processes were killed, some finished first: {tally:?}");
    assert_eq!(tally.lost, Vec::<String>::new(), "every acknowledged edit survives every later kill");
    assert_eq!(tally.integrity_failures, Vec::<String>::new(), "the board passes the integrity check after every kill");
    assert_eq!(tally.torn_exports, Vec::<String>::new(), "the export's file is always the old one or a whole new one");
    assert_eq!(tally.torn_backups, Vec::<String>::new(), "a backup's file is absent or whole, never half");
    for name in leftovers(&dir) {
        assert!(!name.ends_with(".json") && !name.ends_with(".bridgeboard"), "a killed write leaves only a temp name: {name}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

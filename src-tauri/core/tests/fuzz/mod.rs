//! Every reader of bytes from outside, fed arbitrary and mutated bytes through proptest: the
//! imports (a board's JSON export, a CSV or Excel sheet, Jira, Asana, Trello, Microsoft
//! Project), a shared folder's change files, device records, marker and genesis document, a
//! board file to open, a backup to list or restore, and the settings file. Shared by the test
//! (`tests/fuzz_readers.rs`, a few dozen cases per reader) and the benchmark
//! (`benches/fuzz.rs`, thousands).
//!
//! The contract for each: no panic; a refusal is an error with a message (for an import, one
//! that blames the file, not the board); a refused import, restore or open leaves the board
//! file byte for byte as it was (the store is closed before the bytes are compared, so that
//! nothing waits in a WAL file).

#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};

use bridgeboard_core::export::{self, Format, Options};
use bridgeboard_core::import::{self, plan::Source, resolve::SourceOptions, ReadOptions};
use bridgeboard_core::settings::Settings;
use bridgeboard_core::sync::Folder;
use bridgeboard_core::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use sha2::{Digest, Sha256};

use crate::common::{me, now, temp_dir, today, Board, Shared};

/// What a run of one reader did.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub cases: u32,
    /// Inputs read (an import that landed, a file that opened).
    pub accepted: u32,
    /// Inputs refused with a message.
    pub refused: u32,
}

/// How many cases each reader gets: `default`, or `BRIDGEBOARD_FUZZ_CASES`.
pub fn cases(default: u32) -> u32 {
    std::env::var("BRIDGEBOARD_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

/// Damage done to a good file: cut short, bytes flipped, a line lost, a range lost or doubled,
/// noise let in; up to three at once; or the file replaced by noise.
pub fn mutated(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let one =
        (0..7usize, any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<u8>(), prop::collection::vec(any::<u8>(), 0..48));
    (prop::sample::select(seeds), prop::collection::vec(one, 1..4), prop::collection::vec(any::<u8>(), 0..256), 0..10u8).prop_map(
        |(mut bytes, damage, noise, whole)| {
            if whole == 0 {
                return noise;
            }
            for (how, at, other, byte, extra) in damage {
                if bytes.is_empty() {
                    bytes = extra;
                    continue;
                }
                let i = at.index(bytes.len());
                let j = other.index(bytes.len());
                let (a, b) = (i.min(j), i.max(j));
                match how {
                    0 => bytes.truncate(i),
                    1 => bytes[i] ^= byte | 1,
                    2 => {
                        let start = bytes[..i].iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
                        let end = bytes[i..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |p| i + p + 1);
                        bytes.drain(start..end);
                    }
                    3 => {
                        bytes.drain(a..b.min(a + 300));
                    }
                    4 => {
                        let copy = bytes[a..b.min(a + 300)].to_vec();
                        bytes.splice(b..b, copy);
                    }
                    5 => {
                        bytes.splice(i..i, extra);
                    }
                    _ => bytes[i] = [0, 0xff, b'"', b',', b'<', b'{', b'\n', 0x80][byte as usize % 8],
                }
            }
            bytes
        },
    )
}

/// Runs `check` on `cases` inputs made from `seeds`; a panic inside it is caught by proptest
/// and reported as a failure with the smallest input it found.
pub fn run(cases: u32, seeds: Vec<Vec<u8>>, check: impl FnMut(&[u8], &mut Tally) -> Result<(), TestCaseError>) -> Result<Tally, String> {
    run_strategy(cases, mutated(seeds), check)
}

/// A JSON file still well formed, with some of its numbers replaced by hostile ones (the
/// extremes of the integers, negatives, far-off days, positions past the end).
pub fn numbers_changed(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    const HOSTILE: &[&str] =
        &["9223372036854775807", "-9223372036854775808", "-1", "1000000", "2147483647", "-2147483648", "0", "4294967296", "365000"];
    (prop::sample::select(seeds), prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(HOSTILE)), 1..4)).prop_map(
        |(bytes, changes)| {
            let mut text = String::from_utf8(bytes).expect("a JSON seed");
            let number = regex::Regex::new(r"-?\b\d+\b").unwrap();
            for (at, value) in changes {
                let numbers: Vec<(usize, usize)> = number.find_iter(&text).map(|m| (m.start(), m.end())).collect();
                if numbers.is_empty() {
                    break;
                }
                let (start, end) = numbers[at.index(numbers.len())];
                text.replace_range(start..end, value);
            }
            text.into_bytes()
        },
    )
}

/// [`run`] with inputs from any strategy.
pub fn run_strategy(
    cases: u32,
    inputs: impl Strategy<Value = Vec<u8>>,
    check: impl FnMut(&[u8], &mut Tally) -> Result<(), TestCaseError>,
) -> Result<Tally, String> {
    let tally = Cell::new(Tally::default());
    let check = RefCell::new(check);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    runner
        .run(&inputs, |bytes| {
            let mut t = tally.take();
            t.cases += 1;
            let result = (check.borrow_mut())(&bytes, &mut t);
            tally.set(t);
            result
        })
        .map_err(|err| err.to_string())?;
    Ok(tally.take())
}

/// A refusal a person can act on: a message, not a trace.
fn clear(err: &Error) -> Result<(), TestCaseError> {
    let message = err.to_string();
    prop_assert!(!message.trim().is_empty(), "a refusal says what is wrong");
    prop_assert!(!message.contains("panicked"), "a refusal is a message, not a panic: {message}");
    Ok(())
}

/// A board kept in a file, put back byte for byte before each case.
pub struct BoardFile {
    pub dir: PathBuf,
    pub path: PathBuf,
    pristine: Vec<u8>,
}

impl BoardFile {
    /// A board file in its own folder, filled by `fill` and closed.
    pub fn new(name: &str, fill: impl FnOnce(&mut Store)) -> BoardFile {
        let dir = temp_dir(&format!("fuzz-{name}"));
        let path = dir.join("board.bridgeboard");
        let mut store = Store::open(&path, None).unwrap();
        fill(&mut store);
        drop(store);
        let pristine = std::fs::read(&path).unwrap();
        BoardFile { dir, path, pristine }
    }

    /// The board as it was made, opened as the app opens it.
    pub fn open(&self) -> Store {
        self.reset();
        Store::open(&self.path, Some(&self.dir.join("backups"))).unwrap()
    }

    pub fn reset(&self) {
        for tail in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{tail}", self.path.display()));
        }
        std::fs::write(&self.path, &self.pristine).unwrap();
    }

    /// The file holds exactly what it held before the case, and nothing waits beside it.
    pub fn unchanged(&self) -> bool {
        std::fs::read(&self.path).ok().as_ref() == Some(&self.pristine) && !Path::new(&format!("{}-wal", self.path.display())).exists()
    }
}

/// A board with two owners, two initiatives with tasks and a dependency.
pub fn small_board(store: &mut Store) {
    let mut b = Board::with(std::mem::replace(store, Store::open_in_memory().unwrap()));
    let portal = b.initiative("Patient portal adoption");
    let web = b.initiative("Website refresh");
    let a = b.task(portal, "Configure portal");
    let c = b.task(web, "Launch site");
    b.depends(c, a).unwrap();
    *store = b.store;
}

pub fn sample_board(store: &mut Store) {
    sample::create(store, today(), now()).unwrap();
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import").join(name)).unwrap()
}

/// Imports `bytes` as the app does (the kind read from the content), with people created for
/// another tool's file so that the write path is reached too.
fn import_anything(store: &mut Store, dir: &Path, bytes: &[u8]) -> Result<()> {
    let path = dir.join("incoming");
    std::fs::write(&path, bytes).unwrap();
    let bytes = import::read(&path)?;
    match import::detect(&bytes) {
        Source::Bridgeboard => store.import_bundle(&me(), now(), &import::parse_bundle(&path, &bytes)?).map(|_| ()),
        Source::Csv | Source::Xlsx => {
            let options = import::csv::CsvOptions::default();
            let table = import::parse_csv(&path, &bytes, &options)?;
            import::csv::preview(store, &me(), now(), &table, &options)?;
            import::csv::import(store, &me(), now(), &table, &options).map(|_| ())
        }
        tool => {
            let read = ReadOptions { time_zone: Some("UTC".into()), ..ReadOptions::default() };
            let plan = import::read_source(&path, &bytes, tool, &read)?;
            let options = SourceOptions { create_people_in: Some(MARKETING), ..SourceOptions::default() };
            import::preview_source(store, &me(), now(), tool, &plan, &options)?;
            import::import_source(store, &me(), now(), tool, &plan, &options).map(|_| ())
        }
    }
}

/// The import contract on one input, into the board in `board`.
fn import_case(board: &BoardFile, bytes: &[u8], tally: &mut Tally) -> Result<(), TestCaseError> {
    let mut store = board.open();
    let result = import_anything(&mut store, &board.dir, bytes);
    drop(store);
    match result {
        Ok(()) => tally.accepted += 1,
        Err(err) => {
            tally.refused += 1;
            clear(&err)?;
            prop_assert!(
                !matches!(err.code(), ErrorCode::Storage | ErrorCode::DiskFull | ErrorCode::Unreachable),
                "a bad file is blamed, not the board ({:?}): {err}",
                err.code()
            );
            prop_assert!(board.unchanged(), "a refused import leaves the board file byte-identical: {err}");
        }
    }
    Ok(())
}

/// One reader: its name, and how to run it for `cases` cases.
pub struct Reader {
    pub name: &'static str,
    pub run: fn(u32) -> Result<Tally, String>,
}

pub const READERS: &[Reader] = &[
    Reader { name: "board export (JSON)", run: board_export },
    Reader { name: "CSV sheet", run: csv_sheet },
    Reader { name: "Excel workbook", run: excel },
    Reader { name: "Jira CSV", run: jira },
    Reader { name: "Asana CSV", run: asana },
    Reader { name: "Trello JSON", run: trello },
    Reader { name: "Microsoft Project XML", run: msproject },
    Reader { name: "shared folder: change file, device record", run: change_files },
    Reader { name: "shared folder: marker, genesis (join)", run: join },
    Reader { name: "board file (open)", run: board_file },
    Reader { name: "backup (list, restore)", run: backup },
    Reader { name: "settings file", run: settings },
    Reader { name: "template file", run: template_file },
];

fn exported(format: Format, fill: fn(&mut Store)) -> Vec<u8> {
    let mut store = Store::open_in_memory().unwrap();
    fill(&mut store);
    export::render(format, &store, &Options::new(today())).unwrap()
}

pub fn board_export(cases: u32) -> Result<Tally, String> {
    let board = BoardFile::new("bundle", |_| {});
    let seeds = vec![exported(Format::Json, small_board), exported(Format::Json, sample_board)];
    let inputs = prop_oneof![mutated(seeds.clone()), numbers_changed(seeds)];
    run_strategy(cases, inputs, |bytes, t| import_case(&board, bytes, t))
}

pub fn csv_sheet(cases: u32) -> Result<Tally, String> {
    let board = BoardFile::new("csv", small_board);
    run(cases, vec![exported(Format::Csv, small_board), exported(Format::Csv, sample_board)], |bytes, t| import_case(&board, bytes, t))
}

pub fn excel(cases: u32) -> Result<Tally, String> {
    let board = BoardFile::new("xlsx", small_board);
    run(cases, vec![exported(Format::Xlsx, small_board)], |bytes, t| import_case(&board, bytes, t))
}

fn tool(name: &str, files: &[&str], cases: u32) -> Result<Tally, String> {
    let board = BoardFile::new(name, small_board);
    run(cases, files.iter().map(|f| fixture(f)).collect(), |bytes, t| import_case(&board, bytes, t))
}

pub fn jira(cases: u32) -> Result<Tally, String> {
    tool("jira", &["jira-cloud-all-fields.csv", "jira-datacenter-epic-link.csv"], cases)
}

pub fn asana(cases: u32) -> Result<Tally, String> {
    tool("asana", &["asana-project.csv"], cases)
}

pub fn trello(cases: u32) -> Result<Tally, String> {
    let board = BoardFile::new("trello", small_board);
    let seeds = vec![fixture("trello-board.json")];
    let inputs = prop_oneof![mutated(seeds.clone()), numbers_changed(seeds)];
    run_strategy(cases, inputs, |bytes, t| import_case(&board, bytes, t))
}

pub fn msproject(cases: u32) -> Result<Tally, String> {
    tool("msproject", &["msproject-plan.xml"], cases)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The board as every desktop must hold it (every row, the activity log included).
fn dump(store: &Store) -> String {
    serde_json::to_string(&store.bundle().unwrap()).unwrap()
}

/// Dana shares a board through a folder; Tom's desktop joins it. Returns Tom's store, the
/// board's folder and Dana's published change files.
fn shared(name: &str) -> (Store, PathBuf, Vec<Vec<u8>>, PathBuf) {
    let mut shared = Shared::new(&format!("fuzz-{name}"));
    let joined = shared.join().unwrap();
    let portal = shared.portal;
    shared.board.task(portal, "Configure portal");
    shared.board.apply(Op::UpdateInitiative { id: portal, changes: vec![InitiativeChange::Priority(Priority::High)] }).unwrap();
    shared.sync_dana();
    let folder = &shared.folder;
    let mut changes = Vec::new();
    for device in std::fs::read_dir(folder.root().join("devices")).unwrap().flatten() {
        for file in std::fs::read_dir(device.path()).unwrap().flatten() {
            if file.path().is_file() {
                changes.push(std::fs::read(file.path()).unwrap()); // the device record
            }
        }
        for file in std::fs::read_dir(device.path().join("changes").join("board")).into_iter().flatten().flatten() {
            changes.push(std::fs::read(file.path()).unwrap());
        }
    }
    (joined, folder.root().to_path_buf(), changes, shared.dir)
}

pub fn change_files(cases: u32) -> Result<Tally, String> {
    let (mut tom, root, seeds, _) = shared("changes");
    let who = Actor { id: None, name: "Tom".into() };
    tom.sync(&Folder::at(&root), &who, now()).unwrap();
    let intruder = root.join("devices").join("intruder");
    let changes = intruder.join("changes").join("board");
    std::fs::create_dir_all(&changes).unwrap();
    run(cases, seeds, |bytes, t| {
        let before = dump(&tom);
        let name = format!("{:010}-{}.chg", 1 + t.cases, hex(&Sha256::digest(bytes)));
        std::fs::write(changes.join(&name), bytes).unwrap();
        std::fs::write(intruder.join("DEVICE-1.json"), bytes).unwrap();
        let report = tom.sync(&Folder::at(&root), &who, now());
        std::fs::remove_file(changes.join(&name)).unwrap();
        match report {
            Err(err) => {
                t.refused += 1;
                clear(&err)?;
                prop_assert!(false, "a bad file in the share is reported in sync health, it does not stop the sync: {err}");
            }
            Ok(report) if report.received == 0 => {
                t.refused += 1;
                prop_assert_eq!(dump(&tom), before, "a change file that was not taken changes nothing");
            }
            Ok(_) => t.accepted += 1,
        }
        prop_assert!(tom.check().unwrap().is_empty(), "the board stays whole");
        Ok(())
    })
}

pub fn join(cases: u32) -> Result<Tally, String> {
    let (_, root, _, dir) = shared("join");
    let marker_name = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("BOARD-"))
        .unwrap();
    let marker = std::fs::read(root.join(&marker_name)).unwrap();
    let genesis = std::fs::read(root.join("genesis").join("board.am")).unwrap();
    let copy = dir.join("copy");
    run(cases, vec![marker.clone(), genesis.clone()], |bytes, t| {
        let _ = std::fs::remove_dir_all(&copy);
        std::fs::create_dir_all(copy.join("genesis")).unwrap();
        // Odd cases damage the marker, even ones the genesis document.
        let (m, g) = if t.cases % 2 == 1 { (bytes, &genesis[..]) } else { (&marker[..], bytes) };
        std::fs::write(copy.join(&marker_name), m).unwrap();
        std::fs::write(copy.join("genesis").join("board.am"), g).unwrap();
        let db = dir.join(format!("joined-{}.bridgeboard", t.cases));
        match Store::join(&db, &Folder::at(&copy), "DESK", &me(), now()) {
            Ok(store) => {
                t.accepted += 1;
                prop_assert!(store.check().unwrap().is_empty(), "a joined board is whole");
            }
            Err(err) => {
                t.refused += 1;
                clear(&err)?;
            }
        }
        let _ = std::fs::remove_file(&db);
        for tail in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{tail}", db.display()));
        }
        Ok(())
    })
}

pub fn board_file(cases: u32) -> Result<Tally, String> {
    let board = BoardFile::new("open", small_board);
    let dir = temp_dir("fuzz-open-target");
    let path = dir.join("damaged.bridgeboard");
    // Beside the board: another program's SQLite file, and the board as a newer Bridgeboard
    // would leave it.
    let foreign = dir.join("foreign.sqlite");
    let conn = rusqlite::Connection::open(&foreign).unwrap();
    conn.execute_batch("CREATE TABLE initiatives(id TEXT PRIMARY KEY, title TEXT); INSERT INTO initiatives VALUES ('1', 'x');").unwrap();
    drop(conn);
    let newer = dir.join("newer.bridgeboard");
    std::fs::write(&newer, &board.pristine).unwrap();
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 9_999).unwrap();
    let seeds = vec![board.pristine.clone(), std::fs::read(&foreign).unwrap(), std::fs::read(&newer).unwrap()];
    run(cases, seeds, |bytes, t| {
        for tail in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{tail}", path.display()));
        }
        std::fs::write(&path, bytes).unwrap();
        match Store::open(&path, Some(&dir.join("backups"))) {
            Ok(store) => {
                t.accepted += 1;
                // A file that opens may still be damaged inside: reading it may fail, not panic.
                let _ = store.check();
                let _ = store.bundle();
                let _ = store.board(today());
            }
            Err(err) => {
                t.refused += 1;
                clear(&err)?;
                prop_assert_eq!(std::fs::read(&path).unwrap(), bytes.to_vec(), "a refused board file is never touched: {}", err);
            }
        }
        Ok(())
    })
}

pub fn backup(cases: u32) -> Result<Tally, String> {
    let board = BoardFile::new("backup", small_board);
    let backups = board.dir.join("backups");
    let store = board.open();
    let id = store.info().unwrap().id;
    let good = backups.join("board-daily-2026-03-01.bridgeboard");
    std::fs::create_dir_all(&backups).unwrap();
    store.backup_to(&good).unwrap();
    drop(store);
    let seed = std::fs::read(&good).unwrap();
    std::fs::remove_file(&good).unwrap();
    let damaged = backups.join("board-daily-2026-03-02.bridgeboard");
    run(cases, vec![seed], |bytes, t| {
        std::fs::write(&damaged, bytes).unwrap();
        let listed = backups::list(&board.path, id, &backups);
        let mut store = board.open();
        let restored = backups::restore(&mut store, &me(), &damaged, &backups, now());
        drop(store);
        for file in std::fs::read_dir(&backups).unwrap().flatten() {
            if file.path() != damaged {
                let _ = std::fs::remove_file(file.path());
            }
        }
        match restored {
            Ok(()) => t.accepted += 1,
            Err(err) => {
                t.refused += 1;
                clear(&err)?;
                prop_assert!(listed.len() <= 1, "only the one file is listed");
                prop_assert!(board.unchanged(), "a refused restore leaves the board file byte-identical: {err}");
            }
        }
        Ok(())
    })
}

pub fn settings(cases: u32) -> Result<Tally, String> {
    let dir = temp_dir("fuzz-settings");
    let path = dir.join("settings.json");
    let mut seed = Settings::default();
    seed.remember_board(Path::new("/boards/joint.bridgeboard"));
    let json = serde_json::to_vec_pretty(&seed).unwrap();
    run(cases, vec![json], |bytes, t| {
        std::fs::write(&path, bytes).unwrap();
        let loaded = Settings::load(&path);
        t.accepted += 1;
        // Whatever was read, this desktop can save its settings again and read them back.
        loaded.save(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(Settings::load(&path), loaded, "settings saved are read back as they were");
        Ok(())
    })
}

/// A template file from another board (`import-template`): read, added, and a plan made
/// from it, as the CLI does.
pub fn template_file(cases: u32) -> Result<Tally, String> {
    use bridgeboard_core::domain::templates::TemplateFile;
    let board = BoardFile::new("template", small_board);
    let store = board.open();
    let seeds = store
        .templates()
        .unwrap()
        .into_iter()
        .take(3)
        .map(|t| {
            let file = TemplateFile {
                format: TemplateFile::FORMAT.into(),
                format_version: TemplateFile::VERSION,
                // Another board's template: a name this board does not have yet.
                name: format!("{} from the Ottawa site", t.name),
                description: t.description,
                plan: t.plan,
            };
            serde_json::to_vec_pretty(&file).unwrap()
        })
        .collect();
    drop(store);
    let seeds: Vec<Vec<u8>> = seeds;
    let inputs = prop_oneof![mutated(seeds.clone()), numbers_changed(seeds)];
    run_strategy(cases, inputs, |bytes, t| {
        let Ok(file) = serde_json::from_slice::<TemplateFile>(bytes) else {
            t.refused += 1;
            return Ok(());
        };
        let mut store = board.open();
        let added = store.apply(&me(), now(), Op::AddTemplate { name: file.name, description: file.description, plan: file.plan });
        match added {
            Err(err) => {
                t.refused += 1;
                drop(store);
                clear(&err)?;
                prop_assert!(board.unchanged(), "a refused template leaves the board file byte-identical: {err}");
            }
            Ok(id) => {
                t.accepted += 1;
                // The plan it holds is used: dated from a start, with its tasks and dependencies.
                let made = store.apply(
                    &me(),
                    now(),
                    Op::CreateFromTemplate { template: TemplateRef::Board(id), title: "From a template file".into(), start: today() },
                );
                if let Err(err) = made {
                    clear(&err)?;
                }
                prop_assert!(store.check().unwrap().is_empty(), "the board stays whole");
            }
        }
        Ok(())
    })
}

//! `import`: a board export (.json) fills a new, empty board file; a CSV file of initiatives and
//! tasks is added to the board, existing or new. Either way the file is read and checked before
//! the board file is opened, so a damaged file never leaves a board file behind, and the core
//! imports all of it or nothing.

use std::path::Path;

use bridgeboard_core::import as core_import;
use bridgeboard_core::import::csv::{self, CsvOptions, DateOrder};
use bridgeboard_core::{Actor, Result, Store};

use super::Clock;
use crate::args::ImportArgs;
use crate::resolve::Snapshot;

pub fn import(db: &Path, actor: Option<&str>, args: &ImportArgs, clock: Clock) -> Result<String> {
    let bytes = core_import::read(&args.path)?;
    if core_import::is_board_export(&bytes) {
        let bundle = core_import::parse_bundle(&args.path, &bytes)?;
        let mut store = Store::open(db, None)?;
        let actor = who(&store, actor, clock)?;
        let done = store.import_bundle(&actor, clock.now, &bundle)?;
        return Ok(format!(
            "Imported {} initiatives, {} tasks, {} people and {} dependencies into {}.",
            done.initiatives,
            done.tasks,
            done.people,
            done.dependencies,
            db.display()
        ));
    }
    let options = CsvOptions {
        delimiter: args.delimiter,
        date_order: args.date_format.as_deref().and_then(DateOrder::from_wire),
        mapping: args.map.iter().map(|m| (m.heading.clone(), m.field)).collect(),
    };
    let table = core_import::parse_csv(&args.path, &bytes, &options)?;
    let new_board = !db.exists();
    let mut store = Store::open(db, None)?;
    let result = who(&store, actor, clock).and_then(|actor| csv::import(&mut store, &actor, clock.now, &table, &options));
    let done = match result {
        Ok(done) => done,
        Err(err) => {
            if new_board {
                // The board file was made for this import; a refused import leaves none behind.
                drop(store);
                for suffix in ["", "-wal", "-shm"] {
                    let mut path = db.as_os_str().to_owned();
                    path.push(suffix);
                    let _ = std::fs::remove_file(path);
                }
            }
            return Err(err);
        }
    };
    let mut out = format!(
        "Imported {} initiatives, {} tasks and {} dependencies from {} into {}.",
        done.initiatives,
        done.tasks,
        done.dependencies,
        args.path.display(),
        db.display()
    );
    if !done.ignored_columns.is_empty() {
        out.push_str(&format!("\nColumns not read: {}.", done.ignored_columns.join(", ")));
    }
    for cell in &done.phi_like {
        eprintln!("warning: {cell} Remove it from the board: Bridgeboard is not the place for PHI.");
    }
    Ok(out)
}

/// Who the import is recorded as: the `--as` person, or the CLI itself.
fn who(store: &Store, actor: Option<&str>, clock: Clock) -> Result<Actor> {
    Ok(match actor {
        Some(query) => {
            let person = Snapshot::read(store, clock.today)?.person(query)?.clone();
            Actor { id: Some(person.id), name: person.name }
        }
        None => Actor { id: None, name: "bridgeboard-cli".into() },
    })
}

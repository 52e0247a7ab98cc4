//! `import`: a board export (.json) fills a new, empty board file; a CSV file of initiatives and
//! tasks is added to the board, existing or new. Either way the file is read and checked before
//! the board file is opened, so a damaged file never leaves a board file behind, and the core
//! imports all of it or nothing.

use std::path::Path;

use bridgeboard_core::import as core_import;
use bridgeboard_core::import::csv::{self, CsvOptions, DateOrder};
use bridgeboard_core::import::plan::Source;
use bridgeboard_core::import::reimport::Updated;
use bridgeboard_core::import::resolve::{PersonTarget, SourceOptions};
use bridgeboard_core::import::trello::Archived;
use bridgeboard_core::import::write::SourceSummary;
use bridgeboard_core::{Actor, Result, Store};

use super::Clock;
use crate::args::ImportArgs;
use crate::resolve::Snapshot;

pub fn import(db: &Path, actor: Option<&str>, args: &ImportArgs, clock: Clock) -> Result<String> {
    let bytes = core_import::read(&args.path)?;
    let source = match args.source.as_deref() {
        Some(wire) => Source::from_wire(wire).expect("clap keeps --source to the known tools"),
        None => core_import::detect(&bytes),
    };
    match source {
        Source::Bridgeboard | Source::Csv | Source::Xlsx => {}
        _ => return other_tool(db, actor, args, clock, source, &bytes),
    }
    if source == Source::Bridgeboard {
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
    let mut options = CsvOptions {
        delimiter: args.delimiter,
        date_order: args.date_format.as_deref().and_then(DateOrder::from_wire),
        mapping: args.map.iter().map(|m| (m.heading.clone(), m.field)).collect(),
        sheet: args.sheet.clone(),
        header_row: args.header_row,
        create_people_in: None,
    };
    let table = core_import::parse_csv(&args.path, &bytes, &options)?;
    let new_board = !db.exists();
    // A preview into a board file not made yet is a preview into an empty board: none is made.
    let mut store = if args.preview && new_board { Store::open_in_memory()? } else { Store::open(db, None)? };
    let result = (|| {
        if let (true, Some(department)) = (args.create_people, args.department.as_deref()) {
            options.create_people_in = Some(Snapshot::read(&store, clock.today)?.department(department)?);
        }
        let actor = who(&store, actor, clock)?;
        if args.preview {
            csv::preview(&mut store, &actor, clock.now, &table, &options)
        } else {
            csv::import(&mut store, &actor, clock.now, &table, &options)
        }
    })();
    let done = match result {
        Ok(done) => done,
        Err(err) => {
            if new_board {
                // The board file was made for this import; a refused import leaves none behind.
                drop(store);
                remove_board_file(db);
            }
            return Err(err);
        }
    };
    let created = if done.people > 0 { format!(" (and {} people)", done.people) } else { String::new() };
    let head = if args.preview { "Would import" } else { "Imported" };
    let mut out = format!(
        "{head} {} initiatives, {} tasks and {} dependencies{created} from {} into {}.",
        done.initiatives,
        done.tasks,
        done.dependencies,
        args.path.display(),
        db.display()
    );
    for line in updates(&done.updated) {
        out.push('\n');
        out.push_str(&line);
    }
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

/// A file from another tool (Jira, Asana, Trello, Microsoft Project): read and checked before the board file is opened, then
/// previewed or imported whole.
fn other_tool(db: &Path, actor: Option<&str>, args: &ImportArgs, clock: Clock, source: Source, bytes: &[u8]) -> Result<String> {
    let archived = if args.archived.as_deref() == Some("cancelled") { Archived::Cancelled } else { Archived::Skip };
    let read = core_import::ReadOptions {
        time_zone: args.time_zone.clone(),
        sections_as_initiatives: args.sections_as_initiatives,
        archived,
        outline_level: args.level,
        date_order: args.date_format.as_deref().and_then(DateOrder::from_wire),
    };
    let plan = core_import::read_source(&args.path, bytes, source, &read)?;
    let people_map = match &args.people_map {
        Some(path) => Some(core_import::read_people_map(path)?),
        None => None,
    };
    // A preview into a board file not made yet is a preview into an empty board: none is made.
    let mut store = if args.preview && !db.exists() { Store::open_in_memory()? } else { Store::open(db, None)? };
    let board = Snapshot::read(&store, clock.today)?;
    let department = args.department.as_deref().map(|d| board.department(d)).transpose()?;
    let mut options = SourceOptions {
        status_map: args.status_map.clone(),
        create_people_in: if args.create_people { department } else { None },
        marketing_owner: args.marketing_owner.as_deref().map(|p| board.person(p).map(|p| p.id)).transpose()?,
        it_owner: args.it_owner.as_deref().map(|p| board.person(p).map(|p| p.id)).transpose()?,
        ..SourceOptions::default()
    };
    for (from, to) in people_map.unwrap_or_default() {
        let target = match to.strip_prefix("new:") {
            Some(dept) => PersonTarget::New(board.department(dept.trim())?),
            None => PersonTarget::Person(board.person(&to)?.id),
        };
        options.people_map.push((from, target));
    }
    let actor = who(&store, actor, clock)?;
    if args.preview {
        let summary = core_import::preview_source(&mut store, &actor, clock.now, source, &plan, &options)?;
        return Ok(describe(&summary, &board, true));
    }
    let summary = core_import::import_source(&mut store, &actor, clock.now, source, &plan, &options)?;
    for cell in &summary.phi_like {
        eprintln!("warning: {}: {} Remove it from the board: Bridgeboard is not the place for PHI.", cell.at, cell.reason);
    }
    Ok(describe(&summary, &board, false))
}

/// What an import brought over (or, for a preview, would), in lines a person reads.
fn describe(s: &SourceSummary, board: &Snapshot, preview: bool) -> String {
    let head = if preview { "Would import" } else { "Imported" };
    let mut out = vec![format!(
        "{head} from {}: {} initiatives, {} tasks ({} milestones), {} dependencies, {} related links and {} comments.",
        s.source.label(),
        s.initiatives,
        s.tasks,
        s.milestones,
        s.dependencies,
        s.related,
        s.comments
    )];
    let name_of = |id: &bridgeboard_core::Id| board.people.iter().find(|p| p.id == *id).map_or_else(|| id.to_string(), |p| p.name.clone());
    let dept_of =
        |id: &bridgeboard_core::Id| board.departments.iter().find(|d| d.id == *id).map_or_else(|| id.to_string(), |d| d.name.clone());
    if !s.people.is_empty() {
        out.push("People:".into());
        for p in &s.people {
            let to = match &p.target {
                Some(PersonTarget::Person(id)) => format!("{} on the board", name_of(id)),
                Some(PersonTarget::New(dept)) => format!("new, in {}", dept_of(dept)),
                None => "not on the board (use --create-people --department NAME, or --people-map FILE)".into(),
            };
            out.push(format!("  {} → {to} ({} items)", p.name, p.items));
        }
    }
    if !s.statuses.is_empty() {
        out.push("Statuses:".into());
        for st in &s.statuses {
            let to = match (&st.chosen, st.mapped) {
                (Some(wire), _) => wire.clone(),
                (None, Some(stage)) if st.stage.is_some() => format!("{} (as the file has it)", stage.label()),
                (None, Some(stage)) => stage.label().to_string(),
                (None, None) => "needs a mapping (--status-map \"NAME=status\")".into(),
            };
            out.push(format!("  {} → {to} ({} items)", st.name, st.items));
        }
    }
    let list = |out: &mut Vec<String>, title: &str, items: &[bridgeboard_core::import::plan::Skipped]| {
        if !items.is_empty() {
            out.push(title.into());
            out.extend(items.iter().map(|i| format!("  {}: {}", i.at, i.reason)));
        }
    };
    out.extend(updates(&s.updated));
    list(&mut out, "Comes in as Proposed:", &s.as_proposed);
    list(&mut out, "Not imported:", &s.skipped);
    list(&mut out, "Looks like patient information:", &s.phi_like);
    if !s.unread.is_empty() {
        out.push(format!("Not read: {}.", s.unread.join(", ")));
    }
    out.extend(s.notes.iter().cloned());
    out.join("\n")
}

/// Removes a board file made for an import that was refused.
fn remove_board_file(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        let _ = std::fs::remove_file(path);
    }
}

/// What an import changes on items already on the board, in lines a person reads.
fn updates(u: &Updated) -> Vec<String> {
    if u.items + u.unchanged == 0 {
        return Vec::new();
    }
    let mut out = vec![format!("Already on the board from an earlier import: {} updated, {} unchanged.", u.items, u.unchanged)];
    for f in &u.fields {
        let edited = if f.edited_here { " (overwrites an edit made on the board)" } else { "" };
        out.push(format!("  {}: {} “{}” → “{}”{edited}", f.at, f.field, f.board, f.file));
    }
    out
}

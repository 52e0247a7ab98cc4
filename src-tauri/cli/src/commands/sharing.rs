//! Sharing a board through a folder: `share`, `join`, `sync`, `sync-status`, `conflicts`,
//! `resolve` and `unshare`. The merging, the mailbox rules and the refusals are the core's;
//! these name the folder, the board and the choice, and print what happened.

use std::path::Path;
use std::time::Duration;

use bridgeboard_core::sync::{default_device_name, Folder, Transport};
use bridgeboard_core::{Actor, Error, Result, Store, SyncReport};

use super::{actor_in, open_existing, Clock};
use crate::resolve::Snapshot;

fn acting(store: &Store, query: Option<&str>, clock: Clock) -> Result<Actor> {
    actor_in(&Snapshot::read(store, clock.today)?, query)
}

fn json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string_pretty(value).map_err(|err| Error::Storage(format!("The answer could not be written as JSON ({err}).")))
}

pub fn share(db: &Path, picked: &Path, device: Option<String>, actor: Option<&str>, clock: Clock) -> Result<String> {
    let mut store = open_existing(db)?;
    let who = acting(&store, actor, clock)?;
    let folder = Folder::for_board(picked, &store.info()?.id.to_string());
    let sharing = store.share(&folder, &device.unwrap_or_else(default_device_name), &who, clock.now)?;
    Ok(format!(
        "Shared “{}” through {} as {}. Other desktops join it with: bridgeboard-cli --db NEW-FILE join --folder \"{}\"",
        store.info()?.name,
        sharing.folder.display(),
        sharing.device_name,
        sharing.folder.display()
    ))
}

pub fn join(db: &Path, picked: &Path, board: Option<&str>, device: Option<String>, actor: Option<&str>, clock: Clock) -> Result<String> {
    let boards = Folder::boards_in(picked).map_err(|e| Error::Unreachable(e.to_string()))?;
    let chosen = match (board, boards.len()) {
        (_, 0) => {
            return Err(Error::Validation(format!(
                "{} holds no shared Bridgeboard board. Pick the board's folder (Bridgeboard-…) or the folder that holds it.",
                picked.display()
            )))
        }
        (None, 1) => &boards[0],
        (None, _) => {
            let names: Vec<String> = boards.iter().map(|(_, m)| format!("“{}” ({})", m.board_name, m.board_id)).collect();
            return Err(Error::Validation(format!(
                "{} holds {} boards: {}. Choose one with --board.",
                picked.display(),
                boards.len(),
                names.join(", ")
            )));
        }
        (Some(query), _) => boards
            .iter()
            .find(|(_, m)| m.board_id == query || m.board_name == query)
            .ok_or_else(|| Error::NotFound(format!("{} holds no board called {query}.", picked.display())))?,
    };
    let (folder, marker) = chosen;
    let who = Actor { id: None, name: actor.unwrap_or("bridgeboard-cli").to_string() };
    let store = Store::join(db, folder, &device.unwrap_or_else(default_device_name), &who, clock.now)?;
    let status = store.sync_status()?;
    Ok(format!(
        "Joined “{}” from {} into {} as {}; {} other desktop(s) share it.",
        marker.board_name,
        folder.describe(),
        db.display(),
        status.device_name.unwrap_or_default(),
        status.devices.iter().filter(|d| !d.this_device).count()
    ))
}

pub fn sync(db: &Path, watch: bool, every: u64, actor: Option<&str>, clock: Clock) -> Result<String> {
    let mut store = open_existing(db)?;
    let who = acting(&store, actor, clock)?;
    let folder = shared_folder(&store)?;
    if !watch {
        return sync_once(&mut store, &folder, &who, clock.now);
    }
    loop {
        // A host's clock read, once per round: the core takes time as a parameter.
        match store.sync(&folder, &who, chrono::Utc::now()) {
            Ok(report) if report.published + report.received > 0 || report.offline.is_some() => println!("{}", said(&report)),
            Ok(_) => {}
            Err(err) => eprintln!("error: {err}"),
        }
        std::thread::sleep(Duration::from_secs(every.max(1)));
    }
}

fn sync_once(store: &mut Store, folder: &Folder, who: &Actor, now: chrono::DateTime<chrono::Utc>) -> Result<String> {
    let report = store.sync(folder, who, now)?;
    match &report.offline {
        Some(_) => Err(Error::Unreachable(said(&report))),
        None => Ok(said(&report)),
    }
}

fn said(r: &SyncReport) -> String {
    match &r.offline {
        Some(why) => format!("offline: {why} {} changes wait to be published; they are kept.", r.waiting_to_publish),
        None => format!("published {}, received {}; {} changes wait to be published.", r.published, r.received, r.waiting_to_publish),
    }
}

fn shared_folder(store: &Store) -> Result<Folder> {
    let sharing = store.sharing().ok_or_else(|| {
        Error::Validation("This board is not shared. Share it first with `bridgeboard-cli share --folder PATH`, or join one.".into())
    })?;
    Ok(Folder::at(&sharing.folder))
}

pub fn status(store: &Store, as_json: bool) -> Result<String> {
    let s = store.sync_status()?;
    if as_json {
        return json(&s);
    }
    if !s.shared {
        return Ok("This board is not shared.".into());
    }
    let mut lines = vec![
        format!("Shared through {} as {}.", s.folder.unwrap_or_default(), s.device_name.unwrap_or_default()),
        format!("{} changes wait to be published.", s.waiting_to_publish),
    ];
    if let Some(why) = &s.offline {
        lines.push(format!("Offline at the last sync: {why}"));
    }
    if let Some(format) = s.newer_format {
        lines.push(format!("The folder holds a newer board format ({format}): update Bridgeboard to edit this board."));
    }
    for w in &s.waiting_from {
        lines.push(format!("{} changes from {} wait for an earlier change that has not arrived yet.", w.changes, w.device_name));
    }
    lines.push(format!("{} fields in conflict (see `conflicts`).", s.conflicts));
    lines.push("Desktops:".into());
    for d in &s.devices {
        let last =
            d.last_change_at.map_or_else(|| "no change seen yet".into(), |t| format!("last change {}", t.format("%Y-%m-%d %H:%M UTC")));
        let me = if d.this_device { " (this desktop)" } else { "" };
        lines.push(format!("  {}{me}: {}, Bridgeboard {}, {last}", d.device_name, d.person, d.app_version));
    }
    if !s.unusable_files.is_empty() {
        lines.push("Files that could not be read:".into());
        for f in &s.unusable_files {
            lines.push(format!(
                "  {}: {} (seen since {}, {} tries)",
                f.name,
                f.problem,
                f.first_seen.format("%Y-%m-%d %H:%M UTC"),
                f.tries
            ));
        }
    }
    Ok(lines.join("\n"))
}

pub fn conflicts(store: &Store, as_json: bool) -> Result<String> {
    let all = store.conflicts()?;
    if as_json {
        return json(&all);
    }
    if all.is_empty() {
        return Ok("No conflicts.".into());
    }
    let mut lines = Vec::new();
    for c in &all {
        lines.push(format!("{} “{}” ({}), {}:", c.item_kind, c.item_title, c.item_id, c.field));
        for choice in &c.choices {
            let when = choice.at.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_default();
            let shown = if choice.current { " (shown now)" } else { "" };
            lines.push(format!(
                "  {}. {}{shown} — set by {} on {} at {when}",
                choice.choice,
                choice.value,
                choice.person.as_deref().unwrap_or("someone"),
                choice.device.as_deref().unwrap_or("another desktop")
            ));
        }
    }
    lines.push("Keep one with: bridgeboard-cli resolve ITEM FIELD --keep CHOICE".into());
    Ok(lines.join("\n"))
}

pub fn resolve(db: &Path, item: &str, field: &str, keep: usize, actor: Option<&str>, clock: Clock) -> Result<String> {
    let mut store = open_existing(db)?;
    let board = Snapshot::read(&store, clock.today)?;
    let who = actor_in(&board, actor)?;
    let id = board.item(item)?.id();
    store.resolve_conflict(&who, clock.now, &id.to_string(), field, keep)?;
    Ok(format!("Kept choice {keep} for {field}; the next sync makes it so on every desktop."))
}

pub fn unshare(db: &Path, actor: Option<&str>, clock: Clock) -> Result<String> {
    let mut store = open_existing(db)?;
    let who = acting(&store, actor, clock)?;
    let id = store.stop_sharing(&who, clock.now)?;
    Ok(format!("Stopped sharing. {} is now a private board (board id {id}); the shared board goes on without it.", db.display()))
}

pub fn needs_attention(store: &Store, as_json: bool) -> Result<String> {
    let all = store.needs_attention()?;
    if as_json {
        return json(&all);
    }
    if all.is_empty() {
        return Ok("Nothing needs attention.".into());
    }
    Ok(all.iter().map(|a| format!("- {} ({})", a.message, a.item_id)).collect::<Vec<_>>().join("\n"))
}

pub fn keep_deleted(db: &Path, item: &str, actor: Option<&str>, clock: Clock) -> Result<String> {
    let mut store = open_existing(db)?;
    let who = acting(&store, actor, clock)?;
    let id =
        item.parse().map_err(|_| Error::Validation(format!("Give the item's id, as needs-attention lists it; “{item}” is not one.")))?;
    store.keep_deleted(&who, clock.now, id)?;
    Ok(format!("{item} stays deleted; the next sync makes it so on every desktop."))
}

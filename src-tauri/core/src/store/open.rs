//! Opening a board file carefully: first read-only, checking that it is SQLite, carries
//! Bridgeboard's `application_id`, a known `user_version` and the expected tables, and passes a
//! quick check. Only then is it switched to WAL or migrated (after a backup). A file that fails
//! any check is refused with a message and never written.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::migrations::{self, APPLICATION_ID, EXPECTED_TABLES};
use super::Store;
use crate::{Error, Result};

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

pub fn open(path: &Path, backup_dir: Option<&Path>) -> Result<Store> {
    let shown = path.display();
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(Error::Storage(format!(
                "The folder {} does not exist. Create it first, or choose a board file in a folder that exists.",
                parent.display()
            )));
        }
    }
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return create(path),
        Err(err) => return Err(Error::Storage(format!("{shown} cannot be read ({err}). Check that you may open it."))),
    };
    if meta.is_dir() {
        return Err(Error::Storage(format!("{shown} is a folder, not a board file. Choose a .bridgeboard file.")));
    }
    if meta.len() == 0 {
        return create(path);
    }
    let read_only = meta.permissions().readonly();
    let version = probe(path)?;
    if read_only {
        if version < migrations::latest_version() {
            return Err(Error::Storage(format!(
                "{shown} comes from an older Bridgeboard and is read-only, so it cannot be upgraded. Make it writable and open it again."
            )));
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        configure(&conn, false)?;
        let mut store = Store::on(conn, Some(path.to_path_buf()), true)?;
        store.shared = super::sharing::Shared::load(&store.conn)?;
        return Ok(store);
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    configure(&conn, true)?;
    let mut store = Store::on(conn, Some(path.to_path_buf()), false)?;
    let dir = backup_dir.map(Path::to_path_buf).unwrap_or_else(|| path.with_file_name("backups"));
    upgrade(&mut store, version, &dir)?;
    store.shared = super::sharing::Shared::load(&store.conn)?;
    Ok(store)
}

/// Migrates a board of format `version` to the latest, after a backup into `dir`.
pub(super) fn upgrade(store: &mut Store, version: i32, dir: &Path) -> Result<()> {
    if version >= migrations::latest_version() {
        return Ok(());
    }
    backup_before_migration(store, dir, version)?;
    let tx = store.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    migrations::migrate(&tx, version)?;
    tx.commit()?;
    Ok(())
}

fn create(path: &Path) -> Result<Store> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|err| {
        Error::Storage(format!("A new board file cannot be created at {} ({err}). Choose a folder you may write to.", path.display()))
    })?;
    configure(&conn, true)?;
    let mut store = Store::on(conn, Some(path.to_path_buf()), false)?;
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Board".into());
    store.initialize(&name)?;
    Ok(store)
}

/// The read-only look at a file before anything is written. Returns its schema version.
pub(super) fn probe(path: &Path) -> Result<i32> {
    let shown = path.display();
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path).and_then(|mut f| f.read(&mut header));
    match read {
        Err(err) => return Err(Error::Storage(format!("{shown} cannot be read ({err}). Check that you may open it."))),
        Ok(n) if n < 16 || &header != SQLITE_HEADER => {
            return Err(Error::Storage(format!(
                "{shown} is not a Bridgeboard board file (it is not a database at all). It was not changed. Open a .bridgeboard file, or create a new board."
            )))
        }
        Ok(_) => {}
    }
    let damaged = |detail: String| {
        Error::Storage(format!(
            "{shown} is damaged and cannot be opened ({detail}). It was not changed. Restore a backup, or open another board."
        ))
    };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| unreadable(e, &damaged))?;
    conn.busy_timeout(Duration::from_secs(5)).map_err(|e| unreadable(e, &damaged))?;
    let pragma = |name: &str| conn.pragma_query_value(None, name, |r| r.get::<_, i32>(0)).map_err(|e| unreadable(e, &damaged));
    let application_id = pragma("application_id")?;
    let version = pragma("user_version")?;
    if application_id != APPLICATION_ID {
        return Err(Error::Storage(format!(
            "{shown} is a database, but not a Bridgeboard board. It was not changed. Open a .bridgeboard file, or create a new board."
        )));
    }
    if version > migrations::latest_version() {
        return Err(Error::Storage(format!(
            "{shown} was saved by a newer version of Bridgeboard (format {version}; this app reads up to format {}). Update Bridgeboard to open it. The file was not changed.",
            migrations::latest_version()
        )));
    }
    let check: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0)).map_err(|e| unreadable(e, &damaged))?;
    if check != "ok" {
        return Err(damaged(check));
    }
    let mut stmt =
        conn.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1").map_err(|e| unreadable(e, &damaged))?;
    for table in EXPECTED_TABLES {
        let found: i64 = stmt.query_row([table], |r| r.get(0)).map_err(|e| unreadable(e, &damaged))?;
        if found == 0 {
            return Err(damaged(format!("the {table} table is missing")));
        }
    }
    Ok(version)
}

/// Why the read-only look failed: only SQLite's own verdict (corrupt, not a database) calls
/// the file damaged. A read-only look at a board in WAL mode needs room for its `-shm` file,
/// so a full disk shows here first: it is said so, and a failing drive is not taken for a
/// damaged board either.
fn unreadable(err: rusqlite::Error, damaged: &dyn Fn(String) -> Error) -> Error {
    use rusqlite::ffi;
    let extended = match &err {
        rusqlite::Error::SqliteFailure(e, _) => e.extended_code,
        _ => 0,
    };
    match err.sqlite_error_code() {
        Some(ffi::ErrorCode::DiskFull) => Error::from(err),
        _ if extended == ffi::SQLITE_IOERR_SHMSIZE => Error::DiskFull(format!(
            "The board file could not be opened: the disk is full ({err}). Free some space and open it again; nothing was changed."
        )),
        Some(ffi::ErrorCode::SystemIoFailure | ffi::ErrorCode::CannotOpen) => Error::Storage(format!(
            "The board file could not be read ({err}). Check that its drive or network folder is there and has free space, then try again; it was not changed."
        )),
        _ => damaged(err.to_string()),
    }
}

fn configure(conn: &Connection, writable: bool) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(10))?;
    if writable {
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Plans that never depend on the values bound: otherwise SQLite may mark a statement to be
    // prepared again whenever its parameters are cleared, which every cached statement is after
    // each use, so each query of a bulk write (an import) was parsed and planned anew.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    // A page cache (in KiB, negative) that holds a large board whole: SQLite's default 2 MiB
    // makes a big write (an import) spill pages to the log and read them back mid-transaction.
    conn.pragma_update(None, "cache_size", -65_536)?;
    // Every write's statements stay prepared (rusqlite keeps 16 by default; one write to a
    // shared board with its governance uses more, and an import repeats them thousands of times).
    conn.set_prepared_statement_cache_capacity(128);
    Ok(())
}

fn backup_before_migration(store: &Store, dir: &Path, version: i32) -> Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Storage(format!("The backup folder {} cannot be created ({e}); the board was not upgraded.", dir.display())))?;
    let stem = store.path().and_then(|p| p.file_stem()).map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    store.backup_to(&dir.join(format!("{stem}-format{version}-{stamp}.bridgeboard")))
}

/// A warning when the board file sits where SQLite's file locking is not safe: a network share
/// or a folder that a sync client (OneDrive, SharePoint, Dropbox) copies behind SQLite's back.
pub fn location_warning(path: &Path) -> Option<String> {
    let text = path.display().to_string();
    let lower = text.to_lowercase();
    let synced = ["onedrive", "sharepoint", "dropbox", "google drive", "icloud"].iter().find(|name| lower.contains(*name));
    let network = text.starts_with("\\\\") || text.starts_with("//") || is_network_mount(path);
    let reason = match (synced, network) {
        (Some(name), _) => format!("it is in a folder synced by {name}"),
        (None, true) => "it is on a network share".to_string(),
        (None, false) => return None,
    };
    Some(format!(
        "This board file is risky where it is: {reason}, and SQLite's locking is not safe there, so changes can be lost. Keep the board on this computer; sharing between desktops will come through Bridgeboard's own sharing."
    ))
}

#[cfg(target_os = "linux")]
fn is_network_mount(path: &Path) -> bool {
    let Ok(mounts) = std::fs::read_to_string("/proc/mounts") else { return false };
    let full = path.canonicalize().or_else(|_| path.parent().map(|p| p.canonicalize()).unwrap_or(Ok(path.to_path_buf())));
    let Ok(full) = full else { return false };
    mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let (_, mount, fstype) = (fields.next()?, fields.next()?, fields.next()?);
            Some((mount.to_string(), fstype.to_string()))
        })
        .filter(|(mount, _)| full.starts_with(mount))
        .max_by_key(|(mount, _)| mount.len())
        .is_some_and(|(_, fstype)| ["cifs", "smb3", "smbfs", "nfs", "nfs4", "fuse.sshfs", "9p"].contains(&fstype.as_str()))
}

#[cfg(not(target_os = "linux"))]
fn is_network_mount(_path: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synced_folders_and_network_shares_get_a_warning() {
        let onedrive = Path::new("/home/dana/OneDrive - Mercy General/boards/roadmap.bridgeboard");
        assert!(location_warning(onedrive).is_some_and(|w| w.contains("onedrive")), "a OneDrive folder is risky");
        assert!(location_warning(Path::new(r"\\fileserver\marketing\board.bridgeboard")).is_some(), "a UNC path is a network share");
        assert_eq!(location_warning(Path::new("/home/dana/boards/board.bridgeboard")), None, "a local folder is fine");
    }
}

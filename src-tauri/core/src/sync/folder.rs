//! The shared folder as a write-once mailbox: a network share or a OneDrive / SharePoint folder
//! that every desktop can reach, with no server.
//!
//! ```text
//! Bridgeboard-<board id>/
//!   BOARD-<format>.json                      written once by the desktop that shared the board
//!   genesis/board.am                         written once, before the marker
//!   devices/<device id>/DEVICE-<n>.json      who the device is; a new file per update
//!   devices/<device id>/changes/board/<seq:010>-<sha256>.chg
//! ```
//!
//! Every file is written as a dot-temp file in its folder, fsynced, then renamed; each device
//! writes only under its own folder, so no file is ever written by two desktops and no lock is
//! needed. Readers poll. A name must match `<10 digits>-<64 hex>` and may carry a tail (OneDrive
//! and Dropbox add ` (1)` to conflict copies); a file is used only when its bytes hash to its
//! name, so a torn copy is retried later rather than read half. Anything else is reported, never
//! deleted: it belongs to someone else.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::transport::{BoardMarker, DeviceRecord, Listed, Scan, Transport, TransportError, Unusable};

/// The largest change file read; a real change is a few kilobytes.
pub const MAX_CHANGE_BYTES: u64 = 16 * 1024 * 1024;
/// The largest genesis document read (a board of 100,000 items is well under this).
pub const MAX_GENESIS_BYTES: u64 = 1024 * 1024 * 1024;
const MAX_DEVICE_BYTES: u64 = 64 * 1024;

/// A board found in a shared folder: its own folder, id and name.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct SharedBoard {
    pub folder: String,
    pub board_id: String,
    pub board_name: String,
}

pub struct Folder {
    /// The board's own folder, `…/Bridgeboard-<board id>`.
    root: PathBuf,
}

impl Folder {
    /// The board `board_id` inside the folder someone picked.
    pub fn for_board(picked: &Path, board_id: &str) -> Folder {
        Folder::at(&picked.join(format!("Bridgeboard-{board_id}")))
    }

    /// A board's folder as it is (for joining, or reopening a shared board).
    /// The path is made absolute, since the board file remembers it for processes that may
    /// start in another folder.
    pub fn at(root: &Path) -> Folder {
        Folder { root: std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()) }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The boards in a picked folder, for a person to choose from.
    pub fn shared_boards(picked: &Path) -> crate::Result<Vec<SharedBoard>> {
        let boards = Folder::boards_in(picked).map_err(|e| crate::Error::Unreachable(e.to_string()))?;
        Ok(boards
            .into_iter()
            .map(|(f, m)| SharedBoard { folder: f.root.display().to_string(), board_id: m.board_id, board_name: m.board_name })
            .collect())
    }

    /// The boards in a picked folder: the folder itself if it is a board's folder, else the
    /// `Bridgeboard-*` folders inside it that hold a marker.
    pub fn boards_in(picked: &Path) -> Result<Vec<(Folder, BoardMarker)>, TransportError> {
        let here = Folder::at(picked);
        if let Some(marker) = here.marker()? {
            return Ok(vec![(here, marker)]);
        }
        let entries = fs::read_dir(picked).map_err(|e| unreachable(picked, &e))?;
        let mut boards = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("Bridgeboard-") && entry.path().is_dir() {
                let folder = Folder::at(&entry.path());
                if let Ok(Some(marker)) = folder.marker() {
                    boards.push((folder, marker));
                }
            }
        }
        boards.sort_by(|a, b| a.1.board_name.cmp(&b.1.board_name));
        Ok(boards)
    }

    /// A board's folder that went away (a share not mounted, a folder someone deleted) is
    /// never created again by writing into it: that would fork the board.
    fn require_root(&self) -> Result<(), TransportError> {
        match fs::metadata(&self.root) {
            Ok(meta) if meta.is_dir() => Ok(()),
            Ok(_) => Err(TransportError::Unreachable(format!("{} is not a folder.", self.root.display()))),
            Err(e) => Err(unreachable(&self.root, &e)),
        }
    }

    fn device_dir(&self, device_id: &str) -> PathBuf {
        self.root.join("devices").join(device_id)
    }
}

impl Transport for Folder {
    fn describe(&self) -> String {
        format!("the folder {}", self.root.display())
    }

    fn location(&self) -> PathBuf {
        self.root.clone()
    }

    fn marker(&self) -> Result<Option<BoardMarker>, TransportError> {
        let entries = match fs::read_dir(&self.root) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // The board's own folder may not exist yet; its parent must.
                return match self.root.parent().map(fs::metadata) {
                    Some(Ok(meta)) if meta.is_dir() => Ok(None),
                    Some(Err(e)) => Err(unreachable(self.root.parent().unwrap_or(&self.root), &e)),
                    _ => Err(TransportError::Unreachable(format!("{} is not a folder.", self.root.display()))),
                };
            }
            Err(e) => return Err(unreachable(&self.root, &e)),
        };
        let mut markers: Vec<(i64, PathBuf)> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let format = name.strip_prefix("BOARD-")?.strip_suffix(".json")?.parse().ok()?;
                Some((format, e.path()))
            })
            .collect();
        markers.sort();
        let Some((_, path)) = markers.pop() else { return Ok(None) };
        let bytes = read_limited(&path, MAX_DEVICE_BYTES)?;
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| TransportError::BadFile(format!("{} is not a Bridgeboard board marker ({e}).", path.display())))
    }

    fn create(&self, marker: &BoardMarker, genesis: &[u8]) -> Result<(), TransportError> {
        write_once(&self.root.join("genesis").join("board.am"), genesis)?;
        let json = serde_json::to_vec_pretty(marker).expect("a marker is JSON");
        write_once(&self.root.join(format!("BOARD-{}.json", marker.format_version)), &json)
    }

    fn genesis(&self) -> Result<Vec<u8>, TransportError> {
        read_limited(&self.root.join("genesis").join("board.am"), MAX_GENESIS_BYTES)
    }

    fn publish(&self, device_id: &str, seq: u64, change: &[u8]) -> Result<(), TransportError> {
        self.require_root()?;
        let name = format!("{seq:010}-{}.chg", hex(&Sha256::digest(change)));
        let path = self.device_dir(device_id).join("changes").join("board").join(name);
        if path.exists() {
            return Ok(());
        }
        write_once(&path, change)
    }

    fn announce(&self, device: &DeviceRecord) -> Result<(), TransportError> {
        self.require_root()?;
        let dir = self.device_dir(&device.device_id);
        let newest = device_records(&dir).last().map_or(0, |(n, _)| *n);
        if let Some((_, path)) = device_records(&dir).last() {
            if read_device(path).as_ref() == Some(device) {
                return Ok(());
            }
        }
        let json = serde_json::to_vec_pretty(device).expect("a device record is JSON");
        write_once(&dir.join(format!("DEVICE-{}.json", newest + 1)), &json)
    }

    fn scan(&self) -> Result<Scan, TransportError> {
        let devices_dir = self.root.join("devices");
        let mut scan = Scan::default();
        let entries = match fs::read_dir(&devices_dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && self.root.is_dir() => return Ok(scan),
            Err(e) => return Err(unreachable(&devices_dir, &e)),
        };
        for device in entries.flatten() {
            let device_id = device.file_name().to_string_lossy().into_owned();
            let dir = device.path();
            if !dir.is_dir() {
                scan.unusable.push(Unusable { name: shown(&dir), problem: "not a device folder".into() });
                continue;
            }
            if let Some(record) = device_records(&dir).last().and_then(|(_, p)| read_device(p)) {
                scan.devices.push(record);
            }
            let Ok(files) = fs::read_dir(dir.join("changes").join("board")) else { continue };
            for file in files.flatten() {
                let name = file.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    continue; // a write in progress
                }
                match parse_change_name(&name) {
                    Some((seq, sha256)) => {
                        scan.changes.push(Listed { device_id: device_id.clone(), seq, sha256, name: shown(&file.path()) })
                    }
                    None => scan.unusable.push(Unusable { name: shown(&file.path()), problem: "not a change file".into() }),
                }
            }
        }
        // A conflict copy lists the same change twice; the reader skips what it already has.
        scan.changes.sort();
        Ok(scan)
    }

    fn read(&self, listed: &Listed) -> Result<Vec<u8>, TransportError> {
        let path = PathBuf::from(&listed.name);
        let bytes = read_limited(&path, MAX_CHANGE_BYTES)?;
        if hex(&Sha256::digest(&bytes)) != listed.sha256 {
            return Err(TransportError::BadFile("torn or altered: its contents do not match its name".into()));
        }
        Ok(bytes)
    }
}

/// `<seq:010>-<sha256>` with any tail a sync client adds to a conflict copy.
fn parse_change_name(name: &str) -> Option<(u64, String)> {
    let stem = name.strip_suffix(".chg")?;
    let (digits, rest) = (stem.get(..10)?, stem.get(10..)?);
    let hash = rest.strip_prefix('-')?.get(..64)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    Some((digits.parse().ok()?, hash.to_string()))
}

fn device_records(dir: &Path) -> Vec<(u64, PathBuf)> {
    let mut records: Vec<(u64, PathBuf)> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    Some((name.strip_prefix("DEVICE-")?.strip_suffix(".json")?.parse().ok()?, e.path()))
                })
                .collect()
        })
        .unwrap_or_default();
    records.sort();
    records
}

fn read_device(path: &Path) -> Option<DeviceRecord> {
    serde_json::from_slice(&read_limited(path, MAX_DEVICE_BYTES).ok()?).ok()
}

fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, TransportError> {
    let file = fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => TransportError::BadFile(format!("{} is missing", path.display())),
        _ => unreachable(path, &e),
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        return Err(TransportError::BadFile(format!("too large ({size} bytes; at most {limit} are read)")));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| unreachable(path, &e))?;
    Ok(bytes)
}

/// Writes a file that is never changed afterwards: temp file, fsync, rename.
fn write_once(path: &Path, bytes: &[u8]) -> Result<(), TransportError> {
    let dir = path.parent().expect("a file in the share has a folder");
    fs::create_dir_all(dir).map_err(|e| unreachable(dir, &e))?;
    let temp = crate::fsutil::temp_name(path);
    let result = fs::File::create(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| fs::rename(&temp, path));
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(unreachable(path, &e));
    }
    crate::fsutil::sync_folder(dir);
    Ok(())
}

fn unreachable(path: &Path, err: &std::io::Error) -> TransportError {
    if crate::error::is_disk_full(err) {
        return TransportError::Unreachable(format!(
            "The shared folder is full: {} could not be written. Free some space there (or ask IT to); every edit is kept on this desktop and published by the next sync.",
            path.display()
        ));
    }
    TransportError::Unreachable(format!("{} cannot be reached or written ({err}).", path.display()))
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::parse_change_name;

    #[test]
    fn change_names_are_read_with_a_sync_clients_tail_and_nothing_else() {
        let hash = "ab".repeat(32);
        assert_eq!(parse_change_name(&format!("0000000007-{hash}.chg")), Some((7, hash.clone())), "the plain name");
        assert_eq!(parse_change_name(&format!("0000000007-{hash} (1).chg")), Some((7, hash.clone())), "a OneDrive conflict copy");
        assert_eq!(parse_change_name(&format!("0000000007-{hash}.chg.part")), None, "an unfinished download");
        assert_eq!(parse_change_name("notes.txt"), None, "a stray file");
        assert_eq!(parse_change_name(&format!("00000x0007-{hash}.chg")), None, "the sequence is digits");
    }
}

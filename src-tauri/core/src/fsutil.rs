//! Writing files so that a crash never leaves half a file over a good one: a temp file in the
//! same folder, fsync, then rename over the target. A full disk is reported as
//! [`Error::DiskFull`], with the old file (if any) whole and no temp file left.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::error::is_disk_full;
use crate::{Error, Result};

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically_with(path, |file| file.write_all(bytes).map_err(|err| Error::writing(path, &err)))
}

/// The temp file being filled. It remembers whether the disk ran out of room, so that a full
/// disk is reported as such even when the content's writer (CSV, Excel, JSON) wrapped the
/// error in its own words.
pub struct TempFile {
    file: File,
    full: Option<std::io::Error>,
}

impl Write for TempFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.file.write(buf);
        self.note(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let flushed = self.file.flush();
        self.note(flushed)
    }
}

impl TempFile {
    fn note<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(err) = &result {
            if is_disk_full(err) && self.full.is_none() {
                self.full = Some(std::io::Error::new(err.kind(), err.to_string()));
            }
        }
        result
    }
}

/// Like [`write_atomically`] for content made piece by piece: `fill` writes into the buffered
/// temp file, so a large export never has to be held in memory whole. If `fill` fails, the temp
/// file is removed and its error returned (or [`Error::DiskFull`] when the disk ran out of
/// room); the target is untouched.
pub fn write_atomically_with(path: &Path, fill: impl FnOnce(&mut BufWriter<TempFile>) -> Result<()>) -> Result<()> {
    let dir = folder_of(path);
    std::fs::create_dir_all(dir).map_err(|e| Error::writing(path, &e))?;
    let temp = temp_beside(path);
    let result = File::create(&temp).map_err(|e| Error::writing(path, &e)).and_then(|file| {
        // A 64 KiB buffer: a few large writes instead of many small ones.
        let mut out = BufWriter::with_capacity(64 * 1024, TempFile { file, full: None });
        let filled = fill(&mut out);
        if let Some(full) = &out.get_ref().full {
            return Err(Error::writing(path, full));
        }
        filled?;
        let file = out.into_inner().map_err(|e| Error::writing(path, e.error()))?.file;
        file.sync_all().map_err(|e| Error::writing(path, &e))?;
        // Closed before the rename: Windows refuses to rename a file that is still open.
        drop(file);
        std::fs::rename(&temp, path).map_err(|e| Error::writing(path, &e))?;
        sync_folder(dir);
        Ok(())
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// How old a temp file left by another process must be before it is taken for the remains of a
/// write that was cut short (the process killed, the power gone). No export, backup or change
/// file takes this long to write, and a temp file being written is touched all the time.
const ABANDONED_AFTER: Duration = Duration::from_secs(15 * 60);

/// The temp file to write `path` through (`.NAME.PID.tmp` in the same folder, so the rename
/// stays on one disk). The remains of earlier writes of the same file cut short by a kill
/// (temp files of other processes untouched for a while) are removed first, so that a killed
/// export or backup does not leave its half-written copy behind for good.
pub fn temp_beside(path: &Path) -> PathBuf {
    let dir = folder_of(path);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let now = SystemTime::now();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        let Some(rest) = file.strip_prefix(&prefix) else { continue };
        let pid = rest.strip_suffix(".tmp").or_else(|| rest.strip_suffix(".tmp-journal"));
        if !pid.is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())) {
            continue;
        }
        let untouched = entry.metadata().and_then(|m| m.modified()).ok().and_then(|at| now.duration_since(at).ok());
        if untouched.is_some_and(|age| age >= ABANDONED_AFTER) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    temp_name(path)
}

/// `.NAME.PID.tmp` beside `path`, without looking for earlier ones: for folders too large to
/// list at every write (a share's change files).
pub fn temp_name(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// The folder `path` is in; `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Makes a rename in `dir` durable across a power cut. Only some systems can open a folder to
/// sync it (Windows cannot, and renames there are durable already): elsewhere this does nothing.
pub fn sync_folder(dir: &Path) {
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_that_fails_half_way_leaves_the_old_file_and_no_temp_file() {
        let dir = std::env::temp_dir().join(format!("bridgeboard-fsutil-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("roadmap.json");
        std::fs::write(&path, "the good export").unwrap();
        let err = write_atomically_with(&path, |file| {
            file.write_all(&[b'x'; 200_000]).unwrap();
            Err(Error::Storage("the board could not be read".into()))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "the board could not be read", "the failure is reported as it happened");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the good export", "the old file is left whole");
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "no temp file is left beside it: {names:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_remains_of_a_killed_write_are_removed_by_the_next_write_of_that_file() {
        let dir = std::env::temp_dir().join(format!("bridgeboard-fsutil-stale-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("roadmap.csv");
        let old = SystemTime::now() - ABANDONED_AFTER - Duration::from_secs(60);
        let leave = |name: &str, at: SystemTime| {
            let file = File::create(dir.join(name)).unwrap();
            file.set_modified(at).unwrap();
        };
        leave(".roadmap.csv.4242.tmp", old); // an export killed an hour ago
        leave(".roadmap.csv.4243.tmp-journal", old);
        leave(".roadmap.csv.4244.tmp", SystemTime::now()); // another process writing it now
        leave(".other.csv.4242.tmp", old); // another file's: left to that file's next write
        leave(".roadmap.csv.notes.tmp", old); // not a temp file of ours
        write_atomically(&path, b"Title\n").unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        assert_eq!(names, [".other.csv.4242.tmp", ".roadmap.csv.4244.tmp", ".roadmap.csv.notes.tmp", "roadmap.csv"]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

//! Writing files so that a crash never leaves half a file over a good one: a temp file in the
//! same folder, fsync, then rename over the target. A full disk is reported as
//! [`Error::DiskFull`], with the old file (if any) whole and no temp file left.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

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
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::writing(path, &e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
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
}

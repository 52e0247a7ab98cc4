//! Writing files so that a crash never leaves half a file over a good one: a temp file in the
//! same folder, fsync, then rename over the target.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::{Error, Result};

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically_with(path, |file| {
        file.write_all(bytes).map_err(|err| Error::Storage(format!("Could not write {} ({err}); nothing was changed.", path.display())))
    })
}

/// Like [`write_atomically`] for content made piece by piece: `fill` writes into the buffered
/// temp file, so a large export never has to be held in memory whole. If `fill` fails, the temp
/// file is removed and its error returned; the target is untouched.
pub fn write_atomically_with(path: &Path, fill: impl FnOnce(&mut BufWriter<File>) -> Result<()>) -> Result<()> {
    let fail =
        |what: &str, err: std::io::Error| Error::Storage(format!("Could not {what} {} ({err}); nothing was changed.", path.display()));
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| fail("create the folder for", e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = File::create(&temp).map_err(|e| fail("write", e)).and_then(|file| {
        // A 64 KiB buffer: a few large writes instead of many small ones.
        let mut out = BufWriter::with_capacity(64 * 1024, file);
        fill(&mut out)?;
        let file = out.into_inner().map_err(|e| fail("write", e.into_error()))?;
        file.sync_all().map_err(|e| fail("write", e))?;
        // Closed before the rename: Windows refuses to rename a file that is still open.
        drop(file);
        std::fs::rename(&temp, path).map_err(|e| fail("write", e))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
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

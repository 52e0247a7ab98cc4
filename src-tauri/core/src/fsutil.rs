//! Writing files so that a crash never leaves half a file over a good one: a temp file in the
//! same folder, fsync, then rename over the target.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |what: &str, err: std::io::Error| {
        Error::Storage(format!("Could not {what} {} ({err}); nothing was changed.", path.display()))
    };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| fail("create the folder for", e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if let Err(err) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(fail("write", err));
    }
    Ok(())
}

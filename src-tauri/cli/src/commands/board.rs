//! Commands on the board file as a whole: write the sample, list, check, back up.

use std::path::Path;

use bridgeboard_core::{sample, Error, Result, Store};

use super::{table, Clock};
use crate::parse;

pub fn demo(db: &Path, today: Option<&str>, clock: Clock) -> Result<String> {
    let today = match today {
        Some(text) => parse::date(text)?,
        None => clock.today,
    };
    let mut store = Store::open(db, None)?;
    sample::create(&mut store, today, clock.now)?;
    Ok(format!("Wrote the sample hospital board (demo data, dates around {today}) to {}.", db.display()))
}

pub fn list(store: &Store, json: bool, today: chrono::NaiveDate) -> Result<String> {
    let listing = store.listing(today)?;
    if json {
        return serde_json::to_string_pretty(&listing)
            .map_err(|err| Error::Storage(format!("The board could not be written as JSON ({err}).")));
    }
    Ok(table::render(&listing))
}

pub fn check(store: &Store, db: &Path) -> Result<String> {
    let problems = store.check()?;
    if problems.is_empty() {
        return Ok(format!("ok: {} is healthy", db.display()));
    }
    let lines: Vec<String> = problems.iter().map(|p| format!("  - {p}")).collect();
    Err(Error::Storage(format!(
        "{} is damaged; SQLite found {} problem(s):\n{}\nRestore a backup, or save what can be read with `backup --out`.",
        db.display(),
        problems.len(),
        lines.join("\n")
    )))
}

pub fn backup(store: &Store, db: &Path, out: &Path) -> Result<String> {
    store.backup_to(out)?;
    Ok(format!("Backed up {} to {}.", db.display(), out.display()))
}

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

pub fn baselines(store: &Store, json: bool) -> Result<String> {
    let list = store.baselines()?;
    if json {
        return serde_json::to_string_pretty(&list)
            .map_err(|err| Error::Storage(format!("The baselines could not be written as JSON ({err}).")));
    }
    if list.is_empty() {
        return Ok("No baselines yet; save one with save-baseline NAME.".into());
    }
    Ok(list.iter().map(|b| format!("{}  (saved {})", b.name, b.saved_at.format("%Y-%m-%d %H:%M UTC"))).collect::<Vec<_>>().join("\n"))
}

pub fn compare_baseline(store: &Store, name: &str, json: bool) -> Result<String> {
    let c = store.compare_baseline(name)?;
    if json {
        return serde_json::to_string_pretty(&c)
            .map_err(|err| Error::Storage(format!("The comparison could not be written as JSON ({err}).")));
    }
    let day = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
    let shift = |n: Option<i64>| match n {
        Some(0) | None => String::new(),
        Some(n) if n > 0 => format!(" ({n} days later)"),
        Some(n) => format!(" ({} days earlier)", -n),
    };
    let mut out = vec![format!("Against the baseline “{}” of {}:", c.name, c.saved_at.format("%Y-%m-%d %H:%M UTC"))];
    if c.moved.is_empty() && c.added.is_empty() && c.removed.is_empty() {
        out.push("  Nothing moved.".into());
    }
    for m in &c.moved {
        let who = match (&m.moved_by, m.moved_at) {
            (Some(who), Some(at)) => format!(" — moved by {who}, {}", at.format("%Y-%m-%d")),
            _ => String::new(),
        };
        out.push(format!(
            "  {}: {} → {} was {} → {}{}{who}",
            m.then.title,
            day(m.start),
            day(m.finish),
            day(m.then.start),
            day(m.then.finish),
            shift(m.finish_days.or(m.start_days))
        ));
    }
    for i in &c.added {
        out.push(format!("  new: {} ({} → {})", i.title, day(i.start), day(i.finish)));
    }
    for i in &c.removed {
        out.push(format!("  removed: {}", i.title));
    }
    Ok(out.join("\n"))
}

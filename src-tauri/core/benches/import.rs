//! Speed of importing other tools' files and our own CSV:
//! - a Jira export of 5,000 issues (250 epics) with 3,000 Blocks links, each written on both of
//!   its issues as Jira writes them, and a Microsoft Project plan of 3,000 tasks (150 summaries)
//!   with a finish-to-start chain: the preview (read, match, a trial batch rolled back) and the
//!   import (read, match, one durable batch), into an unshared board and into a shared one;
//! - our own CSV export of the benchmark board (2,000 initiatives, 20,000 tasks, 10,000
//!   dependencies) re-imported into an empty board with the same people.
//!
//! `cargo bench -p bridgeboard-core --bench import` prints the figures beside the targets; `cargo
//! test --benches` runs it once on files 100 times smaller.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bridgeboard_core::export::{self, Format, Options};
use bridgeboard_core::import::{self, plan::Source, resolve::SourceOptions, ReadOptions};
use bridgeboard_core::sync::Folder;
use bridgeboard_core::*;
use chrono::{NaiveDate, Utc};

mod common;

use common::{report, Scale};

fn actor() -> Actor {
    Actor { id: None, name: "bench".into() }
}

/// A Jira Cloud export: epics, each followed by its issues; issue n blocks issue n + 1 within an
/// epic (both rows list the link), so the links never loop.
fn jira_csv(issues: usize, links: usize) -> Vec<u8> {
    let epics = (issues / 20).max(1);
    let mut out = String::from(
        "Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Due date,Custom field (Start date),Labels,Labels,\
         Description,Inward issue link (Blocks),Outward issue link (Blocks),Parent,Status Category,Comment\n",
    );
    let per_epic = issues / epics;
    let mut linked = 0;
    for n in 0..issues {
        let epic = n / per_epic.max(1) * per_epic.max(1);
        let key = |i: usize| format!("DFD-{}", i + 1);
        let (kind, parent) = if n == epic { ("Epic", String::new()) } else { ("Story", format!("{}", 10_000 + epic)) };
        let day = 1 + n % 28;
        // Within an epic, after its first issue: n waits for n - 1 (inward), and n tells n + 1 (outward).
        let inward = if n != epic && n - 1 != epic && linked < links { key(n - 1) } else { String::new() };
        let outward = if n + 1 < issues && (n + 1) / per_epic.max(1) * per_epic.max(1) == epic && n != epic && linked < links {
            key(n + 1)
        } else {
            String::new()
        };
        if !inward.is_empty() {
            linked += 1;
        }
        let assignee = ["Tom Becker", "Dana Whitfield", "Grace Liu"][n % 3];
        let status = ["To Do", "In Progress", "Done", "Waiting for vendor"][n % 4];
        let category = ["To Do", "In Progress", "Done", "In Progress"][n % 4];
        let _ = writeln!(
            out,
            "Issue {n},{},{},{kind},{status},Medium,{assignee},{day:02}/Mar/27 12:00 AM,{day:02}/Feb/27 12:00 AM,web,patients,\
             \"Line one, with a comma.\nLine two.\",{inward},{outward},{parent},{category},\"01/Feb/27 9:00 AM;557058:abc;A comment\"",
            key(n),
            10_000 + n
        );
    }
    out.into_bytes()
}

/// A Project plan: 150 summary tasks at outline level 1, the rest below them, each task waiting
/// for the one before it in its summary (a day's lag every tenth).
fn msproject_xml(tasks: usize) -> Vec<u8> {
    let summaries = (tasks / 20).max(1);
    let per = tasks / summaries;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\">\n\
         <MinutesPerDay>480</MinutesPerDay>\n<Tasks>\n<Task><UID>0</UID><ID>0</ID><Name>Plan</Name><OutlineLevel>0</OutlineLevel></Task>\n",
    );
    for n in 1..=tasks {
        let first = (n - 1) % per == 0;
        let day = 1 + n % 28;
        let _ = write!(
            out,
            "<Task><UID>{n}</UID><ID>{n}</ID><Name>Task {n}</Name><OutlineLevel>{}</OutlineLevel>\
             <Start>2027-02-{day:02}T08:00:00</Start><Finish>2027-03-{day:02}T17:00:00</Finish><Milestone>0</Milestone>\
             <Summary>{}</Summary><PercentComplete>{}</PercentComplete>",
            if first { 1 } else { 2 },
            u8::from(first),
            (n % 3) * 50
        );
        if !first && (n - 2) % per != 0 {
            let _ = write!(
                out,
                "<PredecessorLink><PredecessorUID>{}</PredecessorUID><Type>1</Type><LinkLag>{}</LinkLag><LagFormat>7</LagFormat></PredecessorLink>",
                n - 1,
                if n % 10 == 0 { 4800 } else { 0 }
            );
        }
        out.push_str("</Task>\n");
    }
    out.push_str("</Tasks>\n<Resources><Resource><UID>1</UID><Name>Tom Becker</Name></Resource></Resources>\n<Assignments>");
    for n in (2..=tasks).step_by(2) {
        let _ = write!(out, "<Assignment><UID>{n}</UID><TaskUID>{n}</TaskUID><ResourceUID>1</ResourceUID></Assignment>");
    }
    out.push_str("</Assignments>\n</Project>\n");
    out.into_bytes()
}

/// An empty board with Dana (Marketing) and Tom (IT), shared through a folder when asked.
fn empty_board(path: &Path, shared: Option<&Path>) -> Store {
    let _ = std::fs::remove_file(path);
    let mut store = Store::open(path, None).unwrap();
    let person = |name: &str, department_id| {
        Op::CreatePerson(NewPerson { name: name.into(), email: String::new(), title: String::new(), department_id })
    };
    store.apply_all(&actor(), Utc::now(), vec![person("Dana Whitfield", MARKETING), person("Tom Becker", IT)]).unwrap();
    if let Some(share) = shared {
        let _ = std::fs::remove_dir_all(share);
        std::fs::create_dir_all(share).unwrap();
        let folder = Folder::for_board(share, &store.info().unwrap().id.to_string());
        store.share(&folder, "bench", &actor(), Utc::now()).unwrap();
    }
    store
}

fn tool(name: &str, source: Source, bytes: &[u8], dir: &Path, samples: usize, shared: bool) {
    let options = SourceOptions { create_people_in: Some(IT), ..SourceOptions::default() };
    let read = ReadOptions { time_zone: Some("America/Chicago".into()), ..ReadOptions::default() };
    let (mut previews, mut imports) = (Vec::new(), Vec::new());
    let mut counts = (0, 0, 0);
    for n in 0..samples {
        let share = shared.then(|| dir.join(format!("share-{n}")));
        let mut store = empty_board(&dir.join(format!("{name}-{n}.bridgeboard")), share.as_deref());
        let started = Instant::now();
        let plan = import::read_source(Path::new(name), bytes, source, &read).unwrap();
        import::preview_source(&mut store, &actor(), Utc::now(), source, &plan, &options).unwrap();
        previews.push(started.elapsed());
        let started = Instant::now();
        let plan = import::read_source(Path::new(name), bytes, source, &read).unwrap();
        let done = import::import_source(&mut store, &actor(), Utc::now(), source, &plan, &options).unwrap();
        imports.push(started.elapsed());
        counts = (done.initiatives + done.tasks, done.dependencies, done.comments);
    }
    let board = if shared { "a shared board" } else { "an unshared board" };
    println!("{name}, into {board}: {} items, {} dependencies, {} comments", counts.0, counts.1, counts.2);
    report("  preview (target <= 1 s)", previews, None);
    report("  import, durable (target <= 3 s)", imports, None);
}

fn main() {
    let (scale, full) = Scale::from_args();
    let (issues, links, tasks, samples) = if full { (5_000, 3_000, 3_000, 3) } else { (50, 30, 30, 1) };
    let dir: PathBuf = std::env::temp_dir().join(format!("bridgeboard-bench-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    let jira = jira_csv(issues, links);
    let project = msproject_xml(tasks);
    // `-- csv` measures only the CSV re-import, `-- shared` only the imports into a shared board
    // (to profile one of them).
    let only = |what: &str| std::env::args().any(|a| a == what);
    let (only_csv, only_shared) = (only("csv"), only("shared"));
    for shared in [false, true].into_iter().filter(|s| !only_csv && (*s || !only_shared)) {
        tool("Jira CSV", Source::Jira, &jira, &dir, samples, shared);
        tool("Project XML", Source::MsProject, &project, &dir, samples, shared);
    }
    if only_shared {
        return;
    }

    // Our own CSV export of the benchmark board, into an empty board with the same two people.
    let common::Generated { store, .. } = common::generate(&dir.join("benchmark.bridgeboard"), &scale);
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let csv = export::render(Format::Csv, &store, &Options::new(today)).unwrap();
    drop(store);
    let mut times = Vec::new();
    for n in 0..samples {
        let mut empty = Store::open(&dir.join(format!("csv-{n}.bridgeboard")), None).unwrap();
        let person = |name: &str, department_id| {
            Op::CreatePerson(NewPerson { name: name.into(), email: String::new(), title: String::new(), department_id })
        };
        empty.apply_all(&actor(), Utc::now(), vec![person("Dana", MARKETING), person("Tom", IT)]).unwrap();
        let started = Instant::now();
        import::csv::import_bytes(&mut empty, &actor(), Utc::now(), &csv, &Default::default()).unwrap();
        times.push(started.elapsed());
    }
    println!("our CSV export of the benchmark board ({} KiB), re-imported into an empty board:", csv.len() / 1024);
    report("  import, durable (target <= 1 s; measured before: about 2.4 s)", times, None);
    let _ = std::fs::remove_dir_all(&dir);
}

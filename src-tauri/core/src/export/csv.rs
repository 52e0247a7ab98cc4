//! The CSV export, for Excel users and other tools: one row per initiative followed by one row
//! per task of it, in the documented column set ([`COLUMNS`], described in `FORMATS.md`).
//!
//! Rules: UTF-8 with a byte-order mark (so Excel on Windows reads accents and emoji), RFC 4180
//! quoting and CRLF line ends, statuses and priorities by their wire spelling, dates as
//! `YYYY-MM-DD`, lists `;`-separated. A user-text cell that begins with `=` `+` `-` `@`, a tab or
//! a carriage return gets a `'` in front (OWASP's defence against CSV formula injection), and so
//! does one that already begins with `'`, so that an import can always remove exactly one
//! leading `'` and get the text back. Ids, dates and wire values are not user text and never
//! start with those characters.

use std::borrow::Cow;

use crate::export::roadmap::{Lane, Roadmap, RoadmapTask};
use crate::export::text::{day, gate_list, ids, kpi_list, name, yes_no};
use crate::{Error, Result};

/// The header row, in order.
pub const COLUMNS: &[&str] = &[
    "id",
    "type",
    "initiative_id",
    "initiative",
    "title",
    "department",
    "marketing_owner",
    "it_owner",
    "assignee",
    "status",
    "priority",
    "start",
    "finish",
    "milestone",
    "depends_on",
    "blocked",
    "tags",
    "accountable",
    "gates",
    "kpis",
];

const BOM: &str = "\u{feff}";

/// The characters that make a spreadsheet read a cell as a formula (OWASP), plus `'` itself so
/// that the guard can always be undone.
const GUARDED: &[char] = &['=', '+', '-', '@', '\t', '\r', '\''];

/// A user-text cell made safe to open in a spreadsheet.
pub fn guard(text: &str) -> Cow<'_, str> {
    if text.starts_with(GUARDED) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

pub fn render(roadmap: &Roadmap) -> Result<Vec<u8>> {
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BOM.as_bytes().to_vec());
    let fail = |err: csv::Error| Error::Storage(format!("The CSV export could not be written ({err})."));
    out.write_record(COLUMNS).map_err(fail)?;
    for lane in &roadmap.lanes {
        out.write_record(initiative_row(lane).iter().map(|cell| cell.as_bytes())).map_err(fail)?;
        for task in &lane.tasks {
            out.write_record(task_row(lane, task).iter().map(|cell| cell.as_bytes())).map_err(fail)?;
        }
    }
    out.into_inner().map_err(|err| Error::Storage(format!("The CSV export could not be written ({err}).")))
}

/// A cell that owns its text only where it had to be built: most cells borrow from the
/// roadmap, since an owned copy of every cell was most of the time rendering took.
type Cell<'a> = Cow<'a, str>;

/// An owned guarded cell, for text built for the cell.
fn guard_owned(text: String) -> Cell<'static> {
    if text.starts_with(GUARDED) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

fn initiative_row(lane: &Lane) -> [Cell<'_>; 20] {
    let i = &lane.initiative;
    [
        i.id.to_string().into(),
        "initiative".into(),
        i.id.to_string().into(),
        guard(&i.title),
        guard(&i.title),
        "".into(),
        guard(name(lane.marketing_owner.as_ref())),
        guard(name(lane.it_owner.as_ref())),
        "".into(),
        i.status.wire().into(),
        i.priority.wire().into(),
        day(i.start).into(),
        day(i.target).into(),
        yes_no(false).into(),
        ids(&lane.depends_on).into(),
        yes_no(lane.blocked).into(),
        guard_owned(i.tags.join(";")),
        guard(name(lane.accountable.as_ref())),
        guard_owned(gate_list(lane)),
        guard_owned(kpi_list(lane)),
    ]
}

fn task_row<'a>(lane: &'a Lane, rt: &'a RoadmapTask) -> [Cell<'a>; 20] {
    let (i, t) = (&lane.initiative, &rt.task);
    [
        t.id.to_string().into(),
        "task".into(),
        i.id.to_string().into(),
        guard(&i.title),
        guard(&t.title),
        guard(&rt.department.name),
        guard(name(lane.marketing_owner.as_ref())),
        guard(name(lane.it_owner.as_ref())),
        guard(name(rt.assignee.as_ref())),
        t.status.wire().into(),
        "".into(),
        day(t.start).into(),
        day(t.due).into(),
        yes_no(t.kind == crate::TaskKind::Milestone).into(),
        ids(&rt.depends_on).into(),
        yes_no(rt.blocked).into(),
        "".into(),
        "".into(),
        "".into(),
        "".into(),
    ]
}

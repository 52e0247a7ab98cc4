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
pub fn guard(text: &str) -> std::borrow::Cow<'_, str> {
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
        out.write_record(initiative_row(lane)).map_err(fail)?;
        for task in &lane.tasks {
            out.write_record(task_row(lane, task)).map_err(fail)?;
        }
    }
    out.into_inner().map_err(|err| Error::Storage(format!("The CSV export could not be written ({err}).")))
}

fn initiative_row(lane: &Lane) -> [String; 20] {
    let i = &lane.initiative;
    [
        i.id.to_string(),
        "initiative".into(),
        i.id.to_string(),
        guard(&i.title).into(),
        guard(&i.title).into(),
        String::new(),
        guard(name(lane.marketing_owner.as_ref())).into(),
        guard(name(lane.it_owner.as_ref())).into(),
        String::new(),
        i.status.wire().into(),
        i.priority.wire().into(),
        day(i.start),
        day(i.target),
        yes_no(false).into(),
        ids(&lane.depends_on),
        yes_no(lane.blocked).into(),
        guard(&i.tags.join(";")).into(),
        guard(name(lane.accountable.as_ref())).into(),
        guard(&gate_list(lane)).into(),
        guard(&kpi_list(lane)).into(),
    ]
}

fn task_row(lane: &Lane, rt: &RoadmapTask) -> [String; 20] {
    let (i, t) = (&lane.initiative, &rt.task);
    [
        t.id.to_string(),
        "task".into(),
        i.id.to_string(),
        guard(&i.title).into(),
        guard(&t.title).into(),
        guard(&rt.department.name).into(),
        guard(name(lane.marketing_owner.as_ref())).into(),
        guard(name(lane.it_owner.as_ref())).into(),
        guard(name(rt.assignee.as_ref())).into(),
        t.status.wire().into(),
        String::new(),
        day(t.start),
        day(t.due),
        yes_no(t.kind == crate::TaskKind::Milestone).into(),
        ids(&rt.depends_on),
        yes_no(rt.blocked).into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

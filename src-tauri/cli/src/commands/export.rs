//! `export`: renders the board through the core's exporters and writes the file atomically.
//! Names (department, owner) are resolved like every other command's; `--today` fixes the date
//! so that the same board and options give the same bytes here and in the app.

use bridgeboard_core::export::{self, Format, Options, Report, RoadmapFilter};
use bridgeboard_core::{Error, Result, Store};

use super::Clock;
use crate::args::ExportArgs;
use crate::parse;
use crate::resolve::Snapshot;

pub fn export(store: &Store, args: &ExportArgs, clock: Clock) -> Result<String> {
    let format = Format::from_wire(&args.format).ok_or_else(|| Error::Validation(format!("“{}” is not an export format.", args.format)))?;
    let today = match &args.today {
        Some(text) => parse::date(text)?,
        None => clock.today,
    };
    let paper = match args.paper.as_deref() {
        None => export::Paper::default(),
        Some(text) => {
            export::Paper::from_wire(text).ok_or_else(|| Error::Validation(format!("“{text}” is not a paper size; use a4 or letter.")))?
        }
    };
    let report = match args.report.as_deref() {
        None => Report::Roadmap,
        Some(text) => Report::from_wire(text).ok_or_else(|| {
            Error::Validation(format!("“{text}” is not a report; use roadmap, raci or baseline:NAME (the name of a saved baseline)."))
        })?,
    };
    let options = Options { filter: filter(store, args, today)?, today, paper, detail_tasks: args.detail.is_some(), report };
    export::save(&args.out, format, store, &options)?;
    Ok(args.out.display().to_string())
}

fn filter(store: &Store, args: &ExportArgs, today: chrono::NaiveDate) -> Result<RoadmapFilter> {
    let from = parse::optional_date(args.from.as_deref())?;
    let to = parse::optional_date(args.to.as_deref())?;
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(Error::Validation(format!("--from {from} is after --to {to}; give the earlier day first.")));
        }
    }
    let statuses = args.statuses.iter().map(|s| parse::initiative_status(s)).collect::<Result<Vec<_>>>()?;
    let (department_id, owner_id) = if args.department.is_some() || args.owner.is_some() {
        let board = Snapshot::read(store, today)?;
        (args.department.as_deref().map(|d| board.department(d)).transpose()?, board.person_id(args.owner.as_deref())?)
    } else {
        (None, None)
    };
    let tag = args.tag.as_ref().map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    Ok(RoadmapFilter { from, to, department_id, owner_id, statuses, tag })
}

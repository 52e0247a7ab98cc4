//! Exports of the joint roadmap. [`roadmap::Roadmap`] is the one model; each format renders it.
//! Every file is written atomically ([`save`]), so a failed export never
//! leaves half a file over a good one.
//!
//! The contract every format keeps: the same board, filter and `today` give the same bytes (no
//! clock reads, no hash-map order, stable sorting), so the app and the CLI produce identical
//! files. `FORMATS.md` beside this crate documents each format.

pub mod baseline;
pub mod csv;
pub mod detail;
pub mod html;
pub mod ics;
pub mod json;
pub mod markdown;
pub mod picture;
pub mod raci;
pub mod roadmap;
pub mod svg;
mod text;
pub mod xlsx;

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result, Store};

pub use picture::Paper;
pub use roadmap::{Lane, Roadmap, RoadmapFilter, RoadmapTask, RoadmapView, Span};

/// What to export to, by the wire name used by the CLI (`--format`) and file dialogs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Xlsx,
    Json,
    Md,
    Ics,
    Svg,
    Png,
    Pdf,
    Html,
}

impl Format {
    pub const ALL: &'static [Format] =
        &[Format::Csv, Format::Xlsx, Format::Json, Format::Md, Format::Ics, Format::Svg, Format::Png, Format::Pdf, Format::Html];

    /// The spelling on the command line, and the usual file extension.
    pub fn wire(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
            Format::Md => "md",
            Format::Ics => "ics",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }

    pub fn from_wire(text: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.wire() == text.trim().to_ascii_lowercase())
    }

    /// JSON is the whole board (a backup), so the roadmap filters do not apply to it.
    pub fn takes_filters(self) -> bool {
        self != Format::Json
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.wire())
    }
}

/// What an export shows: the joint roadmap (every format), the RACI matrix, or the comparison
/// with a named baseline (those two are tables: CSV, Excel, Markdown and HTML; the RACI matrix's
/// only filter is the department, the comparison has none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Report {
    #[default]
    Roadmap,
    Raci,
    /// The baseline comparison against the baseline of this name.
    Baseline(String),
}

impl Report {
    /// `roadmap`, `raci` or `baseline:NAME`, as the CLI spells them.
    pub fn from_wire(text: &str) -> Option<Report> {
        let text = text.trim();
        if let Some((kind, name)) = text.split_once(':') {
            return (kind.trim().eq_ignore_ascii_case("baseline") && !name.trim().is_empty())
                .then(|| Report::Baseline(name.trim().to_string()));
        }
        match text.to_ascii_lowercase().as_str() {
            "roadmap" => Some(Report::Roadmap),
            "raci" => Some(Report::Raci),
            _ => None,
        }
    }

    /// The file name a save dialog proposes, without the extension.
    pub fn file_stem(&self) -> &'static str {
        match self {
            Report::Roadmap => "roadmap",
            Report::Raci => "raci",
            Report::Baseline(_) => "baseline-comparison",
        }
    }
}

/// Everything an export depends on besides the board itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub filter: RoadmapFilter,
    /// The day the output shows and computes from (lateness, the calendar stamp, the title).
    pub today: NaiveDate,
    /// The paper a PDF is laid out for.
    pub paper: Paper,
    /// The pictures (svg, png, pdf) draw every task, over several pages, instead of the
    /// one-page executive roadmap.
    pub detail_tasks: bool,
    pub report: Report,
}

impl Options {
    pub fn new(today: NaiveDate) -> Options {
        Options { filter: RoadmapFilter::default(), today, paper: Paper::default(), detail_tasks: false, report: Report::Roadmap }
    }
}

/// Renders the board in `format`: JSON from the whole board (every row, deleted ones too), the
/// others from the filtered [`Roadmap`].
pub fn render(format: Format, store: &Store, options: &Options) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    render_to(format, store, options, &mut bytes)?;
    Ok(bytes)
}

/// Renders an export into `out`. The JSON export streams (it is the whole board, tens of
/// megabytes for a large one); the others are rendered in memory first.
pub fn render_to(format: Format, store: &Store, options: &Options, out: &mut (impl Write + Send)) -> Result<()> {
    if format == Format::Json {
        return json::write(store, out);
    }
    let bytes = match &options.report {
        Report::Roadmap => render_roadmap(format, &Roadmap::build(&store.snapshot()?, &options.filter, options.today), options)?,
        Report::Raci => render_raci(format, &store.raci_matrix(options.filter.department_id, options.today)?)?,
        Report::Baseline(name) => render_baseline(format, &store.baseline_report(name, options.today)?)?,
    };
    out.write_all(&bytes).map_err(|err| Error::Storage(format!("The export could not be written ({err}); nothing was exported.")))
}

/// Renders an export straight into the file at `path`, atomically (temp file in the same folder,
/// fsync, rename), so an existing file is either replaced whole or left as it was. The folder
/// must exist: a mistyped folder is refused rather than silently created somewhere unexpected.
/// This is what the app and the CLI call.
pub fn save(path: &Path, format: Format, store: &Store, options: &Options) -> Result<()> {
    check_target(path)?;
    crate::fsutil::write_atomically_with(path, |file| render_to(format, store, options, file))
}

/// Renders an already built roadmap; JSON needs the whole board, so it goes through [`render`].
pub fn render_roadmap(format: Format, roadmap: &Roadmap, options: &Options) -> Result<Vec<u8>> {
    match format {
        Format::Csv => csv::render(roadmap),
        Format::Xlsx => xlsx::render(roadmap),
        Format::Md => Ok(markdown::render(roadmap).into_bytes()),
        Format::Ics => Ok(ics::render(roadmap).into_bytes()),
        Format::Json => {
            Err(Error::Validation("The JSON export is the whole board, not a roadmap; export it from the board itself.".into()))
        }
        Format::Svg if options.detail_tasks => Ok(detail::stacked(roadmap, svg::Page::SLIDE)?.into_bytes()),
        Format::Svg => Ok(svg::render(roadmap, svg::Page::SLIDE).into_bytes()),
        Format::Png if options.detail_tasks => picture::png_detail(roadmap),
        Format::Png => picture::png(roadmap),
        Format::Pdf if options.detail_tasks => picture::pdf_detail(roadmap, options.paper),
        Format::Pdf => picture::pdf(roadmap, options.paper),
        Format::Html => Ok(html::render(roadmap).into_bytes()),
    }
}

/// Renders the RACI matrix: a table, so CSV, Excel, Markdown or HTML.
pub fn render_raci(format: Format, matrix: &crate::domain::raci::RaciMatrix) -> Result<Vec<u8>> {
    match format {
        Format::Csv => raci::csv(matrix),
        Format::Xlsx => raci::xlsx(matrix),
        Format::Md => Ok(raci::markdown(matrix).into_bytes()),
        Format::Html => Ok(raci::html(matrix).into_bytes()),
        other => Err(only_tables("The RACI matrix", other)),
    }
}

/// Renders the baseline comparison: a table, so CSV, Excel, Markdown or HTML.
pub fn render_baseline(format: Format, report: &crate::domain::baselines::BaselineReport) -> Result<Vec<u8>> {
    match format {
        Format::Csv => baseline::csv(report),
        Format::Xlsx => baseline::xlsx(report),
        Format::Md => Ok(baseline::markdown(report).into_bytes()),
        Format::Html => Ok(baseline::html(report).into_bytes()),
        other => Err(only_tables("The baseline comparison", other)),
    }
}

fn only_tables(what: &str, format: Format) -> Error {
    Error::Validation(format!("{what} exports as CSV, Excel (xlsx), Markdown (md) or HTML, not {format}; choose one of those."))
}

fn check_target(path: &Path) -> Result<()> {
    let folder = crate::fsutil::folder_of(path);
    if !folder.is_dir() {
        return Err(Error::Validation(format!(
            "The folder {} does not exist; create it first or choose another place for the export.",
            folder.display()
        )));
    }
    if path.is_dir() {
        return Err(Error::Validation(format!(
            "{} is a folder; give a file name for the export, such as {}.",
            path.display(),
            path.join("roadmap.csv").display()
        )));
    }
    Ok(())
}

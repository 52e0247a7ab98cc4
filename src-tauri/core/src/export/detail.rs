//! The detailed roadmap (`--detail tasks`): every task on a row of its own under its initiative,
//! over as many pages as it takes, with the same title, axis, today line and legend as the
//! one-page roadmap (`svg.rs`). A task bar is filled with its department's colour and named by
//! its department in text; milestones are diamonds; rows without dates say so.

use chrono::Duration;

use super::roadmap::{Lane, Roadmap, RoadmapTask};
use super::svg::{self, Canvas, Page, CHART_W, LABEL_W, MARGIN, W};
use crate::domain::model::TaskKind;
use crate::{Error, Result};

const ROW_H: f32 = 30.0;

/// The most pages a stacked SVG or PNG may hold; past that only the PDF makes sense.
pub const MAX_STACKED_PAGES: usize = 12;

enum Row<'a> {
    Initiative(&'a Lane),
    /// The initiative's name again at the top of a page its tasks run onto.
    Continued(&'a Lane),
    Task(&'a Lane, &'a RoadmapTask),
}

/// Splits the rows into pages of `per_page`, repeating an initiative's name on a page that
/// begins in the middle of its tasks.
fn paginate(roadmap: &Roadmap, per_page: usize) -> Vec<Vec<Row<'_>>> {
    let mut pages: Vec<Vec<Row>> = vec![Vec::new()];
    for lane in &roadmap.lanes {
        let rows = std::iter::once(Row::Initiative(lane)).chain(lane.tasks.iter().map(|t| Row::Task(lane, t)));
        for row in rows {
            if pages.last().is_some_and(|p| p.len() >= per_page) {
                let mut next = Vec::new();
                if let Row::Task(lane, _) = row {
                    next.push(Row::Continued(lane));
                }
                pages.push(next);
            }
            pages.last_mut().expect("there is always a page").push(row);
        }
    }
    pages
}

/// The detailed roadmap's pages, each the content of one page (wrap with `svg::document`).
pub fn pages(roadmap: &Roadmap, size: Page) -> Vec<String> {
    let height = svg::layout_height(size);
    // At least two rows a page, so that a continued initiative's name never fills one alone.
    let per_page = ((height - svg::FOOTER_H - svg::LANES_Y) / ROW_H).floor().max(2.0) as usize;
    let chunks = paginate(roadmap, per_page);
    let total = chunks.len();
    chunks
        .iter()
        .enumerate()
        .map(|(n, chunk)| {
            let note = format!("every task · page {} of {total}", n + 1);
            svg::page(roadmap, size, Some(&note), |c, _| {
                for (i, row) in chunk.iter().enumerate() {
                    draw(c, row, svg::LANES_Y + i as f32 * ROW_H, i);
                }
            })
        })
        .collect()
}

/// The detailed roadmap's pages stacked into one SVG, refused when it would be too tall to use.
pub fn stacked(roadmap: &Roadmap, size: Page) -> Result<String> {
    let pages = pages(roadmap, size);
    if pages.len() > MAX_STACKED_PAGES {
        return Err(Error::Validation(format!(
            "Every task of this roadmap takes {} pages, too tall for one picture (at most {MAX_STACKED_PAGES}). Export it as PDF, or filter it.",
            pages.len()
        )));
    }
    Ok(svg::document(size, &pages))
}

fn draw(c: &mut Canvas, row: &Row, top: f32, index: usize) {
    if index % 2 == 1 {
        c.out.push_str(&format!(
            "<rect x=\"{MARGIN}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{ROW_H}\" fill=\"#f8fafc\"/>\n",
            W - 2.0 * MARGIN
        ));
    }
    match row {
        Row::Initiative(lane) => {
            c.text(MARGIN + 6.0, top + 20.0, 15.0, "font-weight=\"bold\"", &svg::fit(&lane.initiative.title, LABEL_W - 10.0, 15.0));
            if let Some(span) = lane.span {
                svg::bar(c, lane, span, top - 8.0, ROW_H + 16.0);
            }
        }
        Row::Continued(lane) => {
            let title = format!("{} (continued)", lane.initiative.title);
            c.text(MARGIN + 6.0, top + 20.0, 15.0, "font-weight=\"bold\" fill=\"#475569\"", &svg::fit(&title, LABEL_W - 10.0, 15.0));
        }
        Row::Task(_, task) => task_row(c, task, top),
    }
}

fn task_row(c: &mut Canvas, t: &RoadmapTask, top: f32) {
    let label = format!("{} · {}", department_tag(&t.department.name), t.task.title);
    c.text(MARGIN + 24.0, top + 20.0, 13.0, "fill=\"#334155\"", &svg::fit(&label, LABEL_W - 28.0, 13.0));
    let Some(span) = t.span else {
        c.text(svg::CHART_X + 8.0, top + 20.0, 12.0, "fill=\"#64748b\"", "no dates yet");
        return;
    };
    let color = t.department.color.as_str();
    if t.task.kind == TaskKind::Milestone {
        let x = c.x(span.finish) + CHART_W / c.days / 2.0;
        svg::diamond(c, x, top + ROW_H / 2.0, 9.0, color);
        c.text(x + 14.0, top + 20.0, 12.0, "fill=\"#0f172a\"", t.task.status.label());
        return;
    }
    let x0 = c.x(span.start);
    let x1 = c.x(span.finish + Duration::days(1)).max(x0 + 4.0);
    c.out.push_str(&format!(
        "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"16\" rx=\"3\" fill=\"{}\" stroke=\"#0f172a\" stroke-width=\"1\"/>\n",
        top + 7.0,
        x1 - x0,
        svg::escape(color)
    ));
    let status = t.task.status.label();
    let note = if t.blocked { format!("{status} · BLOCKED") } else { status.to_string() };
    c.text(x1 + 6.0, top + 20.0, 12.0, "fill=\"#0f172a\"", &note);
}

/// "Mkt", "IT", or the first letters of another department, so colour is never the only sign.
fn department_tag(name: &str) -> String {
    match name {
        "Marketing" => "Mkt".into(),
        "IT" => "IT".into(),
        other => other.chars().take(4).collect(),
    }
}

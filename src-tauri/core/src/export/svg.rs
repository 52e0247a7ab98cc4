//! The one-page executive roadmap as SVG: a lane per initiative with its span, milestones and
//! status, a month axis, the today line, a legend, the title and the date. PNG and PDF are
//! converted from this same picture (`png.rs`, `pdf.rs`), and the HTML page embeds it.
//!
//! Readable in grey and for colour-blind readers: statuses differ in lightness and outline as well
//! as hue, and every bar, owner and marker also carries a text label. Text is drawn in the bundled
//! Noto Sans (see `fonts`) so the picture looks the same on every machine. Every piece of user
//! text is XML-escaped.

use chrono::{Datelike, Duration, NaiveDate};

use super::roadmap::{Lane, Roadmap, Span};
use crate::domain::model::{InitiativeStatus, TaskKind, IT, MARKETING};

/// The picture's shape. The drawing is laid out 1600 units wide; the height follows the
/// page's aspect ratio, and `width`/`height` give the physical size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    /// "px" for screens and slides; none for paper, where one unit is one PDF point.
    pub unit: &'static str,
}

impl Page {
    /// A 16:9 slide, rendered at 1920 × 1080 pixels.
    pub const SLIDE: Page = Page { width: 1920.0, height: 1080.0, unit: "px" };
    /// A4 landscape (297 × 210 mm), in points.
    pub const A4: Page = Page { width: 842.0, height: 595.0, unit: "" };
    /// US Letter landscape (11 × 8.5 in), in points.
    pub const LETTER: Page = Page { width: 792.0, height: 612.0, unit: "" };
}

pub(super) const W: f32 = 1600.0;
pub(super) const MARGIN: f32 = 40.0;
pub(super) const LABEL_W: f32 = 440.0;
pub(super) const CHART_X: f32 = MARGIN + LABEL_W + 10.0;
pub(super) const CHART_W: f32 = W - MARGIN - CHART_X;
const AXIS_Y: f32 = 140.0;
pub(super) const LANES_Y: f32 = 170.0;
pub(super) const FOOTER_H: f32 = 64.0;
const MIN_LANE_H: f32 = 30.0;
const MAX_LANE_H: f32 = 88.0;

/// How a status looks: fill, outline, dashes, and the text colour on the bar.
pub(super) fn status_style(status: InitiativeStatus) -> (&'static str, &'static str, &'static str, &'static str) {
    match status {
        InitiativeStatus::Proposed => ("#ffffff", "#475569", "7 4", "#1e293b"),
        InitiativeStatus::Planned => ("#c7dcfb", "#1d4ed8", "none", "#0f172a"),
        InitiativeStatus::InProgress => ("#2563eb", "#1e3a8a", "none", "#ffffff"),
        InitiativeStatus::Live => ("#14532d", "#052e16", "none", "#ffffff"),
        InitiativeStatus::Cancelled => ("#e5e7eb", "#9ca3af", "2 3", "#4b5563"),
    }
}

/// XML-escapes user text for element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Cuts text to roughly `width` units at `size`, with an ellipsis. Noto Sans averages about
/// 0.55 em per character; this only has to keep labels out of each other's way.
pub(super) fn fit(text: &str, width: f32, size: f32) -> String {
    let max = ((width / (size * 0.55)) as usize).max(1);
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// The days the axis covers: the roadmap's span and today, widened to whole months.
fn axis_range(roadmap: &Roadmap) -> Option<(NaiveDate, NaiveDate)> {
    let span = roadmap.span()?;
    let first = span.start.min(roadmap.today);
    let last = span.finish.max(roadmap.today);
    let start = first.with_day(1)?;
    let after = next_month(last.with_day(1)?);
    Some((start, after))
}

fn next_month(d: NaiveDate) -> NaiveDate {
    if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1).expect("January 1st exists")
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1).expect("the 1st exists")
    }
}

pub(super) struct Canvas {
    pub(super) out: String,
    start: NaiveDate,
    pub(super) days: f32,
}

impl Canvas {
    pub(super) fn x(&self, day: NaiveDate) -> f32 {
        CHART_X + CHART_W * ((day - self.start).num_days() as f32 / self.days)
    }

    pub(super) fn text(&mut self, x: f32, y: f32, size: f32, attrs: &str, text: &str) {
        self.out.push_str(&format!("<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size:.1}\" {attrs}>{}</text>\n", escape(text)));
    }
}

/// The drawing's height in layout units for `page` (the width is always 1600).
pub(super) fn layout_height(page: Page) -> f32 {
    W * page.height / page.width
}

/// Wraps drawn content in an SVG document of `page`'s physical size; `pages` of them stacked
/// top to bottom.
pub(super) fn document(page: Page, pages: &[String]) -> String {
    let height = layout_height(page);
    let n = pages.len().max(1) as f32;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}{unit}\" height=\"{}{unit}\" viewBox=\"0 0 {W} {:.1}\" \
         font-family=\"Noto Sans\" fill=\"#0f172a\">\n<rect width=\"{W}\" height=\"{:.1}\" fill=\"#ffffff\"/>\n",
        page.width,
        page.height * n,
        height * n,
        height * n,
        unit = page.unit,
    );
    for (k, content) in pages.iter().enumerate() {
        if k > 0 {
            out.push_str(&format!("<g transform=\"translate(0 {:.1})\">\n", height * k as f32));
        }
        out.push_str(content);
        if k > 0 {
            out.push_str("</g>\n");
        }
    }
    out.push_str("</svg>\n");
    out
}

/// One page's content: title, legend, axis, today line and footer around what `body` draws in
/// the lanes area. `note` joins the subtitle ("page 2 of 5").
pub(super) fn page(roadmap: &Roadmap, page: Page, note: Option<&str>, body: impl FnOnce(&mut Canvas, f32)) -> String {
    let height = layout_height(page);
    let mut c = Canvas { out: String::new(), start: roadmap.today, days: 1.0 };
    header(&mut c, roadmap, note);
    legend(&mut c, height);
    match axis_range(roadmap) {
        None => c.text(MARGIN, LANES_Y + 40.0, 20.0, "fill=\"#475569\"", "No initiative on this roadmap has dates yet."),
        Some((start, end)) => {
            c.start = start;
            c.days = (end - start).num_days().max(1) as f32;
            axis(&mut c, start, end, height);
            body(&mut c, height);
            today_line(&mut c, roadmap.today, height);
        }
    }
    footer(&mut c, roadmap, height);
    c.out
}

/// Renders the one-page executive roadmap for `page`.
pub fn render(roadmap: &Roadmap, size: Page) -> String {
    document(size, &[page(roadmap, size, None, |c, height| lanes(c, roadmap, height))])
}

fn header(c: &mut Canvas, roadmap: &Roadmap, note: Option<&str>) {
    c.text(MARGIN, 62.0, 32.0, "font-weight=\"bold\"", &format!("Joint roadmap: {}", roadmap.board.name));
    let mut subtitle = format!("Marketing and IT initiatives as of {}", roadmap.today.format("%-d %B %Y"));
    let undated = roadmap.lanes.iter().filter(|l| l.span.is_none()).count();
    if undated > 0 {
        subtitle.push_str(&format!(" · {undated} without dates not drawn"));
    }
    if let Some(note) = note {
        subtitle.push_str(&format!(" · {note}"));
    }
    c.text(MARGIN, 96.0, 18.0, "fill=\"#475569\"", &subtitle);
}

/// The key, along the bottom edge: statuses, milestone, today, and the owner chips.
fn legend(c: &mut Canvas, height: f32) {
    let baseline = height - 18.0;
    let mut x = W - MARGIN - 1000.0;
    for status in [InitiativeStatus::Proposed, InitiativeStatus::Planned, InitiativeStatus::InProgress, InitiativeStatus::Live] {
        let (fill, stroke, dash, _) = status_style(status);
        c.out.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"26\" height=\"16\" rx=\"3\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>\n",
            baseline - 13.0
        ));
        c.text(x + 32.0, baseline, 15.0, "", status.label());
        x += 40.0 + status.label().len() as f32 * 8.5;
    }
    diamond(c, x + 9.0, baseline - 5.0, 9.0, "#f59e0b");
    c.text(x + 24.0, baseline, 15.0, "", "Milestone");
    x += 110.0;
    c.out.push_str(&format!(
        "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#b91c1c\" stroke-width=\"3\" stroke-dasharray=\"6 3\"/>\n",
        baseline - 16.0,
        baseline + 3.0
    ));
    c.text(x + 8.0, baseline, 15.0, "", "Today");
    x += 70.0;
    for (label, color, meaning) in [("Mkt", MARKETING_COLOR, "Marketing owner"), ("IT", IT_COLOR, "IT owner")] {
        x += owner_chip(c, x, baseline, label, color) + 6.0;
        c.text(x, baseline, 15.0, "", meaning);
        x += meaning.len() as f32 * 8.5 + 18.0;
    }
}

pub(super) const MARKETING_COLOR: &str = "#6d28d9";
pub(super) const IT_COLOR: &str = "#0f766e";

/// Draws a department chip ("Mkt", "IT"); returns its width.
pub(super) fn owner_chip(c: &mut Canvas, x: f32, baseline: f32, label: &str, color: &str) -> f32 {
    let width = 14.0 + label.len() as f32 * 10.0;
    c.out.push_str(&format!(
        "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"20\" rx=\"4\" fill=\"{color}\"/>\n",
        baseline - 15.0
    ));
    c.text(x + 7.0, baseline, 14.0, "fill=\"#ffffff\" font-weight=\"bold\"", label);
    width
}

pub(super) fn diamond(c: &mut Canvas, x: f32, y: f32, r: f32, fill: &str) {
    c.out.push_str(&format!(
        "<path d=\"M {x:.1} {:.1} L {:.1} {y:.1} L {x:.1} {:.1} L {:.1} {y:.1} Z\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n",
        y - r,
        x + r,
        y + r,
        x - r
    ));
}

fn axis(c: &mut Canvas, start: NaiveDate, end: NaiveDate, height: f32) {
    let bottom = height - FOOTER_H;
    let mut month = start;
    let wide = c.days / 30.0 > 18.0;
    while month < end {
        let x = c.x(month);
        let quarter_start = month.month() % 3 == 1;
        let stroke = if quarter_start { "#94a3b8" } else { "#e2e8f0" };
        c.out.push_str(&format!(
            "<line x1=\"{x:.1}\" y1=\"{AXIS_Y:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\" stroke=\"{stroke}\" stroke-width=\"1\"/>\n"
        ));
        let label =
            if quarter_start { format!("Q{} {}", (month.month() - 1) / 3 + 1, month.year()) } else { month.format("%b").to_string() };
        if !wide || quarter_start {
            let weight = if quarter_start { "font-weight=\"bold\"" } else { "fill=\"#475569\"" };
            c.text(x + 4.0, AXIS_Y + 20.0, 14.0, weight, &label);
        }
        month = next_month(month);
    }
}

fn lanes(c: &mut Canvas, roadmap: &Roadmap, height: f32) {
    let dated: Vec<&Lane> = roadmap.lanes.iter().filter(|l| l.span.is_some()).collect();
    let room = height - FOOTER_H - LANES_Y;
    let fits = ((room / MIN_LANE_H) as usize).max(1);
    let shown = dated.len().min(fits);
    let lane_h = (room / shown.max(1) as f32).clamp(MIN_LANE_H, MAX_LANE_H);
    for (n, lane) in dated.iter().take(shown).enumerate() {
        let top = LANES_Y + n as f32 * lane_h;
        if n % 2 == 1 {
            c.out.push_str(&format!(
                "<rect x=\"{MARGIN}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{lane_h:.1}\" fill=\"#f8fafc\"/>\n",
                W - 2.0 * MARGIN
            ));
        }
        lane_row(c, lane, top, lane_h);
    }
    if dated.len() > shown {
        let more = dated.len() - shown;
        c.text(
            MARGIN,
            height - FOOTER_H + 22.0,
            15.0,
            "fill=\"#b91c1c\"",
            &format!("+ {more} more initiatives not shown: filter the export, or export with every task (--detail tasks)."),
        );
    }
}

fn lane_row(c: &mut Canvas, lane: &Lane, top: f32, lane_h: f32) {
    let big = lane_h >= 48.0;
    let title_size = if big { 17.0 } else { 14.0 };
    let i = &lane.initiative;
    let title_y = if big { top + lane_h * 0.42 } else { top + lane_h * 0.62 };
    c.text(MARGIN + 6.0, title_y, title_size, "font-weight=\"bold\"", &fit(&i.title, LABEL_W - 10.0, title_size));
    if big {
        let owners = [(MARKETING, &lane.marketing_owner), (IT, &lane.it_owner)];
        let mut x = MARGIN + 6.0;
        for (dept, owner) in owners {
            let (label, color) = if dept == MARKETING { ("Mkt", MARKETING_COLOR) } else { ("IT", IT_COLOR) };
            x += owner_chip(c, x, top + lane_h * 0.8, label, color) + 6.0;
            let name = owner.as_ref().map_or("none", |p| p.name.as_str());
            let name = fit(name, 150.0, 13.0);
            c.text(x, top + lane_h * 0.8, 13.0, "fill=\"#334155\"", &name);
            x += name.chars().count() as f32 * 13.0 * 0.55 + 16.0;
        }
    }
    let Some(span) = lane.span else { return };
    bar(c, lane, span, top, lane_h);
}

pub(super) fn bar(c: &mut Canvas, lane: &Lane, span: Span, top: f32, lane_h: f32) {
    let status = lane.initiative.status;
    let (fill, stroke, dash, ink) = status_style(status);
    let x0 = c.x(span.start);
    let x1 = c.x(span.finish + Duration::days(1)).max(x0 + 4.0);
    let bar_h = (lane_h * 0.46).min(30.0);
    let y = top + (lane_h - bar_h) / 2.0;
    c.out.push_str(&format!(
        "<rect x=\"{x0:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bar_h:.1}\" rx=\"4\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>\n",
        x1 - x0
    ));
    let mut notes = vec![status.label().to_string()];
    if lane.late {
        notes.push("LATE".into());
    }
    if lane.blocked {
        notes.push("BLOCKED".into());
    }
    let gates = &lane.gate_summary;
    if !gates.failed.is_empty() {
        notes.push("GATE FAILED".into());
    } else if gates.total > 0 {
        notes.push(format!("{}/{} gates", gates.settled, gates.total));
    }
    let (on_track, read) = lane.kpis_on_track();
    if read > 0 {
        notes.push(format!("{on_track}/{read} KPIs on track"));
    }
    if let Some(target) = lane.initiative.target {
        notes.push(format!("go-live {}", target.format("%-d %b")));
    }
    let label = notes.join(" · ");
    let size = 13.0;
    let inside = (x1 - x0) > label.chars().count() as f32 * size * 0.58 + 12.0;
    let text_y = y + bar_h / 2.0 + size * 0.36;
    if inside {
        c.text(x0 + 8.0, text_y, size, &format!("fill=\"{ink}\" font-weight=\"bold\""), &label);
    } else if x1 + 8.0 + label.chars().count() as f32 * size * 0.58 < W - MARGIN {
        c.text(x1 + 8.0, text_y, size, "fill=\"#0f172a\" font-weight=\"bold\"", &label);
    } else {
        c.text(x0 - 8.0, text_y, size, "fill=\"#0f172a\" font-weight=\"bold\" text-anchor=\"end\"", &label);
    }
    for task in lane.tasks.iter().filter(|t| t.task.kind == TaskKind::Milestone) {
        let Some(day) = task.task.due.or(task.task.start) else { continue };
        let mx = c.x(day) + CHART_W / c.days / 2.0;
        diamond(c, mx, y + bar_h / 2.0, (bar_h * 0.45).min(11.0), "#f59e0b");
        if lane_h >= 56.0 {
            c.text(mx, y + bar_h + 14.0, 11.0, "fill=\"#334155\" text-anchor=\"middle\"", &fit(&task.task.title, 180.0, 11.0));
        }
    }
}

fn today_line(c: &mut Canvas, today: NaiveDate, height: f32) {
    let x = c.x(today) + CHART_W / c.days / 2.0;
    c.out.push_str(&format!(
        "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#b91c1c\" stroke-width=\"3\" stroke-dasharray=\"6 3\"/>\n",
        AXIS_Y - 6.0,
        height - FOOTER_H
    ));
    c.text(x + 4.0, AXIS_Y - 8.0, 14.0, "fill=\"#b91c1c\" font-weight=\"bold\"", &format!("Today {}", today.format("%-d %b")));
}

fn footer(c: &mut Canvas, roadmap: &Roadmap, height: f32) {
    let line = format!("Bridgeboard · exported {}", roadmap.today);
    c.text(MARGIN, height - 18.0, 14.0, "fill=\"#64748b\"", &line);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_break_out_of_the_svg() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&apos;");
        assert_eq!(escape("a\u{1}b"), "a b", "control characters are not valid XML");
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        let cut = fit(&"Website redesign ".repeat(10), 200.0, 16.0);
        assert!(cut.ends_with('…') && cut.chars().count() <= 23, "{cut}");
        assert_eq!(fit("Go-live", 200.0, 16.0), "Go-live");
    }
}

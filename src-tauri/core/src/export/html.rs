//! A read-only roadmap page for stakeholders without the app: one self-contained HTML file with
//! inline CSS and the roadmap picture as inline SVG, no scripts, and a restrictive
//! Content-Security-Policy of its own. Every piece of board text is HTML-escaped.

use super::roadmap::{Lane, Roadmap};
use super::svg::{self, escape, Page};
use super::text::kpi_line;
use crate::domain::model::TaskStatus;

pub(super) const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE: &str = "
body { font-family: 'Noto Sans', 'Segoe UI', system-ui, sans-serif; color: #0f172a; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0; } .as-of { color: #475569; margin: 0.25rem 0 1.5rem; }
figure { margin: 0 0 2rem; border: 1px solid #e2e8f0; } figure svg { display: block; width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; font-size: 0.9rem; }
th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid #e2e8f0; vertical-align: top; }
th { background: #f1f5f9; } .late, .blocked, .gates.failed { color: #b91c1c; font-weight: bold; } .gates, .kpis { color: #334155; } .kpis.off { color: #b45309; font-weight: bold; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; } ul { margin: 0; padding-left: 1.2rem; } li { margin: 0.15rem 0; }
footer { color: #64748b; font-size: 0.8rem; margin-top: 2rem; }
";

fn cell(text: &str) -> String {
    format!("<td>{}</td>", escape(text))
}

fn name(person: &Option<crate::Person>) -> &str {
    person.as_ref().map_or("—", |p| p.name.as_str())
}

fn day(date: Option<chrono::NaiveDate>) -> String {
    date.map_or_else(|| "—".into(), |d| d.to_string())
}

fn summary_row(lane: &Lane) -> String {
    let i = &lane.initiative;
    let counted: Vec<_> = lane.tasks.iter().filter(|t| t.task.status != TaskStatus::Cancelled).collect();
    let done = counted.iter().filter(|t| t.task.status == TaskStatus::Done).count();
    let mut flags = Vec::new();
    if lane.late {
        flags.push("<span class=\"late\">Late</span>".to_string());
    }
    if lane.blocked {
        let reason = i.block_reason.as_deref().map(|r| format!(": {}", escape(r))).unwrap_or_default();
        flags.push(format!("<span class=\"blocked\">Blocked</span>{reason}"));
    }
    let (on_track, read) = lane.kpis_on_track();
    if read > 0 {
        let class = if on_track == read { "kpis" } else { "kpis off" };
        flags.push(format!("<span class=\"{class}\">{on_track}/{read} KPIs on track</span>"));
    }
    let gates = &lane.gate_summary;
    if gates.total > 0 {
        let class = if gates.failed.is_empty() { "gates" } else { "gates failed" };
        flags.push(format!("<span class=\"{class}\">{}/{} gates</span>", gates.settled, gates.total));
    }
    [
        cell(&i.title),
        cell(i.status.label()),
        cell(name(&lane.marketing_owner)),
        cell(name(&lane.it_owner)),
        cell(&day(i.start)),
        cell(&day(i.target)),
        cell(&format!("{done}/{}", counted.len())),
        format!("<td>{}</td>", flags.join(" ")),
    ]
    .concat()
}

/// The initiative's Accountable and gates, above its tasks.
fn governance(lane: &Lane) -> String {
    let mut out = String::new();
    if let Some(accountable) = &lane.accountable {
        out.push_str(&format!("<p>Accountable: {}</p>", escape(&accountable.name)));
    }
    if !lane.kpis.is_empty() {
        let items: Vec<String> = lane.kpis.iter().map(|k| format!("<li>{}</li>", escape(&kpi_line(k)))).collect();
        out.push_str(&format!("<p>KPIs:</p><ul class=\"kpi-list\">{}</ul>", items.join("")));
    }
    if lane.gates.is_empty() {
        return out;
    }
    let items: Vec<String> = lane
        .gates
        .iter()
        .map(|g| {
            let approver = g.approver.as_deref().map_or("no approver yet".to_string(), escape);
            let reason = g.reason.as_deref().map(|r| format!(": {}", escape(r))).unwrap_or_default();
            format!("<li>{} — <strong>{}</strong>{reason} <small>({approver})</small></li>", escape(&g.name), g.state.label())
        })
        .collect();
    out.push_str(&format!("<p>Gates before go-live:</p><ul class=\"gate-list\">{}</ul>", items.join("")));
    out
}

fn task_list(lane: &Lane) -> String {
    let items: Vec<String> = lane
        .tasks
        .iter()
        .map(|t| {
            let who = t.assignee.as_ref().map(|p| format!(", {}", escape(&p.name))).unwrap_or_default();
            let due = t.task.due.map(|d| format!(", due {d}")).unwrap_or_default();
            format!(
                "<li>{} <small>({}, {}{who}{due})</small></li>",
                escape(&t.task.title),
                escape(&t.department.name),
                escape(t.task.status.label())
            )
        })
        .collect();
    if items.is_empty() {
        return "<p>No tasks yet.</p>".into();
    }
    format!("<ul>{}</ul>", items.join(""))
}

pub fn render(roadmap: &Roadmap) -> String {
    let title = format!("Joint roadmap: {}", roadmap.board.name);
    let rows: Vec<String> = roadmap.lanes.iter().map(|l| format!("<tr>{}</tr>", summary_row(l))).collect();
    let details: Vec<String> = roadmap
        .lanes
        .iter()
        .map(|l| format!("<section><h2>{}</h2>{}{}</section>", escape(&l.initiative.title), governance(l), task_list(l)))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>{title}</h1>\n<p class=\"as-of\">Marketing and IT initiatives as of {today}</p>\n\
         <figure>\n{svg}</figure>\n\
         <table>\n<thead><tr><th>Initiative</th><th>Status</th><th>Marketing owner</th><th>IT owner</th>\
         <th>Start</th><th>Go-live</th><th>Tasks done</th><th>Flags</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n\
         {details}\n<footer>Exported from Bridgeboard on {today}. This page is a snapshot; the board itself is the truth.</footer>\n\
         </body>\n</html>\n",
        title = escape(&title),
        today = roadmap.today,
        svg = svg::render(roadmap, Page::SLIDE),
        rows = rows.join("\n"),
        details = details.join("\n"),
    )
}

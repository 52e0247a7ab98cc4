//! Renders the baseline comparison ([`BaselineReport`]) for a steering committee, as CSV, Excel,
//! Markdown and HTML with the roadmap exports' escaping rules: CSV cells formula-guarded, Excel
//! strings never formulas, Markdown and HTML escaped.

use std::fmt::Write;

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, Format as CellFormat, Workbook};

use super::{csv::guard, markdown, svg::escape};
use crate::domain::baselines::{BaselineReport, BaselineRow};
use crate::{Error, Result};

const HEADINGS: [&str; 12] = [
    "Change",
    "Initiative",
    "Item",
    "Kind",
    "Baseline start",
    "Baseline finish",
    "Start",
    "Finish",
    "Start moved (days)",
    "Finish moved (days)",
    "Moved by",
    "Moved at (UTC)",
];

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn shift(n: Option<i64>) -> String {
    match n {
        Some(n) if n > 0 => format!("+{n}"),
        Some(n) => n.to_string(),
        None => String::new(),
    }
}

fn moved_at(row: &BaselineRow) -> String {
    row.moved_at.map(|at| at.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()
}

/// The row's cells as text, in [`HEADINGS`] order (the Excel export writes dates and days as
/// numbers instead).
fn cells(row: &BaselineRow) -> [String; 12] {
    [
        row.change.label().to_string(),
        row.initiative.clone(),
        row.title.clone(),
        row.kind.label().to_string(),
        day(row.baseline_start),
        day(row.baseline_finish),
        day(row.start),
        day(row.finish),
        shift(row.start_days),
        shift(row.finish_days),
        row.moved_by.clone().unwrap_or_default(),
        moved_at(row),
    ]
}

pub fn csv(r: &BaselineReport) -> Result<Vec<u8>> {
    let fail = |err: ::csv::Error| Error::Storage(format!("The CSV export could not be written ({err})."));
    let mut out = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer("\u{feff}".as_bytes().to_vec());
    let header = [
        "change",
        "item_id",
        "kind",
        "initiative",
        "title",
        "baseline_start",
        "baseline_finish",
        "start",
        "finish",
        "start_days",
        "finish_days",
        "moved_by",
        "moved_at",
    ];
    out.write_record(header).map_err(fail)?;
    for row in &r.rows {
        let record = [
            row.change.wire().to_string(),
            row.item_id.to_string(),
            row.kind.wire().to_string(),
            guard(&row.initiative).into_owned(),
            guard(&row.title).into_owned(),
            day(row.baseline_start),
            day(row.baseline_finish),
            day(row.start),
            day(row.finish),
            row.start_days.map(|n| n.to_string()).unwrap_or_default(),
            row.finish_days.map(|n| n.to_string()).unwrap_or_default(),
            guard(row.moved_by.as_deref().unwrap_or_default()).into_owned(),
            row.moved_at.map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default(),
        ];
        out.write_record(&record).map_err(fail)?;
    }
    out.into_inner().map_err(|err| Error::Storage(format!("The CSV export could not be written ({err}).")))
}

pub fn xlsx(r: &BaselineReport) -> Result<Vec<u8>> {
    let fail = |err: rust_xlsxwriter::XlsxError| Error::Storage(format!("The Excel export could not be written ({err})."));
    let mut book = Workbook::new();
    let created = r.today.and_hms_opt(0, 0, 0).expect("midnight exists");
    book.set_properties(&DocProperties::new().set_title(r.title()).set_creation_datetime(&created));
    let ws = book.add_worksheet();
    ws.set_name("Baseline comparison").map_err(fail)?;
    let bold = CellFormat::new().set_bold();
    let date = CellFormat::new().set_num_format("yyyy-mm-dd");
    ws.write_string_with_format(0, 0, r.title(), &bold).map_err(fail)?;
    ws.write_string(1, 0, format!("Baseline saved {}; today {}.", r.saved(), r.today)).map_err(fail)?;
    const TOP: u32 = 3;
    for (col, heading) in HEADINGS.iter().enumerate() {
        ws.write_string_with_format(TOP, col as u16, *heading, &bold).map_err(fail)?;
        ws.set_column_width(col as u16, if (1..=2).contains(&col) { 36.0 } else { 14.0 }).map_err(fail)?;
    }
    for (n, row) in r.rows.iter().enumerate() {
        let y = TOP + 1 + n as u32;
        // User text as string cells, never formulas; dates as real dates, days as numbers.
        ws.write_string(y, 0, row.change.label()).map_err(fail)?;
        ws.write_string(y, 1, &row.initiative).map_err(fail)?;
        ws.write_string(y, 2, &row.title).map_err(fail)?;
        ws.write_string(y, 3, row.kind.label()).map_err(fail)?;
        for (col, d) in [(4, row.baseline_start), (5, row.baseline_finish), (6, row.start), (7, row.finish)] {
            if let Some(d) = d {
                ws.write_date_with_format(y, col, d, &date).map_err(fail)?;
            }
        }
        for (col, n) in [(8, row.start_days), (9, row.finish_days)] {
            if let Some(n) = n {
                ws.write_number(y, col, n as f64).map_err(fail)?;
            }
        }
        if let Some(who) = &row.moved_by {
            ws.write_string(y, 10, who).map_err(fail)?;
        }
        ws.write_string(y, 11, moved_at(row)).map_err(fail)?;
    }
    ws.set_freeze_panes(TOP + 1, 0).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

pub fn markdown(r: &BaselineReport) -> String {
    let mut out = format!("# {}\n\n*Baseline saved {}; as of {}.*\n\n", markdown::escape(&r.title()), r.saved(), r.today);
    if r.rows.is_empty() {
        out.push_str("Nothing moved since the baseline.\n");
        return out;
    }
    let _ = writeln!(out, "| {} |", HEADINGS.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(HEADINGS.len()));
    for row in &r.rows {
        let cells: Vec<String> = cells(row).iter().map(|c| markdown::escape(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

pub fn html(r: &BaselineReport) -> String {
    let title = escape(&r.title());
    let head: String = HEADINGS.iter().map(|h| format!("<th>{h}</th>")).collect();
    let body: String = if r.rows.is_empty() {
        format!("<tr><td colspan=\"{}\">Nothing moved since the baseline.</td></tr>\n", HEADINGS.len())
    } else {
        r.rows
            .iter()
            .map(|row| {
                let cells: String = cells(row).iter().map(|c| format!("<td>{}</td>", escape(c))).collect();
                format!("<tr class=\"{}\">{cells}</tr>\n", row.change.wire())
            })
            .collect()
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n<title>{title}</title>\n\
         <style>body {{ font-family: 'Noto Sans', 'Segoe UI', system-ui, sans-serif; color: #0f172a; margin: 2rem; }}\n\
         table {{ border-collapse: collapse; font-size: 0.9rem; }} th, td {{ border: 1px solid #cbd5e1; padding: 0.35rem 0.5rem; text-align: left; }}\n\
         thead th {{ background: #f1f5f9; }} tr.new td:first-child {{ color: #166534; }} tr.removed td:first-child {{ color: #991b1b; }} p {{ color: #475569; }}</style>\n\
         </head>\n<body>\n<h1>{title}</h1>\n<p>Baseline saved {saved}; as of {today}.</p>\n\
         <table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n\
         <footer><p>Exported from Bridgeboard on {today}.</p></footer>\n</body>\n</html>\n",
        csp = super::html::CSP,
        saved = r.saved(),
        today = r.today,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::baselines::BaselineChange;
    use crate::domain::model::ItemKind;
    use crate::domain::view::BoardInfo;
    use uuid::Uuid;

    #[test]
    fn titles_and_names_stay_text_in_every_format() {
        let r = BaselineReport {
            board: BoardInfo { id: Uuid::from_u128(2), name: "Board".into(), sample: false },
            today: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
            name: "SC".into(),
            saved_at: "2027-01-02T09:00:00Z".parse().unwrap(),
            rows: vec![BaselineRow {
                change: BaselineChange::Moved,
                item_id: Uuid::from_u128(3),
                kind: ItemKind::Task,
                initiative: "<script>alert(1)</script>".into(),
                title: "=HYPERLINK(\"x\") | [x](javascript:x)".into(),
                baseline_start: None,
                baseline_finish: NaiveDate::from_ymd_opt(2027, 1, 10),
                start: None,
                finish: NaiveDate::from_ymd_opt(2027, 1, 17),
                start_days: None,
                finish_days: Some(7),
                moved_by: Some("@Tom".into()),
                moved_at: None,
            }],
        };
        let csv = String::from_utf8(csv(&r).unwrap()).unwrap();
        assert!(csv.contains("'=HYPERLINK") && csv.contains("'@Tom"), "cells that read as formulas are guarded: {csv}");
        let html = html(&r);
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"), "HTML is escaped");
        let md = markdown(&r);
        assert!(md.contains("\\| \\[x\\]\\(javascript\\:x\\)") && md.contains("| \\+7 |"), "Markdown cannot open a cell or a link: {md}");
    }
}

//! Renders the RACI matrix ([`RaciMatrix`]) as CSV, Excel, Markdown and HTML with the roadmap
//! exports' escaping rules: CSV cells formula-guarded, Excel strings never formulas, Markdown and
//! HTML escaped.

use std::fmt::Write;

use rust_xlsxwriter::{DocProperties, Format as CellFormat, Workbook};

use super::{csv::guard, markdown, svg::escape};
use crate::domain::raci::RaciMatrix;
use crate::{Error, Result};

const LEGEND: &str = "A = Accountable (one per initiative), R = Responsible (owners by default), C = Consulted, I = Informed";

pub fn csv(m: &RaciMatrix) -> Result<Vec<u8>> {
    let fail = |err: ::csv::Error| Error::Storage(format!("The CSV export could not be written ({err})."));
    let mut out = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer("\u{feff}".as_bytes().to_vec());
    let mut header = vec!["initiative_id".to_string(), "initiative".into(), "status".into()];
    header.extend(m.people.iter().map(|p| guard(&p.name).into_owned()));
    out.write_record(&header).map_err(fail)?;
    for row in &m.rows {
        let mut record = vec![row.initiative_id.to_string(), guard(&row.title).into_owned(), row.status.wire().to_string()];
        record.extend(row.letters.iter().cloned());
        out.write_record(&record).map_err(fail)?;
    }
    out.into_inner().map_err(|err| Error::Storage(format!("The CSV export could not be written ({err}).")))
}

pub fn xlsx(m: &RaciMatrix) -> Result<Vec<u8>> {
    let fail = |err: rust_xlsxwriter::XlsxError| Error::Storage(format!("The Excel export could not be written ({err})."));
    let mut book = Workbook::new();
    let created = m.today.and_hms_opt(0, 0, 0).expect("midnight exists");
    book.set_properties(&DocProperties::new().set_title(m.title()).set_creation_datetime(&created));
    let ws = book.add_worksheet();
    ws.set_name("RACI").map_err(fail)?;
    let bold = CellFormat::new().set_bold();
    let headings = ["Initiative", "Status"].into_iter().map(str::to_string).chain(m.people.iter().map(|p| p.name.clone()));
    for (col, heading) in headings.enumerate() {
        // Always string cells, never formulas.
        ws.write_string_with_format(0, col as u16, &heading, &bold).map_err(fail)?;
        ws.set_column_width(col as u16, if col == 0 { 44.0 } else { 14.0 }).map_err(fail)?;
    }
    for (n, row) in m.rows.iter().enumerate() {
        let r = n as u32 + 1;
        ws.write_string(r, 0, &row.title).map_err(fail)?;
        ws.write_string(r, 1, row.status.label()).map_err(fail)?;
        for (col, letters) in row.letters.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
            ws.write_string(r, col as u16 + 2, letters).map_err(fail)?;
        }
    }
    ws.write_string(m.rows.len() as u32 + 2, 0, LEGEND).map_err(fail)?;
    ws.set_freeze_panes(1, 1).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

pub fn markdown(m: &RaciMatrix) -> String {
    let mut out = format!("# {}\n\n*As of {}. {LEGEND}.*\n\n", markdown::escape(&m.title()), m.today);
    if m.rows.is_empty() {
        out.push_str("No roles yet.\n");
        return out;
    }
    let names: Vec<String> = m.people.iter().map(|p| markdown::escape(&p.name)).collect();
    let _ = writeln!(out, "| Initiative | Status | {} |", names.join(" | "));
    let _ = writeln!(out, "|---|---|{}", "---|".repeat(names.len()));
    for row in &m.rows {
        let _ = writeln!(out, "| {} | {} | {} |", markdown::escape(&row.title), row.status.label(), row.letters.join(" | "));
    }
    out
}

pub fn html(m: &RaciMatrix) -> String {
    let title = escape(&m.title());
    let head: String = m.people.iter().map(|p| format!("<th>{}</th>", escape(&p.name))).collect();
    let rows: String = m
        .rows
        .iter()
        .map(|row| {
            let cells: String = row.letters.iter().map(|l| format!("<td class=\"role\">{l}</td>")).collect();
            format!("<tr><th scope=\"row\">{}</th><td>{}</td>{cells}</tr>\n", escape(&row.title), row.status.label())
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n<title>{title}</title>\n\
         <style>body {{ font-family: 'Noto Sans', 'Segoe UI', system-ui, sans-serif; color: #0f172a; margin: 2rem; }}\n\
         table {{ border-collapse: collapse; font-size: 0.9rem; }} th, td {{ border: 1px solid #cbd5e1; padding: 0.35rem 0.5rem; text-align: left; }}\n\
         thead th {{ background: #f1f5f9; }} td.role {{ text-align: center; font-weight: bold; }} p {{ color: #475569; }}</style>\n\
         </head>\n<body>\n<h1>{title}</h1>\n<p>As of {today}. {LEGEND}.</p>\n\
         <table>\n<thead><tr><th>Initiative</th><th>Status</th>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n\
         <footer><p>Exported from Bridgeboard on {today}.</p></footer>\n</body>\n</html>\n",
        csp = super::html::CSP,
        today = m.today,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{InitiativeStatus, MARKETING};
    use crate::domain::raci::RaciRow;
    use crate::domain::view::{BoardInfo, PersonRef};
    use chrono::NaiveDate;
    use uuid::Uuid;

    #[test]
    fn names_and_titles_stay_text_in_every_format() {
        let person = PersonRef { id: Uuid::from_u128(1), name: "=cmd|' /C calc'!A0".into(), department_id: MARKETING };
        let m = RaciMatrix {
            board: BoardInfo { id: Uuid::from_u128(2), name: "Board".into(), sample: false },
            today: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
            department: None,
            people: vec![person],
            rows: vec![RaciRow {
                initiative_id: Uuid::from_u128(3),
                title: "<script>alert(1)</script> | [x](javascript:x)".into(),
                status: InitiativeStatus::Planned,
                letters: vec!["A".into()],
            }],
        };
        let csv = String::from_utf8(csv(&m).unwrap()).unwrap();
        assert!(csv.contains("'=cmd"), "a name that reads as a formula is guarded: {csv}");
        let html = html(&m);
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"), "HTML is escaped");
        let md = markdown(&m);
        assert!(md.contains("\\| \\[x\\]\\(javascript\\:x\\)"), "Markdown cannot open a cell or a link: {md}");
    }
}

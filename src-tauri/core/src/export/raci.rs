//! The RACI matrix: the board's people across, its initiatives down, and in each cell the roles
//! a person holds there ("A", "R", "AR", "C", "I"), for a steering committee or a project
//! charter. Built from the same RACI the detail panel shows (`Raci::of`: the Accountable field,
//! owners Responsible by default, the roles given), for every initiative but the cancelled ones.
//! A department filter keeps its people, and the initiatives where one of them holds a role.
//!
//! Rendered as CSV, Excel, Markdown and HTML with the roadmap exports' escaping rules: CSV cells
//! formula-guarded, Excel strings never formulas, Markdown and HTML escaped.

use std::collections::HashMap;
use std::fmt::Write;

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, Format as CellFormat, Workbook};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{csv::guard, markdown, svg::escape};
use crate::domain::governance::RoleAssignment;
use crate::domain::model::{Id, InitiativeStatus, Person};
use crate::domain::snapshot::Snapshot;
use crate::domain::view::{BoardInfo, PersonRef, Raci};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RaciMatrix {
    pub board: BoardInfo,
    pub today: NaiveDate,
    /// The department the matrix is filtered to, by name.
    pub department: Option<String>,
    /// The columns: people holding a role on a listed initiative, by department, then name.
    pub people: Vec<PersonRef>,
    pub rows: Vec<RaciRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RaciRow {
    pub initiative_id: Id,
    pub title: String,
    pub status: InitiativeStatus,
    /// One entry per column of [`RaciMatrix::people`]: "A", "R", "AR", "C", "I" or "".
    pub letters: Vec<String>,
}

impl RaciMatrix {
    pub fn build(snapshot: &Snapshot, department: Option<Id>, today: NaiveDate) -> RaciMatrix {
        let people: HashMap<Id, &Person> = snapshot.people.iter().map(|p| (p.id, p)).collect();
        let find = |id: Id| people.get(&id).map(|p| PersonRef { id: p.id, name: p.name.clone(), department_id: p.department_id });
        let mut given: HashMap<Id, Vec<&RoleAssignment>> = HashMap::new();
        for role in snapshot.roles.iter().filter(|r| r.item_id == r.initiative_id) {
            given.entry(role.initiative_id).or_default().push(role);
        }
        let racis: Vec<(&crate::Initiative, Raci)> = snapshot
            .initiatives
            .iter()
            .filter(|i| i.status != InitiativeStatus::Cancelled)
            .map(|i| {
                let roles = given.get(&i.id).into_iter().flatten().copied();
                (i, Raci::of(find, i.accountable_id, [i.marketing_owner_id, i.it_owner_id], roles))
            })
            .collect();
        let in_scope = |p: &PersonRef| department.is_none_or(|d| p.department_id == d);
        let mut columns: Vec<PersonRef> = Vec::new();
        for (_, raci) in &racis {
            let holders =
                raci.accountable.iter().chain(raci.responsible.iter().chain(&raci.consulted).chain(&raci.informed).map(|r| &r.person));
            for person in holders.filter(|p| in_scope(p)) {
                if !columns.iter().any(|c| c.id == person.id) {
                    columns.push(person.clone());
                }
            }
        }
        let rank = |d: Id| snapshot.departments.iter().position(|x| x.id == d).unwrap_or(usize::MAX);
        columns.sort_by(|a, b| (rank(a.department_id), &a.name, a.id).cmp(&(rank(b.department_id), &b.name, b.id)));
        let rows = racis
            .into_iter()
            .map(|(i, raci)| RaciRow {
                initiative_id: i.id,
                title: i.title.clone(),
                status: i.status,
                letters: columns.iter().map(|p| raci.letters(p.id)).collect(),
            })
            .filter(|row| department.is_none() || row.letters.iter().any(|l| !l.is_empty()))
            .collect();
        RaciMatrix {
            board: snapshot.info.clone(),
            today,
            department: department.and_then(|d| snapshot.department(d)).map(|d| d.name.clone()),
            people: columns,
            rows,
        }
    }

    fn title(&self) -> String {
        match &self.department {
            Some(d) => format!("RACI: {} ({d})", self.board.name),
            None => format!("RACI: {}", self.board.name),
        }
    }
}

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
    use crate::domain::model::MARKETING;
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

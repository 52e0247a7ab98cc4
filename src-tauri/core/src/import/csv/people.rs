//! The people and departments a CSV file names that are not on the board, to create before its
//! rows are read (`CsvOptions::create_people_in`): each once; a person in the department their
//! column says (a Marketing owner in Marketing, an IT owner in IT, an assignee in their task's
//! department), else the one chosen.

use super::cells::{same_words, Reader};
use super::columns::{Columns, Field};
use super::table::CsvTable;
use crate::domain::model::{Id, IT, MARKETING};
use crate::domain::ops::NewPerson;
use crate::domain::snapshot::Snapshot;

/// The departments the file's department column names that the board does not have.
pub(super) fn missing_departments(table: &CsvTable, columns: &Columns, board: &Snapshot) -> Vec<String> {
    let reader = Reader::new(columns, table.guarded, None, board);
    let mut out: Vec<String> = Vec::new();
    for row in &table.rows {
        let name = reader.text(row, Field::Department);
        if !name.is_empty() && !board.departments.iter().any(|d| same_words(&d.name, name)) && !out.iter().any(|d| same_words(d, name)) {
            out.push(name.to_string());
        }
    }
    out
}

pub(super) fn missing(table: &CsvTable, columns: &Columns, board: &Snapshot, department: Id) -> Vec<NewPerson> {
    let mut out: Vec<NewPerson> = Vec::new();
    // Read as the rows will be: the CSV export's guard taken off.
    let reader = Reader::new(columns, table.guarded, None, board);
    let cell = |row: &super::CsvRow, field: Field| reader.text(row, field).to_string();
    // Owners first, whose department their column says, wherever they first appear.
    let department_of = |field: Field, row: &super::CsvRow| match field {
        Field::MarketingOwner => MARKETING,
        Field::ItOwner => IT,
        Field::Assignee => {
            let name = cell(row, Field::Department);
            board.departments.iter().find(|d| same_words(&d.name, &name)).map_or(department, |d| d.id)
        }
        _ => department,
    };
    for field in [Field::MarketingOwner, Field::ItOwner, Field::Assignee, Field::Accountable] {
        for row in &table.rows {
            let who = cell(row, field);
            let known = board.people.iter().any(|p| same_words(&p.name, &who) || (!p.email.is_empty() && same_words(&p.email, &who)));
            if who.is_empty() || known || out.iter().any(|p| same_words(&p.name, &who)) {
                continue;
            }
            out.push(NewPerson { name: who.clone(), email: String::new(), title: String::new(), department_id: department_of(field, row) });
        }
    }
    out
}

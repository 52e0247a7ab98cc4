//! `add-person`, `edit-person` and `add-department`.

use bridgeboard_core::{Id, NewDepartment, NewPerson, Op, PersonChange as Change, Result};

use super::{require_changes, Edit};

pub fn add(e: &mut Edit, name: String, department: &str, email: Option<String>, title: Option<String>) -> Result<Id> {
    let department_id = e.board.department(department)?;
    e.apply(Op::CreatePerson(NewPerson { name, email: email.unwrap_or_default(), title: title.unwrap_or_default(), department_id }))
}

pub fn edit(
    e: &mut Edit,
    person: &str,
    name: Option<String>,
    email: Option<String>,
    title: Option<String>,
    department: Option<String>,
) -> Result<Id> {
    let id = e.board.person(person)?.id;
    let mut changes: Vec<Change> = Vec::new();
    changes.extend(name.map(Change::Name));
    changes.extend(email.map(Change::Email));
    changes.extend(title.map(Change::Title));
    changes.extend(department.as_deref().map(|d| e.board.department(d)).transpose()?.map(Change::Department));
    require_changes(&changes, "edit-person")?;
    e.apply(Op::UpdatePerson { id, changes })
}

pub fn add_department(e: &mut Edit, name: String, color: Option<String>) -> Result<Id> {
    e.apply(Op::CreateDepartment(NewDepartment { name, color }))
}

//! Departments and people: adding, editing, and deleting someone whose work is reassigned.

use uuid::Uuid;

use super::activity::Entry;
use super::governance;
use super::initiatives::update_initiative;
use super::tasks::update_task;
use super::{quoted, Ctx};
use crate::domain::model::*;
use crate::domain::ops::*;
use crate::domain::{rules, validate};
use crate::store::{departments, initiatives, people, tasks};
use crate::{Error, Result};

pub(super) fn create_department(ctx: &Ctx, n: NewDepartment) -> Result<Id> {
    let name = validate::required_text("A department name", &n.name, 60)?;
    if departments::find_by_name(ctx.tx, &name)?.is_some() {
        return Err(Error::Validation(format!("There is already a department called {}.", quoted(&name))));
    }
    let color = match n.color.map(|c| c.trim().to_string()).filter(|c| !c.is_empty()) {
        Some(c) if c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|ch| ch.is_ascii_hexdigit()) => c,
        Some(c) => return Err(Error::Validation(format!("“{c}” is not a colour; use the form #1d4ed8."))),
        None => {
            let palette = departments::PALETTE;
            palette[departments::count(ctx.tx)?.saturating_sub(2) % palette.len()].to_string()
        }
    };
    let department = Department { id: Uuid::now_v7(), name, color };
    departments::insert(ctx.tx, &department, ctx.now)?;
    ctx.log(Entry {
        item_kind: ItemKind::Department,
        item_id: department.id,
        initiative_id: None,
        action: "create",
        field: None,
        before: None,
        after: Some(department.name.clone()),
        summary: format!("added the department {}", quoted(&department.name)),
    })?;
    Ok(department.id)
}

pub(super) fn create_person(ctx: &Ctx, n: NewPerson) -> Result<Id> {
    let person = Person {
        id: Uuid::now_v7(),
        name: validate::name(&n.name)?,
        email: validate::email(&n.email)?,
        title: validate::optional_line("A job title", Some(&n.title))?.unwrap_or_default(),
        department_id: ctx.department(n.department_id)?.id,
    };
    people::insert(ctx.tx, &person, ctx.now)?;
    ctx.log(Entry {
        item_kind: ItemKind::Person,
        item_id: person.id,
        initiative_id: None,
        action: "create",
        field: None,
        before: None,
        after: Some(person.name.clone()),
        summary: format!("added {} to the board's people", person.name),
    })?;
    Ok(person.id)
}

pub(super) fn update_person(ctx: &Ctx, id: Id, changes: Vec<PersonChange>) -> Result<Id> {
    let old = people::get(ctx.tx, id)?.ok_or_else(|| Error::NotFound(format!("No person with id {id} is on this board.")))?;
    let mut new = old.clone();
    for change in changes {
        match change {
            PersonChange::Name(v) => new.name = validate::name(&v)?,
            PersonChange::Email(v) => new.email = validate::email(&v)?,
            PersonChange::Title(v) => new.title = validate::optional_line("A job title", Some(&v))?.unwrap_or_default(),
            PersonChange::Department(d) => new.department_id = ctx.department(d)?.id,
        }
    }
    if new.department_id != old.department_id {
        let mut owned = Vec::new();
        for (initiative, role) in initiatives::roles_of(ctx.tx, id)? {
            let needs = match role {
                "marketing_owner" => MARKETING,
                "it_owner" => IT,
                _ => continue,
            };
            owned.push((initiatives::get(ctx.tx, initiative)?.map(|i| i.title).unwrap_or_default(), needs));
        }
        rules::check_owner_can_move(&old.name, new.department_id, &owned)?;
    }
    if new == old {
        return Ok(id);
    }
    people::update(ctx.tx, &new, ctx.now)?;
    let dept_name = |d: Id| -> Result<String> { Ok(departments::get(ctx.tx, d)?.map(|d| d.name).unwrap_or_default()) };
    let diffs = [
        ("name", old.name.clone(), new.name.clone()),
        ("email", old.email.clone(), new.email.clone()),
        ("title", old.title.clone(), new.title.clone()),
        ("department", dept_name(old.department_id)?, dept_name(new.department_id)?),
    ];
    ctx.log_changes(ItemKind::Person, id, None, diffs, |field, before, after| {
        format!("changed {field} of {}: {before} → {after}", new.name)
    })?;
    Ok(id)
}

pub(super) fn delete_person(ctx: &Ctx, person: Person, reassign_to: Option<Id>) -> Result<Id> {
    let work = people::work(ctx.tx, person.id)?;
    if let Some(successor) = rules::check_person_deletable(&person.name, person.id, &work, reassign_to)? {
        ctx.person(Some(successor), "person to take over")?;
        for (initiative, role) in initiatives::roles_of(ctx.tx, person.id)? {
            let change = match role {
                "marketing_owner" => InitiativeChange::MarketingOwner(Some(successor)),
                "it_owner" => InitiativeChange::ItOwner(Some(successor)),
                "accountable" => InitiativeChange::Accountable(Some(successor)),
                _ => InitiativeChange::Sponsor(Some(successor)),
            };
            update_initiative(ctx, initiative, vec![change])?;
        }
        for task in tasks::assigned_to(ctx.tx, person.id)? {
            update_task(ctx, task, vec![TaskChange::Assignee(Some(successor))])?;
        }
        governance::hand_over(ctx, person.id, successor)?;
    }
    people::set_deleted(ctx.tx, person.id, Some(ctx.now), ctx.now)?;
    ctx.log_deleted(ItemKind::Person, person.id, None, &person.name, "delete", "removed the person")
}

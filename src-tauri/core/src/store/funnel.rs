//! The write funnel: every change to a board enters here as an [`Op`], is validated against the
//! board's rules, applied, and logged in the activity table, all in one transaction. Nothing
//! else writes to the board's tables.

use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use uuid::Uuid;

use super::activity::{self, Entry};
use super::{board, comments, dependencies, departments, initiatives, items, people, tasks, Store};
use crate::domain::graph::find_cycle;
use crate::domain::model::*;
use crate::domain::ops::*;
use crate::domain::view::ItemRef;
use crate::domain::{rules, validate};
use crate::{Error, Result};

/// One write in progress: the transaction, who makes it and when.
struct Ctx<'a> {
    tx: &'a Transaction<'a>,
    actor: &'a Actor,
    now: DateTime<Utc>,
}

impl Ctx<'_> {
    fn log(&self, entry: Entry) -> Result<()> {
        activity::append(self.tx, self.actor, self.now, entry)
    }

    fn person_name(&self, id: Option<Id>) -> Result<String> {
        Ok(match id {
            None => "nobody".into(),
            Some(id) => people::get_any(self.tx, id)?.map(|(p, _)| p.name).unwrap_or_else(|| "someone removed".into()),
        })
    }

    fn person(&self, id: Option<Id>, role: &str) -> Result<Option<Person>> {
        match id {
            None => Ok(None),
            Some(id) => people::get(self.tx, id)?
                .map(Some)
                .ok_or_else(|| Error::NotFound(format!("The {role} chosen is not on this board (any more); choose someone from the list."))),
        }
    }

    fn item(&self, id: Id) -> Result<ItemRef> {
        items::get(self.tx, id)?
            .ok_or_else(|| Error::NotFound(format!("No task or initiative with id {id} is on this board; it may have been deleted.")))
    }
}

impl Store {
    /// Validates, applies and logs one operation as one transaction. Returns the id of the item
    /// created or changed.
    pub fn apply(&mut self, actor: &Actor, now: DateTime<Utc>, op: Op) -> Result<Id> {
        self.write(|tx| apply_in(&Ctx { tx, actor, now }, op))
    }

    /// Applies several operations as one transaction: all of them land, or none (an import,
    /// a generated board). Returns the ids in order.
    pub fn apply_all(&mut self, actor: &Actor, now: DateTime<Utc>, ops: Vec<Op>) -> Result<Vec<Id>> {
        self.write(|tx| {
            let ctx = Ctx { tx, actor, now };
            ops.into_iter().map(|op| apply_in(&ctx, op)).collect()
        })
    }

    /// Would a finish-to-start edge `from → to` close a loop? The loop's ids if so. Read-only.
    pub fn find_cycle(&self, from: Id, to: Id) -> Result<Option<Vec<Id>>> {
        find_cycle(from, to, |n| dependencies::successors(self.conn(), n)).map_err(Error::from)
    }

    /// Moves a task one place up or down among its department's tasks in its initiative.
    pub fn move_task(&mut self, actor: &Actor, now: DateTime<Utc>, id: Id, up: bool) -> Result<()> {
        self.write(|tx| {
            let ctx = Ctx { tx, actor, now };
            let task = tasks::get(tx, id)?.ok_or_else(|| task_missing(id))?;
            let group: Vec<f64> = tasks::of_initiative(tx, task.initiative_id)?
                .into_iter()
                .filter(|t| t.department_id == task.department_id)
                .map(|t| t.position)
                .collect();
            let at = group.iter().position(|p| *p == task.position).unwrap_or(0);
            let position = match (up, at) {
                (true, 0) => return Ok(()),
                (true, 1) => group[0] - 1.0,
                (true, i) => (group[i - 2] + group[i - 1]) / 2.0,
                (false, i) if i + 1 >= group.len() => return Ok(()),
                (false, i) if i + 2 == group.len() => group[i + 1] + 1.0,
                (false, i) => (group[i + 1] + group[i + 2]) / 2.0,
            };
            update_task(&ctx, id, vec![TaskChange::Position(position)]).map(|_| ())
        })
    }
}

fn apply_in(ctx: &Ctx, op: Op) -> Result<Id> {
    match op {
        Op::CreateDepartment(n) => create_department(ctx, n),
        Op::CreatePerson(n) => create_person(ctx, n),
        Op::UpdatePerson { id, changes } => update_person(ctx, id, changes),
        Op::CreateInitiative(n) => create_initiative(ctx, n),
        Op::UpdateInitiative { id, changes } => update_initiative(ctx, id, changes),
        Op::CreateTask(n) => create_task(ctx, n),
        Op::UpdateTask { id, changes } => update_task(ctx, id, changes),
        Op::Delete { id, reassign_to } => delete(ctx, id, reassign_to),
        Op::Restore { id } => restore(ctx, id),
        Op::AddDependency(n) => add_dependency(ctx, n),
        Op::RemoveDependency { id } => remove_dependency(ctx, id),
        Op::AddComment { item_id, body } => add_comment(ctx, item_id, body),
        Op::SetBoard { name, sample } => set_board(ctx, name, sample),
    }
}

fn task_missing(id: Id) -> Error {
    Error::NotFound(format!("No task with id {id} is on this board; it may have been deleted."))
}

fn initiative_missing(id: Id) -> Error {
    Error::NotFound(format!("No initiative with id {id} is on this board; it may have been deleted."))
}

fn quoted(text: &str) -> String {
    format!("“{text}”")
}

fn shown_date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "none".into(), |d| d.to_string())
}

fn shown_text(t: Option<&str>) -> String {
    t.map_or_else(|| "none".into(), str::to_string)
}

// ---------------------------------------------------------------- departments and people

fn create_department(ctx: &Ctx, n: NewDepartment) -> Result<Id> {
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

fn check_department(ctx: &Ctx, id: Id) -> Result<Department> {
    departments::get(ctx.tx, id)?
        .ok_or_else(|| Error::NotFound(format!("No department with id {id} is on this board; choose one from the list.")))
}

fn create_person(ctx: &Ctx, n: NewPerson) -> Result<Id> {
    let person = Person {
        id: Uuid::now_v7(),
        name: validate::name(&n.name)?,
        email: validate::email(&n.email)?,
        title: validate::optional_line("A job title", Some(&n.title))?.unwrap_or_default(),
        department_id: check_department(ctx, n.department_id)?.id,
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

fn update_person(ctx: &Ctx, id: Id, changes: Vec<PersonChange>) -> Result<Id> {
    let old = people::get(ctx.tx, id)?.ok_or_else(|| Error::NotFound(format!("No person with id {id} is on this board.")))?;
    let mut new = old.clone();
    for change in changes {
        match change {
            PersonChange::Name(v) => new.name = validate::name(&v)?,
            PersonChange::Email(v) => new.email = validate::email(&v)?,
            PersonChange::Title(v) => new.title = validate::optional_line("A job title", Some(&v))?.unwrap_or_default(),
            PersonChange::Department(d) => new.department_id = check_department(ctx, d)?.id,
        }
    }
    if new.department_id != old.department_id {
        for (initiative, role) in initiatives::roles_of(ctx.tx, id)? {
            let owner_dept = match role {
                "marketing_owner" => MARKETING,
                "it_owner" => IT,
                _ => continue,
            };
            if new.department_id != owner_dept {
                let title = initiatives::get(ctx.tx, initiative)?.map(|i| i.title).unwrap_or_default();
                let role = if owner_dept == MARKETING { "Marketing owner" } else { "IT owner" };
                return Err(Error::Conflict(format!(
                    "{} is the {role} of {}; choose another {role} there before moving {} to another department.",
                    old.name, quoted(&title), old.name
                )));
            }
        }
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
    for (field, before, after) in diffs.into_iter().filter(|(_, b, a)| b != a) {
        ctx.log(Entry {
            item_kind: ItemKind::Person,
            item_id: id,
            initiative_id: None,
            action: "set",
            field: Some(field),
            summary: format!("changed {field} of {}: {before} → {after}", new.name),
            before: Some(before),
            after: Some(after),
        })?;
    }
    Ok(id)
}

// ---------------------------------------------------------------- initiatives

/// The rules an initiative must satisfy whatever changed: dates in order, owners in their
/// departments, and both owners once it has left Proposed.
fn check_initiative(ctx: &Ctx, i: &Initiative) -> Result<()> {
    validate::date_order(i.start, i.target, "target date")?;
    rules::check_owner("Marketing owner", MARKETING, ctx.person(i.marketing_owner_id, "Marketing owner")?.as_ref())?;
    rules::check_owner("IT owner", IT, ctx.person(i.it_owner_id, "IT owner")?.as_ref())?;
    ctx.person(i.sponsor_id, "executive sponsor")?;
    rules::check_owners_for_status(&i.title, i.status, i.marketing_owner_id, i.it_owner_id)
}

fn create_initiative(ctx: &Ctx, n: NewInitiative) -> Result<Id> {
    let initiative = Initiative {
        id: Uuid::now_v7(),
        title: validate::title(&n.title)?,
        summary: validate::long_text("The summary", &n.summary)?,
        status: n.status,
        priority: n.priority,
        start: n.start,
        target: n.target,
        marketing_owner_id: n.marketing_owner_id,
        it_owner_id: n.it_owner_id,
        sponsor_id: n.sponsor_id,
        tags: validate::tags(&n.tags)?,
        block_reason: validate::optional_line("The block reason", n.block_reason.as_deref())?,
        created_at: ctx.now,
        updated_at: ctx.now,
    };
    check_initiative(ctx, &initiative)?;
    initiatives::insert(ctx.tx, &initiative)?;
    ctx.log(Entry {
        item_kind: ItemKind::Initiative,
        item_id: initiative.id,
        initiative_id: Some(initiative.id),
        action: "create",
        field: None,
        before: None,
        after: Some(initiative.title.clone()),
        summary: format!("created the initiative {}", quoted(&initiative.title)),
    })?;
    Ok(initiative.id)
}

fn update_initiative(ctx: &Ctx, id: Id, changes: Vec<InitiativeChange>) -> Result<Id> {
    let old = initiatives::get(ctx.tx, id)?.ok_or_else(|| initiative_missing(id))?;
    let mut new = old.clone();
    for change in changes {
        match change {
            InitiativeChange::Title(v) => new.title = validate::title(&v)?,
            InitiativeChange::Summary(v) => new.summary = validate::long_text("The summary", &v)?,
            InitiativeChange::Status(v) => new.status = v,
            InitiativeChange::Priority(v) => new.priority = v,
            InitiativeChange::Start(v) => new.start = v,
            InitiativeChange::Target(v) => new.target = v,
            InitiativeChange::MarketingOwner(v) => new.marketing_owner_id = v,
            InitiativeChange::ItOwner(v) => new.it_owner_id = v,
            InitiativeChange::Sponsor(v) => new.sponsor_id = v,
            InitiativeChange::Tags(v) => new.tags = validate::tags(&v)?,
            InitiativeChange::BlockReason(v) => new.block_reason = validate::optional_line("The block reason", v.as_deref())?,
        }
    }
    if new == old {
        return Ok(id);
    }
    check_initiative(ctx, &new)?;
    if new.status == InitiativeStatus::Live && old.status != InitiativeStatus::Live {
        rules::check_can_finish(&new.title, "Live", &items::open_predecessors(ctx.tx, id)?)?;
    }
    new.updated_at = ctx.now;
    initiatives::update(ctx.tx, &new)?;
    let diffs = [
        ("title", old.title.clone(), new.title.clone()),
        ("summary", old.summary.clone(), new.summary.clone()),
        ("status", old.status.label().into(), new.status.label().into()),
        ("priority", old.priority.label().into(), new.priority.label().into()),
        ("start date", shown_date(old.start), shown_date(new.start)),
        ("target date", shown_date(old.target), shown_date(new.target)),
        ("Marketing owner", ctx.person_name(old.marketing_owner_id)?, ctx.person_name(new.marketing_owner_id)?),
        ("IT owner", ctx.person_name(old.it_owner_id)?, ctx.person_name(new.it_owner_id)?),
        ("executive sponsor", ctx.person_name(old.sponsor_id)?, ctx.person_name(new.sponsor_id)?),
        ("tags", old.tags.join(", "), new.tags.join(", ")),
        ("block reason", shown_text(old.block_reason.as_deref()), shown_text(new.block_reason.as_deref())),
    ];
    for (field, before, after) in diffs.into_iter().filter(|(_, b, a)| b != a) {
        let summary = if field == "summary" {
            format!("edited the summary of {}", quoted(&new.title))
        } else {
            format!("set {field} of {}: {before} → {after}", quoted(&new.title))
        };
        ctx.log(Entry {
            item_kind: ItemKind::Initiative,
            item_id: id,
            initiative_id: Some(id),
            action: "set",
            field: Some(field),
            before: Some(before),
            after: Some(after),
            summary,
        })?;
    }
    Ok(id)
}

// ---------------------------------------------------------------- tasks

fn check_task(ctx: &Ctx, t: &Task) -> Result<()> {
    validate::date_order(t.start, t.due, "due date")?;
    check_department(ctx, t.department_id)?;
    ctx.person(t.assignee_id, "assignee")?;
    Ok(())
}

fn create_task(ctx: &Ctx, n: NewTask) -> Result<Id> {
    let initiative = initiatives::get(ctx.tx, n.initiative_id)?.ok_or_else(|| initiative_missing(n.initiative_id))?;
    let task = Task {
        id: Uuid::now_v7(),
        initiative_id: initiative.id,
        title: validate::title(&n.title)?,
        notes: validate::long_text("The notes", &n.notes)?,
        department_id: n.department_id,
        assignee_id: n.assignee_id,
        status: n.status,
        start: n.start,
        due: n.due,
        kind: n.kind,
        position: tasks::next_position(ctx.tx, initiative.id)?,
        block_reason: validate::optional_line("The block reason", n.block_reason.as_deref())?,
        created_at: ctx.now,
        updated_at: ctx.now,
    };
    check_task(ctx, &task)?;
    tasks::insert(ctx.tx, &task)?;
    ctx.log(Entry {
        item_kind: ItemKind::Task,
        item_id: task.id,
        initiative_id: Some(initiative.id),
        action: "create",
        field: None,
        before: None,
        after: Some(task.title.clone()),
        summary: format!("added the task {} to {}", quoted(&task.title), quoted(&initiative.title)),
    })?;
    Ok(task.id)
}

fn update_task(ctx: &Ctx, id: Id, changes: Vec<TaskChange>) -> Result<Id> {
    let old = tasks::get(ctx.tx, id)?.ok_or_else(|| task_missing(id))?;
    let mut new = old.clone();
    for change in changes {
        match change {
            TaskChange::Title(v) => new.title = validate::title(&v)?,
            TaskChange::Notes(v) => new.notes = validate::long_text("The notes", &v)?,
            TaskChange::Department(v) => new.department_id = v,
            TaskChange::Assignee(v) => new.assignee_id = v,
            TaskChange::Status(v) => new.status = v,
            TaskChange::Start(v) => new.start = v,
            TaskChange::Due(v) => new.due = v,
            TaskChange::Kind(v) => new.kind = v,
            TaskChange::Position(v) if v.is_finite() => new.position = v,
            TaskChange::Position(_) => return Err(Error::Validation("A task position must be a number.".into())),
            TaskChange::BlockReason(v) => new.block_reason = validate::optional_line("The block reason", v.as_deref())?,
        }
    }
    if new == old {
        return Ok(id);
    }
    check_task(ctx, &new)?;
    if new.status == TaskStatus::Done && old.status != TaskStatus::Done {
        rules::check_can_finish(&new.title, "done", &items::open_predecessors(ctx.tx, id)?)?;
    }
    new.updated_at = ctx.now;
    tasks::update(ctx.tx, &new)?;
    let dept_name = |d: Id| -> Result<String> { Ok(departments::get(ctx.tx, d)?.map(|d| d.name).unwrap_or_default()) };
    let diffs = [
        ("title", old.title.clone(), new.title.clone()),
        ("notes", old.notes.clone(), new.notes.clone()),
        ("department", dept_name(old.department_id)?, dept_name(new.department_id)?),
        ("assignee", ctx.person_name(old.assignee_id)?, ctx.person_name(new.assignee_id)?),
        ("status", old.status.label().into(), new.status.label().into()),
        ("start date", shown_date(old.start), shown_date(new.start)),
        ("due date", shown_date(old.due), shown_date(new.due)),
        ("kind", old.kind.label().into(), new.kind.label().into()),
        ("position", old.position.to_string(), new.position.to_string()),
        ("block reason", shown_text(old.block_reason.as_deref()), shown_text(new.block_reason.as_deref())),
    ];
    for (field, before, after) in diffs.into_iter().filter(|(_, b, a)| b != a) {
        let summary = match field {
            "notes" => format!("edited the notes of {}", quoted(&new.title)),
            "position" => format!("moved the task {}", quoted(&new.title)),
            _ => format!("set {field} of {}: {before} → {after}", quoted(&new.title)),
        };
        ctx.log(Entry {
            item_kind: ItemKind::Task,
            item_id: id,
            initiative_id: Some(new.initiative_id),
            action: "set",
            field: Some(field),
            before: Some(before),
            after: Some(after),
            summary,
        })?;
    }
    Ok(id)
}

// ---------------------------------------------------------------- delete and restore

fn delete(ctx: &Ctx, id: Id, reassign_to: Option<Id>) -> Result<Id> {
    if let Some(i) = initiatives::get(ctx.tx, id)? {
        initiatives::set_deleted(ctx.tx, id, Some(ctx.now), None, ctx.now)?;
        return log_deleted(ctx, ItemKind::Initiative, id, Some(id), &i.title, "delete", "deleted the initiative");
    }
    if let Some(t) = tasks::get(ctx.tx, id)? {
        tasks::set_deleted(ctx.tx, id, Some(ctx.now), ctx.now)?;
        return log_deleted(ctx, ItemKind::Task, id, Some(t.initiative_id), &t.title, "delete", "deleted the task");
    }
    if let Some(p) = people::get(ctx.tx, id)? {
        return delete_person(ctx, p, reassign_to);
    }
    if dependencies::get_any(ctx.tx, id)?.is_some_and(|(_, deleted)| !deleted) {
        return remove_dependency(ctx, id);
    }
    Err(Error::NotFound(format!("Nothing with id {id} is on this board to delete; it may already be deleted.")))
}

fn delete_person(ctx: &Ctx, person: Person, reassign_to: Option<Id>) -> Result<Id> {
    let work = people::work(ctx.tx, person.id)?;
    if !work.is_empty() {
        let Some(successor) = reassign_to else {
            return Err(Error::Conflict(format!(
                "{} cannot be deleted while they are {}. Choose who takes this over (reassign), then delete.",
                person.name,
                work.join(", ")
            )));
        };
        if successor == person.id {
            return Err(Error::Validation(format!("Choose someone other than {} to take over their work.", person.name)));
        }
        ctx.person(Some(successor), "person to take over")?;
        for (initiative, role) in initiatives::roles_of(ctx.tx, person.id)? {
            let change = match role {
                "marketing_owner" => InitiativeChange::MarketingOwner(Some(successor)),
                "it_owner" => InitiativeChange::ItOwner(Some(successor)),
                _ => InitiativeChange::Sponsor(Some(successor)),
            };
            update_initiative(ctx, initiative, vec![change])?;
        }
        for task in tasks::assigned_to(ctx.tx, person.id)? {
            update_task(ctx, task, vec![TaskChange::Assignee(Some(successor))])?;
        }
    }
    people::set_deleted(ctx.tx, person.id, Some(ctx.now), ctx.now)?;
    log_deleted(ctx, ItemKind::Person, person.id, None, &person.name, "delete", "removed the person")
}

fn log_deleted(ctx: &Ctx, kind: ItemKind, id: Id, initiative: Option<Id>, title: &str, action: &str, verb: &str) -> Result<Id> {
    ctx.log(Entry {
        item_kind: kind,
        item_id: id,
        initiative_id: initiative,
        action,
        field: None,
        before: Some(title.to_string()),
        after: None,
        summary: format!("{verb} {}", quoted(title)),
    })?;
    Ok(id)
}

fn restore(ctx: &Ctx, id: Id) -> Result<Id> {
    if let Some((i, Some(deleted_at))) = initiatives::get_any(ctx.tx, id)? {
        initiatives::set_deleted(ctx.tx, id, None, Some(&deleted_at), ctx.now)?;
        return log_deleted(ctx, ItemKind::Initiative, id, Some(id), &i.title, "restore", "restored the initiative");
    }
    if let Some((t, true)) = tasks::get_any(ctx.tx, id)? {
        if initiatives::get(ctx.tx, t.initiative_id)?.is_none() {
            return Err(Error::Conflict(format!(
                "The task {} belongs to a deleted initiative; restore the initiative first.",
                quoted(&t.title)
            )));
        }
        tasks::set_deleted(ctx.tx, id, None, ctx.now)?;
        return log_deleted(ctx, ItemKind::Task, id, Some(t.initiative_id), &t.title, "restore", "restored the task");
    }
    if let Some((p, true)) = people::get_any(ctx.tx, id)? {
        people::set_deleted(ctx.tx, id, None, ctx.now)?;
        return log_deleted(ctx, ItemKind::Person, id, None, &p.name, "restore", "restored the person");
    }
    if let Some((d, true)) = dependencies::get_any(ctx.tx, id)? {
        let (from, to) = (ctx.item(d.from_id)?, ctx.item(d.to_id)?);
        if d.kind == DependencyKind::FinishToStart {
            refuse_cycle(ctx, &from, &to)?;
        }
        dependencies::set_deleted(ctx.tx, id, None, ctx.now)?;
        return log_dependency(ctx, &d, &from, &to, "restore", "restored the dependency");
    }
    Err(Error::NotFound(format!("Nothing deleted with id {id} is on this board to restore.")))
}

// ---------------------------------------------------------------- dependencies

fn refuse_cycle(ctx: &Ctx, from: &ItemRef, to: &ItemRef) -> Result<()> {
    let Some(cycle) = find_cycle(from.id, to.id, |n| dependencies::successors(ctx.tx, n))? else {
        return Ok(());
    };
    let mut titles = Vec::with_capacity(cycle.len());
    for id in &cycle {
        titles.push(items::get(ctx.tx, *id)?.map_or_else(|| id.to_string(), |i| i.title));
    }
    let message = if from.id == to.id {
        format!("{} cannot depend on itself.", quoted(&from.title))
    } else {
        format!(
            "This dependency would close a loop: {}. Nothing can start first in a loop; remove one of those dependencies, or use “relates to”.",
            titles.join(" → ")
        )
    };
    Err(Error::Cycle { cycle: titles, message })
}

fn add_dependency(ctx: &Ctx, n: NewDependency) -> Result<Id> {
    let (from, to) = (ctx.item(n.from_id)?, ctx.item(n.to_id)?);
    let lag_days = validate::lag(n.lag_days)?;
    if from.id == to.id {
        refuse_cycle(ctx, &from, &to)?;
    }
    let contains = |outer: &ItemRef, inner: &ItemRef| outer.kind == ItemKind::Initiative && inner.initiative_id == outer.id;
    if contains(&from, &to) || contains(&to, &from) {
        let (task, initiative) = if from.kind == ItemKind::Task { (&from, &to) } else { (&to, &from) };
        return Err(Error::Validation(format!(
            "{} is a task of {}; an initiative already includes its own tasks, so they cannot depend on each other.",
            quoted(&task.title),
            quoted(&initiative.title)
        )));
    }
    if n.kind == DependencyKind::FinishToStart {
        refuse_cycle(ctx, &from, &to)?;
    }
    if let Some(existing) = dependencies::between(ctx.tx, from.id, to.id)? {
        return Err(Error::Conflict(format!(
            "{} and {} are already linked ({}); remove that link first to change it.",
            quoted(&from.title),
            quoted(&to.title),
            existing.kind.label().to_lowercase()
        )));
    }
    let dep = Dependency { id: Uuid::now_v7(), from_id: from.id, from_kind: from.kind, to_id: to.id, to_kind: to.kind, kind: n.kind, lag_days };
    dependencies::insert(ctx.tx, &dep, ctx.now)?;
    log_dependency(ctx, &dep, &from, &to, "add_dependency", "added a dependency:")
}

fn log_dependency(ctx: &Ctx, d: &Dependency, from: &ItemRef, to: &ItemRef, action: &str, verb: &str) -> Result<Id> {
    let link = match d.kind {
        DependencyKind::FinishToStart if d.lag_days != 0 => {
            format!("{} waits for {} (+{} days)", quoted(&to.title), quoted(&from.title), d.lag_days)
        }
        DependencyKind::FinishToStart => format!("{} waits for {}", quoted(&to.title), quoted(&from.title)),
        DependencyKind::RelatesTo => format!("{} relates to {}", quoted(&to.title), quoted(&from.title)),
    };
    ctx.log(Entry {
        item_kind: ItemKind::Dependency,
        item_id: d.id,
        initiative_id: Some(to.initiative_id),
        action,
        field: None,
        before: None,
        after: Some(link.clone()),
        summary: format!("{verb} {link}"),
    })?;
    Ok(d.id)
}

fn remove_dependency(ctx: &Ctx, id: Id) -> Result<Id> {
    let Some((d, false)) = dependencies::get_any(ctx.tx, id)? else {
        return Err(Error::NotFound(format!("No dependency with id {id} is on this board; it may already be removed.")));
    };
    let name = |item: Id| -> Result<ItemRef> {
        Ok(items::get(ctx.tx, item)?.unwrap_or(ItemRef {
            id: item,
            kind: ItemKind::Task,
            title: "a deleted item".into(),
            initiative_id: item,
            initiative_title: String::new(),
            status: String::new(),
            open: false,
            start: None,
            finish: None,
        }))
    };
    let (from, to) = (name(d.from_id)?, name(d.to_id)?);
    dependencies::set_deleted(ctx.tx, id, Some(ctx.now), ctx.now)?;
    log_dependency(ctx, &d, &from, &to, "remove_dependency", "removed the dependency")
}

// ---------------------------------------------------------------- comments and the board

fn add_comment(ctx: &Ctx, item_id: Id, body: String) -> Result<Id> {
    let item = ctx.item(item_id)?;
    let body = validate::long_text("A comment", body.trim())?;
    if body.is_empty() {
        return Err(Error::Validation("A comment cannot be empty: type what you want to say.".into()));
    }
    let comment = Comment {
        id: Uuid::now_v7(),
        item_id,
        author_id: ctx.actor.id,
        author_name: ctx.actor.name.clone(),
        body,
        created_at: ctx.now,
    };
    comments::insert(ctx.tx, &comment)?;
    ctx.log(Entry {
        item_kind: ItemKind::Comment,
        item_id: comment.id,
        initiative_id: Some(item.initiative_id),
        action: "comment",
        field: None,
        before: None,
        after: Some(comment.body.clone()),
        summary: format!("commented on {}", quoted(&item.title)),
    })?;
    Ok(comment.id)
}

fn set_board(ctx: &Ctx, name: String, sample: bool) -> Result<Id> {
    let name = validate::required_text("A board name", &name, validate::TITLE_MAX)?;
    let old = board::info(ctx.tx)?;
    board::set_info(ctx.tx, &name, sample, ctx.now)?;
    ctx.log(Entry {
        item_kind: ItemKind::Initiative,
        item_id: old.id,
        initiative_id: None,
        action: "set",
        field: Some("board"),
        before: Some(old.name),
        after: Some(name.clone()),
        summary: format!("named the board {}", quoted(&name)),
    })?;
    Ok(old.id)
}

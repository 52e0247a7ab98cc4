//! Templates: a new initiative from one (every part of its plan in this one write, logged as
//! one entry), an initiative's plan saved as a template of the board, and templates added from
//! a file or removed.

use chrono::Duration;
use uuid::Uuid;

use super::activity::Entry;
use super::{dependencies, governance, initiative_missing, initiatives, quoted, results, tasks, Ctx};
use crate::domain::model::*;
use crate::domain::ops::*;
use crate::domain::templates::{builtin, Template, TemplateKpi, TemplatePlan, TemplateTask};
use crate::domain::validate;
use crate::store::{departments, gate_types, gates, kpis, templates};
use crate::{Error, Result};

fn find(ctx: &Ctx, choice: &TemplateRef) -> Result<Template> {
    match choice {
        TemplateRef::Builtin(name) => builtin().into_iter().find(|t| t.name.eq_ignore_ascii_case(name.trim())).ok_or_else(|| {
            let names: Vec<String> = builtin().into_iter().map(|t| quoted(&t.name)).collect();
            Error::NotFound(format!("There is no template called {}; the built-in ones are {}.", quoted(name.trim()), names.join(", ")))
        }),
        TemplateRef::Board(id) => templates::get(ctx.tx, *id)?
            .ok_or_else(|| Error::NotFound(format!("No template with id {id} is on this board; it may have been removed."))),
    }
}

/// A template task's department: Marketing, IT, or another department of the board by name.
fn department(ctx: &Ctx, name: &str) -> Result<Id> {
    match name.to_ascii_lowercase().as_str() {
        "marketing" => Ok(MARKETING),
        "it" => Ok(IT),
        _ => Ok(departments::find_by_name(ctx.tx, name)?
            .ok_or_else(|| {
                Error::Validation(format!(
                    "The template puts tasks in the department {}, which this board does not have; add it under People first.",
                    quoted(name)
                ))
            })?
            .id),
    }
}

/// How far from its start a template's plan may reach, either way: about thirty years. A
/// template file is read from outside, and a day far beyond this would overflow the calendar.
const PLAN_DAYS: i64 = 11_000;

/// A template's day offsets, each within [`PLAN_DAYS`] of the start.
fn check_days(plan: &TemplatePlan) -> Result<()> {
    let far = |offset: Option<i64>| offset.is_none_or(|d| d.unsigned_abs() > PLAN_DAYS as u64);
    let task_far = |t: &TemplateTask| far(Some(t.start_day)) || t.days < 0 || far(t.start_day.checked_add(t.days));
    if far(Some(plan.target_days)) || plan.tasks.iter().any(task_far) || plan.kpis.iter().any(|k| far(Some(k.target_days))) {
        return Err(Error::Validation(format!(
            "The template's plan has a date more than {PLAN_DAYS} days from its start, or a task that ends before it begins; it may be damaged: export it again."
        )));
    }
    Ok(())
}

pub(super) fn create_from_template(ctx: &Ctx, choice: TemplateRef, title: String, start: chrono::NaiveDate) -> Result<Id> {
    let template = find(ctx, &choice)?;
    let plan = &template.plan;
    check_days(plan)?;
    let far = || Error::Validation(format!("Dated from {start}, the template's plan runs past the calendar; choose another start."));
    let day = |offset: i64| start.checked_add_signed(Duration::days(offset)).ok_or_else(far);
    // The parts are logged as one entry below; each is still checked like any edit.
    let id = ctx.quietly(|| {
        let id = initiatives::create_initiative(
            ctx,
            NewInitiative {
                summary: plan.summary.clone(),
                start: Some(start),
                target: Some(day(plan.target_days)?),
                tags: plan.tags.clone(),
                ..NewInitiative::titled(title.clone())
            },
        )?;
        let mut task_ids = Vec::with_capacity(plan.tasks.len());
        for t in &plan.tasks {
            let (kind, begin) = if t.milestone { (TaskKind::Milestone, None) } else { (TaskKind::Task, Some(day(t.start_day)?)) };
            task_ids.push(tasks::create_task(
                ctx,
                NewTask {
                    start: begin,
                    due: Some(day(t.start_day + t.days)?),
                    kind,
                    go_live: t.go_live,
                    cadence: t.cadence.clone(),
                    ..NewTask::titled(id, department(ctx, &t.department)?, t.title.clone())
                },
            )?);
        }
        for &(from, to, lag_days) in &plan.dependencies {
            let (Some(&from_id), Some(&to_id)) = (task_ids.get(from), task_ids.get(to)) else { continue };
            dependencies::add_dependency(ctx, NewDependency { from_id, to_id, kind: DependencyKind::FinishToStart, lag_days })?;
        }
        for key in &plan.gates {
            // A gate type the board has since removed from its catalogue is left out.
            if let Some(kind) = gate_types::by_key(ctx.tx, key)? {
                governance::add_gate(ctx, NewGate { initiative_id: id, gate_type_id: kind.id, approver_id: None })?;
            }
        }
        for k in &plan.kpis {
            results::add_kpi(
                ctx,
                NewKpi {
                    initiative_id: id,
                    name: k.name.clone(),
                    unit: k.unit.clone(),
                    direction: k.direction,
                    baseline: k.baseline,
                    baseline_on: start,
                    target: k.target,
                    target_on: day(k.target_days)?,
                },
            )?;
        }
        Ok(id)
    })?;
    ctx.log(Entry {
        item_kind: ItemKind::Initiative,
        item_id: id,
        initiative_id: Some(id),
        action: "create",
        field: Some("template"),
        before: None,
        after: Some(template.name.clone()),
        summary: format!(
            "created the initiative {} from the template {}: {} tasks, {} gates, {} KPIs",
            quoted(&title),
            quoted(&template.name),
            plan.tasks.len(),
            plan.gates.len(),
            plan.kpis.len()
        ),
    })?;
    Ok(id)
}

/// An initiative's plan as a template: its tasks with days from its start, the links between
/// them, its gates and its KPIs (with their baselines and targets, dated from the start).
pub(super) fn save_template(ctx: &Ctx, initiative_id: Id, name: String, description: String) -> Result<Id> {
    let i = crate::store::initiatives::get(ctx.tx, initiative_id)?.ok_or_else(|| initiative_missing(initiative_id))?;
    let list = crate::store::tasks::of_initiative(ctx.tx, initiative_id)?;
    let start = i.start.or_else(|| list.iter().filter_map(|t| t.start.or(t.due)).min()).ok_or_else(|| {
        Error::Validation(format!("{} has no dates yet; give it a start date, then save it as a template.", quoted(&i.title)))
    })?;
    let days = |d: chrono::NaiveDate| (d - start).num_days();
    let dept_names = departments::all(ctx.tx)?;
    let dept = |id: Id| match id {
        MARKETING => "marketing".to_string(),
        IT => "it".to_string(),
        other => dept_names.iter().find(|d| d.id == other).map(|d| d.name.clone()).unwrap_or_else(|| "it".into()),
    };
    let tasks: Vec<TemplateTask> = list
        .iter()
        .map(|t| {
            let first = t.start.or(t.due).unwrap_or(start);
            TemplateTask {
                title: t.title.clone(),
                department: dept(t.department_id),
                start_day: days(first),
                days: t.due.map_or(0, |d| (d - first).num_days()),
                milestone: t.kind == TaskKind::Milestone,
                go_live: t.go_live,
                cadence: t.cadence.clone(),
            }
        })
        .collect();
    let position = |id: Id| list.iter().position(|t| t.id == id);
    let dependencies = crate::store::dependencies::all(ctx.tx)?
        .into_iter()
        .filter(|d| d.kind == DependencyKind::FinishToStart)
        .filter_map(|d| Some((position(d.from_id)?, position(d.to_id)?, d.lag_days)))
        .collect();
    let catalogue = gate_types::all(ctx.tx)?;
    let gate_keys = gates::of_initiative(ctx.tx, initiative_id)?
        .into_iter()
        .filter_map(|g| catalogue.iter().find(|t| t.id == g.gate_type_id).map(|t| t.key.clone()))
        .collect();
    let kpis = kpis::views(ctx.tx, Some(initiative_id))?
        .remove(&initiative_id)
        .unwrap_or_default()
        .into_iter()
        .map(|k| TemplateKpi {
            name: k.kpi.name,
            unit: k.kpi.unit,
            direction: k.kpi.direction,
            baseline: k.kpi.baseline,
            target: k.kpi.target,
            target_days: days(k.kpi.target_on).max(1),
        })
        .collect();
    let plan = TemplatePlan {
        summary: i.summary.clone(),
        tags: i.tags.clone(),
        target_days: i.target.map_or(0, days),
        tasks,
        dependencies,
        gates: gate_keys,
        kpis,
    };
    add_template(ctx, name, description, plan)
}

pub(super) fn add_template(ctx: &Ctx, name: String, description: String, plan: TemplatePlan) -> Result<Id> {
    let template = Template {
        id: None,
        name: validate::required_text("A template name", &name, 120)?,
        description: validate::long_text("The description", description.trim())?,
        plan,
    };
    if builtin().iter().chain(&templates::all(ctx.tx)?).any(|t| t.name.eq_ignore_ascii_case(&template.name)) {
        return Err(Error::Validation(format!("There is already a template called {}; choose another name.", quoted(&template.name))));
    }
    if template.plan.tasks.len() > 500 {
        return Err(Error::Validation("A template holds at most 500 tasks.".into()));
    }
    check_days(&template.plan)?;
    let id = Uuid::now_v7();
    templates::insert(ctx.tx, &template, id, ctx.now)?;
    ctx.log(Entry {
        item_kind: ItemKind::Template,
        item_id: id,
        initiative_id: None,
        action: "create",
        field: None,
        before: None,
        after: Some(template.name.clone()),
        summary: format!("added the template {} ({} tasks)", quoted(&template.name), template.plan.tasks.len()),
    })?;
    Ok(id)
}

pub(super) fn remove_template(ctx: &Ctx, id: Id) -> Result<Id> {
    let t = templates::get(ctx.tx, id)?.ok_or_else(|| Error::NotFound(format!("No template with id {id} is on this board.")))?;
    templates::set_deleted(ctx.tx, id, ctx.now)?;
    ctx.log(Entry {
        item_kind: ItemKind::Template,
        item_id: id,
        initiative_id: None,
        action: "delete",
        field: None,
        before: Some(t.name.clone()),
        after: None,
        summary: format!("removed the template {}", quoted(&t.name)),
    })?;
    Ok(id)
}

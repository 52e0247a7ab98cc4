//! KPIs and their readings: adding, changing and removing them, each checked as measurable.

use uuid::Uuid;

use super::activity::Entry;
use super::{initiative_missing, quoted, Ctx};
use crate::domain::model::*;
use crate::domain::ops::*;
use crate::domain::results::{check_kpi, Kpi, Reading};
use crate::domain::validate;
use crate::store::initiatives;
use crate::store::kpis::{self, Table};
use crate::{Error, Result};

fn kpi_missing(id: Id) -> Error {
    Error::NotFound(format!("No KPI with id {id} is on this board; it may have been removed."))
}

fn title_of(ctx: &Ctx, initiative: Id) -> Result<String> {
    Ok(initiatives::get(ctx.tx, initiative)?.ok_or_else(|| initiative_missing(initiative))?.title)
}

fn log_kpi(ctx: &Ctx, k: &Kpi, action: &str, field: Option<&str>, after: Option<String>, summary: String) -> Result<()> {
    ctx.log(Entry {
        item_kind: ItemKind::Kpi,
        item_id: k.id,
        initiative_id: Some(k.initiative_id),
        action,
        field,
        before: None,
        after,
        summary,
    })
}

pub(super) fn add_kpi(ctx: &Ctx, n: NewKpi) -> Result<Id> {
    let title = title_of(ctx, n.initiative_id)?;
    let kpi = Kpi {
        id: Uuid::now_v7(),
        initiative_id: n.initiative_id,
        name: validate::required_text("A KPI name", &n.name, 120)?,
        unit: validate::optional_line("The unit", Some(&n.unit))?.unwrap_or_default(),
        direction: n.direction,
        baseline: n.baseline,
        baseline_on: n.baseline_on,
        target: n.target,
        target_on: n.target_on,
    };
    check_kpi(&kpi)?;
    kpis::insert(ctx.tx, &kpi, ctx.now)?;
    let summary = format!(
        "added the KPI {} to {}: {}{unit} on {} → {}{unit} by {}",
        quoted(&kpi.name),
        quoted(&title),
        kpi.baseline,
        kpi.baseline_on,
        kpi.target,
        kpi.target_on,
        unit = unit_suffix(&kpi.unit)
    );
    log_kpi(ctx, &kpi, "add_kpi", None, Some(kpi.name.clone()), summary)?;
    Ok(kpi.id)
}

pub(super) fn update_kpi(ctx: &Ctx, id: Id, changes: Vec<KpiChange>) -> Result<Id> {
    let old = kpis::get(ctx.tx, id)?.ok_or_else(|| kpi_missing(id))?;
    let mut new = old.clone();
    for change in changes {
        match change {
            KpiChange::Name(v) => new.name = validate::required_text("A KPI name", &v, 120)?,
            KpiChange::Unit(v) => new.unit = validate::optional_line("The unit", Some(&v))?.unwrap_or_default(),
            KpiChange::Direction(v) => new.direction = v,
            KpiChange::Baseline(v) => new.baseline = v,
            KpiChange::BaselineOn(v) => new.baseline_on = v,
            KpiChange::Target(v) => new.target = v,
            KpiChange::TargetOn(v) => new.target_on = v,
        }
    }
    if new == old {
        return Ok(id);
    }
    check_kpi(&new)?;
    kpis::update(ctx.tx, &new, ctx.now)?;
    let unit = unit_suffix(&new.unit);
    let diffs = [
        ("name", old.name.clone(), new.name.clone()),
        ("unit", old.unit.clone(), new.unit.clone()),
        ("direction", old.direction.label().into(), new.direction.label().into()),
        ("baseline", format!("{}{unit} on {}", old.baseline, old.baseline_on), format!("{}{unit} on {}", new.baseline, new.baseline_on)),
        ("target", format!("{}{unit} by {}", old.target, old.target_on), format!("{}{unit} by {}", new.target, new.target_on)),
    ];
    ctx.log_changes(ItemKind::Kpi, id, Some(new.initiative_id), diffs, |field, before, after| {
        format!("set {field} of the KPI {}: {before} → {after}", quoted(&new.name))
    })?;
    Ok(id)
}

pub(super) fn remove_kpi(ctx: &Ctx, id: Id) -> Result<Id> {
    let kpi = kpis::get(ctx.tx, id)?.ok_or_else(|| kpi_missing(id))?;
    kpis::set_deleted(ctx.tx, Table::Kpis, id, ctx.now)?;
    let summary = format!("removed the KPI {} from {}", quoted(&kpi.name), quoted(&title_of(ctx, kpi.initiative_id)?));
    log_kpi(ctx, &kpi, "remove_kpi", None, None, summary)?;
    Ok(id)
}

pub(super) fn add_reading(ctx: &Ctx, n: NewReading) -> Result<Id> {
    let kpi = kpis::get(ctx.tx, n.kpi_id)?.ok_or_else(|| kpi_missing(n.kpi_id))?;
    if !n.value.is_finite() {
        return Err(Error::Validation(format!("A reading of “{}” must be a number.", kpi.name)));
    }
    let reading = Reading {
        id: Uuid::now_v7(),
        kpi_id: kpi.id,
        value: n.value,
        taken_on: n.taken_on,
        note: validate::optional_line("The note", Some(&n.note))?.unwrap_or_default(),
    };
    kpis::insert_reading(ctx.tx, &reading, ctx.now)?;
    let summary = format!("recorded {} at {}{} on {}", quoted(&kpi.name), reading.value, unit_suffix(&kpi.unit), reading.taken_on);
    log_kpi(ctx, &kpi, "add_reading", Some("reading"), Some(reading.value.to_string()), summary)?;
    Ok(reading.id)
}

pub(super) fn remove_reading(ctx: &Ctx, id: Id) -> Result<Id> {
    let reading = kpis::reading(ctx.tx, id)?
        .ok_or_else(|| Error::NotFound(format!("No reading with id {id} is on this board; it may have been removed.")))?;
    let kpi = kpis::get(ctx.tx, reading.kpi_id)?.ok_or_else(|| kpi_missing(reading.kpi_id))?;
    kpis::set_deleted(ctx.tx, Table::Readings, id, ctx.now)?;
    let summary = format!("removed the reading of {} on {}", quoted(&kpi.name), reading.taken_on);
    log_kpi(ctx, &kpi, "remove_reading", Some("reading"), None, summary)?;
    Ok(id)
}

/// "%" sticks to the number; other units follow it after a space.
fn unit_suffix(unit: &str) -> String {
    match unit {
        "" => String::new(),
        "%" => "%".into(),
        u => format!(" {u}"),
    }
}

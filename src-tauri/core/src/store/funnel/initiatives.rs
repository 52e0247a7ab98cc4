//! Creating and changing initiatives, under the owner and finishing rules.

use uuid::Uuid;

use chrono::NaiveDate;

use super::activity::Entry;
use super::tasks::update_task;
use super::{initiative_missing, quoted, shown_date, shown_text, Ctx};
use crate::domain::model::*;
use crate::domain::ops::*;
use crate::domain::{governance, rules, validate};
use crate::store::{gates, initiatives, items, tasks};
use crate::{Error, Result};

/// The rules an initiative must satisfy whatever changed: dates in order, owners in their
/// departments, and both owners once it has left Proposed.
pub(super) fn check_initiative(ctx: &Ctx, i: &Initiative) -> Result<()> {
    validate::date_order(i.start, i.target, "target date")?;
    rules::check_owner("Marketing owner", MARKETING, ctx.person(i.marketing_owner_id, "Marketing owner")?.as_ref())?;
    rules::check_owner("IT owner", IT, ctx.person(i.it_owner_id, "IT owner")?.as_ref())?;
    ctx.person(i.sponsor_id, "executive sponsor")?;
    ctx.person(i.accountable_id, "Accountable")?;
    rules::check_owners_for_status(&i.title, i.status, i.marketing_owner_id, i.it_owner_id)
}

pub(super) fn create_initiative(ctx: &Ctx, n: NewInitiative) -> Result<Id> {
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
        accountable_id: n.accountable_id,
        went_live_on: (n.status == InitiativeStatus::Live).then(|| ctx.now.date_naive()),
        review_on: None,
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

pub(super) fn update_initiative(ctx: &Ctx, id: Id, changes: Vec<InitiativeChange>) -> Result<Id> {
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
            InitiativeChange::Accountable(v) => new.accountable_id = v,
            InitiativeChange::ReviewOn(v) => new.review_on = v,
        }
    }
    if new == old {
        return Ok(id);
    }
    check_initiative(ctx, &new)?;
    governance::check_accountable(&new.title, (old.status, old.accountable_id), (new.status, new.accountable_id))?;
    if new.status == InitiativeStatus::Live && old.status != InitiativeStatus::Live {
        rules::check_can_finish(&new.title, "Live", &items::open_predecessors(ctx.tx, id)?)?;
        governance::check_gates_for_go_live(&new.title, "go Live", &gates::open_of(ctx.tx, id)?)?;
        // The first time counts: the review of its results is reckoned from it.
        new.went_live_on = new.went_live_on.or(Some(ctx.now.date_naive()));
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
        ("Accountable", ctx.person_name(old.accountable_id)?, ctx.person_name(new.accountable_id)?),
        ("review date", shown_date(old.review_on), shown_date(new.review_on)),
        ("tags", old.tags.join(", "), new.tags.join(", ")),
        ("block reason", shown_text(old.block_reason.as_deref()), shown_text(new.block_reason.as_deref())),
    ];
    ctx.log_changes(ItemKind::Initiative, id, Some(id), diffs, |field, before, after| match field {
        "summary" => format!("edited the summary of {}", quoted(&new.title)),
        "Accountable" if before != "nobody" => format!("made {after} Accountable for {}, replacing {before}", quoted(&new.title)),
        _ => format!("set {field} of {}: {before} → {after}", quoted(&new.title)),
    })?;
    Ok(id)
}

/// Shifts the initiative's dates and its open tasks' dates together, each change checked and
/// logged like any edit, so every task's history shows its own move.
pub(super) fn move_initiative(ctx: &Ctx, id: Id, days: i32) -> Result<Id> {
    let initiative = initiatives::get(ctx.tx, id)?.ok_or_else(|| initiative_missing(id))?;
    let shift = |date: Option<NaiveDate>| -> Result<Option<NaiveDate>> {
        date.map(|d| {
            d.checked_add_signed(chrono::Duration::days(days.into())).ok_or_else(|| {
                Error::Validation(format!(
                    "Moving {} by {days} days goes past the calendar's end; move it less far.",
                    quoted(&initiative.title)
                ))
            })
        })
        .transpose()
    };
    update_initiative(
        ctx,
        id,
        vec![InitiativeChange::Start(shift(initiative.start)?), InitiativeChange::Target(shift(initiative.target)?)],
    )?;
    for task in tasks::of_initiative(ctx.tx, id)?.into_iter().filter(|t| t.status.is_open()) {
        update_task(ctx, task.id, vec![TaskChange::Start(shift(task.start)?), TaskChange::Due(shift(task.due)?)])?;
    }
    Ok(id)
}

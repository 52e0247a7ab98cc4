//! Roles (RACI), gates and the gate catalogue, under the governance rules in
//! `domain::governance`: one Accountable, only the approver passes a gate, a reason for failing
//! or waiving, one gate of each type per initiative.

use uuid::Uuid;

use super::activity::Entry;
use super::initiatives::update_initiative;
use super::tasks::update_task;
use super::{initiative_missing, quoted, Ctx};
use crate::domain::governance::*;
use crate::domain::model::*;
use crate::domain::ops::*;
use crate::domain::validate;
use crate::store::{activity, gate_types, gates, initiatives, roles, tasks};
use crate::{Error, Result};

/// Gives a role. The Accountable is the item's own field, so naming one replaces the one there
/// was (the log says whom); the others are rows, several per role.
pub(super) fn set_role(ctx: &Ctx, item_id: Id, person_id: Id, role: RaciRole) -> Result<Id> {
    let item = ctx.item(item_id)?;
    let person = ctx.person(Some(person_id), role.label())?.expect("a person was named");
    if role == RaciRole::Accountable {
        return match item.kind {
            ItemKind::Task => update_task(ctx, item.id, vec![TaskChange::Accountable(Some(person.id))]),
            _ => update_initiative(ctx, item.id, vec![InitiativeChange::Accountable(Some(person.id))]),
        };
    }
    let id = role_id(item.id, person.id, role);
    if roles::is_given(ctx.tx, id)? {
        return Ok(id);
    }
    roles::give(ctx.tx, &RoleAssignment { id, item_id: item.id, initiative_id: item.initiative_id, person_id: person.id, role }, ctx.now)?;
    ctx.log(Entry {
        item_kind: item.kind,
        item_id: item.id,
        initiative_id: Some(item.initiative_id),
        action: "set_role",
        field: Some(role.wire()),
        before: None,
        after: Some(person.name.clone()),
        summary: format!("made {} {} for {}", person.name, role.label(), quoted(&item.title)),
    })?;
    Ok(id)
}

pub(super) fn remove_role(ctx: &Ctx, item_id: Id, person_id: Id, role: RaciRole) -> Result<Id> {
    let item = ctx.item(item_id)?;
    if role == RaciRole::Accountable {
        return match item.kind {
            ItemKind::Task => update_task(ctx, item.id, vec![TaskChange::Accountable(None)]),
            _ => update_initiative(ctx, item.id, vec![InitiativeChange::Accountable(None)]),
        };
    }
    let id = role_id(item.id, person_id, role);
    if !roles::is_given(ctx.tx, id)? {
        return Err(Error::NotFound(format!(
            "{} is not {} for {}; nothing was changed.",
            ctx.person_name(Some(person_id))?,
            role.label(),
            quoted(&item.title)
        )));
    }
    roles::take_back(ctx.tx, id, ctx.now)?;
    let name = ctx.person_name(Some(person_id))?;
    ctx.log(Entry {
        item_kind: item.kind,
        item_id: item.id,
        initiative_id: Some(item.initiative_id),
        action: "remove_role",
        field: Some(role.wire()),
        before: Some(name.clone()),
        after: None,
        summary: format!("removed {name} as {} for {}", role.label(), quoted(&item.title)),
    })?;
    Ok(id)
}

pub(super) fn add_gate(ctx: &Ctx, n: NewGate) -> Result<Id> {
    let initiative = initiatives::get(ctx.tx, n.initiative_id)?.ok_or_else(|| initiative_missing(n.initiative_id))?;
    let kind = gate_type(ctx, n.gate_type_id)?;
    ctx.person(n.approver_id, "approver")?;
    let id = gate_id(initiative.id, kind.id);
    if gates::get_any(ctx.tx, id)?.is_some_and(|(_, removed)| !removed) {
        return Err(Error::Conflict(format!("{} already has the {} gate.", quoted(&initiative.title), kind.name)));
    }
    let gate = Gate {
        id,
        initiative_id: initiative.id,
        gate_type_id: kind.id,
        approver_id: n.approver_id,
        state: GateState::NotStarted,
        reason: None,
        evidence: String::new(),
        decided_by: None,
        decided_at: None,
        decided_on: None,
    };
    gates::upsert(ctx.tx, &gate, ctx.now)?;
    let approver = match n.approver_id {
        Some(_) => format!(", approved by {}", ctx.person_name(n.approver_id)?),
        None => String::new(),
    };
    log_gate(ctx, &gate, "add_gate", None, None, Some(kind.name.clone()), format!("added the {} gate{approver}", kind.name))?;
    Ok(id)
}

pub(super) fn update_gate(ctx: &Ctx, id: Id, changes: Vec<GateChange>) -> Result<Id> {
    let old = match gates::get_any(ctx.tx, id)? {
        Some((gate, false)) => gate,
        _ => return Err(Error::NotFound(format!("No gate with id {id} is on this board; it may have been removed."))),
    };
    let kind = gate_type(ctx, old.gate_type_id)?;
    let initiative = initiatives::get(ctx.tx, old.initiative_id)?.ok_or_else(|| initiative_missing(old.initiative_id))?;
    let approver_name = ctx.person_name(old.approver_id)?;
    let authority = GateAuthority {
        gate_name: &kind.name,
        me: ctx.actor.id,
        approver: old.approver_id.map(|id| (id, approver_name.as_str())),
        accountable: initiative.accountable_id,
    };
    let mut new = old.clone();
    for change in changes {
        match change {
            GateChange::State { state, reason } => {
                let reason = validate::optional_line("The reason", reason.as_deref())?;
                authority.check_state(old.state, state, reason.as_deref())?;
                new.state = state;
                new.reason = if state.needs_reason() { reason } else { None };
            }
            GateChange::Approver(approver) => {
                authority.check_approver_change()?;
                ctx.person(approver, "approver")?;
                new.approver_id = approver;
            }
            GateChange::Evidence(text) => new.evidence = validate::long_text("The evidence", text.trim())?,
        }
    }
    if new == old {
        return Ok(id);
    }
    if (new.state, &new.reason) != (old.state, &old.reason) {
        new.decided_by = Some(ctx.actor.name.clone());
        new.decided_at = Some(ctx.now);
        new.decided_on = activity::device_name(ctx.tx)?;
    }
    gates::update(ctx.tx, &new, ctx.now)?;
    if new.state != old.state {
        let why = new.reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default();
        let summary = format!("set the {} gate of {}: {} → {}{why}", kind.name, quoted(&initiative.title), old.state, new.state);
        log_gate(ctx, &new, "set", Some("state"), Some(old.state.label().into()), Some(new.state.label().into()), summary)?;
    }
    if new.approver_id != old.approver_id {
        let after = ctx.person_name(new.approver_id)?;
        let summary = format!("made {after} the approver of the {} gate of {} (was {approver_name})", kind.name, quoted(&initiative.title));
        log_gate(ctx, &new, "set", Some("approver"), Some(approver_name.clone()), Some(after), summary)?;
    }
    if new.evidence != old.evidence {
        let summary = format!("recorded evidence for the {} gate of {}", kind.name, quoted(&initiative.title));
        log_gate(ctx, &new, "set", Some("evidence"), Some(old.evidence.clone()), Some(new.evidence.clone()), summary)?;
    }
    Ok(id)
}

pub(super) fn remove_gate(ctx: &Ctx, id: Id) -> Result<Id> {
    let Some((gate, false)) = gates::get_any(ctx.tx, id)? else {
        return Err(Error::NotFound(format!("No gate with id {id} is on this board; it may already be removed.")));
    };
    let kind = gate_type(ctx, gate.gate_type_id)?;
    gates::set_deleted(ctx.tx, id, ctx.now)?;
    log_gate(ctx, &gate, "remove_gate", None, Some(kind.name.clone()), None, format!("removed the {} gate", kind.name))?;
    Ok(id)
}

/// Hands every role and gate approval `from` holds to `to`: someone who leaves the board passes
/// on what they answered for. Logged like any change; the approver rule does not apply, since
/// the person who approved is the one leaving.
pub(super) fn hand_over(ctx: &Ctx, from: Id, to: Id) -> Result<()> {
    for role in roles::held_by(ctx.tx, from)? {
        remove_role(ctx, role.item_id, from, role.role)?;
        set_role(ctx, role.item_id, to, role.role)?;
    }
    for task in tasks::accountable_for(ctx.tx, from)? {
        update_task(ctx, task, vec![TaskChange::Accountable(Some(to))])?;
    }
    for (gate, initiative, name) in gates::approved_by(ctx.tx, from)? {
        let Some((mut g, _)) = gates::get_any(ctx.tx, gate)? else { continue };
        g.approver_id = Some(to);
        gates::update(ctx.tx, &g, ctx.now)?;
        let (before, after) = (ctx.person_name(Some(from))?, ctx.person_name(Some(to))?);
        let summary = format!("made {after} the approver of the {name} gate of {} (was {before})", quoted(&initiative));
        log_gate(ctx, &g, "set", Some("approver"), Some(before), Some(after), summary)?;
    }
    Ok(())
}

pub(super) fn create_gate_type(ctx: &Ctx, n: NewGateType) -> Result<Id> {
    let kind = GateType {
        id: Uuid::now_v7(),
        key: unique_key(ctx, &n.key, None)?,
        name: validate::required_text("A gate name", &n.name, 80)?,
        description: validate::long_text("The description", n.description.trim())?,
        usual_approver: validate::optional_line("Who usually approves it", Some(&n.usual_approver))?.unwrap_or_default(),
    };
    gate_types::insert(ctx.tx, &kind, ctx.now)?;
    log_gate_type(ctx, &kind, "create", None, None, Some(kind.name.clone()), format!("added the gate type {}", quoted(&kind.name)))?;
    Ok(kind.id)
}

pub(super) fn update_gate_type(ctx: &Ctx, id: Id, changes: Vec<GateTypeChange>) -> Result<Id> {
    let old = gate_type(ctx, id)?;
    let mut new = old.clone();
    for change in changes {
        match change {
            GateTypeChange::Key(v) => new.key = unique_key(ctx, &v, Some(id))?,
            GateTypeChange::Name(v) => new.name = validate::required_text("A gate name", &v, 80)?,
            GateTypeChange::Description(v) => new.description = validate::long_text("The description", v.trim())?,
            GateTypeChange::UsualApprover(v) => {
                new.usual_approver = validate::optional_line("Who usually approves it", Some(&v))?.unwrap_or_default()
            }
        }
    }
    if new == old {
        return Ok(id);
    }
    gate_types::update(ctx.tx, &new, ctx.now)?;
    let diffs = [
        ("key", old.key.clone(), new.key.clone()),
        ("name", old.name.clone(), new.name.clone()),
        ("description", old.description.clone(), new.description.clone()),
        ("usual approver", old.usual_approver.clone(), new.usual_approver.clone()),
    ];
    ctx.log_changes(ItemKind::GateType, id, None, diffs, |field, before, after| {
        format!("changed {field} of the gate type {}: {before} → {after}", quoted(&new.name))
    })?;
    Ok(id)
}

pub(super) fn remove_gate_type(ctx: &Ctx, id: Id) -> Result<Id> {
    let kind = gate_type(ctx, id)?;
    let used = gate_types::used_by(ctx.tx, id)?;
    if !used.is_empty() {
        let titles: Vec<String> = used.iter().map(|t| quoted(t)).collect();
        return Err(Error::Conflict(format!(
            "The {} gate is used by {}. Remove it from those initiatives first.",
            kind.name,
            titles.join(", ")
        )));
    }
    gate_types::set_deleted(ctx.tx, id, ctx.now)?;
    log_gate_type(ctx, &kind, "delete", None, Some(kind.name.clone()), None, format!("removed the gate type {}", quoted(&kind.name)))?;
    Ok(id)
}

fn gate_type(ctx: &Ctx, id: Id) -> Result<GateType> {
    gate_types::get(ctx.tx, id)?.ok_or_else(|| {
        Error::NotFound(format!("No gate type with id {id} is in this board's catalogue; choose one from Settings → Gates."))
    })
}

fn unique_key(ctx: &Ctx, text: &str, own: Option<Id>) -> Result<String> {
    let key = gate_key(text)?;
    match gate_types::by_key(ctx.tx, &key)? {
        Some(other) if Some(other.id) != own => {
            Err(Error::Validation(format!("The key “{key}” is taken by the {} gate; choose another.", other.name)))
        }
        _ => Ok(key),
    }
}

fn log_gate(
    ctx: &Ctx,
    gate: &Gate,
    action: &str,
    field: Option<&str>,
    before: Option<String>,
    after: Option<String>,
    summary: String,
) -> Result<()> {
    ctx.log(Entry {
        item_kind: ItemKind::Gate,
        item_id: gate.id,
        initiative_id: Some(gate.initiative_id),
        action,
        field,
        before,
        after,
        summary,
    })
}

fn log_gate_type(
    ctx: &Ctx,
    kind: &GateType,
    action: &str,
    field: Option<&str>,
    before: Option<String>,
    after: Option<String>,
    summary: String,
) -> Result<()> {
    ctx.log(Entry { item_kind: ItemKind::GateType, item_id: kind.id, initiative_id: None, action, field, before, after, summary })
}

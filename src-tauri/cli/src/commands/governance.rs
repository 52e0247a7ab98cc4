//! Governance from the command line: RACI roles (`set-role`, `remove-role`), gates (`gates`,
//! `add-gate`, `gate`, `remove-gate`) and the gate catalogue (`gate-types`, `add-gate-type`,
//! `edit-gate-type`, `remove-gate-type`). The rules (one Accountable, only the approver passes a
//! gate) are the core's; `--as` says who "I" am, as the app's Settings do.

use bridgeboard_core::{
    gate_id, Error, GateChange, GateState, GateType, GateTypeChange, Id, NewGate, NewGateType, Op, RaciRole, Result, Store,
};

use super::{require_changes, Clock, Edit};
use crate::resolve::{Item, Snapshot};

fn role(text: &str) -> Result<RaciRole> {
    RaciRole::from_wire(text.trim().to_lowercase().as_str()).ok_or_else(|| {
        Error::Validation(format!("“{text}” is not a RACI role; use one of: responsible, accountable, consulted, informed."))
    })
}

fn gate_state(text: &str) -> Result<GateState> {
    GateState::from_wire(text.trim()).ok_or_else(|| {
        let all: Vec<&str> = GateState::ALL.iter().map(|s| s.wire()).collect();
        Error::Validation(format!("“{text}” is not a gate state; use one of: {}.", all.join(", ")))
    })
}

/// A gate type by its key (or exact name), as `gate-types` lists them.
fn gate_type(store: &Store, query: &str) -> Result<GateType> {
    let all = store.gate_types()?;
    let wanted = query.trim();
    all.iter().find(|t| t.key == wanted.to_lowercase() || t.name == wanted).cloned().ok_or_else(|| {
        let keys: Vec<&str> = all.iter().map(|t| t.key.as_str()).collect();
        Error::NotFound(format!("There is no gate type “{wanted}”; use one of: {}. See `bridgeboard-cli gate-types`.", keys.join(", ")))
    })
}

pub fn set_role(e: &mut Edit, item: &str, role_text: &str, person: &str) -> Result<Id> {
    let (item, role, person) = (e.board.item(item)?, role(role_text)?, e.board.person(person)?.clone());
    let replaced = match role {
        RaciRole::Accountable => accountable_of(e, &item)?.filter(|a| *a != person.id),
        _ => None,
    };
    let id = e.apply(Op::SetRole { item_id: item.id(), person_id: person.id, role })?;
    if let Some(before) = replaced.and_then(|id| e.board.people.iter().find(|p| p.id == id)) {
        eprintln!("{} is now Accountable for “{}”, replacing {}.", person.name, item.title(), before.name);
    }
    Ok(id)
}

fn accountable_of(e: &Edit, item: &Item) -> Result<Option<Id>> {
    let detail = e.store.initiative_detail(item.initiative_id(), e.clock.today)?;
    Ok(match item {
        Item::Initiative { .. } => detail.raci.accountable.map(|p| p.id),
        Item::Task { id, .. } => detail.tasks.into_iter().find(|t| t.task.id == *id).and_then(|t| t.raci.accountable).map(|p| p.id),
    })
}

pub fn remove_role(e: &mut Edit, item: &str, role_text: &str, person: &str) -> Result<Id> {
    let (item, role, person) = (e.board.item(item)?, role(role_text)?, e.board.person(person)?.id);
    e.apply(Op::RemoveRole { item_id: item.id(), person_id: person, role })
}

pub fn add_gate(e: &mut Edit, item: &str, gate: &str, approver: &str) -> Result<Id> {
    let initiative_id = e.board.initiative(item)?;
    let gate_type_id = gate_type(&e.store, gate)?.id;
    let approver_id = Some(e.board.person(approver)?.id);
    e.apply(Op::AddGate(NewGate { initiative_id, gate_type_id, approver_id }))
}

/// What `gate` was asked to change.
pub struct GateEdit {
    pub state: Option<String>,
    pub reason: Option<String>,
    pub evidence: Option<String>,
    pub approver: Option<String>,
}

pub fn change_gate(e: &mut Edit, item: &str, gate: &str, edit: GateEdit) -> Result<Id> {
    let id = gate_id(e.board.initiative(item)?, gate_type(&e.store, gate)?.id);
    let mut changes = Vec::new();
    if let Some(state) = edit.state.as_deref() {
        changes.push(GateChange::State { state: gate_state(state)?, reason: edit.reason.clone() });
    } else if edit.reason.is_some() {
        return Err(Error::Validation("--reason goes with --state failed or --state waived.".into()));
    }
    changes.extend(edit.evidence.map(GateChange::Evidence));
    if let Some(approver) = edit.approver.as_deref() {
        changes.push(GateChange::Approver(Some(e.board.person(approver)?.id)));
    }
    require_changes(&changes, "gate")?;
    e.apply(Op::UpdateGate { id, changes })
}

pub fn remove_gate(e: &mut Edit, item: &str, gate: &str) -> Result<Id> {
    let id = gate_id(e.board.initiative(item)?, gate_type(&e.store, gate)?.id);
    e.apply(Op::RemoveGate { id })
}

pub fn gates(store: &Store, item: &str, json: bool, clock: Clock) -> Result<String> {
    let board = Snapshot::read(store, clock.today)?;
    let id = board.initiative(item)?;
    let listed = board.listing.initiatives.iter().find(|i| i.id == id).expect("resolved from this listing");
    if json {
        return serde_json::to_string_pretty(&listed.gates)
            .map_err(|err| Error::Storage(format!("The gates could not be written as JSON ({err}).")));
    }
    if listed.gates.is_empty() {
        return Ok(format!("“{}” has no gates. Add one with add-gate.", listed.title));
    }
    let lines: Vec<String> = listed
        .gates
        .iter()
        .map(|g| {
            let approver = g.approver.as_ref().map_or("no approver yet".to_string(), |a| a.name.clone());
            let reason = g.reason.as_ref().map(|r| format!(" — {r}")).unwrap_or_default();
            let decided = match (&g.decided_by, g.decided_at) {
                (Some(who), Some(at)) => format!(" (by {who}, {})", at.format("%Y-%m-%d %H:%M UTC")),
                _ => String::new(),
            };
            let evidence = if g.evidence.is_empty() { String::new() } else { format!("\n    evidence: {}", g.evidence) };
            format!("{:<14} {:<12} {}: {approver}{reason}{decided}{evidence}", g.key, g.state, g.name)
        })
        .collect();
    Ok(format!("Gates of “{}”:\n{}", listed.title, lines.join("\n")))
}

pub fn gate_types(store: &Store, json: bool) -> Result<String> {
    let all = store.gate_types()?;
    if json {
        return serde_json::to_string_pretty(&all)
            .map_err(|err| Error::Storage(format!("The gate types could not be written as JSON ({err}).")));
    }
    let lines: Vec<String> =
        all.iter().map(|t| format!("{:<14} {} — usually {}\n    {}", t.key, t.name, t.usual_approver, t.description)).collect();
    Ok(lines.join("\n"))
}

pub fn add_gate_type(e: &mut Edit, key: String, name: String, description: Option<String>, approver: Option<String>) -> Result<Id> {
    e.apply(Op::CreateGateType(NewGateType {
        key,
        name,
        description: description.unwrap_or_default(),
        usual_approver: approver.unwrap_or_default(),
    }))
}

pub fn edit_gate_type(
    e: &mut Edit,
    gate: &str,
    key: Option<String>,
    name: Option<String>,
    description: Option<String>,
    approver: Option<String>,
) -> Result<Id> {
    let id = gate_type(&e.store, gate)?.id;
    let mut changes = Vec::new();
    changes.extend(key.map(GateTypeChange::Key));
    changes.extend(name.map(GateTypeChange::Name));
    changes.extend(description.map(GateTypeChange::Description));
    changes.extend(approver.map(GateTypeChange::UsualApprover));
    require_changes(&changes, "edit-gate-type")?;
    e.apply(Op::UpdateGateType { id, changes })
}

pub fn remove_gate_type(e: &mut Edit, gate: &str) -> Result<Id> {
    let id = gate_type(&e.store, gate)?.id;
    e.apply(Op::RemoveGateType { id })
}

//! Needs attention: what a merge of two desktops' work can leave that no single edit could, shown
//! to people and never repaired behind their backs. Each entry carries the board rule's own
//! message (the rules are the domain's, asked here exactly as the funnel asks them) and what can
//! be done about it: open the item, restore what was deleted, or keep it deleted.
//!
//! A private board can show entries too: a board from before a rule existed, for example.

use serde::Serialize;
use ts_rs::TS;

use super::{gate_types, gates, initiatives, items, people, sharing, tasks, Store};
use crate::domain::governance::{self, Gate, OpenGate};
use crate::domain::id_hash::IdMap;
use crate::domain::model::{Actor, Id, InitiativeStatus, ItemKind, Person, TaskStatus, IT, MARKETING};
use crate::domain::rules;
use crate::domain::snapshot::Snapshot;
use crate::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AttentionKind {
    /// A board rule that holds for every single edit but not for their merge.
    BrokenRule,
    /// Deleted on one desktop while it was edited on another.
    DeletedWhileEdited,
    /// A live task of an initiative that was deleted elsewhere.
    UnderDeletedInitiative,
    /// Work owned by or assigned to someone who was deleted elsewhere.
    DeletedPerson,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Attention {
    pub kind: AttentionKind,
    pub item_kind: ItemKind,
    pub item_id: Id,
    /// The initiative whose details show the item.
    pub initiative_id: Id,
    pub title: String,
    pub message: String,
    /// What Restore brings back (the item, its initiative, or the person), when it applies.
    pub restore_id: Option<Id>,
    /// Whether Keep deleted applies.
    pub can_keep_deleted: bool,
}

impl Store {
    /// Everything on the board that needs a person's decision, initiatives first.
    pub fn needs_attention(&self) -> Result<Vec<Attention>> {
        self.reading(|conn| {
            // What the checks read, from one state of the file: not the KPIs or the roles, and
            // of the tasks only those that can break a rule alone (this list is re-read after
            // every change, and reading every task was most of its time on a large board).
            let snapshot = Snapshot {
                people: people::all(conn)?,
                initiatives: initiatives::all(conn)?,
                tasks: tasks::done_or_assigned_to_deleted(conn)?,
                gates: gates::all(conn)?,
                gate_types: gate_types::all(conn)?,
                ..Snapshot::default()
            };
            let under_deleted = tasks::of_deleted_initiatives(conn)?;
            // Who waits on which open predecessors, from one scan of the links (asking for each
            // finished item in turn was a quarter of the time).
            let blockers = items::open_blockers(conn, None)?;
            let waits_for = |id: Id| blockers.get(&id).map_or(&[][..], Vec::as_slice);
            let mut out = Vec::new();
            let entry = |kind, item_kind, item_id, initiative_id, title: &str, message: String, restore_id| Attention {
                kind,
                item_kind,
                item_id,
                initiative_id,
                title: title.to_string(),
                message,
                restore_id,
                can_keep_deleted: false,
            };
            // Looked up by id for every entry: a linear search each was a large part of a long list.
            let people_by_id: IdMap<Id, &Person> = snapshot.people.iter().map(|p| (p.id, p)).collect();
            let initiative_titles: IdMap<Id, &str> = snapshot.initiatives.iter().map(|i| (i.id, i.title.as_str())).collect();
            let mut gates: IdMap<Id, Vec<&Gate>> = IdMap::default();
            for gate in &snapshot.gates {
                gates.entry(gate.initiative_id).or_default().push(gate);
            }
            let deleted_people = people::deleted(conn)?;
            let deleted_person = |id: Option<Id>| -> Option<&Person> { id.and_then(|id| deleted_people.iter().find(|p| p.id == id)) };
            let open_gates = |initiative: Id| -> Vec<OpenGate> {
                gates
                    .get(&initiative)
                    .into_iter()
                    .flatten()
                    .filter(|g| !g.state.is_settled())
                    .map(|g| OpenGate {
                        name: snapshot.gate_type(g.gate_type_id).map(|t| t.name.clone()).unwrap_or_default(),
                        state: g.state,
                        approver: g.approver_id.and_then(|p| people_by_id.get(&p)).map(|p| p.name.clone()),
                    })
                    .collect()
            };
            for i in &snapshot.initiatives {
                let (kind, at) = (ItemKind::Initiative, i.id);
                if governance::needs_accountable(i.status) && i.accountable_id.is_none() {
                    let message = format!(
                        "“{}” is {} but has no Accountable. Choose the one person who answers for it in its details (RACI).",
                        i.title, i.status
                    );
                    out.push(entry(AttentionKind::BrokenRule, kind, at, at, &i.title, message, None));
                }
                let owner = |id: Option<Id>| id.and_then(|id| people_by_id.get(&id).copied());
                let owners = rules::check_owners_for_status(&i.title, i.status, i.marketing_owner_id, i.it_owner_id)
                    .and(rules::check_owner("Marketing owner", MARKETING, owner(i.marketing_owner_id)))
                    .and(rules::check_owner("IT owner", IT, owner(i.it_owner_id)));
                if let Err(err) = owners {
                    out.push(entry(AttentionKind::BrokenRule, kind, at, at, &i.title, err.to_string(), None));
                }
                if i.status == InitiativeStatus::Live {
                    let finished = rules::check_can_finish(&i.title, "Live", waits_for(i.id)).and(governance::check_gates_for_go_live(
                        &i.title,
                        "be Live",
                        &open_gates(i.id),
                    ));
                    if let Err(err) = finished {
                        out.push(entry(AttentionKind::BrokenRule, kind, at, at, &i.title, err.to_string(), None));
                    }
                }
                let roles = [
                    ("Marketing owner", i.marketing_owner_id),
                    ("IT owner", i.it_owner_id),
                    ("executive sponsor", i.sponsor_id),
                    ("Accountable", i.accountable_id),
                ];
                for (role, id) in roles {
                    if let Some(p) = deleted_person(id) {
                        let message =
                            format!("(deleted) {} is still the {role} of “{}”. Restore {0}, or choose someone else.", p.name, i.title);
                        out.push(entry(AttentionKind::DeletedPerson, kind, at, at, &i.title, message, Some(p.id)));
                    }
                }
            }
            for t in &snapshot.tasks {
                let (kind, at) = (ItemKind::Task, t.id);
                if t.status == TaskStatus::Done {
                    let mut finished = rules::check_can_finish(&t.title, "done", waits_for(t.id));
                    if let (true, Some(title)) = (t.go_live, initiative_titles.get(&t.initiative_id)) {
                        let what = format!("have its go-live milestone “{}” done", t.title);
                        finished = finished.and(governance::check_gates_for_go_live(title, &what, &open_gates(t.initiative_id)));
                    }
                    if let Err(err) = finished {
                        out.push(entry(AttentionKind::BrokenRule, kind, at, t.initiative_id, &t.title, err.to_string(), None));
                    }
                }
                if let Some(p) = deleted_person(t.assignee_id) {
                    let message = format!("(deleted) {} is still assigned “{}”. Restore {0}, or assign someone else.", p.name, t.title);
                    out.push(entry(AttentionKind::DeletedPerson, kind, at, t.initiative_id, &t.title, message, Some(p.id)));
                }
            }
            for (task, initiative) in &under_deleted {
                let message = format!(
                    "“{}” was added to “{}” while that initiative was deleted on another desktop. Restore the initiative, or delete the task.",
                    task.title, initiative
                );
                out.push(entry(
                    AttentionKind::UnderDeletedInitiative,
                    ItemKind::Task,
                    task.id,
                    task.initiative_id,
                    &task.title,
                    message,
                    Some(task.initiative_id),
                ));
            }
            for (item_kind, id) in sharing::deleted_while_edited(conn)? {
                let (title, initiative_id) = match item_kind {
                    ItemKind::Initiative => (initiatives::get_any(conn, id)?.map(|(i, _)| i.title).unwrap_or_default(), id),
                    _ => tasks::get_any(conn, id)?.map(|(t, _)| (t.title, t.initiative_id)).unwrap_or_default(),
                };
                let message =
                    format!("“{title}” was deleted on one desktop while it was being changed on another. Restore it, or keep it deleted.");
                out.push(Attention {
                    can_keep_deleted: true,
                    ..entry(AttentionKind::DeletedWhileEdited, item_kind, id, initiative_id, &title, message, Some(id))
                });
            }
            Ok(out)
        })
    }

    /// Keeps an item deleted that was changed elsewhere while it was deleted: the delete is made
    /// again, after those changes, on every desktop.
    pub fn keep_deleted(&mut self, actor: &Actor, now: chrono::DateTime<chrono::Utc>, id: Id) -> Result<()> {
        sharing::keep_deleted(self, actor, now, id)
    }
}

//! The whole board as a list of initiatives with their tasks: what `bridgeboard-cli list` prints
//! (as a table, or as JSON for scripts).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{board, departments, gate_types, gates, initiatives, items, kpis, people, roles, tasks, Store};
use crate::domain::governance::RoleAssignment;
use crate::domain::model::{Id, Person};
use crate::domain::results::{self, KpiView};
use crate::domain::rules;
use crate::domain::view::{GateSummary, Raci};
use crate::Result;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedRef {
    pub id: Id,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListedTask {
    pub id: Id,
    pub title: String,
    pub status: String,
    pub department: NamedRef,
    pub assignee: Option<NamedRef>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub kind: String,
    pub go_live: bool,
    pub raci: Raci,
    pub blocked: bool,
    pub blocked_by: Vec<NamedRef>,
    pub block_reason: Option<String>,
}

/// A gate as `list --json` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListedGate {
    pub id: Id,
    pub key: String,
    pub name: String,
    pub state: String,
    pub approver: Option<NamedRef>,
    pub reason: Option<String>,
    pub evidence: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListedInitiative {
    pub id: Id,
    pub title: String,
    pub status: String,
    pub priority: String,
    pub start: Option<NaiveDate>,
    pub target: Option<NaiveDate>,
    pub marketing_owner: Option<NamedRef>,
    pub it_owner: Option<NamedRef>,
    pub sponsor: Option<NamedRef>,
    pub tags: Vec<String>,
    pub raci: Raci,
    pub gates: Vec<ListedGate>,
    pub kpis: Vec<KpiView>,
    /// The post-go-live review: the date set, or 90 days after it went Live.
    pub review_on: Option<NaiveDate>,
    pub results_due: bool,
    /// A failed gate blocks the initiative; `blocked_by` lists only open predecessors.
    pub blocked: bool,
    pub blocked_by: Vec<NamedRef>,
    pub block_reason: Option<String>,
    pub tasks: Vec<ListedTask>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Listing {
    pub initiatives: Vec<ListedInitiative>,
}

impl Store {
    /// Every initiative with owners, dates, blockers and tasks.
    pub fn listing(&self, today: NaiveDate) -> Result<Listing> {
        let conn = self.conn();
        let people: HashMap<Id, Person> = people::all(conn)?.into_iter().map(|p| (p.id, p)).collect();
        let named = |id: Option<Id>| id.and_then(|id| people.get(&id)).map(|p| NamedRef { id: p.id, name: p.name.clone() });
        let depts: HashMap<Id, String> = departments::all(conn)?.into_iter().map(|d| (d.id, d.name)).collect();

        let mut blockers: HashMap<Id, Vec<NamedRef>> = items::open_blockers(conn, None)?
            .into_iter()
            .map(|(id, preds)| (id, preds.into_iter().map(|p| NamedRef { id: p.id, name: p.title }).collect()))
            .collect();

        let by_id: HashMap<Id, &Person> = people.iter().map(|(id, p)| (*id, p)).collect();
        let mut given: HashMap<Id, Vec<RoleAssignment>> = HashMap::new();
        for role in roles::all(conn)? {
            given.entry(role.item_id).or_default().push(role);
        }
        let raci_of = |item: Id, accountable: Option<Id>, by_default: Vec<Option<Id>>| {
            Raci::of(|p| board::person_ref(&by_id, Some(p)), accountable, by_default, given.get(&item).into_iter().flatten())
        };
        let catalogue: HashMap<Id, (String, String)> = gate_types::all(conn)?.into_iter().map(|t| (t.id, (t.key, t.name))).collect();
        let mut gates_of: HashMap<Id, Vec<ListedGate>> = HashMap::new();
        let mut summaries: HashMap<Id, GateSummary> = HashMap::new();
        for g in gates::all(conn)? {
            let Some((key, name)) = catalogue.get(&g.gate_type_id).cloned() else { continue };
            summaries.entry(g.initiative_id).or_default().add(&name, g.state, g.reason.as_deref());
            gates_of.entry(g.initiative_id).or_default().push(ListedGate {
                id: g.id,
                key,
                name,
                state: g.state.wire().into(),
                approver: named(g.approver_id),
                reason: g.reason,
                evidence: g.evidence,
                decided_by: g.decided_by,
                decided_at: g.decided_at,
            });
        }

        let mut kpis_of = kpis::views(conn, None)?;

        let mut by_initiative: HashMap<Id, Vec<ListedTask>> = HashMap::new();
        for t in tasks::all(conn)? {
            let blocked_by = blockers.remove(&t.id).unwrap_or_default();
            by_initiative.entry(t.initiative_id).or_default().push(ListedTask {
                id: t.id,
                title: t.title,
                status: t.status.wire().into(),
                department: NamedRef { id: t.department_id, name: depts.get(&t.department_id).cloned().unwrap_or_default() },
                assignee: named(t.assignee_id),
                start: t.start,
                due: t.due,
                kind: t.kind.wire().into(),
                go_live: t.go_live,
                raci: raci_of(t.id, t.accountable_id, vec![t.assignee_id]),
                blocked: rules::is_blocked(t.block_reason.as_deref(), &blocked_by, &[]),
                blocked_by,
                block_reason: t.block_reason,
            });
        }
        let initiatives = initiatives::all(conn)?
            .into_iter()
            .map(|i| {
                let blocked_by = blockers.remove(&i.id).unwrap_or_default();
                let failed = summaries.remove(&i.id).unwrap_or_default().failed;
                let kpis = kpis_of.remove(&i.id).unwrap_or_default();
                let latest = kpis.iter().flat_map(|k| k.readings.iter().map(|r| r.taken_on)).max();
                let review_on = results::review_date(i.went_live_on, i.review_on);
                ListedInitiative {
                    results_due: results::results_due(i.status, review_on, today, latest),
                    review_on,
                    kpis,
                    raci: raci_of(i.id, i.accountable_id, vec![i.marketing_owner_id, i.it_owner_id]),
                    gates: gates_of.remove(&i.id).unwrap_or_default(),
                    id: i.id,
                    status: i.status.wire().into(),
                    priority: i.priority.wire().into(),
                    start: i.start,
                    target: i.target,
                    marketing_owner: named(i.marketing_owner_id),
                    it_owner: named(i.it_owner_id),
                    sponsor: named(i.sponsor_id),
                    tags: i.tags,
                    blocked: rules::is_blocked(i.block_reason.as_deref(), &blocked_by, &failed),
                    blocked_by,
                    block_reason: i.block_reason,
                    tasks: by_initiative.remove(&i.id).unwrap_or_default(),
                    title: i.title,
                }
            })
            .collect();
        Ok(Listing { initiatives })
    }
}

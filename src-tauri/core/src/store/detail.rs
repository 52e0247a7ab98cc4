//! One initiative's detail panel: its fields, its tasks with their blockers and schedule
//! conflicts, the dependencies on either side, its activity and comments.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::board_cache::CardInputs;
use super::{
    activity, board, comments, departments, dependencies, gate_types, gates, initiatives, items, kpis, people, roles, tasks, Store,
};
use crate::domain::governance::evidence_link;
use crate::domain::model::{Dependency, DependencyKind, Id, Person};
use crate::domain::results;
use crate::domain::rules;
use crate::domain::view::{DependencyLink, GateSummary, GateView, InitiativeDetail, ItemRef, Raci, ScheduleConflict, TaskRow};
use crate::{schedule, Error, Result};

/// How many activity entries the panel shows.
const ACTIVITY_SHOWN: usize = 200;

/// The successor starts before the predecessor's finish plus lag: flagged, never refused.
pub fn conflict(dep: &Dependency, predecessor: &ItemRef, successor: &ItemRef) -> Option<ScheduleConflict> {
    if dep.kind != DependencyKind::FinishToStart {
        return None;
    }
    // The same rule and sentence as the roadmap's schedule analysis.
    let earliest_start = schedule::earliest_start(predecessor.finish?, dep.lag_days);
    let start: NaiveDate = successor.start?;
    (start < earliest_start).then(|| ScheduleConflict {
        dependency_id: dep.id,
        predecessor_id: predecessor.id,
        successor_id: successor.id,
        start,
        earliest_start,
        message: schedule::conflict_message(&successor.title, start, &predecessor.title, dep.lag_days, earliest_start),
    })
}

impl Store {
    pub fn initiative_detail(&self, id: Id, today: NaiveDate) -> Result<InitiativeDetail> {
        let conn = self.conn();
        let initiative = initiatives::get(conn, id)?
            .ok_or_else(|| Error::NotFound(format!("No initiative with id {id} is on this board; it may have been deleted.")))?;
        let all_people = people::all(conn)?;
        let people: HashMap<Id, &Person> = all_people.iter().map(|p| (p.id, p)).collect();
        let task_list = tasks::of_initiative(conn, id)?;
        let mut ids: Vec<Id> = vec![id];
        ids.extend(task_list.iter().map(|t| t.id));
        let touching = dependencies::touching(conn, &ids)?;
        let mut refs: HashMap<Id, Option<ItemRef>> = HashMap::new();
        let mut loops: HashMap<Id, Vec<String>> = HashMap::new();
        for (dep, suspended) in &touching {
            if *suspended {
                loops.insert(dep.id, dependencies::loop_closed_by(conn, dep.from_id, dep.to_id)?);
            }
        }
        let deps: Vec<Dependency> = touching.into_iter().map(|(d, _)| d).collect();
        for dep in &deps {
            for end in [dep.from_id, dep.to_id] {
                if let std::collections::hash_map::Entry::Vacant(slot) = refs.entry(end) {
                    slot.insert(items::get(conn, end)?);
                }
            }
        }
        let link = |dep: &Dependency, other: Id| -> Option<DependencyLink> {
            let (from, to) = (refs.get(&dep.from_id)?.as_ref()?, refs.get(&dep.to_id)?.as_ref()?);
            let item = refs.get(&other)?.clone()?;
            let suspended_loop = loops.get(&dep.id).cloned();
            let conflict = if suspended_loop.is_some() { None } else { conflict(dep, from, to) };
            Some(DependencyLink { id: dep.id, kind: dep.kind, lag_days: dep.lag_days, item, conflict, suspended_loop })
        };
        let upstream = |of: Id| deps.iter().filter(|d| d.to_id == of).filter_map(|d| link(d, d.from_id)).collect::<Vec<_>>();
        let downstream = |of: Id| deps.iter().filter(|d| d.from_id == of).filter_map(|d| link(d, d.to_id)).collect::<Vec<_>>();
        let blockers = |of: Id| -> Vec<ItemRef> {
            upstream(of)
                .into_iter()
                .filter(|l| l.kind == DependencyKind::FinishToStart && l.item.open && l.suspended_loop.is_none())
                .map(|l| l.item)
                .collect()
        };

        let given = roles::of_initiative(conn, id)?;
        let find = |person: Id| board::person_ref(&people, Some(person));
        let raci_of = |item: Id, accountable: Option<Id>, by_default: Vec<Option<Id>>| {
            Raci::of(find, accountable, by_default, given.iter().filter(|r| r.item_id == item))
        };

        let dept_order: Vec<Id> = departments::all(conn)?.into_iter().map(|d| d.id).collect();
        let mut rows: Vec<TaskRow> = task_list
            .into_iter()
            .map(|task| {
                let blocked_by = blockers(task.id);
                TaskRow {
                    assignee: board::person_ref(&people, task.assignee_id),
                    raci: raci_of(task.id, task.accountable_id, vec![task.assignee_id]),
                    blocked: rules::is_blocked(task.block_reason.as_deref(), &blocked_by, &[]),
                    blocked_by,
                    upstream: upstream(task.id),
                    downstream: downstream(task.id),
                    task,
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            let rank = |id: Id| dept_order.iter().position(|d| *d == id).unwrap_or(usize::MAX);
            (rank(a.task.department_id), a.task.position).partial_cmp(&(rank(b.task.department_id), b.task.position)).unwrap()
        });

        let dept_names: HashMap<Id, String> = departments::all(conn)?.into_iter().map(|d| (d.id, d.name)).collect();
        let progress = HashMap::from([(id, progress_of(&rows, &dept_order, &dept_names))]);
        let catalogue = gate_types::all(conn)?;
        let gates: Vec<GateView> = gates::of_initiative(conn, id)?
            .into_iter()
            .filter_map(|gate| {
                let gate_type = catalogue.iter().find(|t| t.id == gate.gate_type_id)?.clone();
                Some(GateView {
                    approver: board::person_ref(&people, gate.approver_id),
                    evidence_link: evidence_link(&gate.evidence).map(str::to_string),
                    gate,
                    gate_type,
                })
            })
            .collect();
        let mut summary = GateSummary::default();
        for g in &gates {
            summary.add(&g.gate_type.name, g.gate.state, g.gate.reason.as_deref());
        }
        let kpis = kpis::views(conn, Some(id))?.remove(&id).unwrap_or_default();
        let latest = kpis.iter().flat_map(|k| k.readings.iter().map(|r| r.taken_on)).max();
        let inputs = CardInputs {
            today,
            progress: Arc::new(progress),
            blockers: HashMap::from([(id, blockers(id))]),
            gates: HashMap::from([(id, summary)]),
            latest: latest.map(|day| (id, day)).into_iter().collect(),
        };
        let card = board::card(initiative.clone(), &inputs, &people);

        Ok(InitiativeDetail {
            raci: raci_of(id, initiative.accountable_id, vec![initiative.marketing_owner_id, initiative.it_owner_id]),
            gates,
            kpis,
            review_on: results::review_date(initiative.went_live_on, initiative.review_on),
            upstream: upstream(id),
            downstream: downstream(id),
            activity: activity::of_initiative(conn, id, ACTIVITY_SHOWN)?,
            comments: comments::on(conn, &ids)?,
            tasks: rows,
            card,
            initiative,
        })
    }

    /// Tasks and initiatives whose title contains `query`, for the dependency picker.
    pub fn find_items(&self, query: &str, limit: usize) -> Result<Vec<ItemRef>> {
        items::find(self.conn(), query, limit)
    }
}

fn progress_of(rows: &[TaskRow], order: &[Id], names: &HashMap<Id, String>) -> Vec<crate::DepartmentProgress> {
    order
        .iter()
        .filter_map(|dept| {
            let counted: Vec<_> =
                rows.iter().filter(|r| r.task.department_id == *dept && r.task.status != crate::TaskStatus::Cancelled).collect();
            (!counted.is_empty()).then(|| crate::DepartmentProgress {
                department_id: *dept,
                name: names.get(dept).cloned().unwrap_or_default(),
                done: counted.iter().filter(|r| r.task.status == crate::TaskStatus::Done).count() as u32,
                total: counted.len() as u32,
            })
        })
        .collect()
}

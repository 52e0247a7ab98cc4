//! The roadmap model every export renders: the board's initiatives as lanes with their tasks,
//! owners, spans and blockers, after the filters. One model, many renderings, so that CSV,
//! Excel, Markdown, the calendar and the pictures always agree.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::governance::GateState;
use crate::domain::id_hash::{IdMap, IdSet};
use crate::domain::model::*;
use crate::domain::results::{KpiStanding, KpiView};
use crate::domain::rules;
use crate::domain::snapshot::Snapshot;
use crate::domain::view::GateSummary;

/// Which part of the board to export. Empty means everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RoadmapFilter {
    /// Keep items whose span reaches into `from..=to`; undated items are left out when a range is given.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Initiatives with an owner, sponsor or task in this department; of their tasks, only this
    /// department's.
    pub department_id: Option<Id>,
    /// Initiatives this person owns or sponsors (all their tasks), and tasks assigned to them.
    pub owner_id: Option<Id>,
    /// Initiatives in any of these statuses; all but Cancelled when empty.
    pub statuses: Vec<InitiativeStatus>,
    pub tag: Option<String>,
}

/// An inclusive date span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Span {
    pub start: NaiveDate,
    pub finish: NaiveDate,
}

impl Span {
    /// A task's span: start..=due; a single date makes a one-day span.
    pub fn of_task(t: &Task) -> Option<Span> {
        match (t.start, t.due) {
            (Some(start), Some(finish)) => Some(Span { start, finish }),
            (Some(day), None) | (None, Some(day)) => Some(Span { start: day, finish: day }),
            (None, None) => None,
        }
    }

    fn of_initiative(i: &Initiative) -> Option<Span> {
        match (i.start, i.target) {
            (Some(start), Some(finish)) => Some(Span { start, finish }),
            (Some(day), None) | (None, Some(day)) => Some(Span { start: day, finish: day }),
            (None, None) => None,
        }
    }

    fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), finish: self.finish.max(other.finish) }
    }

    fn touches(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
        from.is_none_or(|f| self.finish >= f) && to.is_none_or(|t| self.start <= t)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoadmapTask {
    pub task: Task,
    pub department: Department,
    pub assignee: Option<Person>,
    pub span: Option<Span>,
    /// Finish-to-start predecessors, by id (all of them, open or not).
    pub depends_on: Vec<Id>,
    /// Waiting on an open predecessor, or a block reason is set.
    pub blocked: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Lane {
    pub initiative: Initiative,
    pub marketing_owner: Option<Person>,
    pub it_owner: Option<Person>,
    pub sponsor: Option<Person>,
    /// Start to target, widened to cover its tasks; none when nothing has a date.
    pub span: Option<Span>,
    pub depends_on: Vec<Id>,
    pub blocked: bool,
    /// The target date has passed and it is not Live or Cancelled.
    pub late: bool,
    pub accountable: Option<Person>,
    /// In the catalogue's order.
    pub gates: Vec<RoadmapGate>,
    /// "2/4 gates", and which failed: counted the one way cards count them.
    pub gate_summary: GateSummary,
    /// In the order they were added, with their readings and where each stands.
    pub kpis: Vec<KpiView>,
    pub tasks: Vec<RoadmapTask>,
}

/// One of an initiative's gates, as the exports show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoadmapGate {
    pub key: String,
    pub name: String,
    pub state: GateState,
    pub approver: Option<String>,
    pub reason: Option<String>,
}

impl Lane {
    /// "1/2 KPIs on track": those on track or reached, of those with a reading.
    pub fn kpis_on_track(&self) -> (usize, usize) {
        let read: Vec<&KpiView> = self.kpis.iter().filter(|k| k.standing != KpiStanding::NoReadings).collect();
        let good = read.iter().filter(|k| matches!(k.standing, KpiStanding::OnTrack | KpiStanding::Reached)).count();
        (good, read.len())
    }
}

fn summary_of(gates: &[RoadmapGate]) -> GateSummary {
    let mut summary = GateSummary::default();
    for g in gates {
        summary.add(&g.name, g.state, g.reason.as_deref());
    }
    summary
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Roadmap {
    pub board: crate::BoardInfo,
    pub today: NaiveDate,
    pub filter: RoadmapFilter,
    pub departments: Vec<Department>,
    pub lanes: Vec<Lane>,
    /// Dependencies whose both ends are in the roadmap, in creation order.
    pub dependencies: Vec<Dependency>,
}

impl Roadmap {
    /// The first and last day any lane covers, if any has dates.
    pub fn span(&self) -> Option<Span> {
        self.lanes.iter().filter_map(|l| l.span).reduce(Span::cover)
    }

    pub fn department(&self, id: Id) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    pub fn build(snapshot: &Snapshot, filter: &RoadmapFilter, today: NaiveDate) -> Roadmap {
        // Indexes built once, so that building stays linear in the board's size (a scan per
        // item made 2,000 initiatives / 20,000 tasks take about half a second). Only looked up
        // by key; every output order still comes from the snapshot's vectors.
        let people: IdMap<Id, &Person> = snapshot.people.iter().map(|p| (p.id, p)).collect();
        let mut tasks_by_initiative: IdMap<Id, Vec<&Task>> = IdMap::default();
        for t in &snapshot.tasks {
            tasks_by_initiative.entry(t.initiative_id).or_default().push(t);
        }
        let mut predecessors_of: IdMap<Id, Vec<Id>> = IdMap::default();
        for d in snapshot.dependencies.iter().filter(|d| d.kind == DependencyKind::FinishToStart) {
            predecessors_of.entry(d.to_id).or_default().push(d.from_id);
        }
        let open: IdMap<Id, bool> = snapshot
            .initiatives
            .iter()
            .map(|i| (i.id, i.status.is_open()))
            .chain(snapshot.tasks.iter().map(|t| (t.id, t.status.is_open())))
            .collect();
        let person = |id: Option<Id>| id.and_then(|id| people.get(&id)).map(|p| (*p).clone());
        let predecessors = |id: Id| -> Vec<Id> { predecessors_of.get(&id).cloned().unwrap_or_default() };
        let is_open = |id: Id| open.get(&id).copied().unwrap_or(false);
        let open_of = |ids: &[Id]| -> Vec<Id> { ids.iter().copied().filter(|id| is_open(*id)).collect() };
        let department_of = |id: Option<Id>| id.and_then(|id| people.get(&id)).map(|p| p.department_id);

        let mut kpis_of: IdMap<Id, Vec<KpiView>> = IdMap::default();
        for k in &snapshot.kpis {
            kpis_of.entry(k.kpi.initiative_id).or_default().push(k.clone());
        }
        let mut gates_of: IdMap<Id, Vec<RoadmapGate>> = IdMap::default();
        for g in &snapshot.gates {
            let Some(kind) = snapshot.gate_type(g.gate_type_id) else { continue };
            gates_of.entry(g.initiative_id).or_default().push(RoadmapGate {
                key: kind.key.clone(),
                name: kind.name.clone(),
                state: g.state,
                approver: g.approver_id.and_then(|p| people.get(&p)).map(|p| p.name.clone()),
                reason: g.reason.clone(),
            });
        }

        let mut lanes = Vec::new();
        for i in &snapshot.initiatives {
            let statuses_ok =
                if filter.statuses.is_empty() { i.status != InitiativeStatus::Cancelled } else { filter.statuses.contains(&i.status) };
            let tag_ok = filter.tag.as_ref().is_none_or(|tag| i.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)));
            if !statuses_ok || !tag_ok {
                continue;
            }
            let leaders = [i.marketing_owner_id, i.it_owner_id, i.sponsor_id];
            let leads = filter.owner_id.is_none_or(|o| leaders.contains(&Some(o)));
            let led_by_department = filter.department_id.is_none_or(|d| leaders.iter().any(|p| department_of(*p) == Some(d)));
            let tasks: Vec<RoadmapTask> = tasks_by_initiative
                .get(&i.id)
                .into_iter()
                .flatten()
                .copied()
                .filter(|t| filter.department_id.is_none_or(|d| t.department_id == d))
                .filter(|t| leads || t.assignee_id == filter.owner_id)
                .filter(|t| {
                    filter.from.is_none() && filter.to.is_none() || Span::of_task(t).is_some_and(|s| s.touches(filter.from, filter.to))
                })
                .map(|t| {
                    let depends_on = predecessors(t.id);
                    RoadmapTask {
                        blocked: rules::is_blocked(t.block_reason.as_deref(), &open_of(&depends_on), &[]),
                        department: snapshot.department(t.department_id).cloned().unwrap_or_else(|| Department {
                            id: t.department_id,
                            name: String::new(),
                            color: "#64748b".into(),
                        }),
                        assignee: person(t.assignee_id),
                        span: Span::of_task(t),
                        depends_on,
                        task: t.clone(),
                    }
                })
                .collect();
            let included = (leads || !tasks.is_empty()) && (led_by_department || !tasks.is_empty());
            let span = tasks.iter().filter_map(|t| t.span).fold(Span::of_initiative(i), |acc, s| Some(acc.map_or(s, |a| a.cover(s))));
            let in_range = filter.from.is_none() && filter.to.is_none() || span.is_some_and(|s| s.touches(filter.from, filter.to));
            if !included || !in_range {
                continue;
            }
            let depends_on = predecessors(i.id);
            let mut lane = Lane {
                blocked: false,
                accountable: person(i.accountable_id),
                gate_summary: GateSummary::default(),
                kpis: kpis_of.remove(&i.id).unwrap_or_default(),
                gates: gates_of.remove(&i.id).unwrap_or_default(),
                late: i.status.is_open() && i.target.is_some_and(|t| t < today),
                marketing_owner: person(i.marketing_owner_id),
                it_owner: person(i.it_owner_id),
                sponsor: person(i.sponsor_id),
                initiative: i.clone(),
                span,
                depends_on,
                tasks,
            };
            lane.gate_summary = summary_of(&lane.gates);
            lane.blocked = rules::is_blocked(i.block_reason.as_deref(), &open_of(&lane.depends_on), &lane.gate_summary.failed);
            lanes.push(lane);
        }
        let ids: IdSet = lanes.iter().flat_map(|l| std::iter::once(l.initiative.id).chain(l.tasks.iter().map(|t| t.task.id))).collect();
        Roadmap {
            board: snapshot.info.clone(),
            today,
            filter: filter.clone(),
            departments: snapshot.departments.clone(),
            dependencies: snapshot.dependencies.iter().filter(|d| ids.contains(&d.from_id) && ids.contains(&d.to_id)).cloned().collect(),
            lanes,
        }
    }
}

/// What the app's roadmap view shows: the filtered roadmap and the whole board's schedule
/// analysis (the critical path runs through items a filter may hide).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoadmapView {
    pub roadmap: Roadmap,
    pub analysis: crate::schedule::ScheduleAnalysis,
}

impl RoadmapView {
    pub fn build(snapshot: &Snapshot, filter: &RoadmapFilter, today: NaiveDate) -> RoadmapView {
        RoadmapView { roadmap: Roadmap::build(snapshot, filter, today), analysis: crate::schedule::analyze(snapshot) }
    }
}

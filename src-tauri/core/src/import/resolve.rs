//! Matching what a file says ([`SourcePlan`]) to a board, without writing anything: which items
//! become initiatives (the top of each hierarchy) and which become their tasks (everything
//! below, deeper levels flattened with their path in the notes); who each person named is on the
//! board (by email, then by exact name, then by the person's own mapping) or whom to create; what
//! each status name means here; and which initiatives must come in as Proposed because the file
//! has no owners for them. Pure: `write` turns the result into funnel operations.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::plan::{Skipped, SourceItem, SourceLink, SourcePerson, SourcePlan, Stage};
use crate::domain::model::{Id, InitiativeStatus, TaskStatus, IT, MARKETING};
use crate::domain::snapshot::Snapshot;

/// Where a person named in the file goes on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "to", content = "id")]
pub enum PersonTarget {
    /// This person, already on the board.
    Person(Id),
    /// A new person, in this department.
    New(Id),
}

/// What a person can tell an import of another tool's file; each has a CLI flag.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceOptions {
    /// Status names mapped to ours ("Waiting for vendor" → `planned`), over the tool's own
    /// grouping; the target is any initiative or task status's wire name.
    #[serde(default)]
    pub status_map: Vec<(String, String)>,
    /// People the file names (by name or email) mapped to a person or to a new one.
    #[serde(default)]
    pub people_map: Vec<(String, PersonTarget)>,
    /// Everyone not matched or mapped is created in this department.
    #[serde(default)]
    pub create_people_in: Option<Id>,
    /// The owners of every initiative whose file does not name one in that department.
    #[serde(default)]
    pub marketing_owner: Option<Id>,
    #[serde(default)]
    pub it_owner: Option<Id>,
}

/// How a person named in the file was matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonMatch {
    pub name: String,
    pub email: Option<String>,
    /// `None`: neither on the board nor mapped, so the import cannot go ahead.
    pub target: Option<PersonTarget>,
    /// How many items name them.
    pub items: usize,
}

/// A status name of the file, and what it becomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatusUse {
    pub name: String,
    pub stage: Option<Stage>,
    /// `None`: the name needs a mapping (`--status-map "NAME=status"`).
    pub mapped: Option<Stage>,
    /// The wire status it was mapped to by hand, if it was.
    pub chosen: Option<String>,
    pub items: usize,
}

/// An initiative to create, by its source key.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedInitiative {
    pub item: SourceItem,
    pub status: InitiativeStatus,
    /// Why it comes in as Proposed although the file has it further along.
    pub held_back: Option<String>,
    pub marketing_owner: Option<Owner>,
    pub it_owner: Option<Owner>,
    pub accountable: Option<Owner>,
}

/// Who fills an owner's place: someone on the board, or a person the file names (on the board
/// or to be created, as [`Resolution::target`] says).
#[derive(Debug, Clone, PartialEq)]
pub enum Owner {
    Person(Id),
    Named(SourcePerson),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedTask {
    pub item: SourceItem,
    pub initiative: String,
    pub status: TaskStatus,
    pub department_id: Id,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resolution {
    pub initiatives: Vec<PlannedInitiative>,
    pub tasks: Vec<PlannedTask>,
    pub links: Vec<SourceLink>,
    pub people: Vec<PersonMatch>,
    pub statuses: Vec<StatusUse>,
    pub skipped: Vec<Skipped>,
    /// Comment authors who are not among `people`, with the board person each is, by id and
    /// name (matched or mapped, never created: a comment by someone else keeps the name written).
    pub authors: Vec<(SourcePerson, Option<(Id, String)>)>,
}

impl Resolution {
    /// The board person who wrote a comment (`Some(None)`: nobody on the board), when the author
    /// is not among `people`.
    pub fn author(&self, person: &SourcePerson) -> Option<Option<&(Id, String)>> {
        self.authors.iter().find(|(p, _)| p == person).map(|(_, who)| who.as_ref())
    }

    /// Where `person` goes on the board, if anywhere.
    pub fn target(&self, person: &SourcePerson) -> Option<&PersonTarget> {
        self.people.iter().find(|m| m.name == person.name && m.email == person.email)?.target.as_ref()
    }
}

/// The department of a person on the board or to be created.
fn department_of(board: &Snapshot, target: &PersonTarget) -> Option<Id> {
    match target {
        PersonTarget::Person(id) => board.people.iter().find(|p| p.id == *id).map(|p| p.department_id),
        PersonTarget::New(department) => Some(*department),
    }
}

/// What `wire` (an initiative or task status's wire name) stands for.
pub fn stage_of_wire(wire: &str) -> Option<Stage> {
    Some(match wire.trim().to_ascii_lowercase().as_str() {
        "proposed" | "planned" | "todo" | "to_do" => Stage::ToDo,
        "in_progress" => Stage::InProgress,
        "live" | "done" => Stage::Done,
        "cancelled" => Stage::Cancelled,
        _ => return None,
    })
}

fn initiative_status(stage: Stage, chosen: Option<&str>) -> InitiativeStatus {
    if let Some(status) = chosen.and_then(InitiativeStatus::from_wire) {
        return status;
    }
    match stage {
        Stage::ToDo => InitiativeStatus::Proposed,
        Stage::InProgress => InitiativeStatus::InProgress,
        Stage::Done => InitiativeStatus::Live,
        Stage::Cancelled => InitiativeStatus::Cancelled,
    }
}

fn task_status(stage: Stage) -> TaskStatus {
    match stage {
        Stage::ToDo => TaskStatus::Todo,
        Stage::InProgress => TaskStatus::InProgress,
        Stage::Done => TaskStatus::Done,
        Stage::Cancelled => TaskStatus::Cancelled,
    }
}

fn matches(text: &str, person: &SourcePerson) -> bool {
    let text = text.trim();
    text.eq_ignore_ascii_case(person.name.trim()) || person.email.as_deref().is_some_and(|e| e.trim().eq_ignore_ascii_case(text))
}

fn match_person(board: &Snapshot, options: &SourceOptions, person: &SourcePerson) -> Option<PersonTarget> {
    if let Some((_, target)) = options.people_map.iter().find(|(from, _)| matches(from, person)) {
        return Some(target.clone());
    }
    let by_email = person
        .email
        .as_deref()
        .filter(|e| !e.trim().is_empty())
        .and_then(|email| board.people.iter().find(|p| !p.email.is_empty() && p.email.trim().eq_ignore_ascii_case(email.trim())));
    let found = by_email.or_else(|| board.people.iter().find(|p| p.name.trim() == person.name.trim()));
    found.map(|p| PersonTarget::Person(p.id)).or(options.create_people_in.map(PersonTarget::New))
}

/// Resolves `plan` against `board`, of which it reads the people and departments.
/// `default_department` takes the tasks whose assignee does not say (IT for Jira and MS
/// Project, Marketing for the others).
pub fn resolve(plan: &SourcePlan, board: &Snapshot, options: &SourceOptions, default_department: Id) -> Resolution {
    let mut out = Resolution { skipped: plan.skipped.clone(), ..Resolution::default() };
    let by_key: HashMap<&str, &SourceItem> = plan.items.iter().map(|i| (i.key.as_str(), i)).collect();

    // People: everyone an item is assigned to, once each, in the order first named.
    let mut named: Vec<(SourcePerson, usize)> = Vec::new();
    for person in plan.items.iter().flat_map(|i| i.assignee.iter().chain(&i.members)) {
        match named.iter_mut().find(|(p, _)| p == person) {
            Some((_, n)) => *n += 1,
            None => named.push((person.clone(), 1)),
        }
    }
    out.people = named
        .into_iter()
        .map(|(p, items)| PersonMatch { target: match_person(board, options, &p), name: p.name, email: p.email, items })
        .collect();

    // Comment authors the file assigns nothing to: matched or mapped only.
    let matched_only = SourceOptions { create_people_in: None, ..options.clone() };
    for author in plan.items.iter().flat_map(|i| i.comments.iter().map(|c| &c.author)) {
        if out.people.iter().any(|m| m.name == author.name && m.email == author.email) || out.authors.iter().any(|(p, _)| p == author) {
            continue;
        }
        let who = match match_person(board, &matched_only, author) {
            Some(PersonTarget::Person(id)) => board.people.iter().find(|p| p.id == id).map(|p| (id, p.name.clone())),
            _ => None,
        };
        out.authors.push((author.clone(), who));
    }

    // Statuses: each name once, with what it becomes.
    let mut statuses: BTreeMap<String, StatusUse> = BTreeMap::new();
    for status in plan.items.iter().filter_map(|i| i.status.as_ref()) {
        let chosen =
            options.status_map.iter().find(|(name, _)| name.trim().eq_ignore_ascii_case(status.name.trim())).map(|(_, to)| to.clone());
        let entry = statuses.entry(status.name.clone()).or_insert_with(|| StatusUse {
            name: status.name.clone(),
            stage: status.stage,
            mapped: chosen.as_deref().and_then(stage_of_wire).or(status.stage).or_else(|| Stage::of_name(&status.name)),
            chosen,
            items: 0,
        });
        entry.items += 1;
    }
    out.statuses = statuses.into_values().collect();
    let use_of = |name: &str| out.statuses.iter().find(|s| s.name == *name);

    // The hierarchy: each item's top-most ancestor in the file is its initiative; `None` when its
    // parents go round in a loop (a damaged file), which makes it an initiative of its own.
    let top_of = |item: &SourceItem| -> Option<(String, Vec<String>)> {
        let mut path = Vec::new();
        let mut at = item;
        let mut seen = HashSet::new();
        while let Some(parent) = at.parent.as_deref().filter(|_| !at.top_level).and_then(|k| by_key.get(k)) {
            if !seen.insert(at.key.clone()) {
                return None;
            }
            path.push(parent.title.clone());
            at = parent;
        }
        path.pop();
        path.reverse();
        Some((at.key.clone(), path))
    };
    for item in &plan.items {
        if let Some(parent) = item.parent.as_deref().filter(|k| !item.top_level && !by_key.contains_key(k)) {
            out.skipped.push(Skipped {
                at: item.label.clone(),
                reason: format!("its parent ({parent}) is not in the file, so it comes in as an initiative of its own"),
            });
        }
        let (top, path) = top_of(item).unwrap_or_else(|| {
            out.skipped.push(Skipped {
                at: item.label.clone(),
                reason: "its parents go round in a loop, so it comes in as an initiative of its own".into(),
            });
            (item.key.clone(), Vec::new())
        });
        let stage = item.status.as_ref().and_then(|s| use_of(&s.name)).and_then(|u| u.mapped).unwrap_or(Stage::ToDo);
        if top == item.key {
            let chosen = item.status.as_ref().and_then(|s| use_of(&s.name)).and_then(|u| u.chosen.clone());
            let o = owners(&out, board, options, item, initiative_status(stage, chosen.as_deref()));
            out.initiatives.push(PlannedInitiative {
                item: item.clone(),
                status: o.status,
                held_back: o.held_back,
                marketing_owner: o.marketing,
                it_owner: o.it,
                accountable: o.accountable,
            });
        } else {
            let mut item = item.clone();
            if !path.is_empty() {
                let under = format!("Under {}.", path.join(" › "));
                item.notes = if item.notes.is_empty() { under } else { format!("{under}\n\n{}", item.notes) };
            }
            // The department the file names, else the assignee's, else the source's.
            let named =
                item.department.as_deref().and_then(|name| board.departments.iter().find(|d| d.name.eq_ignore_ascii_case(name.trim())));
            let department_id = named
                .map(|d| d.id)
                .or_else(|| item.assignee.as_ref().and_then(|p| out.target(p)).and_then(|t| department_of(board, t)))
                .unwrap_or(default_department);
            out.tasks.push(PlannedTask { item, initiative: top, status: task_status(stage), department_id });
        }
    }

    // Links: both ends in the file, each once.
    let mut seen = HashSet::new();
    for link in &plan.links {
        if !by_key.contains_key(link.from.as_str()) || !by_key.contains_key(link.to.as_str()) {
            let missing = if by_key.contains_key(link.from.as_str()) { &link.to } else { &link.from };
            out.skipped.push(Skipped { at: link.label.clone(), reason: format!("it links to {missing}, which is not in the file") });
            continue;
        }
        let key = match link.kind {
            crate::DependencyKind::FinishToStart => (link.from.clone(), link.to.clone(), true),
            // Relates-to has no direction: one link however each side writes it.
            crate::DependencyKind::RelatesTo => {
                let (a, b) = if link.from < link.to { (&link.from, &link.to) } else { (&link.to, &link.from) };
                (a.clone(), b.clone(), false)
            }
        };
        if seen.insert(key) {
            out.links.push(link.clone());
        }
    }
    out
}

/// The owners and the Accountable an initiative gets: the file's assignee (then its other
/// people) fills the owner of their own department, the assignee is the Accountable; the owners
/// chosen for the whole import fill the rest. Past Proposed without both owners, it comes in as Proposed, and the preview says so.
fn owners(out: &Resolution, board: &Snapshot, options: &SourceOptions, item: &SourceItem, status: InitiativeStatus) -> Owners {
    // The assignee first, then the item's other people: the first of a department owns for it.
    let candidates: Vec<(&SourcePerson, &PersonTarget)> =
        item.assignee.iter().chain(&item.members).filter_map(|p| out.target(p).map(|t| (p, t))).collect();
    let slot = |dept: Id, default: Option<Id>| {
        let named = candidates.iter().find(|(_, t)| department_of(board, t) == Some(dept)).map(|(p, _)| Owner::Named((*p).clone()));
        named.or(default.map(Owner::Person))
    };
    let marketing = slot(MARKETING, options.marketing_owner);
    let it = slot(IT, options.it_owner);
    let assignee = candidates.first().filter(|_| item.assignee.is_some()).map(|(p, _)| Owner::Named((*p).clone()));
    let accountable = assignee.or_else(|| it.clone()).or_else(|| marketing.clone());
    let missing: Vec<&str> = [(marketing.is_none(), "Marketing owner"), (it.is_none(), "IT owner")]
        .into_iter()
        .filter_map(|(gone, what)| gone.then_some(what))
        .collect();
    let held_back = (!missing.is_empty() && !matches!(status, InitiativeStatus::Proposed | InitiativeStatus::Cancelled)).then(|| {
        format!("{} in the file, which names no {} for it; choose the owners, then move it on", status.label(), missing.join(" and no "))
    });
    let status = if held_back.is_some() { InitiativeStatus::Proposed } else { status };
    Owners { status, held_back, marketing, it, accountable }
}

struct Owners {
    status: InitiativeStatus,
    held_back: Option<String>,
    marketing: Option<Owner>,
    it: Option<Owner>,
    accountable: Option<Owner>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Person;
    use crate::import::plan::{SourceStatus, Stage};
    use uuid::Uuid;

    fn board() -> Snapshot {
        let person = |n: u128, name: &str, email: &str, department_id| Person {
            id: Uuid::from_u128(n),
            name: name.into(),
            email: email.into(),
            title: String::new(),
            department_id,
        };
        Snapshot {
            people: vec![person(1, "Tom Becker", "tom@mercy.org", IT), person(2, "Priya Natarajan", "", MARKETING)],
            ..Snapshot::default()
        }
    }

    fn item(key: &str, parent: Option<&str>) -> SourceItem {
        SourceItem {
            key: key.into(),
            label: key.into(),
            title: format!("Item {key}"),
            parent: parent.map(Into::into),
            ..SourceItem::default()
        }
    }

    #[test]
    fn the_top_of_each_hierarchy_is_an_initiative_and_deeper_levels_are_flattened_with_their_path() {
        let plan = SourcePlan { items: vec![item("1", None), item("2", Some("1")), item("3", Some("2"))], ..SourcePlan::default() };
        let r = resolve(&plan, &board(), &SourceOptions::default(), IT);
        assert_eq!(r.initiatives.iter().map(|i| i.item.key.as_str()).collect::<Vec<_>>(), vec!["1"]);
        assert_eq!(r.tasks.iter().map(|t| (t.item.key.as_str(), t.initiative.as_str())).collect::<Vec<_>>(), vec![("2", "1"), ("3", "1")]);
        assert_eq!(r.tasks[1].item.notes, "Under Item 2.", "a sub-task says what it was under");
    }

    #[test]
    fn parents_in_a_loop_make_initiatives_of_their_own_and_say_so() {
        let plan = SourcePlan { items: vec![item("1", Some("2")), item("2", Some("1"))], ..SourcePlan::default() };
        let r = resolve(&plan, &board(), &SourceOptions::default(), IT);
        assert_eq!(r.initiatives.len(), 2, "nothing is dropped");
        assert!(r.skipped.iter().all(|s| s.reason.contains("loop")), "{:?}", r.skipped);
    }

    #[test]
    fn people_are_matched_by_email_then_by_name_then_by_the_map_or_created() {
        let mut a = item("1", None);
        a.assignee = Some(SourcePerson { name: "T. Becker".into(), email: Some("TOM@mercy.org".into()) });
        let mut b = item("2", Some("1"));
        b.assignee = Some(SourcePerson { name: "Priya Natarajan".into(), email: None });
        let mut c = item("3", Some("1"));
        c.assignee = Some(SourcePerson { name: "557058:abc".into(), email: None });
        let plan = SourcePlan { items: vec![a, b, c], ..SourcePlan::default() };
        let r = resolve(&plan, &board(), &SourceOptions::default(), IT);
        let targets: Vec<_> = r.people.iter().map(|p| p.target.clone()).collect();
        assert_eq!(targets, vec![Some(PersonTarget::Person(Uuid::from_u128(1))), Some(PersonTarget::Person(Uuid::from_u128(2))), None]);
        assert_eq!(r.tasks[0].department_id, MARKETING, "a task goes to its assignee's department");
        assert_eq!(r.tasks[1].department_id, IT, "unassigned on the board: the source's department");

        let options = SourceOptions { people_map: vec![("557058:abc".into(), PersonTarget::New(MARKETING))], ..SourceOptions::default() };
        let r = resolve(&plan, &board(), &options, IT);
        assert_eq!(r.people[2].target, Some(PersonTarget::New(MARKETING)), "the map settles an account id");
    }

    #[test]
    fn a_status_stands_where_its_category_or_its_name_or_the_map_puts_it() {
        let status = |name: &str, stage| Some(SourceStatus { name: name.into(), stage });
        let mut items = vec![item("1", None), item("2", Some("1")), item("3", Some("1")), item("4", Some("1"))];
        items[1].status = status("Waiting for vendor", Some(Stage::InProgress));
        items[2].status = status("Closed", None);
        items[3].status = status("Parked", None);
        let plan = SourcePlan { items, ..SourcePlan::default() };
        let r = resolve(&plan, &board(), &SourceOptions::default(), IT);
        let mapped = |name: &str| r.statuses.iter().find(|s| s.name == name).unwrap().mapped;
        assert_eq!((mapped("Waiting for vendor"), mapped("Closed"), mapped("Parked")), (Some(Stage::InProgress), Some(Stage::Done), None));
        let options = SourceOptions { status_map: vec![("parked".into(), "cancelled".into())], ..SourceOptions::default() };
        let r = resolve(&plan, &board(), &options, IT);
        assert_eq!(r.tasks[2].status, TaskStatus::Cancelled, "the map is read whatever its case");
    }
}

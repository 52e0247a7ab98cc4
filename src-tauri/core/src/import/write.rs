//! Writing a [`Resolution`] through the write funnel, one operation at a time inside one batch:
//! the people to create, the initiatives, their tasks, the dependencies, the comments. What the
//! funnel refuses (a dependency loop, a task whose start is after its due date) is noted as
//! skipped, with where it is in the file, and the rest goes on; an initiative refused further
//! along than Proposed (its owners or predecessors do not allow it) comes in as Proposed. The
//! same function gives the preview (in a [`Store::trial`], rolled back) and the import (in a
//! [`Store::batch`]), so the preview's counts are exactly what the import writes. The activity
//! log gets a line on each initiative imported and one on the board, not one per row.
//!
//! [`Store::trial`]: crate::Store::trial
//! [`Store::batch`]: crate::Store::batch

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::plan::{Skipped, Source, SourceItem, SourcePerson, SourcePlan};
use super::reimport::{self, Fields, Known, Standing, Updated};
use super::resolve::{Owner, PersonMatch, PersonTarget, Resolution, StatusUse};
use crate::domain::model::{DependencyKind, Id, InitiativeStatus, TaskKind};
use crate::domain::ops::{NewDependency, NewInitiative, NewPerson, NewTask, Op};
use crate::store::Batch;
use crate::ErrorCode;
use crate::{Error, Result};

/// What an import of another tool's file writes (or, in a preview, would write).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SourceSummary {
    pub source: Source,
    pub initiatives: usize,
    pub tasks: usize,
    pub milestones: usize,
    /// Finish-to-start dependencies.
    pub dependencies: usize,
    /// Relates-to links.
    pub related: usize,
    pub comments: usize,
    /// Items an earlier import of the same project brought in, found again: what the file
    /// changed on them since.
    pub updated: Updated,
    /// Everyone the file assigns work to, and where each goes on the board.
    pub people: Vec<PersonMatch>,
    pub statuses: Vec<StatusUse>,
    /// Initiatives that come in as Proposed although the file has them further along, and why.
    pub as_proposed: Vec<Skipped>,
    /// What is not imported, and why.
    pub skipped: Vec<Skipped>,
    /// The file's columns or fields that are not read.
    pub unread: Vec<String>,
    pub notes: Vec<String>,
    /// Text that looks like patient information (imported as it is, listed so someone removes it).
    pub phi_like: Vec<Skipped>,
    /// What must be settled before the import can go ahead (see [`unsettled`]); empty once
    /// everyone and every status is.
    pub unsettled: Vec<String>,
}

/// What must be settled before a file can be imported: people the board does not know and who
/// are not mapped or to be created, status names with no meaning here.
pub fn unsettled(people: &[PersonMatch], statuses: &[StatusUse]) -> Vec<String> {
    let mut out: Vec<String> = people
        .iter()
        .filter(|p| p.target.is_none())
        .map(|p| match &p.email {
            Some(email) => format!("{} <{email}> is not on the board", p.name),
            None => format!("{} is not on the board", p.name),
        })
        .collect();
    out.extend(statuses.iter().filter(|s| s.mapped.is_none()).map(|s| format!("the status “{}” needs a mapping", s.name)));
    out
}

/// Writes `r` through `batch`: new items created, items `known` from an earlier import of the
/// same project brought up to date (see `reimport`). `now` dates the comments whose file gives
/// no time.
pub fn write(batch: &Batch, source: Source, plan: &SourcePlan, r: &Resolution, known: &Known, now: DateTime<Utc>) -> Result<SourceSummary> {
    let mut summary = SourceSummary {
        source,
        initiatives: 0,
        tasks: 0,
        milestones: 0,
        dependencies: 0,
        related: 0,
        comments: 0,
        updated: Updated::default(),
        people: r.people.clone(),
        statuses: r.statuses.clone(),
        as_proposed: Vec::new(),
        skipped: r.skipped.clone(),
        unread: plan.unread.clone(),
        notes: plan.notes.clone(),
        phi_like: Vec::new(),
        unsettled: unsettled(&r.people, &r.statuses),
    };
    let skip = |summary: &mut SourceSummary, at: &str, err: Error| -> Result<()> {
        if err.code() == ErrorCode::Storage {
            return Err(err);
        }
        summary.skipped.push(Skipped { at: at.to_string(), reason: err.to_string() });
        Ok(())
    };

    // People first, so that work can be assigned to them.
    let mut created: HashMap<(String, Option<String>), Id> = HashMap::new();
    for p in &r.people {
        if let Some(PersonTarget::New(department_id)) = p.target {
            let new = NewPerson { name: p.name.clone(), email: p.email.clone().unwrap_or_default(), title: String::new(), department_id };
            match batch.apply_quietly(Op::CreatePerson(new)) {
                Ok(id) => {
                    created.insert((p.name.clone(), p.email.clone()), id);
                }
                Err(err) => skip(&mut summary, &p.name, err)?,
            }
        }
    }
    let person_id = |target: Option<&PersonTarget>, person: Option<&SourcePerson>| -> Option<Id> {
        match target? {
            PersonTarget::Person(id) => Some(*id),
            PersonTarget::New(_) => person.and_then(|p| created.get(&(p.name.clone(), p.email.clone())).copied()),
        }
    };
    let assignee = |person: Option<&SourcePerson>| person_id(person.and_then(|p| r.target(p)), person);

    let key = |item: &str| reimport::key(source.wire(), &plan.origin, item);
    let mut ids: HashMap<&str, Id> = HashMap::new();
    // Items found again (not created here): their links and comments may be there already.
    let mut again: HashSet<Id> = HashSet::new();
    for planned in &r.initiatives {
        let item = &planned.item;
        let owner = |who: &Option<Owner>| match who {
            Some(Owner::Person(id)) => Some(*id),
            Some(Owner::Named(person)) => assignee(Some(person)),
            None => None,
        };
        let new = NewInitiative {
            title: item.title.clone(),
            summary: item.notes.clone(),
            status: planned.status,
            priority: item.priority.unwrap_or(crate::Priority::Medium),
            start: item.start,
            target: item.due,
            marketing_owner_id: owner(&planned.marketing_owner),
            it_owner_id: owner(&planned.it_owner),
            sponsor_id: None,
            tags: item.tags.clone(),
            block_reason: None,
            accountable_id: owner(&planned.accountable),
        };
        let fields = Fields::Initiative(reimport::initiative_fields(&new));
        if let Some(found) = known.find(&key(&item.key)) {
            let standing =
                reimport::bring_up_to_date(batch, known, &found, Some(&key(&item.key)), &item.label, &fields, &mut summary.updated)?;
            stand(standing, item, &mut summary, &mut ids, &mut again);
            continue;
        }
        // Refused as the file has it (its owners or predecessors do not allow that status), it
        // comes in as Proposed; refused even so, without the owners the file gave it.
        let fallbacks = [
            NewInitiative { status: InitiativeStatus::Proposed, ..new.clone() },
            NewInitiative {
                status: InitiativeStatus::Proposed,
                marketing_owner_id: None,
                it_owner_id: None,
                accountable_id: None,
                ..new.clone()
            },
        ];
        let mut result = batch.apply_quietly(Op::CreateInitiative(new.clone()));
        let mut held_back = planned.held_back.clone();
        for fallback in fallbacks.into_iter().filter(|f| *f != new) {
            match &result {
                Err(err) if err.code() != ErrorCode::Storage => {
                    held_back = Some(format!("{} in the file, but {}", new.status.label(), lowercase_first(&err.to_string())));
                    result = batch.apply_quietly(Op::CreateInitiative(fallback));
                }
                _ => break,
            }
        }
        if let (Ok(_), Some(reason)) = (&result, held_back) {
            summary.as_proposed.push(Skipped { at: item.label.clone(), reason });
        }
        match result {
            Ok(id) => {
                reimport::record(batch, id, &key(&item.key), &fields)?;
                ids.insert(item.key.as_str(), id);
                summary.initiatives += 1;
            }
            Err(err) => skip(&mut summary, &item.label, err)?,
        }
    }

    for planned in &r.tasks {
        let item = &planned.item;
        let Some(&initiative_id) = ids.get(planned.initiative.as_str()) else { continue };
        let new = NewTask {
            notes: item.notes.clone(),
            assignee_id: assignee(item.assignee.as_ref()),
            status: planned.status,
            start: item.start,
            due: item.due,
            kind: if item.milestone { TaskKind::Milestone } else { TaskKind::Task },
            ..NewTask::titled(initiative_id, planned.department_id, item.title.clone())
        };
        let fields = Fields::Task(reimport::task_fields(&new));
        if let Some(found) = known.find(&key(&item.key)) {
            let standing =
                reimport::bring_up_to_date(batch, known, &found, Some(&key(&item.key)), &item.label, &fields, &mut summary.updated)?;
            stand(standing, item, &mut summary, &mut ids, &mut again);
            continue;
        }
        match batch.apply_quietly(Op::CreateTask(new)) {
            Ok(id) => {
                reimport::record(batch, id, &key(&item.key), &fields)?;
                ids.insert(item.key.as_str(), id);
                summary.tasks += 1;
                summary.milestones += usize::from(item.milestone);
            }
            Err(err) => skip(&mut summary, &item.label, err)?,
        }
    }

    for link in &r.links {
        let (Some(&from_id), Some(&to_id)) = (ids.get(link.from.as_str()), ids.get(link.to.as_str())) else { continue };
        if again.contains(&from_id) && again.contains(&to_id) && known.linked(from_id, to_id) {
            continue;
        }
        match batch.apply_quietly(Op::AddDependency(NewDependency { from_id, to_id, kind: link.kind, lag_days: link.lag_days })) {
            Ok(_) if link.kind == DependencyKind::RelatesTo => summary.related += 1,
            Ok(_) => summary.dependencies += 1,
            Err(err) => skip(&mut summary, &link.label, err)?,
        }
    }

    let items = r.initiatives.iter().map(|p| &p.item).chain(r.tasks.iter().map(|p| &p.item));
    for item in items {
        let Some(&item_id) = ids.get(item.key.as_str()) else { continue };
        for c in &item.comments {
            if again.contains(&item_id) && known.has_comment(item_id, &c.body) {
                continue;
            }
            let (author_id, author_name) = match r.author(&c.author) {
                Some(Some((id, name))) => (Some(*id), name.clone()),
                Some(None) => (None, c.author.name.clone()),
                None => (person_id(r.target(&c.author), Some(&c.author)), c.author.name.clone()),
            };
            let op = Op::ImportComment { item_id, body: c.body.clone(), author_id, author_name, written_at: c.written_at.unwrap_or(now) };
            match batch.apply_quietly(op) {
                Ok(_) => summary.comments += 1,
                Err(err) => skip(&mut summary, &format!("a comment on {}", item.label), err)?,
            }
        }
        for (text, what) in [(&item.title, "the title"), (&item.notes, "the notes")] {
            let found = crate::domain::phi::find(text, what);
            if !found.is_empty() {
                summary.phi_like.push(Skipped { at: item.label.clone(), reason: crate::domain::phi::PhiFinding::message(&found) });
            }
        }
    }
    // What the import did, in the activity log: a line on each initiative and one on the board,
    // rather than one per row (an export of thousands of issues would bury the log).
    // Changes to items found again are logged field by field, as any edit is.
    let mut tasks_of: HashMap<&str, usize> = HashMap::new();
    for t in r.tasks.iter().filter(|t| ids.get(t.item.key.as_str()).is_some_and(|id| !again.contains(id))) {
        *tasks_of.entry(t.initiative.as_str()).or_default() += 1;
    }
    for planned in &r.initiatives {
        let Some(&id) = ids.get(planned.item.key.as_str()) else { continue };
        let tasks = tasks_of.get(planned.item.key.as_str()).copied().unwrap_or(0);
        let note = if !again.contains(&id) {
            format!("imported “{}” from {} ({}) with {tasks} tasks", planned.item.title, source.label(), planned.item.label)
        } else if tasks > 0 {
            format!("imported {tasks} new tasks into it from {} ({})", source.label(), planned.item.label)
        } else {
            continue;
        };
        batch.note(Some(id), "import", note)?;
    }
    let mut note = format!(
        "imported {} initiatives, {} tasks, {} dependencies and {} comments from {}",
        summary.initiatives,
        summary.tasks,
        summary.dependencies + summary.related,
        summary.comments,
        source.label()
    );
    if summary.updated.items + summary.updated.unchanged > 0 {
        note.push_str(&format!(
            "; of what an earlier import brought in, it updated {} items and found {} unchanged",
            summary.updated.items, summary.updated.unchanged
        ));
    }
    batch.note(None, "import", note)?;
    Ok(summary)
}

/// Where an item found again leaves the import: its id for the tasks and links that follow, and
/// why any of the file's changes to it are not brought in.
fn stand<'p>(
    standing: Standing,
    item: &'p SourceItem,
    summary: &mut SourceSummary,
    ids: &mut HashMap<&'p str, Id>,
    again: &mut HashSet<Id>,
) {
    if let Some(reason) = standing.refused {
        summary.skipped.push(Skipped { at: item.label.clone(), reason });
    }
    if let Some(id) = standing.id {
        ids.insert(item.key.as_str(), id);
        again.insert(id);
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

//! `add-initiative`, `edit-initiative` and `move-initiative`: options become one
//! `CreateInitiative`, `UpdateInitiative` or `MoveInitiative` operation, so an edit with several
//! options lands (or is refused) whole.

use bridgeboard_core::{Id, InitiativeChange as Change, InitiativeStatus, NewInitiative, Op, Priority, Result};

use super::{require_changes, Edit};
use crate::args::{InitiativeClears, InitiativeFields};
use crate::parse;

pub fn add(e: &mut Edit, title: String, f: InitiativeFields) -> Result<Id> {
    let board = &e.board;
    if f.review_date.is_some() {
        return Err(bridgeboard_core::Error::Validation(
            "A review date is set once the initiative exists: use edit-initiative --review-date.".into(),
        ));
    }
    let new = NewInitiative {
        summary: f.summary.unwrap_or_default(),
        status: f.status.as_deref().map(parse::initiative_status).transpose()?.unwrap_or(InitiativeStatus::Proposed),
        priority: f.priority.as_deref().map(parse::priority).transpose()?.unwrap_or(Priority::Medium),
        start: parse::optional_date(f.start.as_deref())?,
        target: parse::optional_date(f.target.as_deref())?,
        marketing_owner_id: board.person_id(f.marketing_owner.as_deref())?,
        it_owner_id: board.person_id(f.it_owner.as_deref())?,
        sponsor_id: board.person_id(f.sponsor.as_deref())?,
        accountable_id: board.person_id(f.accountable.as_deref())?,
        tags: f.tags,
        block_reason: f.block_reason,
        ..NewInitiative::titled(title)
    };
    e.apply(Op::CreateInitiative(new))
}

pub fn edit(e: &mut Edit, item: &str, title: Option<String>, f: InitiativeFields, clear: InitiativeClears) -> Result<Id> {
    let board = &e.board;
    let id = board.initiative(item)?;
    let mut changes: Vec<Change> = Vec::new();
    changes.extend(title.map(Change::Title));
    changes.extend(f.summary.map(Change::Summary));
    changes.extend(f.status.as_deref().map(parse::initiative_status).transpose()?.map(Change::Status));
    changes.extend(f.priority.as_deref().map(parse::priority).transpose()?.map(Change::Priority));
    if let Some(start) = parse::optional_date(f.start.as_deref())? {
        changes.push(Change::Start(Some(start)));
    }
    if let Some(target) = parse::optional_date(f.target.as_deref())? {
        changes.push(Change::Target(Some(target)));
    }
    if let Some(owner) = board.person_id(f.marketing_owner.as_deref())? {
        changes.push(Change::MarketingOwner(Some(owner)));
    }
    if let Some(owner) = board.person_id(f.it_owner.as_deref())? {
        changes.push(Change::ItOwner(Some(owner)));
    }
    if let Some(sponsor) = board.person_id(f.sponsor.as_deref())? {
        changes.push(Change::Sponsor(Some(sponsor)));
    }
    if let Some(accountable) = board.person_id(f.accountable.as_deref())? {
        changes.push(Change::Accountable(Some(accountable)));
    }
    if let Some(review) = parse::optional_date(f.review_date.as_deref())? {
        changes.push(Change::ReviewOn(Some(review)));
    }
    if !f.tags.is_empty() {
        changes.push(Change::Tags(f.tags));
    }
    changes.extend(f.block_reason.map(|r| Change::BlockReason(Some(r))));
    let clears = [
        (clear.clear_start, Change::Start(None)),
        (clear.clear_target, Change::Target(None)),
        (clear.clear_marketing_owner, Change::MarketingOwner(None)),
        (clear.clear_it_owner, Change::ItOwner(None)),
        (clear.clear_sponsor, Change::Sponsor(None)),
        (clear.clear_tags, Change::Tags(Vec::new())),
        (clear.clear_block_reason, Change::BlockReason(None)),
    ];
    changes.extend(clears.into_iter().filter(|(wanted, _)| *wanted).map(|(_, change)| change));
    require_changes(&changes, "edit-initiative")?;
    e.apply(Op::UpdateInitiative { id, changes })
}

pub fn move_plan(e: &mut Edit, item: &str, days: i32) -> Result<Id> {
    let id = e.board.initiative(item)?;
    e.apply(Op::MoveInitiative { id, days })
}

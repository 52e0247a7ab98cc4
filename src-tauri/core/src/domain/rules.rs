//! The board's rules that need more than one value: owners before leaving Proposed, nothing
//! finished while it waits for open work, owners in their departments, no link between a task
//! and its own initiative, nobody deleted with work left, no task back without its initiative.
//! Pure functions; the store gathers what they need. The write funnel asks them before an edit,
//! and Needs attention asks the same ones after a merge.

use crate::domain::model::{Id, InitiativeStatus, ItemKind, Person, MARKETING};
use crate::domain::view::ItemRef;
use crate::{Error, Result};

/// An owner must belong to the department they own the initiative for.
pub fn check_owner(role: &str, department: Id, owner: Option<&Person>) -> Result<()> {
    if let Some(person) = owner {
        if person.department_id != department {
            let dept = if department == MARKETING { "Marketing" } else { "IT" };
            return Err(Error::Validation(format!(
                "The {role} must be in {dept}; {} is not. Choose someone from {dept}, or move {} to {dept} under People first.",
                person.name, person.name
            )));
        }
    }
    Ok(())
}

/// A joint initiative has an owner on each side before it leaves Proposed. Cancelling a proposal
/// needs no owners.
pub fn check_owners_for_status(title: &str, status: InitiativeStatus, marketing_owner: Option<Id>, it_owner: Option<Id>) -> Result<()> {
    if matches!(status, InitiativeStatus::Proposed | InitiativeStatus::Cancelled) {
        return Ok(());
    }
    let missing: Vec<&str> = [marketing_owner.is_none().then_some("a Marketing owner"), it_owner.is_none().then_some("an IT owner")]
        .into_iter()
        .flatten()
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::Conflict(format!(
        "“{title}” cannot leave Proposed without {}. Choose {} in its details first.",
        missing.join(" and "),
        if missing.len() == 2 { "both owners" } else { "one" }
    )))
}

/// Marking an item done or Live is refused while a finish-to-start predecessor is still open.
pub fn check_can_finish(title: &str, finished_word: &str, open_predecessors: &[ItemRef]) -> Result<()> {
    if open_predecessors.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = open_predecessors.iter().map(|p| format!("“{}” ({})", p.title, p.status)).collect();
    Err(Error::Conflict(format!(
        "“{title}” cannot be marked {finished_word} while it waits for {}. Finish or cancel that first, or remove the dependency.",
        names.join(", ")
    )))
}

/// What "Blocked" means, the one place it is decided: the item waits for predecessors that are
/// still open, someone set a block reason, or (for an initiative) one of its gates failed.
pub fn is_blocked<T>(block_reason: Option<&str>, open_predecessors: &[T], failed_gates: &[String]) -> bool {
    block_reason.is_some() || !open_predecessors.is_empty() || !failed_gates.is_empty()
}

/// A person who owns initiatives for their department cannot move to another one until those
/// are handed over. `owned`: each initiative's title and the department its role needs.
pub fn check_owner_can_move(name: &str, new_department: Id, owned: &[(String, Id)]) -> Result<()> {
    let Some((title, needs)) = owned.iter().find(|(_, needs)| *needs != new_department) else { return Ok(()) };
    let role = if *needs == MARKETING { "Marketing owner" } else { "IT owner" };
    Err(Error::Conflict(format!(
        "{name} is the {role} of “{title}”; choose another {role} there before moving {name} to another department."
    )))
}

/// Someone who still owns or is assigned work (`work`, described for people) is deleted only
/// with someone else to take it over. Returns who takes over, when anyone must.
pub fn check_person_deletable(name: &str, person: Id, work: &[String], reassign_to: Option<Id>) -> Result<Option<Id>> {
    if work.is_empty() {
        return Ok(None);
    }
    match reassign_to {
        None => Err(Error::Conflict(format!(
            "{name} cannot be deleted while they are {}. Choose who takes this over (reassign), then delete.",
            work.join(", ")
        ))),
        Some(successor) if successor == person => {
            Err(Error::Validation(format!("Choose someone other than {name} to take over their work.")))
        }
        Some(successor) => Ok(Some(successor)),
    }
}

/// An initiative already includes its own tasks, so a task and its initiative cannot depend on
/// each other.
pub fn check_not_own_initiative(from: &ItemRef, to: &ItemRef) -> Result<()> {
    let contains = |outer: &ItemRef, inner: &ItemRef| outer.kind == ItemKind::Initiative && inner.initiative_id == outer.id;
    if !(contains(from, to) || contains(to, from)) {
        return Ok(());
    }
    let (task, initiative) = if from.kind == ItemKind::Task { (from, to) } else { (to, from) };
    Err(Error::Validation(format!(
        "“{}” is a task of “{}”; an initiative already includes its own tasks, so they cannot depend on each other.",
        task.title, initiative.title
    )))
}

/// A deleted task comes back only while its initiative is on the board.
pub fn check_task_restorable(task_title: &str, initiative_on_board: bool) -> Result<()> {
    if initiative_on_board {
        return Ok(());
    }
    Err(Error::Conflict(format!("The task “{task_title}” belongs to a deleted initiative; restore the initiative first.")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;
    use uuid::Uuid;

    #[test]
    fn leaving_proposed_needs_both_owners() {
        let someone = Some(Uuid::from_u128(9));
        let err = check_owners_for_status("Portal", InitiativeStatus::Planned, someone, None).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Conflict);
        assert!(err.to_string().contains("an IT owner"), "the message names what is missing: {err}");
        assert!(check_owners_for_status("Portal", InitiativeStatus::Proposed, None, None).is_ok());
        assert!(
            check_owners_for_status("Portal", InitiativeStatus::Cancelled, None, None).is_ok(),
            "a proposal can be dropped without owners"
        );
        assert!(check_owners_for_status("Portal", InitiativeStatus::Live, someone, someone).is_ok());
    }

    #[test]
    fn people_move_and_go_only_once_their_work_is_handed_over() {
        let (dana, tom) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let owned = vec![("Portal".to_string(), MARKETING)];
        assert!(check_owner_can_move("Dana", MARKETING, &owned).is_ok(), "staying in Marketing is fine");
        let err = check_owner_can_move("Dana", Uuid::from_u128(9), &owned).unwrap_err();
        assert!(err.to_string().contains("Marketing owner of “Portal”"), "the refusal names what she owns: {err}");
        assert_eq!(check_person_deletable("Dana", dana, &[], None).unwrap(), None, "no work, no successor needed");
        let work = vec!["the Marketing owner of “Portal”".to_string()];
        assert_eq!(check_person_deletable("Dana", dana, &work, None).unwrap_err().code(), ErrorCode::Conflict);
        assert_eq!(check_person_deletable("Dana", dana, &work, Some(dana)).unwrap_err().code(), ErrorCode::Validation, "not to herself");
        assert_eq!(check_person_deletable("Dana", dana, &work, Some(tom)).unwrap(), Some(tom));
        assert!(check_task_restorable("Flyers", false).unwrap_err().to_string().contains("restore the initiative first"));
    }
}

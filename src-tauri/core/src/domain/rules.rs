//! The board's rules that need more than one value: owners before leaving Proposed, nothing
//! finished while it waits for open work. Pure functions; the store gathers what they need.

use crate::domain::model::{Id, InitiativeStatus, Person, MARKETING};
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

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn leaving_proposed_needs_both_owners() {
        let someone = Some(Uuid::from_u128(9));
        let err = check_owners_for_status("Portal", InitiativeStatus::Planned, someone, None).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert!(err.to_string().contains("an IT owner"), "the message names what is missing: {err}");
        assert!(check_owners_for_status("Portal", InitiativeStatus::Proposed, None, None).is_ok());
        assert!(
            check_owners_for_status("Portal", InitiativeStatus::Cancelled, None, None).is_ok(),
            "a proposal can be dropped without owners"
        );
        assert!(check_owners_for_status("Portal", InitiativeStatus::Live, someone, someone).is_ok());
    }
}

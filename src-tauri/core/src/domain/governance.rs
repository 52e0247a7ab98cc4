//! How the two departments govern their joint work: who is Responsible, Accountable, Consulted
//! and Informed (RACI), and the compliance gates an initiative must pass before it goes live.
//!
//! The nouns and their pure rules. "Who I am" is chosen on each desktop, so these rules are
//! accountability (every change says who made it, from which desktop), not access control.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::model::{Id, InitiativeStatus};
use super::wire_time;
use crate::{Error, Result};

wire_enum!(RaciRole {
    Responsible = "responsible" / "Responsible",
    Accountable = "accountable" / "Accountable",
    Consulted = "consulted" / "Consulted",
    Informed = "informed" / "Informed",
});

wire_enum!(GateState {
    NotStarted = "not_started" / "Not started",
    InReview = "in_review" / "In review",
    Passed = "passed" / "Passed",
    Failed = "failed" / "Failed",
    Waived = "waived" / "Waived",
});

impl GateState {
    /// Passed and waived gates no longer hold up going live.
    pub fn is_settled(self) -> bool {
        matches!(self, Self::Passed | Self::Waived)
    }

    /// Failing and waiving need a reason a person can read later.
    pub fn needs_reason(self) -> bool {
        matches!(self, Self::Failed | Self::Waived)
    }
}

/// A kind of sign-off from the board's catalogue (privacy, security, accessibility...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GateType {
    pub id: Id,
    /// The short key the CLI and the exports use: `privacy`, `security`, ...
    pub key: String,
    pub name: String,
    /// What the review checks.
    pub description: String,
    /// Who usually approves it ("Privacy officer").
    pub usual_approver: String,
}

/// One gate an initiative must pass (or have waived) before it goes live.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Gate {
    pub id: Id,
    pub initiative_id: Id,
    pub gate_type_id: Id,
    pub approver_id: Option<Id>,
    pub state: GateState,
    /// Why it was failed or waived.
    pub reason: Option<String>,
    /// A note or a link to the evidence; a link is shown as text and opened only by the OS.
    pub evidence: String,
    /// Who last changed its state, when, and from which desktop (on a shared board).
    pub decided_by: Option<String>,
    #[serde(serialize_with = "wire_time::opt_instant")]
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_on: Option<String>,
}

/// A Responsible, Consulted or Informed person on an initiative or a task. (The Accountable is
/// the item's own field: exactly one, and two desktops naming two is a field conflict.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoleAssignment {
    pub id: Id,
    pub item_id: Id,
    pub initiative_id: Id,
    pub person_id: Id,
    pub role: RaciRole,
}

/// The built-in catalogue: every board has these, with the same ids everywhere, so boards shared
/// between desktops agree on them. `(id, key, name, description, usual approver)`.
pub const BUILTIN_GATE_TYPES: [(u128, &str, &str, &str, &str); 6] = [
    (
        0x0000_0000_0000_7000_8000_0000_0000_0101,
        "privacy",
        "Privacy / HIPAA tracking-technology review",
        "Pixels, analytics tags, session replay and chat widgets on patient-facing pages and the portal: no PHI reaches a third party without a business associate agreement.",
        "Privacy officer",
    ),
    (
        0x0000_0000_0000_7000_8000_0000_0000_0102,
        "security",
        "Security risk assessment",
        "New systems, vendors and integrations: data flows, access, vendor security questionnaire, penetration test where needed.",
        "Information security officer (CISO)",
    ),
    (
        0x0000_0000_0000_7000_8000_0000_0000_0103,
        "accessibility",
        "Accessibility (WCAG 2.1 AA)",
        "Patient-facing pages, forms and documents meet WCAG 2.1 AA: keyboard use, screen readers, contrast, captions.",
        "Digital accessibility lead",
    ),
    (
        0x0000_0000_0000_7000_8000_0000_0000_0104,
        "texting",
        "Texting rules (TCPA consent and 10DLC)",
        "SMS programmes: documented patient consent and opt-out (TCPA), 10DLC brand and campaign registration, message content.",
        "Compliance officer",
    ),
    (
        0x0000_0000_0000_7000_8000_0000_0000_0105,
        "legal",
        "Legal / marketing-authorization review",
        "Claims, testimonials and patient stories (HIPAA marketing authorization), pricing statements, terms of use.",
        "Legal counsel",
    ),
    (
        0x0000_0000_0000_7000_8000_0000_0000_0106,
        "brand",
        "Brand review",
        "Logo, colours, voice and tone follow the health system's brand standards.",
        "Brand manager (Marketing)",
    ),
];

/// The id of a role, the same on every desktop: the same person given the same role on the same
/// item while apart is one role, and removing then giving it again brings back that one.
pub fn role_id(item: Id, person: Id, role: RaciRole) -> Id {
    derived_id(&format!("role:{item}:{person}:{}", role.wire()))
}

/// The id of an initiative's gate of one type: one gate of each type per initiative, the same on
/// every desktop.
pub fn gate_id(initiative: Id, gate_type: Id) -> Id {
    derived_id(&format!("gate:{initiative}:{gate_type}"))
}

fn derived_id(text: &str) -> Id {
    let digest = Sha256::digest(text);
    uuid::Uuid::new_v8(digest[..16].try_into().expect("a SHA-256 digest has 32 bytes"))
}

/// Past Proposed (and not cancelled), an initiative has an Accountable.
pub fn needs_accountable(status: InitiativeStatus) -> bool {
    !matches!(status, InitiativeStatus::Proposed | InitiativeStatus::Cancelled)
}

/// An initiative names its one Accountable before it leaves Proposed, and keeps one after.
/// `was`: the status and Accountable before the change. Initiatives that left Proposed before
/// Accountables existed may keep being edited; they are listed under Needs attention instead.
pub fn check_accountable(title: &str, was: (InitiativeStatus, Option<Id>), now: (InitiativeStatus, Option<Id>)) -> Result<()> {
    if now.1.is_some() || !needs_accountable(now.0) {
        return Ok(());
    }
    if was.0 == InitiativeStatus::Proposed || was.0 == InitiativeStatus::Cancelled {
        return Err(Error::Conflict(format!(
            "“{title}” cannot leave Proposed without an Accountable: the one person who answers for it. Choose the Accountable in its details (RACI) first."
        )));
    }
    if was.1.is_some() {
        return Err(Error::Conflict(format!(
            "“{title}” is {} and must keep an Accountable. Choose someone else as Accountable instead of removing them.",
            now.0
        )));
    }
    Ok(())
}

/// A gate still in the way of going live, described for a refusal.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenGate {
    pub name: String,
    pub state: GateState,
    pub approver: Option<String>,
}

/// Going Live (or marking the go-live milestone done) waits until every gate that applies is
/// passed or waived; the refusal names each open gate and who approves it. `what` finishes
/// "“Portal” cannot …": "go Live", "have its go-live milestone “Launch” marked done".
pub fn check_gates_for_go_live(title: &str, what: &str, open: &[OpenGate]) -> Result<()> {
    if open.is_empty() {
        return Ok(());
    }
    let gates: Vec<String> = open
        .iter()
        .map(|g| match &g.approver {
            Some(approver) => format!("{} ({}, approver {approver})", g.name, g.state.label().to_lowercase()),
            None => format!("{} ({}, no approver yet)", g.name, g.state.label().to_lowercase()),
        })
        .collect();
    Err(Error::Conflict(format!(
        "“{title}” cannot {what} until its gates are passed or waived: {}. Ask the approver to pass the gate, or have it waived with a reason.",
        gates.join("; ")
    )))
}

/// Who may do what to a gate. Only its approver passes or fails it; the approver or the
/// initiative's Accountable waives it, reopens a decided gate, or hands it to another approver.
/// Anyone may name the first approver and move an undecided gate into review.
pub struct GateAuthority<'a> {
    pub gate_name: &'a str,
    pub me: Option<Id>,
    pub approver: Option<(Id, &'a str)>,
    pub accountable: Option<Id>,
}

impl GateAuthority<'_> {
    fn is_approver(&self) -> bool {
        self.me.is_some() && self.me == self.approver.map(|(id, _)| id)
    }

    fn is_approver_or_accountable(&self) -> bool {
        self.is_approver() || (self.me.is_some() && self.me == self.accountable)
    }

    fn approver_name(&self) -> &str {
        self.approver.map_or("(no approver yet)", |(_, name)| name)
    }

    pub fn check_state(&self, from: GateState, to: GateState, reason: Option<&str>) -> Result<()> {
        if to.needs_reason() && reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(Error::Validation(format!(
                "Say why the {} gate is {}: a reason is kept with the decision.",
                self.gate_name,
                to.label().to_lowercase()
            )));
        }
        let allowed = match to {
            GateState::Passed | GateState::Failed => self.is_approver(),
            GateState::Waived => self.is_approver_or_accountable(),
            GateState::NotStarted | GateState::InReview => {
                (!from.is_settled() && from != GateState::Failed) || self.is_approver_or_accountable()
            }
        };
        if allowed {
            return Ok(());
        }
        let who = match to {
            GateState::Passed | GateState::Failed => format!("Only {}, the gate's approver,", self.approver_name()),
            _ => format!("Only {} (the approver) or the initiative's Accountable", self.approver_name()),
        };
        let verb = match to {
            GateState::Passed => "pass".to_string(),
            GateState::Failed => "fail".to_string(),
            GateState::Waived => "waive".to_string(),
            _ => format!("reopen a {} gate", from.label().to_lowercase()),
        };
        Err(Error::Conflict(format!(
            "{who} can {verb} the {} gate. If that is you, choose who you are (Settings in the app, --as on the command line).",
            self.gate_name
        )))
    }

    pub fn check_approver_change(&self) -> Result<()> {
        if self.approver.is_none() || self.is_approver_or_accountable() {
            return Ok(());
        }
        Err(Error::Conflict(format!(
            "Only {} (the approver) or the initiative's Accountable can hand the {} gate to someone else. If that is you, choose who you are (Settings in the app, --as on the command line).",
            self.approver_name(),
            self.gate_name
        )))
    }
}

/// The web link in a gate's evidence, when the evidence is one: shown as text, and opened only
/// by the operating system when someone clicks it (never loaded in the app).
pub fn evidence_link(evidence: &str) -> Option<&str> {
    let text = evidence.trim();
    let is_web = text.starts_with("https://") || text.starts_with("http://");
    (is_web && text.len() <= 2000 && !text.chars().any(|c| c.is_whitespace() || c.is_control())).then_some(text)
}

/// A gate type's short key: lower-case letters, digits and dashes, as typed on a command line.
pub fn gate_key(text: &str) -> Result<String> {
    let key = text.trim().to_lowercase();
    let fine = !key.is_empty() && key.len() <= 30 && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if fine {
        return Ok(key);
    }
    Err(Error::Validation(format!(
        "“{}” cannot be a gate key: use up to 30 lower-case letters, digits and dashes, such as “pharmacy-review”.",
        text.trim()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;
    use uuid::Uuid;

    #[test]
    fn ids_are_the_same_on_every_desktop() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert_eq!(role_id(a, b, RaciRole::Consulted), role_id(a, b, RaciRole::Consulted));
        assert_ne!(role_id(a, b, RaciRole::Consulted), role_id(a, b, RaciRole::Informed), "two roles are two rows");
        assert_ne!(gate_id(a, b), gate_id(b, a));
    }

    #[test]
    fn only_the_approver_passes_and_fails() {
        let (priya, tom, dana) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let as_who = |me| GateAuthority { gate_name: "privacy", me, approver: Some((priya, "Priya Raman")), accountable: Some(dana) };
        assert!(as_who(Some(priya)).check_state(GateState::InReview, GateState::Passed, None).is_ok());
        let err = as_who(Some(tom)).check_state(GateState::InReview, GateState::Passed, None).unwrap_err();
        assert!(err.to_string().contains("Only Priya Raman"), "the refusal names the approver: {err}");
        assert!(as_who(Some(dana)).check_state(GateState::InReview, GateState::Passed, None).is_err(), "the Accountable cannot pass it");
        assert!(as_who(Some(dana)).check_state(GateState::InReview, GateState::Waived, Some("Vendor not live")).is_ok());
        assert_eq!(
            as_who(Some(priya)).check_state(GateState::InReview, GateState::Failed, Some(" ")).unwrap_err().code(),
            ErrorCode::Validation,
            "failing needs a reason"
        );
        assert!(as_who(Some(tom)).check_state(GateState::NotStarted, GateState::InReview, None).is_ok(), "anyone submits for review");
        assert!(as_who(Some(tom)).check_state(GateState::Passed, GateState::InReview, None).is_err(), "but not reopen a pass");
        assert!(as_who(None).check_state(GateState::InReview, GateState::Passed, None).is_err(), "nobody chosen is nobody");
        assert!(as_who(Some(tom)).check_approver_change().is_err());
        assert!(as_who(Some(dana)).check_approver_change().is_ok());
    }

    #[test]
    fn an_accountable_is_needed_past_proposed() {
        let dana = Some(Uuid::from_u128(3));
        use InitiativeStatus::*;
        assert!(check_accountable("Portal", (Proposed, None), (Planned, None)).is_err());
        assert!(check_accountable("Portal", (Proposed, None), (Planned, dana)).is_ok());
        assert!(check_accountable("Portal", (Planned, dana), (Planned, None)).is_err(), "it cannot be taken away");
        assert!(check_accountable("Portal", (Planned, None), (InProgress, None)).is_ok(), "older boards are listed, not refused");
        assert!(check_accountable("Portal", (Proposed, None), (Cancelled, None)).is_ok());
    }

    #[test]
    fn only_a_plain_web_address_is_a_link() {
        assert_eq!(evidence_link(" https://intranet.example/privacy/114 "), Some("https://intranet.example/privacy/114"));
        assert_eq!(evidence_link("Reviewed in the March committee"), None);
        assert_eq!(evidence_link("javascript:alert(1)"), None, "nothing but the web");
        assert_eq!(evidence_link("file:///etc/passwd"), None);
        assert_eq!(evidence_link("https://a.example/x y"), None, "one address, nothing around it");
    }

    #[test]
    fn gate_keys_are_typed_on_command_lines() {
        assert_eq!(gate_key(" Pharmacy-Review ").unwrap(), "pharmacy-review");
        assert!(gate_key("two words").is_err());
        assert!(gate_key("").is_err());
    }
}

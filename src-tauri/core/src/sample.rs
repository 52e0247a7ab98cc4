//! The sample hospital board: Mercy General's Marketing and IT planning six joint initiatives.
//! Dates are relative to `today`, so the sample stays current. It is written through the same
//! write funnel as any edit, so it obeys every rule; it includes a blocked initiative and a
//! schedule conflict that the board computes from the dates and dependencies.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::domain::governance::{GateState, RaciRole};
use crate::domain::model::*;
use crate::domain::ops::*;
use crate::domain::results::Direction;
use crate::{Error, Result, Store};

pub const SAMPLE_NAME: &str = "Sample hospital board (Mercy General, demo data)";

struct Writer<'a> {
    store: &'a mut Store,
    actor: Actor,
    now: DateTime<Utc>,
    today: NaiveDate,
}

impl Writer<'_> {
    fn apply(&mut self, op: Op) -> Result<Id> {
        self.store.apply(&self.actor, self.now, op)
    }

    fn day(&self, offset: i64) -> Option<NaiveDate> {
        Some(self.today + Duration::days(offset))
    }

    fn person(&mut self, name: &str, title: &str, email: &str, department_id: Id) -> Result<Id> {
        self.apply(Op::CreatePerson(NewPerson { name: name.into(), email: email.into(), title: title.into(), department_id }))
    }

    #[allow(clippy::too_many_arguments)]
    fn task(&mut self, initiative: Id, dept: Id, title: &str, who: Id, status: TaskStatus, start: i64, due: i64) -> Result<Id> {
        let (start, due) = (self.day(start), self.day(due));
        self.apply(Op::CreateTask(NewTask { assignee_id: Some(who), status, start, due, ..NewTask::titled(initiative, dept, title) }))
    }

    fn milestone(&mut self, initiative: Id, dept: Id, title: &str, who: Id, status: TaskStatus, due: i64) -> Result<Id> {
        let due = self.day(due);
        self.apply(Op::CreateTask(NewTask {
            assignee_id: Some(who),
            status,
            due,
            kind: TaskKind::Milestone,
            ..NewTask::titled(initiative, dept, title)
        }))
    }

    fn go_live(&mut self, milestone: Id) -> Result<Id> {
        self.apply(Op::UpdateTask { id: milestone, changes: vec![TaskChange::GoLive(true)] })
    }

    /// Adds a gate of the built-in type `key`; a decision is made as its approver, who alone may.
    fn gate(&mut self, initiative: Id, key: &str, approver: Option<Id>, decided: Option<(GateState, Option<&str>)>) -> Result<Id> {
        let gate_type = self.store.gate_types()?.into_iter().find(|t| t.key == key).expect("a built-in gate type").id;
        let gate = self.apply(Op::AddGate(NewGate { initiative_id: initiative, gate_type_id: gate_type, approver_id: approver }))?;
        if let Some((state, reason)) = decided {
            let name = approver.and_then(|id| self.store.person(id).ok().flatten()).map(|p| p.name).unwrap_or_default();
            let approver = Actor { id: approver, name };
            let change = GateChange::State { state, reason: reason.map(str::to_string) };
            self.store.apply(&approver, self.now, Op::UpdateGate { id: gate, changes: vec![change] })?;
        }
        Ok(gate)
    }

    /// A KPI from `baseline` (on day `from`) to `target` (on day `to`), with readings `(day, value)`.
    #[allow(clippy::too_many_arguments)]
    fn kpi(
        &mut self,
        initiative: Id,
        name: &str,
        unit: &str,
        direction: Direction,
        from: (i64, f64),
        to: (i64, f64),
        readings: &[(i64, f64)],
    ) -> Result<Id> {
        let today = self.today;
        let day = |offset: i64| today + Duration::days(offset);
        let kpi = self.apply(Op::AddKpi(NewKpi {
            initiative_id: initiative,
            name: name.into(),
            unit: unit.into(),
            direction,
            baseline: from.1,
            baseline_on: day(from.0),
            target: to.1,
            target_on: day(to.0),
        }))?;
        for &(offset, value) in readings {
            self.apply(Op::AddReading(NewReading { kpi_id: kpi, value, taken_on: day(offset), note: String::new() }))?;
        }
        Ok(kpi)
    }

    fn role(&mut self, item_id: Id, person_id: Id, role: RaciRole) -> Result<Id> {
        self.apply(Op::SetRole { item_id, person_id, role })
    }

    fn depends(&mut self, successor: Id, predecessor: Id, lag_days: i32) -> Result<Id> {
        self.apply(Op::AddDependency(NewDependency {
            from_id: predecessor,
            to_id: successor,
            kind: DependencyKind::FinishToStart,
            lag_days,
        }))
    }
}

/// Writes the sample board into an empty board file.
pub fn create(store: &mut Store, today: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    if !store.is_empty()? {
        return Err(Error::Conflict(
            "This board file already holds a board; the sample goes into a new, empty file so it never mixes with real work.".into(),
        ));
    }
    let actor = Actor { id: None, name: "Bridgeboard sample".into() };
    let mut w = Writer { store, actor, now, today };
    w.apply(Op::SetBoard { name: SAMPLE_NAME.into(), sample: true })?;
    let compliance = w.apply(Op::CreateDepartment(NewDepartment { name: "Compliance".into(), color: None }))?;
    let executive = w.apply(Op::CreateDepartment(NewDepartment { name: "Executive".into(), color: None }))?;

    let dana = w.person("Dana Whitfield", "Director of Marketing", "dana.whitfield@mercygeneral.org", MARKETING)?;
    let priya = w.person("Priya Raman", "Digital Marketing Manager", "priya.raman@mercygeneral.org", MARKETING)?;
    let marcus = w.person("Marcus Lee", "Content & Social Media Lead", "marcus.lee@mercygeneral.org", MARKETING)?;
    let elena = w.person("Elena Soto", "Web Content Specialist", "elena.soto@mercygeneral.org", MARKETING)?;
    let tom = w.person("Tom Becker", "IT Project Manager", "tom.becker@mercygeneral.org", IT)?;
    let aisha = w.person("Aisha Khan", "Integration Engineer", "aisha.khan@mercygeneral.org", IT)?;
    let ravi = w.person("Ravi Patel", "Web Developer", "ravi.patel@mercygeneral.org", IT)?;
    let grace = w.person("Grace Kim", "Patient Portal Analyst", "grace.kim@mercygeneral.org", IT)?;
    let linda = w.person("Linda Okafor", "Privacy Officer", "linda.okafor@mercygeneral.org", compliance)?;
    let cmo = w.person("Sarah Mitchell", "Chief Marketing Officer", "sarah.mitchell@mercygeneral.org", executive)?;
    let cio = w.person("James O'Connor", "Chief Information Officer", "james.oconnor@mercygeneral.org", executive)?;

    let initiative =
        |title: &str, summary: &str, status, priority, start: i64, target: i64, owners: (Id, Id, Id), sponsor: Id, tags: &[&str]| {
            NewInitiative {
                summary: summary.into(),
                status,
                priority,
                start: Some(today + Duration::days(start)),
                target: Some(today + Duration::days(target)),
                marketing_owner_id: Some(owners.0),
                it_owner_id: Some(owners.1),
                accountable_id: Some(owners.2),
                sponsor_id: Some(sponsor),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                ..NewInitiative::titled(title)
            }
        };
    use InitiativeStatus as S;
    use Priority as P;
    use TaskStatus::{Done, InProgress, Todo};

    // Live: the social media program runs week after week.
    let social = w.apply(Op::CreateInitiative(initiative(
        "Social media program",
        "A blog post a week, three to five social posts a week, and replies to mentions within one business day.",
        S::Live,
        P::Medium,
        -120,
        -30,
        (marcus, ravi, dana),
        cmo,
        &["social", "content"],
    )))?;
    w.task(social, MARKETING, "Editorial calendar: one blog post a week", marcus, Done, -120, -100)?;
    w.task(social, MARKETING, "Three to five social posts a week", marcus, Done, -100, -40)?;
    w.task(social, MARKETING, "Reply to mentions within one business day", elena, Done, -90, -40)?;
    w.task(social, IT, "Social media management tool with single sign-on", ravi, Done, -110, -80)?;
    let social_launch = w.milestone(social, MARKETING, "Program launch", marcus, Done, -30)?;
    w.go_live(social_launch)?;
    w.gate(social, "brand", Some(dana), Some((GateState::Passed, None)))?;
    w.kpi(
        social,
        "Website visits from social media",
        "per week",
        Direction::Higher,
        (-120, 800.0),
        (60, 2000.0),
        &[(-90, 950.0), (-60, 1200.0), (-30, 1350.0), (-7, 1420.0)],
    )?;
    // Its 90-day review has come, and no reading since: the board says its results are due.
    w.apply(Op::UpdateInitiative { id: social, changes: vec![InitiativeChange::ReviewOn(Some(today - Duration::days(2)))] })?;

    // In progress: the website, with its accessibility audit done and the launch ahead.
    let website = w.apply(Op::CreateInitiative(initiative(
        "Website redesign with accessibility (WCAG 2.1 AA)",
        "New service-line pages in plain language, a CMS template refresh, and WCAG 2.1 AA conformance before launch.",
        S::InProgress,
        P::High,
        -60,
        45,
        (elena, ravi, dana),
        cmo,
        &["website", "accessibility"],
    )))?;
    w.task(website, IT, "Accessibility audit against WCAG 2.1 AA", ravi, Done, -60, -35)?;
    w.task(website, IT, "Migrate CMS templates", ravi, InProgress, -30, 20)?;
    let fixes = w.task(website, IT, "Fix contrast, focus and keyboard issues", ravi, Todo, 5, 35)?;
    w.task(website, MARKETING, "Rewrite service-line pages in plain language", elena, InProgress, -20, 25)?;
    let launch = w.milestone(website, MARKETING, "Launch the new website", dana, Todo, 45)?;
    w.depends(launch, fixes, 0)?;
    w.go_live(launch)?;
    w.gate(website, "accessibility", Some(ravi), Some((GateState::InReview, None)))?;
    w.gate(website, "privacy", Some(linda), Some((GateState::InReview, None)))?;
    w.gate(website, "brand", Some(dana), Some((GateState::Passed, None)))?;
    w.role(website, cmo, RaciRole::Informed)?;

    // In progress: self-scheduling, the CIO's priority.
    let scheduling = w.apply(Op::CreateInitiative(initiative(
        "Patient online self-scheduling",
        "Patients book primary-care and imaging appointments online from the website and the portal.",
        S::InProgress,
        P::Critical,
        -45,
        30,
        (priya, tom, tom),
        cio,
        &["scheduling", "patient access"],
    )))?;
    let epic = w.task(scheduling, IT, "Configure open scheduling in the EHR", grace, InProgress, -40, 10)?;
    let widget = w.task(scheduling, IT, "Embed the scheduling widget on the website", ravi, Todo, 12, 25)?;
    w.task(scheduling, IT, "Security and HIPAA review of the booking flow", aisha, Todo, 15, 25)?;
    w.task(scheduling, MARKETING, "Patient-facing instructions and FAQ", elena, InProgress, -10, 20)?;
    w.task(scheduling, MARKETING, "Announcement emails and social posts", priya, Todo, 26, 35)?;
    let go_live = w.milestone(scheduling, IT, "Go-live: online scheduling", tom, Todo, 30)?;
    w.depends(widget, epic, 1)?;
    w.depends(go_live, widget, 0)?;
    w.go_live(go_live)?;
    w.gate(scheduling, "privacy", Some(linda), Some((GateState::InReview, None)))?;
    w.gate(scheduling, "security", Some(cio), Some((GateState::Passed, None)))?;
    w.gate(scheduling, "accessibility", Some(ravi), None)?;
    w.role(scheduling, linda, RaciRole::Consulted)?;
    w.role(scheduling, grace, RaciRole::Responsible)?;
    w.role(scheduling, cmo, RaciRole::Informed)?;
    w.kpi(
        scheduling,
        "Share of appointments booked online",
        "%",
        Direction::Higher,
        (-45, 4.0),
        (120, 15.0),
        &[(-30, 4.5), (-15, 6.2), (-2, 7.9)],
    )?;
    w.kpi(scheduling, "No-show rate", "%", Direction::Lower, (-45, 18.0), (120, 12.0), &[(-30, 17.6), (-15, 17.9), (-2, 17.7)])?;

    // Planned, and blocked: reminder texts link patients to the scheduling page.
    let sms = w.apply(Op::CreateInitiative(initiative(
        "Care-plan reminder texts (SMS)",
        "Text reminders for follow-up visits and care-plan steps, with opt-in consent and a link to reschedule online.",
        S::Planned,
        P::High,
        35,
        100,
        (dana, aisha, dana),
        cio,
        &["sms", "care plans"],
    )))?;
    w.depends(sms, scheduling, 0)?;
    let vendor = w.task(sms, IT, "Select a TCPA-compliant SMS vendor", aisha, Todo, 35, 50)?;
    let feed = w.task(sms, IT, "Build the HL7 feed from care plans to the SMS platform", aisha, Todo, 50, 85)?;
    let templates = w.task(sms, MARKETING, "Write reminder message templates", marcus, Todo, 40, 55)?;
    let privacy = w.task(sms, compliance, "Privacy review of templates and opt-in wording", linda, Todo, 56, 65)?;
    let launch_sms = w.milestone(sms, IT, "Launch reminder texts", tom, Todo, 100)?;
    w.depends(feed, vendor, 0)?;
    w.depends(privacy, templates, 0)?;
    w.depends(launch_sms, privacy, 0)?;
    w.depends(launch_sms, feed, 0)?;
    w.go_live(launch_sms)?;
    w.gate(sms, "texting", Some(linda), None)?;
    w.gate(sms, "privacy", Some(linda), None)?;
    w.gate(sms, "security", Some(cio), None)?;
    w.role(sms, linda, RaciRole::Consulted)?;
    w.role(sms, cio, RaciRole::Informed)?;
    w.kpi(sms, "Reminder-text opt-out rate", "%", Direction::Lower, (35, 5.0), (200, 2.0), &[])?;

    // Planned: attribution; its website tagging is scheduled before the website launches.
    let attribution = w.apply(Op::CreateInitiative(initiative(
        "Marketing attribution tracking",
        "Know which campaigns bring patients: website analytics, tagged links, marketing automation and call tracking.",
        S::Planned,
        P::Medium,
        20,
        120,
        (priya, tom, priya),
        cmo,
        &["analytics", "website"],
    )))?;
    w.task(attribution, MARKETING, "Define conversion goals with service lines", priya, Todo, 20, 35)?;
    w.task(attribution, MARKETING, "UTM standard for every campaign link", priya, Todo, 25, 40)?;
    let tagging = w.task(attribution, IT, "Tag manager and consent banner on the new website", ravi, Todo, 30, 50)?;
    w.task(attribution, IT, "Connect marketing automation to the CRM", aisha, Todo, 45, 90)?;
    w.task(attribution, IT, "Call-tracking numbers for service lines", tom, Todo, 60, 90)?;
    let dashboard = w.milestone(attribution, MARKETING, "Attribution dashboard for the CMO", priya, Todo, 120)?;
    w.go_live(dashboard)?;
    w.gate(attribution, "privacy", Some(linda), None)?;
    w.gate(attribution, "security", Some(cio), None)?;
    w.kpi(attribution, "Website conversion rate", "%", Direction::Higher, (20, 1.2), (200, 2.0), &[])?;
    // Starts on day 30 while the launch is on day 45: a schedule conflict the board shows.
    w.depends(tagging, launch, 0)?;

    // Proposed: the portal campaign still needs an IT owner.
    let portal = w.apply(Op::CreateInitiative(NewInitiative {
        it_owner_id: None,
        accountable_id: None,
        status: S::Proposed,
        ..initiative(
            "Patient portal adoption campaign",
            "Raise portal sign-ups from 38% to 60% of active patients: clinic flyers, discharge emails, self-enrollment.",
            S::Proposed,
            P::Medium,
            60,
            150,
            (priya, grace, priya),
            cmo,
            &["portal", "campaign"],
        )
    }))?;
    w.task(portal, MARKETING, "Portal sign-up flyers for every clinic", marcus, Todo, 60, 80)?;
    w.task(portal, MARKETING, "Email campaign to recently discharged patients", priya, Todo, 80, 110)?;
    let enroll = w.task(portal, IT, "Enable portal self-enrollment", grace, Todo, 60, 100)?;
    w.apply(Op::UpdateTask {
        id: enroll,
        changes: vec![TaskChange::BlockReason(Some("Waiting for the EHR vendor's spring upgrade".into()))],
    })?;
    w.depends(portal, go_live, 0)?;
    Ok(())
}

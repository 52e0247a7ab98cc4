//! Schedule analysis against plans worked out by hand: earliest and latest dates, slack and the
//! critical path of a small plan; violated dependencies with lag; slip impact with slack
//! absorbing part of a slip; unscheduled items, milestones, containment, loops.
//!
//! Conventions under test (see `schedule::cpm`): end dates are inclusive (a one-day item lasts
//! 1); a successor may start on its predecessor's finish + lag; a planned start is a "start no
//! earlier than"; a task's finish holds up its initiative's finish.

use bridgeboard_core::schedule::{self, ScheduleAnalysis, ScheduledItem};
use bridgeboard_core::*;
use chrono::{NaiveDate, TimeZone, Utc};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn opt(s: Option<&str>) -> Option<NaiveDate> {
    s.map(day)
}

/// A board built in memory, no SQLite: analysis is a pure function of the snapshot.
struct Plan {
    snapshot: Snapshot,
    next: u128,
}

impl Plan {
    fn new() -> Plan {
        let info = BoardInfo { id: Id::from_u128(0xb0a7d), name: "Plan".into(), sample: false };
        let snapshot = Snapshot {
            info,
            departments: Vec::new(),
            people: Vec::new(),
            initiatives: Vec::new(),
            tasks: Vec::new(),
            dependencies: Vec::new(),
            ..Snapshot::default()
        };
        Plan { snapshot, next: 1 }
    }

    fn id(&mut self) -> Id {
        self.next += 1;
        Id::from_u128(self.next)
    }

    fn initiative(&mut self, title: &str, start: Option<&str>, target: Option<&str>) -> Id {
        let id = self.id();
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        self.snapshot.initiatives.push(Initiative {
            id,
            title: title.into(),
            summary: String::new(),
            status: InitiativeStatus::Planned,
            priority: Priority::Medium,
            start: opt(start),
            target: opt(target),
            marketing_owner_id: None,
            it_owner_id: None,
            sponsor_id: None,
            tags: Vec::new(),
            block_reason: None,
            created_at: at,
            updated_at: at,
            accountable_id: None,
            went_live_on: None,
            review_on: None,
        });
        id
    }

    fn task_of_kind(&mut self, initiative: Id, title: &str, start: Option<&str>, due: Option<&str>, kind: TaskKind) -> Id {
        let id = self.id();
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        self.snapshot.tasks.push(Task {
            id,
            initiative_id: initiative,
            title: title.into(),
            notes: String::new(),
            department_id: IT,
            assignee_id: None,
            status: TaskStatus::Todo,
            start: opt(start),
            due: opt(due),
            kind,
            position: self.next as f64,
            block_reason: None,
            created_at: at,
            updated_at: at,
            accountable_id: None,
            go_live: false,
            cadence: None,
        });
        id
    }

    fn task(&mut self, initiative: Id, title: &str, start: &str, due: &str) -> Id {
        self.task_of_kind(initiative, title, Some(start), Some(due), TaskKind::Task)
    }

    fn milestone(&mut self, initiative: Id, title: &str, due: &str) -> Id {
        self.task_of_kind(initiative, title, None, Some(due), TaskKind::Milestone)
    }

    fn depends(&mut self, successor: Id, predecessor: Id, lag_days: i32) -> Id {
        let id = self.id();
        let kind_of = |plan: &Plan, item: Id| {
            if plan.snapshot.initiatives.iter().any(|i| i.id == item) {
                ItemKind::Initiative
            } else {
                ItemKind::Task
            }
        };
        let (from_kind, to_kind) = (kind_of(self, predecessor), kind_of(self, successor));
        self.snapshot.dependencies.push(Dependency {
            id,
            from_id: predecessor,
            from_kind,
            to_id: successor,
            to_kind,
            kind: DependencyKind::FinishToStart,
            lag_days,
        });
        id
    }

    fn analyze(&self) -> ScheduleAnalysis {
        schedule::analyze(&self.snapshot)
    }
}

fn item(analysis: &ScheduleAnalysis, id: Id) -> &ScheduledItem {
    analysis.items.iter().find(|i| i.id == id).expect("the item is scheduled")
}

/// (earliest start, earliest finish, latest start, latest finish, slack)
fn figures(analysis: &ScheduleAnalysis, id: Id) -> (NaiveDate, NaiveDate, NaiveDate, NaiveDate, i32) {
    let i = item(analysis, id);
    (i.earliest_start, i.earliest_finish, i.latest_start, i.latest_finish, i.slack_days)
}

struct Portal {
    plan: Plan,
    portal: Id,
    requirements: Id,
    build: Id,
    copy: Id,
    go_live: Id,
    texts: Id,
    send: Id,
}

/// Patient portal (Mar 2–16): Requirements (Mar 2–4) → Build (Mar 4–13, lag 0: it may start the
/// day Requirements finish) → Go-live (milestone Mar 16, lag 1); Requirements → Web copy
/// (Mar 6–10, lag 1) → Go-live (lag 0). Then the initiative Reminder texts (Mar 16–27) waits
/// for the portal; its one task Send texts runs Mar 23–25.
fn portal() -> Portal {
    let mut plan = Plan::new();
    let portal = plan.initiative("Patient portal", Some("2026-03-02"), Some("2026-03-16"));
    let requirements = plan.task(portal, "Requirements", "2026-03-02", "2026-03-04");
    let build = plan.task(portal, "Build", "2026-03-04", "2026-03-13");
    let copy = plan.task(portal, "Web copy", "2026-03-06", "2026-03-10");
    let go_live = plan.milestone(portal, "Go-live", "2026-03-16");
    let texts = plan.initiative("Reminder texts", Some("2026-03-16"), Some("2026-03-27"));
    let send = plan.task(texts, "Send texts", "2026-03-23", "2026-03-25");
    plan.depends(build, requirements, 0);
    plan.depends(copy, requirements, 1);
    plan.depends(go_live, build, 1);
    plan.depends(go_live, copy, 0);
    plan.depends(texts, portal, 0);
    Portal { plan, portal, requirements, build, copy, go_live, texts, send }
}

#[test]
fn a_small_plan_has_the_hand_computed_dates_slack_and_critical_path() {
    let p = portal();
    let a = p.plan.analyze();
    let d = day;
    // Forward pass: nothing is pushed, the plan already respects every dependency.
    // Backward pass from the project finish, Mar 27 (Reminder texts):
    //   Reminder texts: LF Mar 27, LS Mar 16 (12 days)                      → slack 0
    //   Send texts:     LF = its initiative's LF, Mar 27; LS Mar 25           → slack 2
    //   Patient portal: LF = LS(Reminder texts) − 0 = Mar 16; LS Mar 2        → slack 0
    //   Go-live:        LF = LF(Patient portal) = Mar 16                      → slack 0
    //   Build:          LF = min(LS(Go-live) − 1, Mar 16) = Mar 15; LS Mar 6  → slack 2
    //   Web copy:       LF = min(LS(Go-live) − 0, Mar 16) = Mar 16; LS Mar 12 → slack 6
    //   Requirements:   LF = min(LS(Build), LS(Web copy) − 1, Mar 16) = Mar 6 → slack 2
    assert_eq!(a.project_finish, Some(d("2026-03-27")), "the project finishes with Reminder texts");
    let expected = [
        (p.texts, "2026-03-16", "2026-03-27", "2026-03-16", "2026-03-27", 0),
        (p.send, "2026-03-23", "2026-03-25", "2026-03-25", "2026-03-27", 2),
        (p.portal, "2026-03-02", "2026-03-16", "2026-03-02", "2026-03-16", 0),
        (p.go_live, "2026-03-16", "2026-03-16", "2026-03-16", "2026-03-16", 0),
        (p.build, "2026-03-04", "2026-03-13", "2026-03-06", "2026-03-15", 2),
        (p.copy, "2026-03-06", "2026-03-10", "2026-03-12", "2026-03-16", 6),
        (p.requirements, "2026-03-02", "2026-03-04", "2026-03-04", "2026-03-06", 2),
    ];
    for (id, es, ef, ls, lf, slack) in expected {
        assert_eq!(figures(&a, id), (d(es), d(ef), d(ls), d(lf), slack), "hand-computed figures of “{}”", item(&a, id).title);
        assert_eq!(item(&a, id).critical, slack == 0, "“{}” is critical exactly when it has no slack", item(&a, id).title);
    }
    assert_eq!(
        a.critical_paths,
        vec![vec![p.go_live, p.portal, p.texts]],
        "Go-live finishes the portal on its last day, and Reminder texts start that day"
    );
    assert_eq!(item(&a, p.build).duration_days, 10, "Mar 4–13 counts both ends: 10 days");
    assert!(a.violations.is_empty() && a.unscheduled.is_empty() && a.cycle.is_empty(), "a clean plan: {a:?}");
}

#[test]
fn slack_absorbs_part_of_a_slip() {
    let p = portal();
    // Build has 2 days of slack before Go-live (Build + 1 day lag ≤ Mar 16). Three days late, it
    // finishes Mar 16, so Go-live moves to Mar 17: one day. Go-live is the portal's last task,
    // so the portal finishes a day later, and so do the Reminder texts waiting for it. Send
    // texts only holds up its initiative; nothing pushes it.
    let impact = schedule::slip(&p.plan.snapshot, p.build, 3).unwrap();
    let moved: Vec<(&str, i32, NaiveDate)> = impact.moved.iter().map(|m| (m.title.as_str(), m.days, m.new_finish)).collect();
    assert_eq!(
        moved,
        vec![
            ("Build", 3, day("2026-03-16")),
            ("Go-live", 1, day("2026-03-17")),
            ("Patient portal", 1, day("2026-03-17")),
            ("Reminder texts", 1, day("2026-03-28")),
        ],
        "two of the three days are absorbed by Build's slack; the rest reaches the end, most days first then by title"
    );
    assert_eq!((impact.item_id, impact.days), (p.build, 3));
    assert_eq!(impact.moved[1].kind, ItemKind::Task);
    assert_eq!(impact.moved[2].kind, ItemKind::Initiative, "a task pushing its initiative's finish moves the initiative");

    let within_slack = schedule::slip(&p.plan.snapshot, p.build, 2).unwrap();
    assert_eq!(
        within_slack.moved.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![p.build],
        "a slip no longer than the slack moves only the item itself"
    );
    let on_the_path = schedule::slip(&p.plan.snapshot, p.go_live, 4).unwrap();
    assert!(
        on_the_path.moved.iter().all(|m| m.days == 4) && on_the_path.moved.len() == 3,
        "a critical item passes its whole slip to the end: {on_the_path:?}"
    );
    assert!(schedule::slip(&p.plan.snapshot, p.build, 0).unwrap().moved.is_empty(), "no slip, nothing moves");
}

#[test]
fn violated_dependencies_count_the_lag_and_the_days_of_overlap() {
    let mut plan = Plan::new();
    let campaign = plan.initiative("Flu campaign", None, None);
    let design = plan.task(campaign, "Poster design", "2026-03-02", "2026-03-10");
    let print = plan.task(campaign, "Printing", "2026-03-12", "2026-03-14");
    let hang = plan.task(campaign, "Hang posters", "2026-03-14", "2026-03-16");
    let email = plan.task(campaign, "Staff email", "2026-03-09", "2026-03-09");
    let late_lag = plan.depends(print, design, 3);
    plan.depends(hang, print, 0);
    let early = plan.depends(email, design, -2);
    let overlapping = plan.depends(email, print, 0);
    let a = plan.analyze();

    let found: Vec<(Id, i32, NaiveDate)> = a.violations.iter().map(|v| (v.dependency_id, v.overlap_days, v.earliest_start)).collect();
    assert_eq!(
        found,
        vec![(overlapping, 5, day("2026-03-14")), (late_lag, 1, day("2026-03-13"))],
        "Printing needs 3 days after Mar 10 (Mar 13, not Mar 12); Staff email on Mar 9 is 5 days before Printing ends. \
         Hang posters on Printing's last day is allowed (start on finish + lag), and a lag of −2 lets Staff email start Mar 8"
    );
    assert!(!found.iter().any(|(id, ..)| *id == early), "a negative lag is a lead, and Mar 9 ≥ Mar 10 − 2");
    let v = &a.violations[1];
    assert_eq!(
        (v.predecessor_id, v.successor_id, v.lag_days, v.predecessor_finish, v.start),
        (design, print, 3, day("2026-03-10"), day("2026-03-12"))
    );
    assert_eq!(
        v.message, "“Printing” starts 2026-03-12, before “Poster design” finishes plus 3 days (2026-03-13 at the earliest).",
        "the same sentence the detail panel shows"
    );
    // The forward pass resolves the violation by pushing: Printing starts Mar 13, and Hang
    // posters, which starts on Printing's planned last day, follows it by a day.
    assert_eq!((item(&a, print).earliest_start, item(&a, print).earliest_finish), (day("2026-03-13"), day("2026-03-15")));
    assert_eq!(item(&a, hang).earliest_start, day("2026-03-15"), "pushed Printing pushes Hang posters");
}

#[test]
fn undated_items_are_unscheduled_never_given_a_date() {
    let mut plan = Plan::new();
    let portal = plan.initiative("Patient portal", Some("2026-03-02"), Some("2026-03-20"));
    let someday = plan.initiative("Someday", None, None);
    let idea = plan.task_of_kind(someday, "An idea", None, None, TaskKind::Task);
    let undated = plan.task_of_kind(portal, "Undated review", None, None, TaskKind::Task);
    let build = plan.task(portal, "Build", "2026-03-02", "2026-03-10");
    let launch = plan.task(portal, "Launch", "2026-03-05", "2026-03-06");
    plan.depends(undated, build, 0);
    plan.depends(launch, undated, 0);
    let a = plan.analyze();
    assert_eq!(a.unscheduled, vec![someday, idea, undated], "undated initiatives, then tasks, in board order");
    assert!(a.items.iter().all(|i| !a.unscheduled.contains(&i.id)), "an unscheduled item gets no dates at all");
    assert!(
        a.violations.is_empty() && item(&a, launch).earliest_start == day("2026-03-05"),
        "a dependency through an undated item carries nothing: it would need a made-up date"
    );
    let err = schedule::slip(&plan.snapshot, undated, 2).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound, "an undated item cannot slip: {err}");
    assert!(err.to_string().contains("has no dates"), "{err}");
    assert_eq!(schedule::slip(&plan.snapshot, Id::from_u128(999_999), 1).unwrap_err().code(), ErrorCode::NotFound, "an unknown id");
    assert_eq!(schedule::slip(&plan.snapshot, build, -1).unwrap_err().code(), ErrorCode::Validation, "a slip is later, not earlier");
}

#[test]
fn milestones_and_one_dated_tasks_are_single_days() {
    let mut plan = Plan::new();
    let portal = plan.initiative("Patient portal", Some("2026-03-02"), Some("2026-03-31"));
    let go_live = plan.task_of_kind(portal, "Go-live", Some("2026-03-01"), Some("2026-03-20"), TaskKind::Milestone);
    let due_only = plan.task_of_kind(portal, "Sign-off", None, Some("2026-03-12"), TaskKind::Task);
    let start_only = plan.task_of_kind(portal, "Kick-off", Some("2026-03-03"), None, TaskKind::Task);
    let a = plan.analyze();
    for (id, on) in [(go_live, "2026-03-20"), (due_only, "2026-03-12"), (start_only, "2026-03-03")] {
        let i = item(&a, id);
        assert_eq!((i.start, i.finish, i.duration_days), (day(on), day(on), 1), "“{}” is one day on {on}", i.title);
    }
    assert!(item(&a, go_live).milestone, "a milestone is marked for the diamond");
    assert_eq!(item(&a, portal).start, day("2026-03-02"), "a milestone's stray start date does not widen its initiative");
}

#[test]
fn a_task_widens_and_pushes_its_initiative() {
    let mut plan = Plan::new();
    let vendor = plan.initiative("Vendor contract", Some("2026-03-01"), Some("2026-03-20"));
    let portal = plan.initiative("Patient portal", Some("2026-03-02"), Some("2026-03-10"));
    let late = plan.task(portal, "Accessibility audit", "2026-02-25", "2026-03-15");
    let undated_parent = plan.initiative("Board papers", None, None);
    let paper = plan.task(undated_parent, "Write paper", "2026-04-01", "2026-04-03");
    plan.depends(late, vendor, 0);
    let a = plan.analyze();
    let p = item(&a, portal);
    assert_eq!((p.start, p.finish), (day("2026-02-25"), day("2026-03-15")), "an initiative's span covers its tasks");
    assert_eq!(
        (item(&a, undated_parent).start, item(&a, undated_parent).finish),
        (day("2026-04-01"), day("2026-04-03")),
        "an initiative with no dates of its own takes its tasks' span"
    );
    // The audit may not start before the vendor contract ends (Mar 20): 19 days from Mar 20 is
    // Apr 7, and the portal, which cannot finish before its audit, finishes then too.
    assert_eq!(item(&a, late).earliest_finish, day("2026-04-07"));
    assert_eq!(p.earliest_start, day("2026-02-25"), "the initiative keeps its own start, as a summary bar does");
    assert_eq!(p.earliest_finish, day("2026-04-07"), "a pushed task pushes its initiative's finish");
    assert_eq!(a.project_finish, Some(day("2026-04-07")));
    assert_eq!(item(&a, paper).slack_days, 4, "the paper, done Apr 3, has four days before the pushed portal ends");
    assert_eq!(a.critical_paths, vec![vec![vendor, late, portal]], "the contract drives the audit, which drives the portal");
}

#[test]
fn cancelled_work_pushes_nothing() {
    let mut plan = Plan::new();
    let portal = plan.initiative("Patient portal", Some("2026-03-02"), Some("2026-03-10"));
    let dropped = plan.task(portal, "Dropped survey", "2026-03-02", "2026-03-20");
    let launch = plan.task(portal, "Launch", "2026-03-05", "2026-03-06");
    plan.depends(launch, dropped, 0);
    plan.snapshot.tasks.iter_mut().find(|t| t.id == dropped).unwrap().status = TaskStatus::Cancelled;
    let a = plan.analyze();
    assert!(a.items.iter().all(|i| i.id != dropped), "a cancelled task is not on the schedule");
    assert!(a.violations.is_empty(), "a cancelled predecessor no longer blocks, so it is no violation");
    assert_eq!(item(&a, portal).finish, day("2026-03-10"), "nor does it widen its initiative");
    assert_eq!(schedule::slip(&plan.snapshot, dropped, 1).unwrap_err().code(), ErrorCode::NotFound);
}

#[test]
fn a_loop_in_a_hand_edited_file_is_reported_and_skipped() {
    let mut plan = Plan::new();
    let portal = plan.initiative("Patient portal", Some("2026-03-02"), Some("2026-03-31"));
    let a1 = plan.task(portal, "Design", "2026-03-02", "2026-03-04");
    let b1 = plan.task(portal, "Review", "2026-03-05", "2026-03-06");
    let after = plan.task(portal, "Publish", "2026-03-10", "2026-03-10");
    let myself = plan.task(portal, "Waits for itself", "2026-03-10", "2026-03-11");
    plan.depends(b1, a1, 0);
    plan.depends(a1, b1, 0);
    plan.depends(after, b1, 0);
    plan.depends(myself, myself, 0);
    let a = plan.analyze();
    assert_eq!(a.cycle, vec![a1, b1, myself], "the members of each loop, in board order");
    assert!(a.items.iter().all(|i| !a.cycle.contains(&i.id)), "loop members are skipped, not guessed at");
    assert_eq!(item(&a, after).earliest_start, day("2026-03-10"), "what lies downstream of a loop is still analysed");
    assert_eq!(item(&a, portal).slack_days, 0);
    let err = schedule::slip(&plan.snapshot, a1, 1).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cycle, "a slip inside a loop has no answer: {err}");
}

#[test]
fn a_chain_of_fifty_thousand_does_not_overflow_the_stack() {
    let mut plan = Plan::new();
    let big = plan.initiative("Long programme", None, None);
    let mut previous = None;
    let mut first = None;
    for _ in 0..50_000 {
        let t = plan.task(big, "Step", "2026-01-01", "2026-01-01");
        if let Some(p) = previous {
            plan.depends(t, p, 1);
        }
        first.get_or_insert(t);
        previous = Some(t);
    }
    let a = plan.analyze();
    let last = previous.unwrap();
    assert_eq!(item(&a, last).earliest_finish, day("2026-01-01") + chrono::Duration::days(49_999), "each step a day after the last");
    assert_eq!(a.critical_paths[0].len(), 50_001, "the whole chain, then its initiative, is critical");
    assert_eq!(schedule::slip(&plan.snapshot, first.unwrap(), 1).unwrap().moved.len(), 50_001, "a slip at the head moves everything");
}

#[test]
fn the_analysis_reads_a_real_board_snapshot() {
    let mut store = Store::open_in_memory().unwrap();
    let me = Actor { id: None, name: "Test".into() };
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let portal = store.apply(&me, now, Op::CreateInitiative(NewInitiative::titled("Patient portal"))).unwrap();
    let task = |title: &str, start: &str, due: &str| {
        Op::CreateTask(NewTask { start: Some(day(start)), due: Some(day(due)), ..NewTask::titled(portal, IT, title) })
    };
    let ids =
        store.apply_all(&me, now, vec![task("Build", "2026-03-02", "2026-03-10"), task("Launch", "2026-03-08", "2026-03-09")]).unwrap();
    store
        .apply(
            &me,
            now,
            Op::AddDependency(NewDependency { from_id: ids[0], to_id: ids[1], kind: DependencyKind::FinishToStart, lag_days: 0 }),
        )
        .unwrap();
    let a = schedule::analyze(&store.snapshot().unwrap());
    assert_eq!(a.violations.len(), 1, "Launch starts before Build finishes, as the detail panel also flags");
    assert_eq!(a.violations[0].overlap_days, 2);
    assert_eq!(a.critical_paths, vec![vec![ids[0], ids[1], portal]], "Build drives Launch, which finishes the portal");
}

//! Governance through the real binary: RACI roles, gates decided as `--as`, the gate catalogue,
//! and the refusals the app gives, with its exit codes.

mod common;

use common::{fails, listing, ok, Scratch};
use serde_json::Value;

const SCHEDULING: &str = "Patient online self-scheduling";

fn initiative<'a>(list: &'a Value, title: &str) -> &'a Value {
    list["initiatives"].as_array().unwrap().iter().find(|i| i["title"] == title).expect("the initiative is listed")
}

#[test]
fn going_live_waits_for_the_gates_and_only_the_approver_passes_one() {
    let s = Scratch::new("gates");
    let db = s.demo();
    let err = fails(&db, &["status", SCHEDULING, "live"], 1);
    assert!(err.contains("Privacy / HIPAA tracking-technology review (in review, approver Linda Okafor)"), "{err}");
    assert!(err.contains("Accessibility (WCAG 2.1 AA) (not started, approver Ravi Patel)"), "every open gate: {err}");

    let err = fails(&db, &["gate", SCHEDULING, "privacy", "--state", "passed", "--as", "Tom Becker"], 1);
    assert!(err.contains("Only Linda Okafor, the gate's approver,"), "{err}");
    ok(
        &db,
        &["gate", SCHEDULING, "privacy", "--state", "passed", "--evidence", "https://intranet.example/privacy/114", "--as", "Linda Okafor"],
    );
    let err = fails(&db, &["gate", SCHEDULING, "accessibility", "--state", "waived", "--as", "Tom Becker"], 1);
    assert!(err.contains("Say why"), "waiving needs a reason: {err}");
    ok(
        &db,
        &["gate", SCHEDULING, "accessibility", "--state", "waived", "--reason", "The vendor widget is certified", "--as", "Tom Becker"],
    );
    ok(&db, &["status", "Configure open scheduling in the EHR", "done"]);
    ok(&db, &["status", "Embed the scheduling widget on the website", "done"]);
    ok(&db, &["status", SCHEDULING, "live"]);

    let gates: Value = serde_json::from_str(&ok(&db, &["gates", SCHEDULING, "--json"])).unwrap();
    let privacy = gates.as_array().unwrap().iter().find(|g| g["key"] == "privacy").unwrap();
    assert_eq!(privacy["state"], "passed");
    assert_eq!(privacy["decided_by"], "Linda Okafor", "who decided is recorded");
    assert_eq!(privacy["evidence"], "https://intranet.example/privacy/114");
    let shown = ok(&db, &["gates", SCHEDULING]);
    assert!(shown.contains("accessibility  waived") && shown.contains("The vendor widget is certified"), "{shown}");
}

#[test]
fn a_failed_gate_blocks_and_list_json_carries_raci_and_gates() {
    let s = Scratch::new("failed");
    let db = s.demo();
    ok(
        &db,
        &[
            "gate",
            SCHEDULING,
            "privacy",
            "--state",
            "failed",
            "--reason",
            "The chat widget sends page URLs to its vendor",
            "--as",
            "Linda Okafor",
        ],
    );
    let list = listing(&db);
    let scheduling = initiative(&list, SCHEDULING);
    assert_eq!(scheduling["blocked"], true, "a failed gate blocks");
    assert!(scheduling["blocked_by"].as_array().unwrap().is_empty(), "blocked_by keeps listing only open predecessors");
    assert_eq!(scheduling["raci"]["accountable"]["name"], "Tom Becker");
    let responsible: Vec<&str> =
        scheduling["raci"]["responsible"].as_array().unwrap().iter().map(|r| r["person"]["name"].as_str().unwrap()).collect();
    assert_eq!(responsible, ["Priya Raman", "Tom Becker", "Grace Kim"], "both owners by default, then the roles given");
    assert_eq!(scheduling["raci"]["responsible"][0]["by_default"], true);
    assert_eq!(scheduling["raci"]["responsible"][2]["by_default"], false);
    let table = ok(&db, &["list"]);
    assert!(table.contains("BLOCKED (reason: privacy gate failed)"), "the table says why: {table}");
}

#[test]
fn roles_are_given_replaced_and_taken_back() {
    let s = Scratch::new("roles");
    let db = s.demo();
    let out = common::cli(&db).args(["set-role", SCHEDULING, "--role", "accountable", "--person", "James O'Connor"]).assert().success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("James O'Connor is now Accountable for “Patient online self-scheduling”, replacing Tom Becker."), "{stderr}");
    ok(&db, &["set-role", SCHEDULING, "--role", "consulted", "--person", "Linda Okafor"]);
    ok(&db, &["set-role", "Embed the scheduling widget on the website", "--role", "informed", "--person", "Elena Soto"]);
    let list = listing(&db);
    let scheduling = initiative(&list, SCHEDULING);
    assert_eq!(scheduling["raci"]["consulted"][0]["person"]["name"], "Linda Okafor");
    let widget =
        scheduling["tasks"].as_array().unwrap().iter().find(|t| t["title"] == "Embed the scheduling widget on the website").unwrap();
    assert_eq!(widget["raci"]["informed"][0]["person"]["name"], "Elena Soto", "tasks have roles too");
    let err = fails(&db, &["remove-role", SCHEDULING, "--role", "accountable", "--person", "James O'Connor"], 1);
    assert!(err.contains("must keep an Accountable"), "{err}");
    let err = fails(&db, &["delete", "Linda Okafor"], 1);
    assert!(err.contains("consulted for “Patient online self-scheduling”"), "deleting names the roles held: {err}");
    ok(&db, &["remove-role", SCHEDULING, "--role", "consulted", "--person", "Linda Okafor"]);
    let err = fails(&db, &["set-role", SCHEDULING, "--role", "boss", "--person", "Linda Okafor"], 1);
    assert!(err.contains("responsible, accountable, consulted, informed"), "{err}");
}

#[test]
fn the_gate_catalogue_is_edited_from_the_command_line() {
    let s = Scratch::new("gate-types");
    let db = s.demo();
    let types: Value = serde_json::from_str(&ok(&db, &["gate-types", "--json"])).unwrap();
    let keys: Vec<&str> = types.as_array().unwrap().iter().map(|t| t["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["privacy", "security", "accessibility", "texting", "legal", "brand"]);
    ok(&db, &["add-gate-type", "pharmacy", "--name", "Pharmacy review", "--usual-approver", "Pharmacy director"]);
    ok(&db, &["edit-gate-type", "pharmacy", "--name", "Pharmacy & therapeutics review"]);
    ok(&db, &["add-gate", "Care-plan reminder texts (SMS)", "pharmacy", "--approver", "Linda Okafor"]);
    let err = fails(&db, &["remove-gate-type", "pharmacy"], 1);
    assert!(err.contains("“Care-plan reminder texts (SMS)”"), "{err}");
    let err = fails(&db, &["add-gate", "Care-plan reminder texts (SMS)", "pharmacy", "--approver", "Linda Okafor"], 1);
    assert!(err.contains("already has"), "{err}");
    ok(&db, &["remove-gate", "Care-plan reminder texts (SMS)", "pharmacy"]);
    ok(&db, &["remove-gate-type", "pharmacy"]);
    let err = fails(&db, &["add-gate", SCHEDULING, "pharmacy", "--approver", "Linda Okafor"], 1);
    assert!(err.contains("no gate type “pharmacy”"), "{err}");
}

#[test]
fn a_go_live_milestone_is_marked_from_the_command_line() {
    let s = Scratch::new("go-live");
    let db = s.demo();
    ok(&db, &["add-task", "Marketing attribution tracking", "Tracking goes live", "--department", "IT", "--milestone", "--go-live"]);
    let list = listing(&db);
    let tasks = initiative(&list, "Marketing attribution tracking")["tasks"].as_array().unwrap().clone();
    let go_lives: Vec<&str> = tasks.iter().filter(|t| t["go_live"] == true).map(|t| t["title"].as_str().unwrap()).collect();
    assert_eq!(go_lives, ["Tracking goes live"], "an initiative has one go-live milestone: the flag moved");
    let err = fails(&db, &["status", "Tracking goes live", "done"], 1);
    assert!(err.contains("go-live milestone “Tracking goes live”"), "{err}");
    ok(&db, &["edit-task", "Tracking goes live", "--go-live", "false"]);
    ok(&db, &["status", "Tracking goes live", "done"]);
}

#[test]
fn the_raci_matrix_exports_for_everyone_or_one_department() {
    let s = Scratch::new("raci-export");
    let db = s.demo();
    let out = s.path("raci.csv");
    ok(&db, &["export", "--report", "raci", "--format", "csv", "--out", out.to_str().unwrap()]);
    let text = String::from_utf8(std::fs::read(&out).unwrap()).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.contains("Linda Okafor") && header.contains("Tom Becker"), "people across: {header}");
    let scheduling = text.lines().find(|l| l.contains(SCHEDULING)).unwrap();
    assert!(scheduling.contains(",AR,"), "Tom is Accountable and Responsible (the IT owner): {scheduling}");

    let out = s.path("raci-it.md");
    ok(&db, &["export", "--report", "raci", "--format", "md", "--department", "IT", "--out", out.to_str().unwrap()]);
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("Tom Becker") && !md.contains("Linda Okafor"), "only IT's people: {md}");

    let out = s.path("raci.png");
    let err = fails(&db, &["export", "--report", "raci", "--format", "png", "--out", out.to_str().unwrap()], 1);
    assert!(err.contains("CSV, Excel (xlsx), Markdown (md) or HTML"), "{err}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn kpis_are_added_read_and_judged_against_their_line() {
    let s = Scratch::new("kpis");
    let db = s.demo();
    let portal = "Patient portal adoption campaign";
    let args = [
        "add-kpi",
        portal,
        "Portal activation",
        "--unit",
        "%",
        "--direction",
        "higher",
        "--baseline",
        "38",
        "--baseline-date",
        "2027-01-01",
        "--target",
        "60",
        "--target-date",
        "2027-12-31",
    ];
    ok(&db, &args);
    ok(&db, &["add-reading", portal, "Portal activation", "47.5", "--date", "2027-06-01"]);
    let kpis: Value = serde_json::from_str(&ok(&db, &["kpis", portal, "--json"])).unwrap();
    assert_eq!(kpis[0]["standing"], "on_track", "47.5 % on 1 June is above the line's 47.1 % (38 → 60 over the year): {kpis}");
    let shown = ok(&db, &["kpis", portal]);
    assert!(shown.contains("Portal activation  [") && shown.contains("2027-06-01  47.5%"), "{shown}");

    let err = fails(&db, &["add-reading", portal, "Activation", "50", "--date", "2027-07-01"], 1);
    assert!(err.contains("no KPI called “Activation”: “Portal activation”"), "the refusal lists the KPIs there are: {err}");
    let bad = [
        "add-kpi",
        portal,
        "Flyers handed out",
        "--direction",
        "lower",
        "--baseline",
        "10",
        "--baseline-date",
        "2027-01-01",
        "--target",
        "20",
        "--target-date",
        "2027-06-01",
    ];
    let err = fails(&db, &bad, 1);
    assert!(err.contains("must be below its baseline"), "a target worse than the baseline is refused: {err}");
    let list = listing(&db);
    assert_eq!(
        initiative(&list, portal)["kpis"].as_array().unwrap().len(),
        1,
        "list --json carries the KPIs; the refused one is not there"
    );
    assert_eq!(initiative(&list, "Social media program")["results_due"], true, "the sample's social programme is past its review");
}

#[test]
fn text_that_looks_like_patient_information_needs_allow_phi_like() {
    let s = Scratch::new("phi");
    let db = s.demo();
    let item = "Enable portal self-enrollment";
    let err = fails(&db, &["comment", item, "Maria Lopez, DOB 04/12/1961, could not enroll"], 1);
    assert!(err.contains("This looks like patient information: a date of birth in the comment"), "{err}");
    assert!(err.contains("--allow-phi-like"), "the refusal says how to save it anyway: {err}");
    let out = common::cli(&db).args(["--allow-phi-like", "comment", item, "MRN 00482913 could not enroll"]).assert().success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("warning: This looks like patient information: a medical record number"), "{stderr}");
    ok(&db, &["comment", item, "Ticket CHG0012345: the vendor patch is in"]);
}

#[test]
fn templates_start_initiatives_and_travel_as_files() {
    let s = Scratch::new("templates");
    let db = s.demo();
    let names = ok(&db, &["templates"]);
    for name in
        ["Patient online self-scheduling", "Care-plan reminder texts (SMS)", "Chatbot / digital front door", "Price-transparency estimator"]
    {
        assert!(names.contains(name), "{name} ships: {names}");
    }
    ok(&db, &["add-initiative", "Self-scheduling, north campus", "--template", "Patient online self-scheduling", "--start", "2027-01-04"]);
    let list = listing(&db);
    let north = initiative(&list, "Self-scheduling, north campus");
    assert_eq!(north["tasks"].as_array().unwrap().len(), 8);
    let keys: Vec<&str> = north["gates"].as_array().unwrap().iter().map(|g| g["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["privacy", "security", "accessibility"], "the template's gates");
    assert_eq!(north["kpis"].as_array().unwrap().len(), 2);
    let north = "Self-scheduling, north campus";
    let owners = ["edit-initiative", north, "--marketing-owner", "Priya Raman", "--it-owner", "Tom Becker", "--accountable", "Tom Becker"];
    ok(&db, &owners);
    ok(&db, &["status", north, "in_progress"]);
    let err = fails(&db, &["status", north, "live"], 1);
    assert!(
        err.contains("Privacy / HIPAA tracking-technology review (not started, no approver yet)"),
        "the template's gates hold it: {err}"
    );

    ok(&db, &["save-template", "Website redesign with accessibility (WCAG 2.1 AA)", "--name", "Mercy website plan"]);
    let out = s.path("website.json");
    ok(&db, &["export-template", "Mercy website plan", "--out", out.to_str().unwrap()]);
    let other = s.path("other.bridgeboard");
    common::cli(&other).args(["demo", "--today", "2026-03-02"]).assert().success();
    ok(&other, &["import-template", out.to_str().unwrap()]);
    ok(&other, &["add-initiative", "Clinic websites", "--template", "Mercy website plan", "--start", "2027-03-01"]);
    assert_eq!(initiative(&listing(&other), "Clinic websites")["tasks"].as_array().unwrap().len(), 5, "the plan came over in the file");
    let err = fails(&db, &["remove-template", "Social media program"], 1);
    assert!(err.contains("built into Bridgeboard"), "{err}");
    ok(&db, &["remove-template", "Mercy website plan"]);
    let err = fails(&db, &["add-initiative", "X", "--template", "Mercy website plan", "--start", "2027-01-04"], 1);
    assert!(err.contains("no template called"), "{err}");
}

#[test]
fn a_baseline_is_saved_and_compared_with_what_moved_since() {
    let s = Scratch::new("baseline");
    let db = s.demo();
    ok(&db, &["save-baseline", "Steering committee 2027-01"]);
    let err = fails(&db, &["save-baseline", "steering committee 2027-01"], 1);
    assert!(err.contains("already a baseline"), "{err}");
    ok(&db, &["move-initiative", "Marketing attribution tracking", "--days", "14", "--as", "Tom Becker"]);
    ok(&db, &["add-task", "Marketing attribution tracking", "Consent audit", "--department", "IT"]);
    let c: Value = serde_json::from_str(&ok(&db, &["compare-baseline", "Steering committee 2027-01", "--json"])).unwrap();
    let moved = c["moved"].as_array().unwrap();
    let attribution = moved.iter().find(|m| m["then"]["title"] == "Marketing attribution tracking").expect("the initiative moved");
    assert_eq!(attribution["finish_days"], 14, "by two weeks");
    assert_eq!(attribution["moved_by"], "Tom Becker", "who moved it, from the activity log");
    assert!(moved.len() >= 6, "its open tasks moved with it: {}", moved.len());
    assert_eq!(c["added"][0]["title"], "Consent audit", "new items are listed");
    let shown = ok(&db, &["compare-baseline", "Steering committee 2027-01"]);
    assert!(shown.contains("(14 days later) — moved by Tom Becker"), "{shown}");
    let err = fails(&db, &["compare-baseline", "Q2 review"], 1);
    assert!(err.contains("the board's baselines: Steering committee 2027-01"), "{err}");
    let listed = ok(&db, &["baselines"]);
    assert!(listed.starts_with("Steering committee 2027-01  (saved "), "{listed}");

    let out = s.path("comparison.csv");
    ok(&db, &["export", "--report", "baseline:Steering committee 2027-01", "--format", "csv", "--out", out.to_str().unwrap()]);
    let text = String::from_utf8(std::fs::read(&out).unwrap()).unwrap();
    let row = text.lines().find(|l| l.contains(",initiative,Marketing attribution tracking,")).expect("the initiative's row");
    assert!(row.starts_with("moved,") && row.contains(",14,Tom Becker,"), "moved two weeks by Tom: {row}");
    assert!(text.lines().any(|l| l.starts_with("new,") && l.contains("Consent audit")), "{text}");

    let out = s.path("comparison.pdf");
    let err =
        fails(&db, &["export", "--report", "baseline:Steering committee 2027-01", "--format", "pdf", "--out", out.to_str().unwrap()], 1);
    assert!(err.contains("The baseline comparison exports as CSV"), "{err}");
    let err = fails(&db, &["export", "--report", "baseline:Q2 review", "--format", "md", "--out", out.to_str().unwrap()], 1);
    assert!(err.contains("no baseline called “Q2 review”"), "{err}");
    let err = fails(
        &db,
        &[
            "export",
            "--report",
            "baseline:Steering committee 2027-01",
            "--department",
            "IT",
            "--format",
            "md",
            "--out",
            out.to_str().unwrap(),
        ],
        2,
    );
    assert!(err.contains("takes no filters"), "{err}");
    assert!(!out.exists(), "nothing is written");
}

//! End to end: the real app under Xvfb, driven through WebDriver, with the results checked in
//! the board file itself. Ignored by a plain `cargo test` (it needs a display, tauri-driver and
//! the embedded app build); `./dev test` runs it with `-- --ignored` under xvfb-run.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use bridgeboard_core::*;
use bridgeboard_e2e::*;
use fantoccini::key::Key;
use fantoccini::Locator;

const IT_ID: &str = "00000000-0000-7000-8000-000000000002";

/// A board file with two people, as an IT project manager would have after adding them.
fn board_with_people(home: &Path) -> PathBuf {
    let path = default_board(home);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut store = Store::open(&path, None).unwrap();
    let actor = Actor { id: None, name: "setup".into() };
    for (name, department_id) in [("Dana Whitfield", MARKETING), ("Tom Becker", IT)] {
        let person = NewPerson { name: name.into(), email: String::new(), title: String::new(), department_id };
        store.apply(&actor, chrono::Utc::now(), Op::CreatePerson(person)).unwrap();
    }
    path
}

fn read_board(path: &Path) -> store::Listing {
    Store::open(path, None).unwrap().listing(chrono::Local::now().date_naive()).unwrap()
}

async fn select_option(app: &App, select_css: &str, label: &str) {
    let select = app.find(select_css).await;
    select.select_by_label(label).await.unwrap_or_else(|e| panic!("{select_css} has no option {label}: {e}"));
}

async fn card_titled(app: &App, title: &str) -> fantoccini::elements::Element {
    let xpath = format!("//*[@data-testid='card'][.//*[normalize-space(text())='{title}']]");
    app.client
        .wait()
        .at_most(std::time::Duration::from_secs(10))
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("no card titled {title}: {e}"))
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the embedded app build: run by ./dev test"]
async fn plan_an_initiative_end_to_end() {
    let home = home("plan");
    let db = board_with_people(&home);
    let app = App::launch(&home, &[]).await;

    // Create an initiative with both owners.
    app.find("[data-testid=new-initiative]").await.click().await.unwrap();
    let title = app.find("[data-testid=new-initiative-title]").await;
    title.send_keys("Patient online self-scheduling").await.unwrap();
    app.find("[data-testid=new-initiative-create]").await.click().await.unwrap();
    app.find("[data-testid=detail]").await;
    select_option(&app, "[data-testid=field-marketing-owner]", "Dana Whitfield").await;
    select_option(&app, "[data-testid=field-it-owner]", "Tom Becker").await;
    app.eventually("both owners are saved in the board file", || async {
        read_board(&db).initiatives.first().is_some_and(|i| i.marketing_owner.is_some() && i.it_owner.is_some())
    })
    .await;

    // Add two IT tasks from the keyboard.
    let add = app.find(&format!("[data-testid='add-task-{IT_ID}']")).await;
    add.send_keys(&format!("QA sign-off{}", Key::Enter)).await.unwrap();
    app.eventually("the first task is listed", || async { app.find_all("[data-testid=task-row]").await.len() == 1 }).await;
    let add = app.find(&format!("[data-testid='add-task-{IT_ID}']")).await;
    add.send_keys(&format!("Go-live{}", Key::Enter)).await.unwrap();
    app.eventually("both tasks are listed", || async { app.find_all("[data-testid=task-row]").await.len() == 2 }).await;

    // Change a task's status by keyboard: focus its status and type the first letters.
    let status = app.find("[data-testid=task-row]:nth-of-type(1) [data-testid=task-status]").await;
    status.send_keys("In").await.unwrap();
    app.eventually("the status change lands in SQLite", || async {
        read_board(&db).initiatives[0].tasks.iter().any(|t| t.title == "QA sign-off" && t.status == "in_progress")
    })
    .await;

    // Go-live depends on QA sign-off.
    let go_live = app.find("[data-testid=task-row]:nth-of-type(2)").await;
    go_live.find(Locator::Css("[data-testid=task-dependencies]")).await.unwrap().click().await.unwrap();
    // A task's dependencies are drawn once their section opens.
    let search = app.find("[data-testid=task-row]:nth-of-type(2) [data-testid=dep-search]").await;
    search.send_keys("QA sign").await.unwrap();
    app.find("[data-testid=dep-result]").await.click().await.unwrap();
    go_live.find(Locator::Css("[data-testid=dep-add]")).await.unwrap().click().await.unwrap();
    app.eventually("the dependency lands and blocks Go-live", || async {
        read_board(&db).initiatives[0].tasks.iter().any(|t| t.title == "Go-live" && t.blocked)
    })
    .await;

    // QA sign-off depending on Go-live would close a loop: refused, naming it.
    let qa = app.find("[data-testid=task-row]:nth-of-type(1)").await;
    qa.find(Locator::Css("[data-testid=task-dependencies]")).await.unwrap().click().await.unwrap();
    let search = app.find("[data-testid=task-row]:nth-of-type(1) [data-testid=dep-search]").await;
    search.send_keys("Go-live").await.unwrap();
    app.find("[data-testid=dep-result]").await.click().await.unwrap();
    qa.find(Locator::Css("[data-testid=dep-add]")).await.unwrap().click().await.unwrap();
    // The refusal arrives after the round trip to the core: wait for it.
    let message = app.text("[data-testid=task-row]:nth-of-type(1) [data-testid=error]").await;
    assert!(message.contains("Go-live → QA sign-off → Go-live"), "the refusal names the loop: {message}");

    // A hostile title is shown as text, not run.
    app.find("[data-testid=new-initiative]").await.click().await.unwrap();
    let hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)>";
    app.find("[data-testid=new-initiative-title]").await.send_keys(hostile).await.unwrap();
    app.find("[data-testid=new-initiative-create]").await.click().await.unwrap();
    app.find("[data-testid=detail]").await;
    app.client.execute("document.activeElement && document.activeElement.blur()", vec![]).await.unwrap();
    let card = card_titled(&app, hostile).await;
    let shown = card.prop("textContent").await.unwrap().unwrap_or_default();
    assert!(shown.contains(hostile), "the title shows literally: {shown:?}");
    let injected = app.client.execute("return document.querySelectorAll('img[src=x], script:not([src])').length", vec![]).await.unwrap();
    assert_eq!(injected, serde_json::json!(0), "no element was made from user text");

    // Text that looks like patient information is held back: Edit saves nothing, Save anyway
    // saves it.
    let hostile_id = read_board(&db).initiatives.iter().find(|i| i.title == hostile).unwrap().id;
    let summary_in_file = || {
        let today = chrono::Local::now().date_naive();
        Store::open(&db, None).unwrap().initiative_detail(hostile_id, today).unwrap().initiative.summary
    };
    app.find("[data-testid=field-summary]").await.send_keys("Call back MRN 00482913").await.unwrap();
    app.find("[data-testid=field-title]").await.click().await.unwrap();
    let prompt = app.text("[data-testid=phi-prompt]").await;
    assert!(prompt.contains("medical record number") && prompt.contains("MRN 00482913"), "the prompt names what it found: {prompt}");
    app.find("[data-testid=phi-edit]").await.click().await.unwrap();
    let refusal = app.text("[data-testid=detail] [data-testid=error]").await;
    assert!(refusal.contains("Not saved"), "Edit says nothing was saved: {refusal}");
    assert_eq!(summary_in_file(), "", "nothing reached the board file");
    app.find("[data-testid=field-summary]").await.send_keys(" today").await.unwrap();
    app.find("[data-testid=field-title]").await.click().await.unwrap();
    app.find("[data-testid=phi-save-anyway]").await.click().await.unwrap();
    app.eventually("Save anyway saves it", || async { summary_in_file() == "Call back MRN 00482913 today" }).await;

    // Delete a task, after confirming.
    let first = card_titled(&app, "Patient online self-scheduling").await;
    first.click().await.unwrap();
    app.eventually("the first initiative's panel is open", || async { app.find_all("[data-testid=task-row]").await.len() == 2 }).await;
    let qa = app.find("[data-testid=task-row]:nth-of-type(1)").await;
    qa.find(Locator::Css("[data-testid=task-delete]")).await.unwrap().click().await.unwrap();
    app.find("[data-testid=confirm-yes]").await.click().await.unwrap();
    app.eventually("the task is gone from the board file", || async {
        read_board(&db).initiatives.iter().all(|i| i.tasks.iter().all(|t| t.title != "QA sign-off"))
    })
    .await;
    app.quit().await;

    // Restart: everything is still there.
    let app = App::launch(&home, &[]).await;
    let card = card_titled(&app, "Patient online self-scheduling").await;
    let text = card.prop("textContent").await.unwrap().unwrap_or_default();
    assert!(text.contains("Dana Whitfield") && text.contains("Tom Becker"), "owners survive a restart: {text}");
    card_titled(&app, hostile).await;
    card.click().await.unwrap();
    app.eventually("the remaining task is listed after restart", || async { app.find_all("[data-testid=task-row]").await.len() == 1 })
        .await;
    let listing = read_board(&db);
    assert_eq!(listing.initiatives.len(), 2, "both initiatives are in the file");

    // Deleting the open initiative offers Undo, which brings it back with its task.
    app.find("[data-testid=delete-initiative]").await.click().await.unwrap();
    app.find("[data-testid=confirm-yes]").await.click().await.unwrap();
    app.eventually("the initiative is gone from the board file", || async { read_board(&db).initiatives.len() == 1 }).await;
    app.find("[data-testid=banner-deleted] [data-testid=undo-delete]").await.click().await.unwrap();
    app.eventually("Undo brings it back with its task", || async {
        read_board(&db).initiatives.iter().any(|i| i.title == "Patient online self-scheduling" && i.tasks.len() == 1)
    })
    .await;

    // Settings → Backups: the copy taken when the board was first opened goes back in its place,
    // and restoring the copy kept of the board as it was undoes that.
    app.find("[data-testid=open-settings]").await.click().await.unwrap();
    app.find("[data-testid=backup] [data-testid=backup-restore]").await.click().await.unwrap();
    app.find("[data-testid=confirm-yes]").await.click().await.unwrap();
    app.eventually("the backup is in place of the board", || async { read_board(&db).initiatives.is_empty() }).await;
    app.find("[data-testid=backup-restored]").await;
    app.eventually("the board on screen is the restored one", || async { app.find_all("[data-testid=card]").await.is_empty() }).await;
    let newest = app.text("[data-testid=backup]:first-child").await;
    assert!(newest.contains("Before a restore") && newest.contains("2 initiatives"), "the replaced board is kept: {newest}");
    app.find("[data-testid=backup]:first-child [data-testid=backup-restore]").await.click().await.unwrap();
    app.find("[data-testid=confirm-yes]").await.click().await.unwrap();
    app.eventually("undoing the restore brings the work back", || async { read_board(&db).initiatives.len() == 2 }).await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the embedded app build: run by ./dev test"]
async fn the_sample_board_and_a_refused_move() {
    let home = home("sample");
    let app = App::launch(&home, &[]).await;
    app.find("[data-testid=empty-board]").await;
    app.find("[data-testid=empty-board] [data-testid=open-sample]").await.click().await.unwrap();
    let portal = card_titled(&app, "Patient portal adoption campaign").await;
    assert!(app.find_all("[data-testid=blocked]").await.len() >= 2, "the sample shows blocked initiatives");

    // The portal campaign has no IT owner: moving it to Planned by keyboard is refused.
    portal.click().await.unwrap();
    app.find("[data-testid=detail]").await;
    app.client.execute("document.activeElement && document.activeElement.blur()", vec![]).await.unwrap();
    app.find("body").await.send_keys(&Key::Escape.to_string()).await.unwrap();
    let portal = card_titled(&app, "Patient portal adoption campaign").await;
    portal.send_keys("2").await.unwrap();
    let message = app.text("[data-testid=column-proposed] [data-testid=error]").await;
    assert!(message.contains("cannot leave Proposed without an IT owner"), "the refusal is shown by the card: {message}");
    assert!(
        app.find("[data-testid=column-proposed]").await.text().await.unwrap().contains("Patient portal adoption campaign"),
        "nothing moved"
    );

    // The README's screenshot: the sample board as a person sees it.
    app.find("[data-testid=filter-text]").await;
    std::thread::sleep(std::time::Duration::from_millis(500));
    let shots = shots();
    app.screenshot(&shots.join("board.png")).await;

    // And the detail panel of the initiative IT project managers live in.
    card_titled(&app, "Patient online self-scheduling").await.click().await.unwrap();
    app.eventually("its tasks are listed", || async { app.find_all("[data-testid=task-row]").await.len() == 6 }).await;
    std::thread::sleep(std::time::Duration::from_millis(500));
    app.screenshot(&shots.join("detail.png")).await;

    let sample = home.join("data/org.bridgeboard.app/sample-hospital-board.bridgeboard");
    let listing = read_board(&sample);
    assert_eq!(listing.initiatives.len(), 6, "the sample is its own board file");
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the embedded app build: run by ./dev test"]
async fn who_i_am_other_writers_filters_and_bad_files() {
    let home = home("settings");
    let db = board_with_people(&home);
    let app = App::launch(&home, &[]).await;

    // Choose who I am; my changes are recorded as mine.
    app.find("[data-testid=open-settings]").await.click().await.unwrap();
    select_option(&app, "[data-testid=me-select]", "Dana Whitfield").await;
    let shown_path = app.text("[data-testid=settings-board-path]").await;
    assert_eq!(shown_path, db.display().to_string(), "Settings shows where the board lives");

    // A file that is not a board is refused with a message, and left alone.
    let notes = home.join("notes.txt");
    std::fs::write(&notes, "Q3 plan: portal, SMS, website\n").unwrap();
    app.find("[data-testid=settings-path-input]").await.send_keys(&notes.display().to_string()).await.unwrap();
    app.find("[data-testid=settings-open-path]").await.click().await.unwrap();
    let message = app.text("[data-testid=settings] [data-testid=error]").await;
    assert!(message.contains("not a Bridgeboard board file"), "the refusal says what is wrong: {message}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "Q3 plan: portal, SMS, website\n", "the file was not touched");
    app.find("body").await.send_keys(&Key::Escape.to_string()).await.unwrap();

    app.find("[data-testid=new-initiative]").await.click().await.unwrap();
    app.find("[data-testid=new-initiative-title]").await.send_keys("Website refresh").await.unwrap();
    app.find("[data-testid=new-initiative-create]").await.click().await.unwrap();
    app.find("[data-testid=detail]").await;
    let store = Store::open(&db, None).unwrap();
    let id = store.listing(chrono::Local::now().date_naive()).unwrap().initiatives[0].id;
    let activity = store.initiative_detail(id, chrono::Local::now().date_naive()).unwrap().activity;
    assert_eq!(activity[0].actor_name, "Dana Whitfield", "the change is recorded as made by me");

    // Another process writes to the same file: the app shows it without a restart.
    let mut other = Store::open(&db, None).unwrap();
    let cli = Actor { id: None, name: "bridgeboard-cli".into() };
    other.apply(&cli, chrono::Utc::now(), Op::CreateInitiative(NewInitiative::titled("Added from the CLI"))).unwrap();
    card_titled(&app, "Added from the CLI").await;

    // The filter survives a restart.
    app.find("body").await.send_keys(&Key::Escape.to_string()).await.unwrap();
    app.find("[data-testid=filter-text]").await.send_keys("website").await.unwrap();
    app.eventually("only the matching card is shown", || async { app.find_all("[data-testid=card]").await.len() == 1 }).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    app.quit().await;

    let app = App::launch(&home, &[]).await;
    let filter = app.find("[data-testid=filter-text]").await;
    app.eventually("the saved filter is back", || async { filter.prop("value").await.ok().flatten().as_deref() == Some("website") }).await;
    card_titled(&app, "Website refresh").await;
    assert_eq!(app.find_all("[data-testid=card]").await.len(), 1, "and it still filters the board");
    app.quit().await;
}

/// The sample board in the default board file, dated around today as a newcomer sees it.
fn sample_board(home: &Path) -> PathBuf {
    let path = default_board(home);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut store = Store::open(&path, None).unwrap();
    sample::create(&mut store, chrono::Local::now().date_naive(), chrono::Utc::now()).unwrap();
    path
}

fn task_dates(db: &Path, title: &str) -> (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>, Id) {
    let listing = read_board(db);
    let task = listing.initiatives.iter().flat_map(|i| &i.tasks).find(|t| t.title == title).unwrap();
    (task.start, task.due, task.id)
}

/// The roadmap bar that has the keyboard focus. A bar moved by keyboard takes the focus back once
/// the roadmap is re-read, which may scroll the timeline; tests wait for it before going on.
async fn focused_bar(app: &App) -> Option<Id> {
    let focused = app.client.execute("return document.activeElement?.dataset?.id ?? null", vec![]).await.unwrap();
    focused.as_str().and_then(|id| id.parse().ok())
}

/// The state of one gate of an initiative, as the board file holds it.
fn gate_state(db: &Path, initiative: &str, key: &str) -> (String, Option<String>) {
    let listing = read_board(db);
    let gate = listing.initiatives.iter().find(|i| i.title == initiative).unwrap().gates.iter().find(|g| g.key == key).unwrap().clone();
    (gate.state, gate.decided_by)
}

/// The "2/4 gates" chip on a card, as shown now (cards are redrawn as the board changes).
async fn gates_chip(app: &App, title: &str) -> Option<String> {
    let xpath = format!("//*[@data-testid='card'][.//*[normalize-space(text())='{title}']]//*[@data-testid='gates-chip']");
    app.client.find(Locator::XPath(&xpath)).await.ok()?.text().await.ok()
}

/// Chooses who I am in Settings, and waits until the desktop's settings file says so: the next
/// change is recorded as that person's.
async fn be(app: &App, home: &Path, db: &Path, person: &str) {
    let people = Store::open(db, None).unwrap().board(chrono::Local::now().date_naive()).unwrap().people;
    let id = people.iter().find(|p| p.name == person).expect("the person is on the board").id.to_string();
    app.find("[data-testid=open-settings]").await.click().await.unwrap();
    select_option(app, "[data-testid=me-select]", person).await;
    let settings = home.join("config/org.bridgeboard.app/settings.json");
    app.eventually("who I am is saved", || async { std::fs::read_to_string(&settings).is_ok_and(|s| s.contains(&id)) }).await;
    app.find("body").await.send_keys(&Key::Escape.to_string()).await.unwrap();
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the embedded app build: run by ./dev test"]
async fn going_live_waits_until_the_approvers_have_passed_the_gates() {
    const SCHEDULING: &str = "Patient online self-scheduling";
    let home = home("gates");
    let db = sample_board(&home);
    let app = App::launch(&home, &[]).await;
    app.eventually("the card shows how far its gates are", || async { gates_chip(&app, SCHEDULING).await.as_deref() == Some("1/3 gates") })
        .await;

    // Going Live is refused, naming the open gates and their approvers.
    card_titled(&app, SCHEDULING).await.click().await.unwrap();
    app.find("[data-testid=detail] [data-testid=gates]").await;
    select_option(&app, "[data-testid=field-status]", "Live").await;
    let message = app.text("[data-testid=detail] [data-testid=error]").await;
    assert!(message.contains("Privacy / HIPAA tracking-technology review (in review, approver Linda Okafor)"), "{message}");
    assert!(message.contains("Accessibility (WCAG 2.1 AA) (not started, approver Ravi Patel)"), "{message}");
    assert_eq!(read_board(&db).initiatives.iter().find(|i| i.title == SCHEDULING).unwrap().status, "in_progress", "nothing moved");
    // The README's picture of a refusal: the message, then the gates it names.
    app.client
        .execute("document.querySelector('[data-testid=detail] [data-testid=error]').scrollIntoView({block: 'start'})", vec![])
        .await
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    app.screenshot(&shots().join("gate-refusal.png")).await;

    // Someone who is not the approver cannot pass the privacy gate.
    be(&app, &home, &db, "Tom Becker").await;
    let privacy = "[data-testid=gate][data-key=privacy]";
    select_option(&app, &format!("{privacy} [data-testid=gate-state-select]"), "Passed").await;
    let refusal = app.text(&format!("{privacy} [data-testid=error]")).await;
    assert!(refusal.contains("Only Linda Okafor, the gate's approver,"), "{refusal}");

    // Tom, the Accountable, waives the accessibility gate with a reason.
    let accessibility = "[data-testid=gate][data-key=accessibility]";
    select_option(&app, &format!("{accessibility} [data-testid=gate-state-select]"), "Waived").await;
    app.find(&format!("{accessibility} [data-testid=gate-reason-input]"))
        .await
        .send_keys("The vendor widget is certified WCAG 2.1 AA")
        .await
        .unwrap();
    app.find(&format!("{accessibility} [data-testid=gate-reason-save]")).await.click().await.unwrap();
    app.eventually("the waiver lands in SQLite", || async { gate_state(&db, SCHEDULING, "accessibility").0 == "waived" }).await;

    // Linda, the privacy officer, passes her gate; then it goes Live.
    be(&app, &home, &db, "Linda Okafor").await;
    select_option(&app, &format!("{privacy} [data-testid=gate-state-select]"), "Passed").await;
    app.eventually("the pass lands in SQLite", || async { gate_state(&db, SCHEDULING, "privacy").0 == "passed" }).await;
    assert_eq!(gate_state(&db, SCHEDULING, "privacy").1.as_deref(), Some("Linda Okafor"), "who passed it is recorded");
    select_option(&app, "[data-testid=field-status]", "Live").await;
    app.eventually("the initiative goes Live", || async {
        read_board(&db).initiatives.iter().find(|i| i.title == SCHEDULING).unwrap().status == "live"
    })
    .await;
    app.eventually("every gate is settled on the card", || async { gates_chip(&app, SCHEDULING).await.as_deref() == Some("3/3 gates") })
        .await;

    // A KPI reading lands, and the trend shows it.
    let booked = "[data-testid=kpi][data-name='Share of appointments booked online']";
    let dots = || async { app.find_all(&format!("{booked} [data-testid=kpi-point]")).await.len() };
    assert_eq!(dots().await, 3, "the sample's three readings are drawn");
    app.find(&format!("{booked} [data-testid=kpi-reading-value]")).await.send_keys("9.4").await.unwrap();
    let today = chrono::Local::now().date_naive();
    set_date(&app, &format!("{booked} [data-testid=kpi-reading-date]"), &today.to_string()).await;
    app.find(&format!("{booked} [data-testid=kpi-reading-add]")).await.click().await.unwrap();
    app.eventually("the reading lands in SQLite", || async {
        let listing = read_board(&db);
        let kpi = listing
            .initiatives
            .iter()
            .find(|i| i.title == SCHEDULING)
            .unwrap()
            .kpis
            .iter()
            .find(|k| k.kpi.name.starts_with("Share"))
            .cloned();
        kpi.is_some_and(|k| k.readings.last().is_some_and(|r| r.value == 9.4 && r.taken_on == today))
    })
    .await;
    app.eventually("the trend shows four readings", || async { dots().await == 4 }).await;
    assert_eq!(app.text(&format!("{booked} [data-testid=kpi-standing]")).await, "On track");
    app.client.execute(&format!("document.querySelector(\"{booked}\").scrollIntoView({{block: 'start'}})"), vec![]).await.unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    app.screenshot(&shots().join("kpi-trend.png")).await;

    // A new initiative from the self-scheduling template comes with its whole plan.
    app.find("[data-testid=new-initiative]").await.click().await.unwrap();
    app.find("[data-testid=new-initiative-title]").await.send_keys("Self-scheduling, north campus").await.unwrap();
    select_option(&app, "[data-testid=new-initiative-template]", "Patient online self-scheduling").await;
    let start = app.find("[data-testid=new-initiative-start]").await;
    let js = "arguments[0].value = '2027-01-04'; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));";
    app.client.execute(js, vec![serde_json::to_value(&start).unwrap()]).await.unwrap();
    app.find("[data-testid=new-initiative-create]").await.click().await.unwrap();
    app.eventually("the plan lands in SQLite", || async {
        read_board(&db).initiatives.iter().any(|i| i.title == "Self-scheduling, north campus" && i.tasks.len() == 8 && i.gates.len() == 3)
    })
    .await;
    app.eventually("its gates show in the details", || async { app.find_all("[data-testid=detail] [data-testid=gate]").await.len() == 3 })
        .await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the embedded app build: run by ./dev test"]
async fn the_roadmap_reschedules_by_keyboard_and_drag_and_exports() {
    use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};

    let home = home("roadmap");
    let db = sample_board(&home);
    let exported = home.join("roadmap.csv");
    let app = App::launch(&home, &[("BRIDGEBOARD_DIALOG_PATH", exported.to_str().unwrap())]).await;
    app.find("[data-testid=view-roadmap]").await.click().await.unwrap();
    app.find("[data-testid=roadmap]").await;

    // The schedule as it stands is saved as a baseline, to compare every move below with.
    let baseline = "Steering committee 2027-01";
    app.find("[data-testid=baseline-new]").await.click().await.unwrap();
    let name = app.find("[data-testid=baseline-name]").await;
    name.clear().await.unwrap();
    name.send_keys(baseline).await.unwrap();
    app.find("[data-testid=baseline-save]").await.click().await.unwrap();
    app.eventually("the baseline lands in SQLite", || async {
        Store::open(&db, None).unwrap().baselines().unwrap().iter().any(|b| b.name == baseline)
    })
    .await;
    app.eventually("the roadmap is compared with it", || async {
        app.text("[data-testid=baseline-comparison]").await.contains("0 moved, 0 new, 0 removed")
    })
    .await;

    // Keyboard: the selected bar moves a day later, start and due together.
    let widget = "Embed the scheduling widget on the website";
    let (start, due, id) = task_dates(&db, widget);
    let due_before_moves = due;
    let bar = app.find(&format!("[data-testid=bar][data-id='{id}']")).await;
    app.client.execute("arguments[0].focus()", vec![serde_json::to_value(&bar).unwrap()]).await.unwrap();
    bar.send_keys(&Key::Right.to_string()).await.unwrap();
    let one_day = chrono::Duration::days(1);
    app.eventually("the keyboard move lands in SQLite", || async {
        let (s, d, _) = task_dates(&db, widget);
        s == start.map(|s| s + one_day) && d == due.map(|d| d + one_day)
    })
    .await;
    app.eventually("the moved bar has the focus again", || async { focused_bar(&app).await == Some(id) }).await;

    // Pointer: dragging a bar three day-widths to the right moves it three days.
    let faq = "Patient-facing instructions and FAQ";
    let (start, due, id) = task_dates(&db, faq);
    let bar = app.find(&format!("[data-testid=bar][data-id='{id}']")).await;
    let rect = app
        .client
        .execute(
            "arguments[0].scrollIntoView({block: 'center', inline: 'center'}); const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height];",
            vec![serde_json::to_value(&bar).unwrap()],
        )
        .await
        .unwrap();
    let [left, top, width, height] = [0, 1, 2, 3].map(|n| rect[n].as_f64().unwrap());
    let days = (due.unwrap() - start.unwrap()).num_days() as f64 + 1.0;
    // Grab the middle of the bar (its ends resize it) and move three day-widths right.
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo { duration: None, x: (left + width / 2.0).round(), y: (top + height / 2.0).round() })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: Some(std::time::Duration::from_millis(300)), x: (3.0 * width / days).round(), y: 0.0 })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    app.client.perform_actions(drag).await.unwrap();
    let three_days = chrono::Duration::days(3);
    app.eventually("the dragged dates land in SQLite", || async {
        let (s, d, _) = task_dates(&db, faq);
        s == start.map(|s| s + three_days) && d == due.map(|d| d + three_days)
    })
    .await;

    // Keyboard on an initiative's bar: its plan moves, open tasks with it, finished work stays.
    let website = "Website redesign with accessibility (WCAG 2.1 AA)";
    let plan = |db: &Path| {
        let listing = read_board(db);
        let i = listing.initiatives.into_iter().find(|i| i.title == website).unwrap();
        let dates = |title: &str| i.tasks.iter().find(|t| t.title == title).map(|t| (t.start, t.due)).unwrap();
        (i.id, (i.start, i.target), dates("Fix contrast, focus and keyboard issues"), dates("Accessibility audit against WCAG 2.1 AA"))
    };
    let (id, (start, target), open_task, done_task) = plan(&db);
    let bar = app.find(&format!("[data-testid=bar][data-id='{id}']")).await;
    app.client.execute("arguments[0].focus()", vec![serde_json::to_value(&bar).unwrap()]).await.unwrap();
    bar.send_keys(&Key::Right.to_string()).await.unwrap();
    let later = |d: Option<chrono::NaiveDate>| d.map(|d| d + one_day);
    app.eventually("the initiative moves with its open tasks", || async {
        plan(&db) == (id, (later(start), later(target)), (later(open_task.0), later(open_task.1)), done_task)
    })
    .await;
    app.eventually("the moved bar has the focus again", || async { focused_bar(&app).await == Some(id) }).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&shots().join("roadmap-view.png")).await;

    // The baseline comparison: what moved, by how much, and its old place behind the bar.
    let (_, _, widget_id) = task_dates(&db, widget);
    let row = format!("[data-testid=baseline-row][data-id='{widget_id}']");
    app.eventually("the keyboard move is in the comparison", || async { app.text(&row).await.contains("+1 d") }).await;
    let ghost = app.find(&format!("[data-testid=bar][data-id='{widget_id}'] [data-testid=ghost]")).await;
    assert_eq!(ghost.attr("data-finish").await.unwrap(), due_before_moves.map(|d| d.to_string()), "the ghost is where the baseline had it");
    let panel = app.text("[data-testid=baseline-comparison]").await;
    assert!(panel.contains(faq) && panel.contains(website), "the dragged task and the moved initiative are listed: {panel}");
    app.screenshot(&shots().join("baseline-comparison.png")).await;

    // Export through the app's save dialog (its test seam): the same bytes as the core gives.
    app.find("[data-testid=export-format]").await.select_by_value("csv").await.unwrap();
    app.find("[data-testid=export-run]").await.click().await.unwrap();
    app.eventually("the export is saved", || async { exported.exists() }).await;
    let result = app.text("[data-testid=export-result]").await;
    assert!(result.contains("roadmap.csv"), "the app says where it saved: {result}");
    let store = Store::open(&db, None).unwrap();
    let expected = bridgeboard_core::export::render(
        bridgeboard_core::export::Format::Csv,
        &store,
        &bridgeboard_core::export::Options::new(chrono::Local::now().date_naive()),
    )
    .unwrap();
    assert!(std::fs::read(&exported).unwrap() == expected, "the app's export equals the CLI's for the same board and day");

    // The comparison exports too (through the same dialog seam), as the CLI's export --report baseline:NAME.
    app.find("[data-testid=comparison-format]").await.select_by_value("csv").await.unwrap();
    app.find("[data-testid=comparison-export]").await.click().await.unwrap();
    app.find("[data-testid=comparison-result]").await;
    let options = bridgeboard_core::export::Options {
        report: bridgeboard_core::export::Report::Baseline(baseline.into()),
        ..bridgeboard_core::export::Options::new(chrono::Local::now().date_naive())
    };
    let expected = bridgeboard_core::export::render(bridgeboard_core::export::Format::Csv, &store, &options).unwrap();
    assert!(std::fs::read(&exported).unwrap() == expected, "the app's comparison export equals the CLI's");

    // The roadmap opens next time as it was left: on screen, at the zoom chosen.
    app.find("[data-testid=zoom]").await.select_by_value("quarter").await.unwrap();
    let settings = home.join("config/org.bridgeboard.app/settings.json");
    app.eventually("the zoom is saved for this desktop", || async {
        std::fs::read_to_string(&settings).is_ok_and(|s| s.contains("\"quarter\""))
    })
    .await;
    app.quit().await;
    let app = App::launch(&home, &[]).await;
    app.find("[data-testid=roadmap]").await;
    let zoom = app.find("[data-testid=zoom]").await.prop("value").await.unwrap();
    assert_eq!(zoom.as_deref(), Some("quarter"), "the zoom survives a restart");
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the embedded app build: run by ./dev test"]
async fn a_jira_style_csv_is_imported_through_the_app() {
    let home = home("import");
    let db = board_with_people(&home);
    // As Jira writes it: other headings, ';' separators, a BOM, day-first dates.
    let csv = home.join("jira.csv");
    std::fs::write(
        &csv,
        "\u{feff}Summary;Issue Type;Epic Link;Assignee;Due Date\n\
         Patient portal campaign;initiative;;;\n\
         Clinic flyers;task;Patient portal campaign;Dana Whitfield;24/03/2027\n\
         Enable self-enrollment;task;Patient portal campaign;Tom Becker;15/03/2027\n",
    )
    .unwrap();
    let app = App::launch(&home, &[("BRIDGEBOARD_IMPORT_PATH", csv.to_str().unwrap())]).await;
    // The empty board offers Import… beside the sample board.
    app.find("[data-testid=empty-board] [data-testid=import-open]").await.click().await.unwrap();
    app.find("[data-testid=import-choose]").await.click().await.unwrap();
    app.find("[data-testid=import-sample]").await;
    app.find("[data-testid=import-run]").await.click().await.unwrap();
    let result = app.text("[data-testid=import-result]").await;
    assert!(result.contains("1 initiative") && result.contains("2 tasks"), "the app says what it imported: {result}");

    let listing = read_board(&db);
    let portal = listing.initiatives.iter().find(|i| i.title == "Patient portal campaign").expect("the initiative landed");
    let flyers = portal.tasks.iter().find(|t| t.title == "Clinic flyers").expect("its task landed");
    assert_eq!(flyers.due.map(|d| d.to_string()).as_deref(), Some("2027-03-24"), "day-first dates were read as such");
    assert_eq!(flyers.assignee.as_ref().map(|a| a.name.as_str()), Some("Dana Whitfield"), "people are matched by name");
    assert_eq!(flyers.department.name, "Marketing", "a task without a department takes its assignee's");
    app.quit().await;
}

/// A title as another desktop might send it, markup and all.
const HOSTILE_TITLE: &str = "Attribution <img src=x onerror=alert(1)> & <b>every</b> channel";

/// The one board folder a share holds.
#[tokio::test]
#[ignore = "needs a display, tauri-driver and the embedded app build: run by ./dev test"]
async fn a_jira_cloud_export_is_previewed_settled_and_imported_through_the_app() {
    let home = home("import-jira");
    let db = board_with_people(&home);
    let export = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/import/jira-cloud-all-fields.csv")).unwrap();
    let file = home.join("jira.csv");
    std::fs::write(&file, &export).unwrap();
    let app = App::launch(&home, &[("BRIDGEBOARD_IMPORT_PATH", file.to_str().unwrap())]).await;
    app.find("[data-testid=empty-board] [data-testid=import-open]").await.click().await.unwrap();
    app.find("[data-testid=import-choose]").await.click().await.unwrap();
    let counts = app.text("[data-testid=source-counts]").await;
    assert!(counts.contains("From Jira: 2 initiatives, 11 tasks"), "the preview counts what comes over: {counts}");
    let unsettled = app.text("[data-testid=source-unsettled]").await;
    assert!(unsettled.contains("Priya Natarajan is not on the board"), "{unsettled}");
    assert!(!app.find("[data-testid=import-run]").await.is_enabled().await.unwrap(), "Import waits until everyone is settled");

    select_option(&app, "[data-testid=source-create-in]", "Marketing").await;
    app.eventually("everyone is settled", || async { app.find_all("[data-testid=source-unsettled]").await.is_empty() }).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&shots().join("import-jira.png")).await;
    app.find("[data-testid=import-run]").await.click().await.unwrap();
    let result = app.text("[data-testid=import-result]").await;
    assert!(result.contains("Imported 2 initiatives, 11 tasks"), "{result}");

    let listing = read_board(&db);
    let sms = listing.initiatives.iter().find(|i| i.title == "Care-plan reminder texts (SMS)").expect("the epic is an initiative");
    let legal = sms.tasks.iter().find(|t| t.title == "Legal sign-off on consent language").expect("its issue is its task");
    assert!(
        legal.blocked_by.iter().any(|b| b.name == "Draft patient consent wording for SMS reminders"),
        "a Blocks link waits the right way round"
    );
    let tasks = listing.initiatives.iter().map(|i| i.tasks.len()).sum::<usize>();

    // A week later, a newer export of the same project: one issue renamed in Jira.
    app.find("[data-testid=import-done]").await.click().await.unwrap();
    std::fs::write(
        &file,
        export.replace("Legal sign-off on consent language,DFD-12", "Legal and compliance sign-off on consent language,DFD-12"),
    )
    .unwrap();
    app.find("[data-testid=open-settings]").await.click().await.unwrap();
    app.find("[data-testid=settings] [data-testid=import-open]").await.click().await.unwrap();
    app.find("[data-testid=import-choose]").await.click().await.unwrap();
    let counts = app.text("[data-testid=source-counts]").await;
    assert!(counts.contains("From Jira: 0 new initiatives, 0 new tasks"), "nothing comes over twice: {counts}");
    let updates = app.text("[data-testid=import-updates]").await;
    assert!(updates.contains("1 to update, 12 unchanged"), "{updates}");
    assert!(updates.contains("Legal and compliance sign-off on consent language"), "the change is listed: {updates}");
    app.screenshot(&shots().join("import-again.png")).await;
    app.find("[data-testid=import-run]").await.click().await.unwrap();
    let result = app.text("[data-testid=import-result]").await;
    assert!(result.contains("1 updated, 12 unchanged"), "{result}");
    let listing = read_board(&db);
    assert_eq!(listing.initiatives.iter().map(|i| i.tasks.len()).sum::<usize>(), tasks, "no task twice");
    let sms = listing.initiatives.iter().find(|i| i.title == "Care-plan reminder texts (SMS)").unwrap();
    assert!(
        sms.tasks.iter().any(|t| t.title == "Legal and compliance sign-off on consent language" && t.id == legal.id),
        "the same task, renamed"
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the embedded app build: run by ./dev test"]
async fn an_excel_sheet_with_a_title_row_is_imported_through_the_app() {
    use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
    let home = home("import-xlsx");
    let db = board_with_people(&home);
    // The CMO office's sheet: a merged title row, the table below it, real date cells.
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Q1 plan").unwrap();
    ws.merge_range(0, 0, 0, 3, "Marketing × IT plan, Q1 2027", &CellFormat::new().set_bold()).unwrap();
    let date = CellFormat::new().set_num_format("d mmm yyyy");
    for (col, h) in ["Type", "Title", "Initiative", "Due", "Department"].into_iter().enumerate() {
        ws.write_string(2, col as u16, h).unwrap();
    }
    ws.write_string(4, 4, "Marketing").unwrap();
    ws.write_string(3, 0, "initiative").unwrap();
    ws.write_string(3, 1, "Flu-shot campaign").unwrap();
    ws.write_string(4, 0, "task").unwrap();
    ws.write_string(4, 1, "Landing page").unwrap();
    ws.write_string(4, 2, "Flu-shot campaign").unwrap();
    ws.write_datetime_with_format(4, 3, ExcelDateTime::from_ymd(2027, 3, 15).unwrap(), &date).unwrap();
    let file = home.join("plan.xlsx");
    book.save(&file).unwrap();

    let app = App::launch(&home, &[("BRIDGEBOARD_IMPORT_PATH", file.to_str().unwrap())]).await;
    app.find("[data-testid=empty-board] [data-testid=import-open]").await.click().await.unwrap();
    app.find("[data-testid=import-choose]").await.click().await.unwrap();
    app.find("[data-testid=import-sheet]").await;
    let sample = app.text("[data-testid=import-sample]").await;
    assert!(sample.contains("Landing page") && !sample.contains("Q1 2027"), "the table is read below its title row: {sample}");
    app.find("[data-testid=import-run]").await.click().await.unwrap();
    let result = app.text("[data-testid=import-result]").await;
    assert!(result.contains("1 initiative") && result.contains("1 task"), "{result}");
    let listing = read_board(&db);
    let flu = listing.initiatives.iter().find(|i| i.title == "Flu-shot campaign").expect("the initiative landed");
    assert_eq!(flu.tasks[0].due.map(|d| d.to_string()).as_deref(), Some("2027-03-15"), "a date cell is its date");
    app.quit().await;
}

fn board_folder(share: &Path) -> PathBuf {
    std::fs::read_dir(share).unwrap().map(|e| e.unwrap().path()).find(|p| p.is_dir()).expect("sharing made the board's folder")
}

fn initiative_named(store: &Store, title: &str) -> store::ListedInitiative {
    store
        .listing(chrono::Local::now().date_naive())
        .unwrap()
        .initiatives
        .into_iter()
        .find(|i| i.title == title)
        .unwrap_or_else(|| panic!("no initiative {title}"))
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the embedded app build: run by ./dev test"]
async fn a_board_shared_through_a_folder_flows_both_ways_and_shows_its_conflicts() {
    let home = home("sharing");
    let db = sample_board(&home);
    let share = home.join("share");
    std::fs::create_dir_all(&share).unwrap();
    let app = App::launch(&home, &[("BRIDGEBOARD_FOLDER_DIALOG_PATH", share.to_str().unwrap())]).await;

    // Priya shares the board from Settings → Sharing, through the folder the dialog picks.
    app.find("[data-testid=open-settings]").await.click().await.unwrap();
    select_option(&app, "[data-testid=me-select]", "Priya Raman").await;
    app.find("[data-testid=share-board]").await.click().await.unwrap();
    let said = app.text("[data-testid=shared-where]").await;
    assert!(said.contains("Shared through") && said.contains("Bridgeboard-"), "Settings says where the board is shared: {said}");
    app.find("body").await.send_keys(&Key::Escape.to_string()).await.unwrap();
    app.find("[data-testid=sync-indicator]").await;

    // Tom's desktop joins from the folder and renames an initiative; the app shows it.
    let folder = board_folder(&share);
    let mut tom_store =
        Store::join(&home.join("tom.bridgeboard"), &sync::Folder::at(&folder), "IT-PM-LAPTOP-7", &Actor::unknown(), chrono::Utc::now())
            .unwrap();
    let tom_id = tom_store.snapshot().unwrap().people.into_iter().find(|p| p.name == "Tom Becker").unwrap().id;
    let tom = Actor { id: Some(tom_id), name: "Tom Becker".into() };
    let attribution = initiative_named(&tom_store, "Marketing attribution tracking").id;
    // Text from another desktop is untrusted: markup in it is shown as the characters typed.
    let rename = InitiativeChange::Title(HOSTILE_TITLE.into());
    tom_store.apply(&tom, chrono::Utc::now(), Op::UpdateInitiative { id: attribution, changes: vec![rename] }).unwrap();
    tom_store.sync(&sync::Folder::at(&folder), &tom, chrono::Utc::now()).unwrap();
    card_titled(&app, HOSTILE_TITLE).await;
    assert!(app.find_all("[data-testid=card] img").await.is_empty(), "no markup from another desktop is rendered");

    // Both set the portal campaign's target while apart.
    let portal = initiative_named(&tom_store, "Patient portal adoption campaign").id;
    card_titled(&app, "Patient portal adoption campaign").await.click().await.unwrap();
    let target = app.find("[data-testid=field-target]").await;
    app.client
        .execute(
            "arguments[0].value = '2027-03-31'; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::to_value(&target).unwrap()],
        )
        .await
        .unwrap();
    let tom_target = InitiativeChange::Target(Some(chrono::NaiveDate::from_ymd_opt(2027, 4, 15).unwrap()));
    tom_store.apply(&tom, chrono::Utc::now(), Op::UpdateInitiative { id: portal, changes: vec![tom_target] }).unwrap();
    let priya_target = chrono::NaiveDate::from_ymd_opt(2027, 3, 31);
    app.eventually("the app saved and published its edit", || async {
        let store = Store::open(&db, None).unwrap();
        initiative_named(&store, "Patient portal adoption campaign").target == priya_target
            && store.sync_status().unwrap().waiting_to_publish == 0
    })
    .await;
    tom_store.sync(&sync::Folder::at(&folder), &tom, chrono::Utc::now()).unwrap();
    assert_eq!(tom_store.conflicts().unwrap().len(), 1, "Tom's desktop sees the conflict");

    // The app shows the conflict on the field; its popover names both values; Keep this.
    let marker = app.find("[data-testid=detail] [data-testid=conflict-marker]").await;
    marker.click().await.unwrap();
    let popover = app.text("[data-testid=conflict-popover]").await;
    assert!(popover.contains("Marketing · Priya Raman set 2027-03-31"), "the popover says who set what: {popover}");
    assert!(popover.contains("IT · Tom Becker set 2027-04-15") && popover.contains("IT-PM-LAPTOP-7"), "{popover}");
    std::thread::sleep(std::time::Duration::from_millis(400));
    app.screenshot(&shots().join("conflict.png")).await;
    let keep_toms =
        "//*[@data-testid='conflict-popover']//*[@data-testid='conflict-choice'][contains(., 'Tom Becker')]//*[@data-testid='keep-this']";
    app.client.find(Locator::XPath(keep_toms)).await.unwrap().click().await.unwrap();
    app.eventually("the conflict is gone from the app", || async { app.find_all("[data-testid=conflict-marker]").await.is_empty() }).await;
    app.eventually("the kept value is published", || async {
        Store::open(&db, None).unwrap().sync_status().unwrap().waiting_to_publish == 0
    })
    .await;
    tom_store.sync(&sync::Folder::at(&folder), &tom, chrono::Utc::now()).unwrap();
    assert!(tom_store.conflicts().unwrap().is_empty(), "keeping a value in the app settles it on Tom's desktop too");
    assert_eq!(initiative_named(&tom_store, "Patient portal adoption campaign").target, chrono::NaiveDate::from_ymd_opt(2027, 4, 15));

    // The activity names the desktop Tom's change came from.
    card_titled(&app, HOSTILE_TITLE).await.click().await.unwrap();
    app.eventually("the activity names Tom's desktop", || async {
        let mut seen = false;
        for entry in app.find_all("[data-testid=activity-device]").await {
            seen |= entry.text().await.unwrap_or_default().contains("on IT-PM-LAPTOP-7");
        }
        seen
    })
    .await;

    // Settings → Sharing lists both desktops with who uses them.
    app.find("[data-testid=open-settings]").await.click().await.unwrap();
    app.eventually("both desktops are listed", || async { app.find_all("[data-testid=device]").await.len() == 2 }).await;
    app.eventually("the header says everything is synced", || async { app.text("[data-testid=sync-indicator]").await.trim() == "Synced" })
        .await;
    let sharing = app.find("[data-testid=sharing]").await;
    app.client.execute("arguments[0].scrollIntoView({block: 'start'})", vec![serde_json::to_value(&sharing).unwrap()]).await.unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    app.screenshot(&shots().join("sharing.png")).await;
    app.quit().await;
}

/// The fake sync agent between two desktops' mirrors of the shared folder: copies every file
/// `from` has that `to` lacks, as OneDrive or a file-sync job would.
fn carry(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            carry(&source, &target);
        } else if !target.exists() && !entry.file_name().to_string_lossy().starts_with('.') {
            std::fs::copy(&source, &target).unwrap();
        }
    }
}

async fn set_date(app: &App, css: &str, date: &str) {
    let field = app.find(css).await;
    let js = format!("arguments[0].value = '{date}'; arguments[0].dispatchEvent(new Event('change', {{ bubbles: true }}));");
    app.client.execute(&js, vec![serde_json::to_value(&field).unwrap()]).await.unwrap();
}

/// Waits until the board file has `title`'s target at `date` and has published everything.
async fn published(app: &App, db: &Path, title: &str, date: &str) {
    let want = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    app.eventually("the edit is saved and published", || async {
        let store = Store::open(db, None).unwrap();
        initiative_named(&store, title).target == want && store.sync_status().unwrap().waiting_to_publish == 0
    })
    .await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the embedded app build: run by ./dev test"]
async fn two_desktops_run_one_board_through_their_own_copies_of_a_folder() {
    let (home_a, home_b) = (home("desk-a"), home("desk-b"));
    let db_a = sample_board(&home_a);
    let (mirror_a, mirror_b) = (home_a.join("share"), home_b.join("share"));
    std::fs::create_dir_all(&mirror_a).unwrap();
    std::fs::create_dir_all(&mirror_b).unwrap();
    let a = App::launch_on(&home_a, &[("BRIDGEBOARD_FOLDER_DIALOG_PATH", mirror_a.to_str().unwrap())], 4444).await;
    let b = App::launch_on(&home_b, &[("BRIDGEBOARD_FOLDER_DIALOG_PATH", mirror_b.to_str().unwrap())], 4446).await;

    // Priya shares from desktop A; the folder reaches desktop B; Tom joins there.
    a.find("[data-testid=open-settings]").await.click().await.unwrap();
    select_option(&a, "[data-testid=me-select]", "Priya Raman").await;
    a.find("[data-testid=share-board]").await.click().await.unwrap();
    a.find("[data-testid=shared-where]").await;
    a.find("body").await.send_keys(&Key::Escape.to_string()).await.unwrap();
    carry(&mirror_a, &mirror_b);
    b.find("[data-testid=open-settings]").await.click().await.unwrap();
    b.find("[data-testid=join-board]").await.click().await.unwrap();
    b.find("[data-testid=join-choices]").await;
    b.find("[data-testid=join-confirm]").await.click().await.unwrap();
    card_titled(&b, "Patient portal adoption campaign").await;
    select_option(&b, "[data-testid=me-select]", "Tom Becker").await;
    b.find("body").await.send_keys(&Key::Escape.to_string()).await.unwrap();
    let folder_b = board_folder(&mirror_b);
    let db_b = home_b.join("data/org.bridgeboard.app").join(format!("{}.bridgeboard", folder_b.file_name().unwrap().to_string_lossy()));
    assert!(db_b.exists(), "the joined copy lives in the app-data folder: {}", db_b.display());

    // An edit on A appears on B once its file arrives.
    card_titled(&a, "Marketing attribution tracking").await.click().await.unwrap();
    let title = a.find("[data-testid=field-title]").await;
    title.clear().await.unwrap();
    title.send_keys("Attribution across every channel\t").await.unwrap();
    a.eventually("A published the rename", || async {
        let store = Store::open(&db_a, None).unwrap();
        store.listing(chrono::Local::now().date_naive()).unwrap().initiatives.iter().any(|i| i.title == "Attribution across every channel")
            && store.sync_status().unwrap().waiting_to_publish == 0
    })
    .await;
    carry(&mirror_a, &mirror_b);
    card_titled(&b, "Attribution across every channel").await;

    // Apart (nothing carried), both set the portal campaign's target; then the files cross.
    let portal = "Patient portal adoption campaign";
    card_titled(&a, portal).await.click().await.unwrap();
    card_titled(&b, portal).await.click().await.unwrap();
    set_date(&a, "[data-testid=detail] [data-testid=field-target]", "2027-03-31").await;
    set_date(&b, "[data-testid=detail] [data-testid=field-target]", "2027-04-15").await;
    published(&a, &db_a, portal, "2027-03-31").await;
    published(&b, &db_b, portal, "2027-04-15").await;
    carry(&mirror_a, &mirror_b);
    carry(&mirror_b, &mirror_a);
    for app in [&a, &b] {
        app.find("[data-testid=detail] [data-testid=conflict-marker]").await;
    }

    // Keep this on A settles it on B too.
    a.find("[data-testid=detail] [data-testid=conflict-marker]").await.click().await.unwrap();
    let keep_toms =
        "//*[@data-testid='conflict-popover']//*[@data-testid='conflict-choice'][contains(., 'Tom Becker')]//*[@data-testid='keep-this']";
    a.client.find(Locator::XPath(keep_toms)).await.unwrap().click().await.unwrap();
    a.eventually("the conflict is gone on A", || async { a.find_all("[data-testid=conflict-marker]").await.is_empty() }).await;
    published(&a, &db_a, portal, "2027-04-15").await;
    carry(&mirror_a, &mirror_b);
    b.eventually("the conflict is gone on B", || async { b.find_all("[data-testid=conflict-marker]").await.is_empty() }).await;

    // Apart, each desktop's CLI adds one half of a loop; both suspend the same one and show it.
    let (x, y) = ("Patient online self-scheduling", "Website redesign with accessibility (WCAG 2.1 AA)");
    for (db, from, to) in [(&db_a, x, y), (&db_b, y, x)] {
        let mut store = Store::open(db, None).unwrap();
        let (from, to) = (initiative_named(&store, from).id, initiative_named(&store, to).id);
        let link = NewDependency { from_id: from, to_id: to, kind: DependencyKind::FinishToStart, lag_days: 0 };
        store.apply(&Actor { id: None, name: "bridgeboard-cli".into() }, chrono::Utc::now(), Op::AddDependency(link)).unwrap();
    }
    for (app, db) in [(&a, &db_a), (&b, &db_b)] {
        app.eventually("each desktop published its link", || async {
            Store::open(db, None).unwrap().sync_status().unwrap().waiting_to_publish == 0
        })
        .await;
    }
    carry(&mirror_a, &mirror_b);
    carry(&mirror_b, &mirror_a);
    for (app, db) in [(&a, &db_a), (&b, &db_b)] {
        app.eventually("the loop is suspended", || async {
            Store::open(db, None).unwrap().sync_status().unwrap().suspended_dependencies.len() == 1
        })
        .await;
        card_titled(app, x).await.click().await.unwrap();
        app.find("[data-testid=detail] [data-testid=suspended-dependency]").await;
    }
    let suspended = |db: &Path| Store::open(db, None).unwrap().sync_status().unwrap().suspended_dependencies;
    assert_eq!(suspended(&db_a), suspended(&db_b), "both desktops suspend the same dependency");
    b.quit().await;
    a.quit().await;
}

/// The package `./dev test` built from the debug binaries (`tauri build --debug --bundles deb`).
fn debug_package() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/bundle/deb");
    let mut debs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}; build it with `npm run tauri -- build --debug --bundles deb` in ui/", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "deb"))
        .collect();
    debs.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    debs.pop().expect("a .deb in target/debug/bundle/deb")
}

fn run(program: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = std::process::Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{program} {args:?} failed: {text}");
    text
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the debug package: run by ./dev test"]
async fn the_package_unpacks_into_an_app_a_cli_a_desktop_entry_and_a_file_type() {
    let home = home("package");
    let root = home.join("root");
    run("dpkg-deb", &[OsStr::new("-x"), debug_package().as_os_str(), root.as_os_str()]);
    let usr = root.join("usr");

    // The desktop entry: valid, opening .bridgeboard files with the file as its argument.
    let desktop = usr.join("share/applications/Bridgeboard.desktop");
    let problems = run("desktop-file-validate", &[desktop.as_os_str()]);
    assert!(problems.trim().is_empty(), "the desktop entry is valid: {problems}");
    let entry = std::fs::read_to_string(&desktop).unwrap();
    for line in ["MimeType=application/x-bridgeboard;", "Exec=bridgeboard %f", "Icon=bridgeboard", "Categories=Office;"] {
        assert!(entry.lines().any(|l| l == line), "the entry has {line}: {entry}");
    }
    for size in ["32x32", "64x64", "128x128", "256x256", "512x512"] {
        assert!(usr.join(format!("share/icons/hicolor/{size}/apps/bridgeboard.png")).is_file(), "an icon at {size}");
    }

    // The file type: valid for shared-mime-info, by name and by the application id in the header.
    let mime = home.join("mime");
    std::fs::create_dir_all(mime.join("packages")).unwrap();
    std::fs::copy(usr.join("share/mime/packages/bridgeboard.xml"), mime.join("packages/bridgeboard.xml")).unwrap();
    run("update-mime-database", &[mime.as_os_str()]);
    let globs = std::fs::read_to_string(mime.join("globs2")).unwrap();
    assert!(globs.contains("application/x-bridgeboard:*.bridgeboard"), "{globs}");
    let declared = std::fs::read_to_string(mime.join("packages/bridgeboard.xml")).unwrap();
    let id = format!("0x{:08x}", store::migrations::APPLICATION_ID);
    assert!(declared.contains(&format!(r#"type="big32" value="{id}" offset="68""#)), "the magic is the board's application id {id}");

    // The CLI installed beside the app writes a board whose header carries that id.
    let cli = usr.join("bin/bridgeboard-cli");
    let db = home.join("Q1 plan.bridgeboard");
    run(cli.to_str().unwrap(), &[OsStr::new("--db"), db.as_os_str(), OsStr::new("demo")]);
    let header = std::fs::read(&db).unwrap();
    assert_eq!(&header[68..72], &store::migrations::APPLICATION_ID.to_be_bytes(), "at byte 68, as the file type looks for it");
    assert!(run(cli.to_str().unwrap(), &[OsStr::new("--db"), db.as_os_str(), OsStr::new("list")]).contains("Patient"));

    // The app as the package installs it, opened on that file as a file manager opens it.
    let app = App::launch_binary(&home, &[], 4444, &usr.join("bin/bridgeboard"), &[db.to_str().unwrap()]).await;
    app.eventually("the board named on the command line is shown", || async { !app.find_all("[data-testid=card]").await.is_empty() }).await;
    app.find("[data-testid=open-settings]").await.click().await.unwrap();
    let session = app.text("[data-testid=settings-board-path]").await;
    assert!(session.contains("Q1 plan.bridgeboard"), "{session}");
    app.quit().await;
}

/// Starts the app binary again as a file manager does, with `home`'s folders, and waits for it
/// to hand over and exit (or gives up after 20 s: then it became a second app, and is stopped).
fn launch_again(home: &Path, args: &[&OsStr]) -> std::process::ExitStatus {
    let mut again = std::process::Command::new(app_binary())
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .spawn()
        .unwrap();
    for _ in 0..200 {
        if let Some(status) = again.try_wait().unwrap() {
            return status;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = again.kill();
    panic!("the second launch kept running beside the first: it did not find the running app on D-Bus");
}

#[tokio::test]
#[ignore = "needs a display, a D-Bus session, tauri-driver and the embedded app build: run by ./dev test"]
async fn a_second_launch_brings_its_board_to_the_running_window_which_remembers_its_place() {
    let home = home("instance");
    let other = home.join("Sample from a colleague.bridgeboard");
    let mut store = Store::open(&other, None).unwrap();
    sample::create(&mut store, chrono::Local::now().date_naive(), chrono::Utc::now()).unwrap();
    drop(store);
    let app = App::launch(&home, &[]).await;
    app.find("[data-testid=empty-board]").await;

    // The window is moved and resized; its place is saved once it settles.
    app.client.set_window_rect(60, 40, 1100, 720).await.expect("the window can be placed");
    let saved = home.join("config/org.bridgeboard.app/.window-state.json");
    app.eventually("the window's place is saved", || async {
        std::fs::read_to_string(&saved).is_ok_and(|s| s.contains("1100") && s.contains("720"))
    })
    .await;

    // Opening a board file from the file manager while the app runs: the running app opens it.
    let status = launch_again(&home, &[other.as_os_str()]);
    assert!(status.success(), "the second launch hands its board to the running app and exits cleanly: {status}");
    card_titled(&app, "Patient portal adoption campaign").await;
    app.find("[data-testid=open-settings]").await.click().await.unwrap();
    let shown = app.text("[data-testid=settings-board-path]").await;
    assert!(shown.contains("Sample from a colleague.bridgeboard"), "the running window shows the board the file manager opened: {shown}");
    app.find("body").await.send_keys(&Key::Escape.to_string()).await.unwrap();

    // The board before it is one click away in the header.
    app.find("[data-testid=recent-boards]").await.click().await.unwrap();
    app.find("[data-testid=recent-boards-list] button").await.click().await.unwrap();
    app.find("[data-testid=empty-board]").await;
    app.find("[data-testid=recent-boards]").await.click().await.unwrap();
    app.find("[data-testid=recent-boards-list] button").await.click().await.unwrap();
    card_titled(&app, "Patient portal adoption campaign").await;

    // Ctrl+= twice: 125 %, so the page is 1100 / 1.25 = 880 CSS pixels wide.
    let css_width = || async { app.client.execute("return window.innerWidth", vec![]).await.unwrap().as_f64().unwrap() };
    let unzoomed = css_width().await;
    for _ in 0..2 {
        app.find("body").await.send_keys(&format!("{}=", Key::Control)).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    app.eventually("the page zooms to 125 %", || async { (css_width().await - unzoomed / 1.25).abs() < 2.0 }).await;
    app.quit().await;

    // The next start opens where the window was left, on the board last opened, at that zoom.
    let app = App::launch(&home, &[]).await;
    card_titled(&app, "Patient portal adoption campaign").await;
    let (_, _, width, height) = app.client.get_window_rect().await.unwrap();
    assert_eq!((width as u32, height as u32), (1100, 720), "the window comes back at the size it was left");
    let zoomed = app.client.execute("return window.innerWidth", vec![]).await.unwrap().as_f64().unwrap();
    assert!((zoomed - unzoomed / 1.25).abs() < 2.0, "the page comes back at 125 %: {zoomed} CSS pixels wide, {unzoomed} at 100 %");
    app.quit().await;
}

/// The views and dialogs of the sample board, each opened as a person would; `check` looks at the
/// page while it is open. The board is shared first, so Settings show the sharing and sync health.
/// Controls are pressed from the keyboard (WebDriver's clicks miss their mark on a zoomed page).
async fn problems_in_each_view_and_dialog(app: &App, look: Look) -> Vec<String> {
    let mut problems = Vec::new();
    // `scope`: where to look for controls the person must reach (the open dialog, when empty).
    let mut check = async |view: &str, scope: &str| {
        let found = match look {
            Look::Axe => app.accessibility_violations().await,
            Look::Reach => app.unreachable_controls(scope).await,
        };
        problems.extend(found.into_iter().map(|problem| format!("{view}: {problem}")));
    };
    let escape = || async { app.find("body").await.send_keys(&Key::Escape.to_string()).await.unwrap() };
    press(app, "[data-testid=view-board]").await;
    card_titled(app, "Patient portal adoption campaign").await;
    check("the board", "").await;
    if let Some(toggle) = app.find_all("[data-testid=needs-attention-toggle]").await.into_iter().next() {
        toggle.send_keys(&Key::Enter.to_string()).await.unwrap();
        check("the board with what needs attention", "").await;
        toggle.send_keys(&Key::Enter.to_string()).await.unwrap();
    }
    card_titled(app, "Patient portal adoption campaign").await.send_keys(&Key::Enter.to_string()).await.unwrap();
    app.find("[data-testid=detail]").await;
    check("the detail panel with its RACI, gates and KPIs", "[data-testid=detail]").await;
    escape().await;
    press(app, "[data-testid=new-initiative]").await;
    check("the New initiative dialog", "").await;
    escape().await;
    press(app, "[data-testid=open-people]").await;
    check("People", "").await;
    escape().await;
    press(app, "[data-testid=open-help]").await;
    check("the keyboard shortcuts", "").await;
    escape().await;
    press(app, "[data-testid=sync-indicator]").await;
    app.find("[data-testid=shared-where]").await;
    check("Settings, with sharing, sync health, appearance and gates", "").await;
    press(app, "[data-testid=settings] [data-testid=import-open]").await;
    press(app, "[data-testid=import-choose]").await;
    app.find("[data-testid=source-counts]").await;
    check("the import preview of a Jira export", "").await;
    escape().await;
    press(app, "[data-testid=view-roadmap]").await;
    app.find("[data-testid=timeline]").await;
    check("the roadmap", "").await;
    press(app, "[data-testid=view-raci]").await;
    app.find("[data-testid=raci-view]").await;
    check("the RACI matrix", "").await;
    press(app, "[data-testid=view-board]").await;
    problems
}

/// Enter on a control, as a keyboard user presses it.
async fn press(app: &App, css: &str) {
    app.find(css).await.send_keys(&Key::Enter.to_string()).await.unwrap();
}

/// What to look for on each view: axe-core's violations, or controls cut off at a large zoom.
#[derive(Clone, Copy)]
enum Look {
    Axe,
    Reach,
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and the embedded app build: run by ./dev test"]
async fn every_view_and_dialog_passes_axe_in_light_and_dark_and_is_usable_at_200_percent() {
    let home = home("accessibility");
    sample_board(&home);
    let share = home.join("share");
    std::fs::create_dir_all(&share).unwrap();
    let jira = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/import/jira-cloud-all-fields.csv");
    let env = [("BRIDGEBOARD_FOLDER_DIALOG_PATH", share.to_str().unwrap()), ("BRIDGEBOARD_IMPORT_PATH", jira.to_str().unwrap())];
    let app = App::launch(&home, &env).await;
    app.client.set_window_rect(0, 0, 1280, 800).await.expect("the window can be sized");
    app.find("[data-testid=open-settings]").await.click().await.unwrap();
    select_option(&app, "[data-testid=me-select]", "Priya Raman").await;
    app.find("[data-testid=share-board]").await.click().await.unwrap();
    app.find("[data-testid=shared-where]").await;
    app.find("body").await.send_keys(&Key::Escape.to_string()).await.unwrap();

    let mut problems = Vec::new();
    for theme in ["light", "dark"] {
        // The theme is chosen in Settings, as a person would.
        app.find("[data-testid=open-settings]").await.click().await.unwrap();
        app.find(&format!("[data-testid=theme-{theme}]")).await.click().await.unwrap();
        app.eventually("the theme applies", || async {
            let shown = app.client.execute("return document.documentElement.dataset.theme", vec![]).await.unwrap();
            shown.as_str() == Some(theme)
        })
        .await;
        app.find("body").await.send_keys(&Key::Escape.to_string()).await.unwrap();
        let found = problems_in_each_view_and_dialog(&app, Look::Axe).await;
        problems.extend(found.into_iter().map(|problem| format!("{theme} mode, {problem}")));
        if theme == "dark" {
            card_titled(&app, "Patient portal adoption campaign").await.click().await.unwrap();
            app.find("[data-testid=detail]").await;
            app.screenshot(&shots().join("dark.png")).await;
            app.find("body").await.send_keys(&Key::Escape.to_string()).await.unwrap();
        }
    }

    // Ctrl+= five times: 200 %, the window still 1280 × 800. Every control can still be reached.
    for _ in 0..5 {
        app.find("body").await.send_keys(&format!("{}=", Key::Control)).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.eventually("the page zooms to 200 %", || async {
        let width = app.client.execute("return window.innerWidth", vec![]).await.unwrap().as_f64().unwrap();
        (width - 640.0).abs() < 20.0
    })
    .await;
    let unreachable = problems_in_each_view_and_dialog(&app, Look::Reach).await;
    app.screenshot(&shots().join("zoom-200.png")).await;
    assert!(
        problems.is_empty() && unreachable.is_empty(),
        "axe-core finds serious or critical problems:\n{}\nat 200 % these controls are cut off or covered:\n{}",
        problems.join("\n"),
        unreachable.join("\n")
    );
    app.quit().await;
}

//! `import` of CSV files through the real binary: our own export comes back, the date order,
//! separator and column mapping can be given as flags, and a file with bad rows exits 1 listing
//! every bad line while the board stays as it was.

mod common;

use common::{cli, fails, initiative, listing, ok, Scratch, TODAY};

#[test]
fn our_csv_export_imports_into_a_board_and_again_without_duplicates() {
    let s = Scratch::new("import-csv-ours");
    let db = s.demo();
    let file = s.path("roadmap.csv");
    ok(&db, &["export", "--format", "csv", "--out", file.to_str().unwrap(), "--today", TODAY]);
    let copy = s.path("copy.bridgeboard");
    let import = |db: &std::path::Path| ok(db, &["import", file.to_str().unwrap(), "--create-people", "--department", "Marketing"]);
    let printed = import(&copy);
    assert!(printed.starts_with("Imported 6 initiatives, 30 tasks and 10 dependencies"), "the import says what it added: {printed}");
    let shape = |db: &std::path::Path| {
        let l = listing(db);
        let i = initiative(&l, "Patient online self-scheduling").clone();
        i["tasks"].as_array().unwrap().iter().map(|t| (t["title"].clone(), t["due"].clone(), t["status"].clone())).collect::<Vec<_>>()
    };
    assert_eq!(shape(&copy), shape(&db), "its tasks come over with their titles, dates and statuses");

    // The same sheet again, into the copy and into the board it came from: nothing twice.
    let count = |db: &std::path::Path| listing(db)["initiatives"].as_array().unwrap().len();
    for target in [&copy, &db] {
        let before = count(target);
        let printed = import(target);
        assert!(printed.starts_with("Imported 0 initiatives, 0 tasks and 0 dependencies"), "{printed}");
        assert!(printed.contains("0 updated, 36 unchanged"), "{printed}");
        assert_eq!(count(target), before);
    }
}

/// A board file with Dana in Marketing and Tom in IT.
fn small_board(s: &Scratch) -> std::path::PathBuf {
    let db = s.path("board.bridgeboard");
    ok(&db, &["add-person", "Dana Whitfield", "--department", "Marketing"]);
    ok(&db, &["add-person", "Tom Becker", "--department", "IT"]);
    db
}

#[test]
fn the_date_format_flag_answers_the_question_about_03_04() {
    let s = Scratch::new("import-csv-dates");
    let db = small_board(&s);
    let file = s.path("list.csv");
    std::fs::write(&file, "Title;Initiative;Assignee;Due Date\r\nPortal;;;\r\nFlyers;Portal;Dana Whitfield;03/04/2026\r\n").unwrap();
    let asked = fails(&db, &["import", file.to_str().unwrap()], 1);
    assert!(
        asked.contains("line 3, column Due Date: 03/04/2026") && asked.contains("--date-format"),
        "the refusal asks which order: {asked}"
    );
    let printed = ok(&db, &["import", file.to_str().unwrap(), "--date-format", "mdy"]);
    assert!(printed.contains("1 initiatives, 1 tasks"), "{printed}");
    let board = listing(&db);
    assert_eq!(initiative(&board, "Portal")["tasks"][0]["due"], "2026-03-04", "month first: March 4");
    let usage = fails(&db, &["import", file.to_str().unwrap(), "--date-format", "dd/mm/yyyy"], 2);
    assert!(usage.contains("dmy"), "a wrong flag value is a usage error that lists the choices: {usage}");
}

#[test]
fn the_separator_and_the_columns_can_be_given() {
    let s = Scratch::new("import-csv-map");
    let db = small_board(&s);
    let file = s.path("plan.csv");
    std::fs::write(&file, "Headline|Go-live day|Points\r\nPortal campaign|2026-06-30|8\r\n").unwrap();
    let printed =
        ok(&db, &["import", file.to_str().unwrap(), "--delimiter", "|", "--map", "Headline=title", "--map", "go-live day=finish"]);
    assert!(printed.contains("Columns not read: Points."), "unknown columns are named: {printed}");
    assert_eq!(initiative(&listing(&db), "Portal campaign")["target"], "2026-06-30", "the mapped column is the go-live date");

    let usage = fails(&db, &["import", file.to_str().unwrap(), "--map", "Headline=colour"], 2);
    assert!(usage.contains("not a field"), "an unknown field is a usage error: {usage}");
    fails(&db, &["import", file.to_str().unwrap(), "--delimiter", ";;"], 2);
    let missing = fails(&db, &["import", file.to_str().unwrap(), "--delimiter", "|", "--map", "Heading=title"], 1);
    assert!(missing.contains("no column called “Heading”"), "a heading the file lacks is named: {missing}");
}

#[test]
fn bad_rows_exit_1_listing_every_line_and_change_nothing() {
    let s = Scratch::new("import-csv-bad");
    let db = small_board(&s);
    let before = listing(&db);
    let file = s.path("bad.csv");
    std::fs::write(
        &file,
        "type,title,initiative,department,assignee,status,finish\r\n\
         initiative,Portal,,,,,\r\n\
         task,Flyers,Portal,Marketing,Someone Else,todo,\r\n\
         task,Enroll,Portal,IT,Tom Becker,todo,31/02/2026\r\n\
         task,Email,Portal,Marketing,Dana Whitfield,later,\r\n",
    )
    .unwrap();
    let message = fails(&db, &["import", file.to_str().unwrap()], 1);
    for expected in ["line 3, column assignee", "line 4, column finish: 31/02/2026", "line 5, column status"] {
        assert!(message.contains(expected), "the refusal lists {expected:?}: {message}");
    }
    assert_eq!(listing(&db), before, "nothing of the file was imported");

    let fresh = s.path("fresh.bridgeboard");
    fails(&fresh, &["import", file.to_str().unwrap()], 1);
    assert!(!fresh.exists(), "a refused import leaves no new board file behind");
}

#[test]
fn a_csv_into_a_new_board_file() {
    let s = Scratch::new("import-csv-new");
    let file = s.path("ideas.csv");
    std::fs::write(&file, "\u{feff}title,tags\r\n=Portal campaign,portal;clinics\r\n").unwrap();
    let db = s.path("new.bridgeboard");
    let printed = cli(&db).args(["--as", "nobody", "import", file.to_str().unwrap()]).assert().code(1).get_output().stderr.clone();
    assert!(!String::from_utf8(printed).unwrap().is_empty(), "an unknown --as person is refused");
    assert!(!db.exists(), "and leaves no board file");
    ok(&db, &["import", file.to_str().unwrap()]);
    let board = listing(&db);
    assert_eq!(
        initiative(&board, "=Portal campaign")["tags"],
        serde_json::json!(["portal", "clinics"]),
        "a foreign file's text is read as written"
    );
}

//! `export` through the real binary, on the sample board: every format twice gives the same
//! bytes, filters narrow the roadmap, mistakes are refused with the right exit code, and the
//! file is replaced whole or left as it was.

mod common;

use common::{cli, fails, ok, Scratch, TODAY};

const MINE: &[&str] = &["csv", "xlsx", "json", "md", "ics"];

fn export(s: &Scratch, db: &std::path::Path, format: &str, name: &str, extra: &[&str]) -> Vec<u8> {
    let out = s.path(name);
    let out_text = out.to_str().unwrap();
    let mut args = vec!["export", "--format", format, "--out", out_text, "--today", TODAY];
    args.extend_from_slice(extra);
    let printed = ok(db, &args);
    assert_eq!(printed, out_text, "export prints the path it wrote, for scripts");
    std::fs::read(&out).expect("the export file exists")
}

/// The data rows of a CSV export as (type, title).
fn csv_rows(bytes: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    text.trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            (cells[1].to_string(), cells[4].to_string())
        })
        .collect()
}

fn initiatives(bytes: &[u8]) -> Vec<String> {
    csv_rows(bytes).into_iter().filter(|(kind, _)| kind == "initiative").map(|(_, title)| title).collect()
}

#[test]
fn every_format_exports_the_same_bytes_twice() {
    let s = Scratch::new("export-twice");
    let db = s.demo();
    for format in MINE {
        let first = export(&s, &db, format, &format!("a.{format}"), &[]);
        let second = export(&s, &db, format, &format!("b.{format}"), &[]);
        assert!(!first.is_empty(), "{format}: the export has content");
        assert!(first == second, "{format}: the same board and --today give the same bytes");
    }
    let csv = export(&s, &db, "csv", "paper.csv", &["--paper", "letter", "--detail", "tasks"]);
    assert_eq!(csv, std::fs::read(s.path("a.csv")).unwrap(), "--paper and --detail are accepted and ignored by csv");
}

#[test]
fn without_today_the_export_uses_the_local_date() {
    let s = Scratch::new("export-today");
    let db = s.demo();
    let out = s.path("roadmap.md");
    ok(&db, &["export", "--format", "md", "--out", out.to_str().unwrap()]);
    let today = chrono::Local::now().date_naive().to_string();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains(&format!("As of {today}")), "the document is dated today when --today is not given");
}

#[test]
fn filters_narrow_the_roadmap() {
    let s = Scratch::new("export-filters");
    let db = s.demo();
    let all = export(&s, &db, "csv", "all.csv", &[]);
    assert_eq!(initiatives(&all).len(), 6, "without filters, the whole roadmap");

    let compliance = export(&s, &db, "csv", "compliance.csv", &["--department", "compliance"]);
    assert_eq!(initiatives(&compliance), ["Care-plan reminder texts (SMS)"], "a department by name, ignoring case");
    assert_eq!(csv_rows(&compliance).len(), 2, "with only that department's task");

    let grace = export(&s, &db, "csv", "grace.csv", &["--owner", "Grace Kim"]);
    assert_eq!(
        initiatives(&grace),
        ["Patient online self-scheduling", "Patient portal adoption campaign"],
        "a person's tasks, found by name"
    );

    let statuses = export(&s, &db, "csv", "status.csv", &["--status", "live", "--status", "proposed"]);
    assert_eq!(initiatives(&statuses), ["Social media program", "Patient portal adoption campaign"], "--status repeats");

    let tagged = export(&s, &db, "csv", "tag.csv", &["--tag", "website"]);
    assert_eq!(initiatives(&tagged).len(), 2, "--tag keeps the tagged initiatives");

    let range = export(&s, &db, "csv", "range.csv", &["--from", "2026-07-01", "--to", "2026-12-31"]);
    assert_eq!(initiatives(&range), ["Patient portal adoption campaign"], "--from/--to keep what reaches into the range");

    let md = String::from_utf8(export(&s, &db, "md", "tag.md", &["--tag", "website"])).unwrap();
    assert!(md.contains("filtered by tag website"), "the Markdown says the list is filtered: {md}");
}

#[test]
fn json_is_the_whole_board_and_refuses_filters() {
    let s = Scratch::new("export-json");
    let db = s.demo();
    let bytes = export(&s, &db, "json", "board.json", &[]);
    let bundle: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(bundle["format"], "bridgeboard-board", "the bundle names its format");
    assert_eq!(bundle["format_version"], 2, "and its version");
    assert!(bundle["gates"].as_array().unwrap().len() > 5, "the gates are in it, as roles and gate types are");
    assert!(bundle["activity"].as_array().unwrap().len() > 50, "the whole history is in it");

    let out = s.path("filtered.json");
    let err = fails(&db, &["export", "--format", "json", "--out", out.to_str().unwrap(), "--tag", "website"], 2);
    assert!(err.contains("whole board") && err.contains("no filters"), "the refusal says why: {err}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn mistakes_are_refused_with_the_usual_exit_codes() {
    let s = Scratch::new("export-mistakes");
    let db = s.demo();
    let out = s.path("out.csv");
    let out = out.to_str().unwrap();
    let err = fails(&db, &["export", "--format", "docx", "--out", out], 2);
    assert!(err.contains("csv"), "an unknown format is a usage mistake that lists the formats: {err}");
    let err = fails(&db, &["export", "--format", "csv", "--out", out, "--today", "2026-02-30"], 1);
    assert!(err.contains("YYYY-MM-DD"), "a date that does not exist is bad input: {err}");
    let err = fails(&db, &["export", "--format", "csv", "--out", out, "--from", "2026-05-01", "--to", "2026-04-01"], 1);
    assert!(err.contains("after"), "a backwards range is refused: {err}");
    let err = fails(&db, &["export", "--format", "csv", "--out", out, "--department", "Radiology"], 1);
    assert!(err.contains("no department called"), "an unknown department is named: {err}");
    let err = fails(&db, &["export", "--format", "csv", "--out", out, "--status", "done"], 1);
    assert!(err.contains("proposed, planned"), "a task status is not an initiative status: {err}");
    assert!(!s.path("out.csv").exists(), "no refusal writes a file");
    let missing = s.path("missing.bridgeboard");
    fails(&missing, &["export", "--format", "csv", "--out", out], 3);
    assert!(!missing.exists(), "exporting from a missing board never creates one");
}

#[test]
fn a_missing_output_folder_is_refused_clearly() {
    let s = Scratch::new("export-folder");
    let db = s.demo();
    let out = s.path("no such folder").join("roadmap.csv");
    let err = fails(&db, &["export", "--format", "csv", "--out", out.to_str().unwrap()], 1);
    assert!(err.contains("does not exist") && err.contains("no such folder"), "the message names the folder: {err}");
    assert!(!s.path("no such folder").exists(), "the folder is not created behind the user's back");
}

#[test]
fn an_export_replaces_an_old_file_whole_or_leaves_it_intact() {
    let s = Scratch::new("export-replace");
    let db = s.demo();
    let out = s.path("roadmap.csv");
    std::fs::write(&out, "last week's roadmap").unwrap();
    let fresh = export(&s, &db, "csv", "roadmap.csv", &[]);
    assert!(fresh.starts_with("\u{feff}id,".as_bytes()), "the old file is replaced by the new export");
    let names: Vec<String> = std::fs::read_dir(&s.dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "no temp file is left behind: {names:?}");

    // A failed export — here the board file turns out to be damaged — leaves the old file as it was.
    let broken = s.path("broken.bridgeboard");
    std::fs::write(&broken, vec![0x42u8; 8192]).unwrap();
    let err = fails(&broken, &["export", "--format", "csv", "--out", out.to_str().unwrap(), "--today", TODAY], 3);
    assert!(!err.is_empty(), "the failure is explained");
    assert_eq!(std::fs::read(&out).unwrap(), fresh, "the previous export is untouched");

    // A target that cannot be replaced by a file (a folder of that name) is refused, and kept.
    let folder = s.path("roadmap.xlsx");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("keep.txt"), "keep").unwrap();
    let err = fails(&db, &["export", "--format", "xlsx", "--out", folder.to_str().unwrap()], 1);
    assert!(err.contains("is a folder"), "the message says what is wrong: {err}");
    assert_eq!(std::fs::read_to_string(folder.join("keep.txt")).unwrap(), "keep", "the folder and its contents are untouched");
}

#[test]
fn the_other_formats_export_when_available_or_say_so() {
    let s = Scratch::new("export-pictures");
    let db = s.demo();
    for format in ["svg", "png", "pdf", "html"] {
        let out = s.path(&format!("roadmap.{format}"));
        let result = cli(&db).args(["export", "--format", format, "--out", out.to_str().unwrap(), "--today", TODAY]).assert();
        let output = result.get_output();
        match output.status.code() {
            Some(0) => assert!(out.exists(), "{format}: a successful export writes its file"),
            Some(1) => {
                assert!(String::from_utf8_lossy(&output.stderr).contains("not yet available"), "{format}: a format not built yet says so")
            }
            other => panic!("{format}: unexpected exit {other:?}: {}", String::from_utf8_lossy(&output.stderr)),
        }
    }
}

/// The README's roadmap picture is this export of the sample board, made by every test run
/// (dated today, like the sample board a newcomer sees) into `target/screenshots/`, from where
/// `./dev screenshots` copies it into `tests/screenshots/`.
#[test]
fn the_readme_roadmap_picture_is_a_cli_export() {
    let s = Scratch::new("readme-picture");
    let db = s.path("sample.bridgeboard");
    let today = chrono::Local::now().date_naive().to_string();
    common::cli(&db).args(["demo", "--today", &today]).assert().success();
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let out = shots.join("roadmap.png");
    ok(&db, &["export", "--format", "png", "--out", out.to_str().unwrap(), "--today", &today]);
    let png = std::fs::read(&out).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "the picture is a PNG");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1920, "sized for a 16:9 slide");
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 1080);
}

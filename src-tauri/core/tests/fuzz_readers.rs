//! Hostile bytes for every reader of outside files (see `fuzz/mod.rs` for the contract): a few
//! dozen cases each here, so the run stays short; `BRIDGEBOARD_FUZZ_CASES=N` asks for more,
//! and `cargo bench -p bridgeboard-core --bench fuzz` runs thousands and prints cases per second.

mod common;
mod fuzz;

fn check(reader: fn(u32) -> Result<fuzz::Tally, String>, default: u32) {
    match reader(fuzz::cases(default)) {
        Ok(tally) => assert!(tally.cases > 0 && tally.refused > 0, "damaged files were tried and some refused: {tally:?}"),
        Err(failure) => panic!("{failure}"),
    }
}

#[test]
fn a_damaged_board_export_is_refused_and_the_board_file_is_byte_identical() {
    check(fuzz::board_export, 48);
}

#[test]
fn a_damaged_csv_sheet_is_imported_or_refused_never_half() {
    check(fuzz::csv_sheet, 48);
}

#[test]
fn a_damaged_excel_workbook_is_imported_or_refused_never_half() {
    check(fuzz::excel, 32);
}

#[test]
fn a_damaged_jira_export_is_imported_or_refused_never_half() {
    check(fuzz::jira, 48);
}

#[test]
fn a_damaged_asana_export_is_imported_or_refused_never_half() {
    check(fuzz::asana, 48);
}

#[test]
fn a_damaged_trello_export_is_imported_or_refused_never_half() {
    check(fuzz::trello, 48);
}

#[test]
fn a_damaged_project_plan_is_imported_or_refused_never_half() {
    check(fuzz::msproject, 48);
}

#[test]
fn damaged_change_files_and_device_records_in_the_share_change_nothing() {
    check(fuzz::change_files, 32);
}

#[test]
fn a_damaged_marker_or_genesis_document_is_refused_when_joining() {
    check(fuzz::join, 24);
}

#[test]
fn a_damaged_or_foreign_board_file_is_refused_untouched_or_read_without_a_panic() {
    check(fuzz::board_file, 48);
}

#[test]
fn a_damaged_backup_is_left_out_of_the_list_and_refused_by_restore() {
    check(fuzz::backup, 32);
}

#[test]
fn a_damaged_settings_file_is_read_as_far_as_it_goes_and_saved_again() {
    match fuzz::settings(fuzz::cases(64)) {
        Ok(tally) => assert_eq!(tally.accepted, tally.cases, "settings are never refused: this desktop starts anyway"),
        Err(failure) => panic!("{failure}"),
    }
}

#[test]
fn a_damaged_template_file_is_refused_or_its_plan_used_without_a_panic() {
    check(fuzz::template_file, 32);
}

//! The UI's TypeScript types are generated from the Rust structs. This test fails when the
//! committed `ui/src/lib/bindings/index.ts` drifts; `UPDATE_BINDINGS=1 cargo test` rewrites it.

use bridgeboard_core::*;
use ts_rs::{Config, TS};

macro_rules! declarations {
    ($cfg:expr; $($ty:ty),+ $(,)?) => {
        vec![$(format!("export {}", <$ty as TS>::decl($cfg))),+]
    };
}

fn generated() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = declarations!(&cfg;
        InitiativeStatus, TaskStatus, Priority, DependencyKind, TaskKind, ItemKind,
        Department, Person, Initiative, Task, Dependency, Comment, Activity, Actor,
        Op, NewDepartment, NewPerson, NewInitiative, NewTask, NewDependency,
        InitiativeChange, TaskChange, PersonChange,
        RaciRole, GateState, GateType, Gate, RoleAssignment, GateSummary, RaciPerson, Raci, GateView,
        NewGate, GateChange, NewGateType, GateTypeChange,
        PhiKind, PhiFinding, Applied, TemplateRef, domain::templates::Template, domain::templates::TemplatePlan,
        domain::templates::TemplateTask, domain::templates::TemplateKpi,
        Direction, KpiStanding, Kpi, Reading, KpiView, NewKpi, KpiChange, NewReading,
        BoardInfo, PersonRef, ItemRef, DepartmentProgress, InitiativeCard, BoardView, BoardUpdate, DeletedInitiative,
        DependencyLink, ScheduleConflict, TaskRow, InitiativeDetail, ErrorPayload, ErrorCode,
        settings::BoardFilters, settings::Settings, settings::Session, settings::RoadmapSettings, settings::Zoom, settings::GroupBy, settings::Appearance, settings::Theme,
        schedule::ScheduleAnalysis, schedule::ScheduledItem, schedule::Violation, schedule::SlipImpact, schedule::Moved,
        export::Format, export::Report, domain::raci::RaciMatrix, domain::raci::RaciRow, domain::baselines::BaselineInfo, domain::baselines::BaselineReport, domain::baselines::BaselineRow, domain::baselines::BaselineChange, export::Paper, export::RoadmapFilter, export::Span, export::RoadmapTask, export::Lane, export::roadmap::RoadmapGate, export::Roadmap, export::RoadmapView,
        import::csv::Field, import::csv::DateOrder, import::csv::CsvOptions, import::csv::CsvImportSummary, import::csv::Problem,
        import::ImportKind, import::Imported, import::ImportPreview, import::plan::Source, import::plan::Stage, import::plan::Skipped,
        import::resolve::SourceOptions, import::resolve::PersonTarget, import::resolve::PersonMatch, import::resolve::StatusUse,
        import::write::SourceSummary, import::ReadOptions, import::trello::Archived, import::reimport::Updated, import::reimport::FieldUpdate,
        backups::BackupInfo, backups::BackupKind,
        SyncStatus, SyncReport, store::DeviceHealth, store::UnusableFile, store::WaitingFrom, store::SuspendedDependency, FieldConflict, ConflictChoice,
        sync::SharedBoard, Attention, AttentionKind,
    );
    format!(
        "// Generated from the Rust types in src-tauri/core by its bindings test; do not edit.\n\
         // Rewrite with: UPDATE_BINDINGS=1 cargo test -p bridgeboard-core --test bindings\n\n{}\n",
        decls.join("\n\n")
    )
}

#[test]
fn typescript_bindings_match_the_rust_types() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings/index.ts");
    let fresh = generated();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/bindings/index.ts is out of date with the Rust types; \
         run UPDATE_BINDINGS=1 cargo test -p bridgeboard-core --test bindings"
    );
}

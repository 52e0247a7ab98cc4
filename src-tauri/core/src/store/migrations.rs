//! Schema versions, kept in SQLite's `user_version`. Append-only: a migration that has shipped is
//! never edited; a change is a new entry at the end. The store takes a backup before running any.

use rusqlite::Transaction;

/// Marks a file as a Bridgeboard board ("BRBD") in SQLite's `application_id` header field.
pub const APPLICATION_ID: i32 = 0x4252_4244;

pub const MIGRATIONS: &[&str] = &[
    // 1: the board.
    r#"
    CREATE TABLE board (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE departments (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        color TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE TABLE people (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        department_id TEXT NOT NULL REFERENCES departments(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE TABLE initiatives (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        priority TEXT NOT NULL,
        start_date TEXT,
        target_date TEXT,
        marketing_owner_id TEXT REFERENCES people(id),
        it_owner_id TEXT REFERENCES people(id),
        sponsor_id TEXT REFERENCES people(id),
        tags TEXT NOT NULL DEFAULT '[]',
        block_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE TABLE tasks (
        id TEXT PRIMARY KEY,
        initiative_id TEXT NOT NULL REFERENCES initiatives(id),
        title TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        department_id TEXT NOT NULL REFERENCES departments(id),
        assignee_id TEXT REFERENCES people(id),
        status TEXT NOT NULL,
        start_date TEXT,
        due_date TEXT,
        kind TEXT NOT NULL,
        position REAL NOT NULL,
        block_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX tasks_by_initiative ON tasks(initiative_id);
    CREATE TABLE dependencies (
        id TEXT PRIMARY KEY,
        from_id TEXT NOT NULL,
        from_kind TEXT NOT NULL,
        to_id TEXT NOT NULL,
        to_kind TEXT NOT NULL,
        kind TEXT NOT NULL,
        lag_days INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX dependencies_by_from ON dependencies(from_id);
    CREATE INDEX dependencies_by_to ON dependencies(to_id);
    CREATE TABLE comments (
        id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL,
        author_id TEXT REFERENCES people(id),
        author_name TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX comments_by_item ON comments(item_id);
    CREATE TABLE activity (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        actor_id TEXT,
        actor_name TEXT NOT NULL,
        item_kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        initiative_id TEXT,
        action TEXT NOT NULL,
        field TEXT,
        before TEXT,
        after TEXT,
        summary TEXT NOT NULL
    );
    CREATE INDEX activity_by_initiative ON activity(initiative_id, at);
    "#,
    // 2: sharing a board between desktops. The sync_ tables belong to this file alone (this
    // desktop's identity, its journal and outbox) and are never replicated.
    r#"
    ALTER TABLE activity ADD COLUMN device TEXT;
    -- Set by the projection on this desktop only: a dependency that, merged with one added
    -- elsewhere, would close a loop. It does not block and is shown with the loop.
    ALTER TABLE dependencies ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE sync_share (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        folder TEXT NOT NULL,
        device_id TEXT NOT NULL,
        device_name TEXT NOT NULL,
        shared_at TEXT NOT NULL,
        next_file_seq INTEGER NOT NULL DEFAULT 1,
        waiting INTEGER NOT NULL DEFAULT 0,
        last_sync_at TEXT,
        offline TEXT,
        newer_format INTEGER
    );
    CREATE TABLE sync_snapshot (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        bytes BLOB NOT NULL,
        generation INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE sync_changes (
        seq INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        bytes BLOB NOT NULL,
        local INTEGER NOT NULL,
        file_seq INTEGER,
        published INTEGER NOT NULL DEFAULT 0,
        in_snapshot INTEGER NOT NULL DEFAULT 0,
        device_id TEXT,
        waiting INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sync_changes_outbox ON sync_changes(local, published);
    CREATE INDEX sync_changes_by_sha256 ON sync_changes(sha256);
    CREATE TABLE sync_pending (
        seq INTEGER PRIMARY KEY,
        writes TEXT NOT NULL,
        author TEXT NOT NULL,
        at_ms INTEGER NOT NULL
    );
    CREATE TABLE sync_conflicts (
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        col TEXT NOT NULL,
        competing TEXT NOT NULL,
        PRIMARY KEY (tbl, row_id, col)
    );
    CREATE TABLE sync_deleted_while_edited (
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        PRIMARY KEY (tbl, row_id)
    );
    CREATE TABLE sync_files (
        name TEXT PRIMARY KEY,
        problem TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        tries INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE sync_devices (
        device_id TEXT PRIMARY KEY,
        device_name TEXT NOT NULL,
        person TEXT NOT NULL,
        app_version TEXT NOT NULL,
        last_change_at TEXT
    );
    "#,
    // 3: governance and results. The Accountable is a field of its item (exactly one; two desktops naming
    // two is a field conflict); Responsible, Consulted and Informed are rows. Gates belong to an
    // initiative, one of each type; their types form the board's catalogue. The built-in types
    // are added by `gate_types::insert_builtin` after this runs.
    r#"
    ALTER TABLE initiatives ADD COLUMN accountable_id TEXT REFERENCES people(id);
    ALTER TABLE tasks ADD COLUMN accountable_id TEXT REFERENCES people(id);
    ALTER TABLE tasks ADD COLUMN go_live INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE roles (
        id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL,
        initiative_id TEXT NOT NULL REFERENCES initiatives(id),
        person_id TEXT NOT NULL REFERENCES people(id),
        role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX roles_by_initiative ON roles(initiative_id);
    CREATE INDEX roles_by_person ON roles(person_id);
    CREATE TABLE gate_types (
        id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        usual_approver TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE TABLE gates (
        id TEXT PRIMARY KEY,
        initiative_id TEXT NOT NULL REFERENCES initiatives(id),
        gate_type_id TEXT NOT NULL REFERENCES gate_types(id),
        approver_id TEXT REFERENCES people(id),
        state TEXT NOT NULL,
        reason TEXT,
        evidence TEXT NOT NULL DEFAULT '',
        decided_by TEXT,
        decided_at TEXT,
        decided_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX gates_by_initiative ON gates(initiative_id);
    -- KPIs: how an initiative's success is measured, with dated readings. An initiative's
    -- went_live_on is the day it first went Live; its post-go-live review is review_on, or 90
    -- days after going live when not set.
    ALTER TABLE initiatives ADD COLUMN went_live_on TEXT;
    ALTER TABLE initiatives ADD COLUMN review_on TEXT;
    CREATE TABLE kpis (
        id TEXT PRIMARY KEY,
        initiative_id TEXT NOT NULL REFERENCES initiatives(id),
        name TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        direction TEXT NOT NULL,
        baseline REAL NOT NULL,
        baseline_on TEXT NOT NULL,
        target REAL NOT NULL,
        target_on TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX kpis_by_initiative ON kpis(initiative_id);
    CREATE TABLE kpi_readings (
        id TEXT PRIMARY KEY,
        kpi_id TEXT NOT NULL REFERENCES kpis(id),
        value REAL NOT NULL,
        taken_on TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX kpi_readings_by_kpi ON kpi_readings(kpi_id, taken_on);
    -- Templates the board's people saved or imported (the built-in ones live in the code); the
    -- plan is JSON (domain::templates::TemplatePlan). A task may repeat at a cadence.
    CREATE TABLE templates (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        plan TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    ALTER TABLE tasks ADD COLUMN cadence TEXT;
    -- Baselines: the schedule saved under a name, each item's dates as JSON
    -- (domain::baselines::BaselineItem). The comparison asks the log who last moved each item.
    CREATE INDEX activity_by_item ON activity(item_id, at);
    CREATE TABLE baselines (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        items TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    "#,
    // 4: where an imported item came from, so that importing a newer export of the same project
    // updates it instead of adding it again: its key in the other tool ("jira:SITE:10231",
    // "asana::1205", "msproject:PROJECT-GUID:12", "sheet::ID") and, as JSON, the value of each
    // field as the last import wrote it (see `import::reimport`). No index: an import reads
    // them all at once.
    r#"
    ALTER TABLE initiatives ADD COLUMN source_key TEXT;
    ALTER TABLE initiatives ADD COLUMN source_values TEXT;
    ALTER TABLE tasks ADD COLUMN source_key TEXT;
    ALTER TABLE tasks ADD COLUMN source_values TEXT;
    "#,
    // 5: the dependencies that can block, by the kind of item they block and the kind they wait
    // for (see `items::open_blockers`). The board asks only for those that block initiatives, a
    // twentieth of them on a large board, and scanned every dependency twice to find them: most
    // of its read once the task counts are kept. Holds both ends, so no row is read besides.
    r#"
    CREATE INDEX dependencies_blocking ON dependencies(to_kind, from_kind, to_id, from_id)
        WHERE deleted_at IS NULL AND suspended = 0 AND kind = 'finish_to_start';
    "#,
];

/// The schema version this build of Bridgeboard writes.
pub fn latest_version() -> i32 {
    MIGRATIONS.len() as i32
}

/// The tables every board file has, whatever its version (later ones come with migrations).
pub const EXPECTED_TABLES: &[&str] = &["board", "departments", "people", "initiatives", "tasks", "dependencies", "comments", "activity"];

/// Runs every migration after `from` inside the caller's transaction.
pub fn migrate(tx: &Transaction, from: i32) -> rusqlite::Result<()> {
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        tx.execute_batch(sql)?;
        if index == 2 {
            super::gate_types::insert_builtin(tx)?;
        }
        tx.pragma_update(None, "user_version", index as i32 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(())
}

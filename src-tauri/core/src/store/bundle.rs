//! Reading every row of the board, deleted ones and the whole activity log included, for the
//! lossless JSON export (`export::json`). Unlike `Store::snapshot`, nothing is left out and every
//! row keeps its id and its `created_at` / `updated_at` / `deleted_at`, so that a later import can
//! rebuild the board exactly. Rows come ordered by id (UUIDv7: creation order), or for rows
//! whose ids are derived (roles, gates) by what they belong to, so the same board always gives
//! the same bundle. `Store::read_bundle` hands the rows over in chunks as it reads
//! them, so that the export can write while it reads; `Store::bundle` collects them.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};

use super::{activity, comments, dependencies, gates, initiatives, kpis, roles, rows, tasks, templates, Store};
use crate::domain::baselines::Baseline;
use crate::domain::governance::{Gate, GateType, RoleAssignment};
use crate::domain::model::*;
use crate::domain::results::{Kpi, Reading};
use crate::domain::templates::Template;
use crate::domain::view::BoardInfo;
use crate::domain::wire_time;
use crate::Result;

/// The whole board, row for row. `format` and `format_version` say what the file is, so an
/// importer can refuse a file it does not understand instead of guessing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    pub format: String,
    pub format_version: u32,
    pub board: BoardRow,
    pub departments: Vec<DepartmentRow>,
    pub people: Vec<PersonRow>,
    pub initiatives: Vec<InitiativeRow>,
    pub tasks: Vec<TaskRow>,
    pub dependencies: Vec<DependencyRow>,
    pub comments: Vec<CommentRow>,
    /// The append-only log, oldest first; it is never deleted from.
    pub activity: Vec<Activity>,
    /// Since version 2: the gate catalogue (built-in types included), roles, gates, KPIs and
    /// their readings.
    #[serde(default)]
    pub gate_types: Vec<GateTypeRow>,
    #[serde(default)]
    pub roles: Vec<RoleRow>,
    #[serde(default)]
    pub gates: Vec<GateRow>,
    #[serde(default)]
    pub kpis: Vec<KpiRow>,
    #[serde(default)]
    pub kpi_readings: Vec<ReadingRow>,
    #[serde(default)]
    pub templates: Vec<TemplateRow>,
    #[serde(default)]
    pub baselines: Vec<BaselineRow>,
}

impl Bundle {
    pub const FORMAT: &'static str = "bridgeboard-board";
    /// Raised whenever a field is renamed, removed or changes meaning; adding a field is not a
    /// new version only if an importer of this version may ignore it.
    /// Version 2 added the Accountable, go-live milestones, roles, gates and gate types, KPIs
    /// and readings, and when an initiative went Live and is reviewed.
    pub const VERSION: u32 = 2;
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BoardRow {
    #[serde(flatten)]
    pub info: BoardInfo,
    #[serde(serialize_with = "wire_time::instant")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "wire_time::instant")]
    pub updated_at: DateTime<Utc>,
}

/// The stamps every table but the board and the log carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stamps {
    #[serde(serialize_with = "wire_time::instant")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "wire_time::instant")]
    pub updated_at: DateTime<Utc>,
    /// When the row was soft-deleted; `None` while it is on the board.
    #[serde(serialize_with = "wire_time::opt_instant")]
    pub deleted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentRow {
    #[serde(flatten)]
    pub department: Department,
    #[serde(flatten)]
    pub stamps: Stamps,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonRow {
    #[serde(flatten)]
    pub person: Person,
    #[serde(flatten)]
    pub stamps: Stamps,
}

/// An initiative carries its own `created_at` / `updated_at`; the row adds `deleted_at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InitiativeRow {
    #[serde(flatten)]
    pub initiative: Initiative,
    #[serde(serialize_with = "wire_time::opt_instant")]
    pub deleted_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskRow {
    #[serde(flatten)]
    pub task: Task,
    #[serde(serialize_with = "wire_time::opt_instant")]
    pub deleted_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub source: Source,
}

/// Since version 4 of the schema: where an imported item came from (absent for the others).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_values: Option<String>,
}

impl Source {
    fn read(r: &rusqlite::Row, at: usize) -> rusqlite::Result<Source> {
        Ok(Source { source_key: r.get(at)?, source_values: r.get(at + 1)? })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DependencyRow {
    #[serde(flatten)]
    pub dependency: Dependency,
    #[serde(flatten)]
    pub stamps: Stamps,
}

/// A comment carries its `created_at`; the row adds `updated_at` and `deleted_at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentRow {
    #[serde(flatten)]
    pub comment: Comment,
    #[serde(serialize_with = "wire_time::instant")]
    pub updated_at: DateTime<Utc>,
    #[serde(serialize_with = "wire_time::opt_instant")]
    pub deleted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GateTypeRow {
    #[serde(flatten)]
    pub gate_type: GateType,
    #[serde(flatten)]
    pub stamps: Stamps,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleRow {
    #[serde(flatten)]
    pub role: RoleAssignment,
    #[serde(flatten)]
    pub stamps: Stamps,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GateRow {
    #[serde(flatten)]
    pub gate: Gate,
    #[serde(flatten)]
    pub stamps: Stamps,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiRow {
    #[serde(flatten)]
    pub kpi: Kpi,
    #[serde(flatten)]
    pub stamps: Stamps,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadingRow {
    #[serde(flatten)]
    pub reading: Reading,
    #[serde(flatten)]
    pub stamps: Stamps,
}

/// A template the board's people saved or imported (`id` is always set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateRow {
    #[serde(flatten)]
    pub template: Template,
    #[serde(flatten)]
    pub stamps: Stamps,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaselineRow {
    #[serde(flatten)]
    pub baseline: Baseline,
    #[serde(flatten)]
    pub stamps: Stamps,
}

/// A piece of the bundle as it is read: the board row, then each table in the order [`Bundle`]
/// declares them, in chunks of at most [`Part::ROWS`] rows. Every table sends at least one chunk
/// (empty if the table is), so a reader of the parts sees every table.
#[derive(Debug)]
pub enum Part {
    Board(BoardRow),
    Departments(Vec<DepartmentRow>),
    People(Vec<PersonRow>),
    Initiatives(Vec<InitiativeRow>),
    Tasks(Vec<TaskRow>),
    Dependencies(Vec<DependencyRow>),
    Comments(Vec<CommentRow>),
    Activity(Vec<Activity>),
    GateTypes(Vec<GateTypeRow>),
    Roles(Vec<RoleRow>),
    Gates(Vec<GateRow>),
    Kpis(Vec<KpiRow>),
    Readings(Vec<ReadingRow>),
    Templates(Vec<TemplateRow>),
    Baselines(Vec<BaselineRow>),
}

impl Part {
    /// Small enough that a writer can work on one chunk while the next is read, large enough
    /// that handing chunks over costs nothing noticeable.
    pub const ROWS: usize = 1024;
}

impl Bundle {
    fn push(&mut self, part: Part) {
        match part {
            Part::Board(row) => self.board = row,
            Part::Departments(rows) => self.departments.extend(rows),
            Part::People(rows) => self.people.extend(rows),
            Part::Initiatives(rows) => self.initiatives.extend(rows),
            Part::Tasks(rows) => self.tasks.extend(rows),
            Part::Dependencies(rows) => self.dependencies.extend(rows),
            Part::Comments(rows) => self.comments.extend(rows),
            Part::Activity(rows) => self.activity.extend(rows),
            Part::GateTypes(rows) => self.gate_types.extend(rows),
            Part::Roles(rows) => self.roles.extend(rows),
            Part::Gates(rows) => self.gates.extend(rows),
            Part::Kpis(rows) => self.kpis.extend(rows),
            Part::Readings(rows) => self.kpi_readings.extend(rows),
            Part::Templates(rows) => self.templates.extend(rows),
            Part::Baselines(rows) => self.baselines.extend(rows),
        }
    }
}

impl Store {
    /// Every row of the board, in memory.
    pub fn bundle(&self) -> Result<Bundle> {
        let mut bundle = Bundle { format: Bundle::FORMAT.into(), format_version: Bundle::VERSION, ..Bundle::default() };
        self.read_bundle(|part| {
            bundle.push(part);
            Ok(())
        })?;
        Ok(bundle)
    }

    /// Every row of the board, handed to `each` part by part as it is read, so that a writer can
    /// start on the first rows before the last are read (the JSON export does). Read in one
    /// transaction, so that a writer in another process cannot slip a change in between two
    /// tables. Stops at the first error `each` returns.
    pub fn read_bundle(&self, mut each: impl FnMut(Part) -> Result<()>) -> Result<()> {
        self.reading(|conn| read(conn, &mut each))
    }
}

fn read(conn: &Connection, each: &mut impl FnMut(Part) -> Result<()>) -> Result<()> {
    each(Part::Board(conn.query_row("SELECT id, name, sample, created_at, updated_at FROM board ORDER BY id LIMIT 1", [], |r| {
        Ok(BoardRow {
            info: BoardInfo { id: rows::id(r, 0)?, name: r.get(1)?, sample: r.get(2)? },
            created_at: rows::time(r, 3)?,
            updated_at: rows::time(r, 4)?,
        })
    })?))?;
    chunks(
        conn,
        "SELECT id, name, color, created_at, updated_at, deleted_at FROM departments ORDER BY id",
        Part::Departments,
        each,
        |r| Ok(DepartmentRow { department: Department { id: rows::id(r, 0)?, name: r.get(1)?, color: r.get(2)? }, stamps: stamps(r, 3)? }),
    )?;
    chunks(
        conn,
        "SELECT id, name, email, title, department_id, created_at, updated_at, deleted_at FROM people ORDER BY id",
        Part::People,
        each,
        |r| {
            Ok(PersonRow {
                person: Person { id: rows::id(r, 0)?, name: r.get(1)?, email: r.get(2)?, title: r.get(3)?, department_id: rows::id(r, 4)? },
                stamps: stamps(r, 5)?,
            })
        },
    )?;
    let sql = format!("SELECT {}, deleted_at, source_key, source_values FROM initiatives ORDER BY id", initiatives::COLUMNS);
    chunks(conn, &sql, Part::Initiatives, each, |r| {
        Ok(InitiativeRow { initiative: initiatives::from_row(r)?, deleted_at: rows::opt_time(r, 17)?, source: Source::read(r, 18)? })
    })?;
    let sql = format!("SELECT {}, deleted_at, source_key, source_values FROM tasks ORDER BY id", tasks::COLUMNS);
    chunks(conn, &sql, Part::Tasks, each, |r| {
        Ok(TaskRow { task: tasks::from_row(r)?, deleted_at: rows::opt_time(r, 17)?, source: Source::read(r, 18)? })
    })?;
    // By their ends, sorted here: `ORDER BY from_id, to_id` walked an index, looked every row
    // up and sorted again, three times the time of reading the table straight.
    let sql = format!("SELECT {}, created_at, updated_at, deleted_at FROM dependencies", dependencies::COLUMNS);
    let mut deps = conn
        .prepare_cached(&sql)?
        .query_map([], |r| Ok(DependencyRow { dependency: dependencies::from_row(r)?, stamps: stamps(r, 7)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    deps.sort_unstable_by_key(|d| (d.dependency.from_id, d.dependency.to_id, d.dependency.id));
    in_chunks(deps, Part::Dependencies, each)?;
    chunks(conn, &format!("SELECT {}, updated_at, deleted_at FROM comments ORDER BY id", comments::COLUMNS), Part::Comments, each, |r| {
        Ok(CommentRow { comment: comments::from_row(r)?, updated_at: rows::time(r, 6)?, deleted_at: rows::opt_time(r, 7)? })
    })?;
    chunks(conn, &format!("SELECT {} FROM activity ORDER BY id", activity::COLUMNS), Part::Activity, each, activity::from_row)?;
    chunks(
        conn,
        "SELECT id, key, name, description, usual_approver, created_at, updated_at, deleted_at FROM gate_types ORDER BY id",
        Part::GateTypes,
        each,
        |r| {
            Ok(GateTypeRow {
                gate_type: GateType {
                    id: rows::id(r, 0)?,
                    key: r.get(1)?,
                    name: r.get(2)?,
                    description: r.get(3)?,
                    usual_approver: r.get(4)?,
                },
                stamps: stamps(r, 5)?,
            })
        },
    )?;
    chunks(
        conn,
        &format!("SELECT {}, created_at, updated_at, deleted_at FROM roles ORDER BY item_id, person_id, role", roles::COLUMNS),
        Part::Roles,
        each,
        |r| Ok(RoleRow { role: roles::from_row(r)?, stamps: stamps(r, 5)? }),
    )?;
    chunks(
        conn,
        &format!("SELECT {}, created_at, updated_at, deleted_at FROM gates ORDER BY initiative_id, gate_type_id", gates::COLUMNS),
        Part::Gates,
        each,
        |r| Ok(GateRow { gate: gates::from_row(r)?, stamps: stamps(r, 10)? }),
    )?;
    chunks(conn, &format!("SELECT {}, created_at, updated_at, deleted_at FROM kpis ORDER BY id", kpis::COLUMNS), Part::Kpis, each, |r| {
        Ok(KpiRow { kpi: kpis::from_row(r)?, stamps: stamps(r, 9)? })
    })?;
    chunks(
        conn,
        &format!("SELECT {}, created_at, updated_at, deleted_at FROM kpi_readings ORDER BY id", kpis::READING_COLUMNS),
        Part::Readings,
        each,
        |r| Ok(ReadingRow { reading: kpis::reading_from_row(r)?, stamps: stamps(r, 5)? }),
    )?;
    chunks(
        conn,
        &format!("SELECT {}, created_at, updated_at, deleted_at FROM templates ORDER BY id", templates::COLUMNS),
        Part::Templates,
        each,
        |r| Ok(TemplateRow { template: templates::from_row(r)?, stamps: stamps(r, 4)? }),
    )?;
    chunks(
        conn,
        "SELECT id, name, saved_at, items, created_at, updated_at, deleted_at FROM baselines ORDER BY id",
        Part::Baselines,
        each,
        |r| {
            let items: String = r.get(3)?;
            let items = serde_json::from_str(&items).map_err(|_| rows::bad(3, "baseline items"))?;
            Ok(BaselineRow {
                baseline: Baseline { id: rows::id(r, 0)?, name: r.get(1)?, saved_at: rows::time(r, 2)?, items },
                stamps: stamps(r, 4)?,
            })
        },
    )
}

/// Runs `sql` and hands its rows to `each` in chunks of [`Part::ROWS`], wrapped by `part`;
/// always at least one chunk, empty if there are no rows.
fn chunks<T>(
    conn: &Connection,
    sql: &str,
    part: fn(Vec<T>) -> Part,
    each: &mut impl FnMut(Part) -> Result<()>,
    mut from_row: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([])?;
    let mut chunk = Vec::with_capacity(Part::ROWS);
    let mut sent = false;
    while let Some(row) = rows.next()? {
        chunk.push(from_row(row)?);
        if chunk.len() == Part::ROWS {
            each(part(std::mem::replace(&mut chunk, Vec::with_capacity(Part::ROWS))))?;
            sent = true;
        }
    }
    if !chunk.is_empty() || !sent {
        each(part(chunk))?;
    }
    Ok(())
}

/// Rows read whole (to be sorted first) handed to `each` as [`chunks`] does.
fn in_chunks<T>(rows: Vec<T>, part: fn(Vec<T>) -> Part, each: &mut impl FnMut(Part) -> Result<()>) -> Result<()> {
    let mut rows = rows.into_iter().peekable();
    loop {
        each(part(rows.by_ref().take(Part::ROWS).collect()))?;
        if rows.peek().is_none() {
            return Ok(());
        }
    }
}

fn stamps(r: &Row, first: usize) -> rusqlite::Result<Stamps> {
    Ok(Stamps { created_at: rows::time(r, first)?, updated_at: rows::time(r, first + 1)?, deleted_at: rows::opt_time(r, first + 2)? })
}

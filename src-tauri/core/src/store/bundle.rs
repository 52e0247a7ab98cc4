//! Reading every row of the board, deleted ones and the whole activity log included, for the
//! lossless JSON export (`export::json`). Unlike `Store::snapshot`, nothing is left out and every
//! row keeps its id and its `created_at` / `updated_at` / `deleted_at`, so that a later import can
//! rebuild the board exactly. Rows come ordered by id (UUIDv7: creation order), so the same board
//! always gives the same bundle.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};

use super::{activity, comments, dependencies, initiatives, rows, tasks, Store};
use crate::domain::model::*;
use crate::domain::view::BoardInfo;
use crate::Result;

/// The whole board, row for row. `format` and `format_version` say what the file is, so an
/// importer can refuse a file it does not understand instead of guessing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}

impl Bundle {
    pub const FORMAT: &'static str = "bridgeboard-board";
    /// Raised whenever a field is renamed, removed or changes meaning; adding a field is not a
    /// new version only if an importer of this version may ignore it.
    pub const VERSION: u32 = 1;
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardRow {
    #[serde(flatten)]
    pub info: BoardInfo,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The stamps every table but the board and the log carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stamps {
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the row was soft-deleted; `None` while it is on the board.
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
    pub deleted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskRow {
    #[serde(flatten)]
    pub task: Task,
    pub deleted_at: Option<DateTime<Utc>>,
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
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Every row of the board, for the JSON export. Read in one transaction so that a writer in
    /// another process cannot slip a change in between two tables.
    pub fn bundle(&self) -> Result<Bundle> {
        // A deferred read transaction: one consistent view of the file across the queries.
        let tx = self.conn().unchecked_transaction()?;
        let bundle = read(&tx)?;
        tx.commit()?;
        Ok(bundle)
    }
}

fn read(conn: &Connection) -> Result<Bundle> {
    Ok(Bundle {
        format: Bundle::FORMAT.into(),
        format_version: Bundle::VERSION,
        board: conn.query_row("SELECT id, name, sample, created_at, updated_at FROM board ORDER BY id LIMIT 1", [], |r| {
            Ok(BoardRow {
                info: BoardInfo { id: rows::id(r, 0)?, name: r.get(1)?, sample: r.get(2)? },
                created_at: rows::time(r, 3)?,
                updated_at: rows::time(r, 4)?,
            })
        })?,
        departments: all(conn, "SELECT id, name, color, created_at, updated_at, deleted_at FROM departments ORDER BY id", |r| {
            Ok(DepartmentRow {
                department: Department { id: rows::id(r, 0)?, name: r.get(1)?, color: r.get(2)? },
                stamps: stamps(r, 3)?,
            })
        })?,
        people: all(
            conn,
            "SELECT id, name, email, title, department_id, created_at, updated_at, deleted_at FROM people ORDER BY id",
            |r| {
                Ok(PersonRow {
                    person: Person {
                        id: rows::id(r, 0)?,
                        name: r.get(1)?,
                        email: r.get(2)?,
                        title: r.get(3)?,
                        department_id: rows::id(r, 4)?,
                    },
                    stamps: stamps(r, 5)?,
                })
            },
        )?,
        initiatives: all(conn, &format!("SELECT {}, deleted_at FROM initiatives ORDER BY id", initiatives::COLUMNS), |r| {
            Ok(InitiativeRow { initiative: initiatives::from_row(r)?, deleted_at: opt_time(r, 14)? })
        })?,
        tasks: all(conn, &format!("SELECT {}, deleted_at FROM tasks ORDER BY id", tasks::COLUMNS), |r| {
            Ok(TaskRow { task: tasks::from_row(r)?, deleted_at: opt_time(r, 14)? })
        })?,
        dependencies: all(
            conn,
            &format!("SELECT {}, created_at, updated_at, deleted_at FROM dependencies ORDER BY id", dependencies::COLUMNS),
            |r| Ok(DependencyRow { dependency: dependencies::from_row(r)?, stamps: stamps(r, 7)? }),
        )?,
        comments: all(conn, &format!("SELECT {}, updated_at, deleted_at FROM comments ORDER BY id", comments::COLUMNS), |r| {
            Ok(CommentRow { comment: comments::from_row(r)?, updated_at: rows::time(r, 6)?, deleted_at: opt_time(r, 7)? })
        })?,
        activity: all(conn, &format!("SELECT {} FROM activity ORDER BY id", activity::COLUMNS), activity::from_row)?,
    })
}

fn all<T>(conn: &Connection, sql: &str, from_row: impl FnMut(&Row) -> rusqlite::Result<T>) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn opt_time(r: &Row, idx: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let text: Option<String> = r.get(idx)?;
    text.map(|t| DateTime::parse_from_rfc3339(&t).map(|t| t.with_timezone(&Utc)))
        .transpose()
        .map_err(|_| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, "not a valid time".into()))
}

fn stamps(r: &Row, first: usize) -> rusqlite::Result<Stamps> {
    Ok(Stamps { created_at: rows::time(r, first)?, updated_at: rows::time(r, first + 1)?, deleted_at: opt_time(r, first + 2)? })
}

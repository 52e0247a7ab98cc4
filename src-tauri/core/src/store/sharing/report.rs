//! What people see of sharing: the sync health of a shared board, the fields in conflict with
//! who set which value, and keeping one of them. The JSON shapes are documented in FORMATS.md.

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::journal;
use crate::domain::model::{Actor, Id, ItemKind};
use crate::store::activity::{self, Entry};
use crate::store::Store;
use crate::store::{dependencies, items};
use crate::sync::{Cell, Competing, FieldWrite};
use crate::{Error, Result};

/// What one `sync` did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct SyncReport {
    pub published: usize,
    pub received: usize,
    /// Local changes not yet in the share (published by the next sync that reaches it).
    pub waiting_to_publish: i64,
    /// Why the share could not be reached, when it could not.
    pub offline: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeviceHealth {
    pub device_id: String,
    pub device_name: String,
    pub person: String,
    pub app_version: String,
    /// The newest change seen from it, by its own clock.
    pub last_change_at: Option<DateTime<Utc>>,
    pub this_device: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WaitingFrom {
    pub device_name: String,
    pub changes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UnusableFile {
    pub name: String,
    pub problem: String,
    pub first_seen: DateTime<Utc>,
    pub tries: i64,
}

/// A shared board's sync health.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SyncStatus {
    pub shared: bool,
    pub folder: Option<String>,
    pub device_id: Option<String>,
    pub device_name: Option<String>,
    /// Local changes not yet in the share.
    pub waiting_to_publish: i64,
    /// When this desktop last synced, and why the share could not be reached then, if it
    /// could not ("offline").
    pub last_sync_at: Option<DateTime<Utc>>,
    pub offline: Option<String>,
    /// Set when the share is in a newer format than this Bridgeboard writes: the board is
    /// read-only here until Bridgeboard is updated.
    pub newer_format: Option<i64>,
    /// Changes from other desktops that wait for an earlier change that has not arrived.
    pub waiting_for_others: i64,
    /// Which desktops those waiting changes came from, with how many each.
    pub waiting_from: Vec<WaitingFrom>,
    pub devices: Vec<DeviceHealth>,
    pub unusable_files: Vec<UnusableFile>,
    pub conflicts: usize,
    /// Dependencies added on different desktops that together would close a loop: the later
    /// one is suspended (it does not block) until one of its loop is removed.
    pub suspended_dependencies: Vec<SuspendedDependency>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SuspendedDependency {
    pub id: Id,
    /// The predecessor's and the successor's titles.
    pub from: String,
    pub to: String,
    /// The loop it would close, by title, from the predecessor round to it again.
    pub closes: Vec<String>,
}

/// One value competing for a field, as `conflicts --json` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConflictChoice {
    /// What `resolve --keep` takes: 1, 2, ...
    pub choice: usize,
    /// The value as the board shows it (a person's name rather than an id).
    pub value: String,
    /// The value as stored (an id, a date, a wire word); null for none.
    pub raw: Option<String>,
    pub person: Option<String>,
    /// The department that person is in ("Marketing · Priya Raman set …").
    pub department: Option<String>,
    pub device: Option<String>,
    /// When, by the clock of the desktop that set it.
    pub at: Option<DateTime<Utc>>,
    /// Shown on the board until someone keeps one.
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FieldConflict {
    pub item_kind: String,
    pub item_id: String,
    pub item_title: String,
    /// The field's wire name, as in `list --json` (`it_owner`, `target`, `status`).
    pub field: String,
    pub choices: Vec<ConflictChoice>,
}

impl Store {
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let sharing = self.sharing();
        let this = sharing.map(|s| s.device_id.clone());
        let devices = journal::devices(self.conn())?
            .into_iter()
            .map(|(d, last)| DeviceHealth {
                this_device: Some(&d.device_id) == this.as_ref(),
                device_id: d.device_id,
                device_name: d.device_name,
                person: d.person,
                app_version: d.app_version,
                last_change_at: last,
            })
            .collect();
        let unusable_files = journal::unusable_files(self.conn())?
            .into_iter()
            .map(|(name, problem, first_seen, tries)| UnusableFile { name, problem, first_seen, tries })
            .collect();
        let (last_sync_at, offline) = journal::health(self.conn())?;
        Ok(SyncStatus {
            shared: sharing.is_some(),
            last_sync_at,
            offline,
            newer_format: sharing.and_then(|s| s.newer_format),
            folder: sharing.map(|s| s.folder.display().to_string()),
            device_id: this,
            device_name: sharing.map(|s| s.device_name.clone()),
            waiting_to_publish: journal::unpublished_count(self.conn())? + journal::pending_count(self.conn())?,
            waiting_for_others: journal::waiting(self.conn())?,
            waiting_from: journal::waiting_from(self.conn())?
                .into_iter()
                .map(|(device_name, changes)| WaitingFrom { device_name, changes })
                .collect(),
            devices,
            unusable_files,
            conflicts: journal::conflicts(self.conn())?.len(),
            suspended_dependencies: self.suspended_dependencies()?,
        })
    }

    fn suspended_dependencies(&self) -> Result<Vec<SuspendedDependency>> {
        let title = |id: Id| -> Result<String> { Ok(items::get(self.conn(), id)?.map_or_else(|| id.to_string(), |i| i.title)) };
        let mut all = Vec::new();
        for (id, from, to) in dependencies::suspended(self.conn())? {
            all.push(SuspendedDependency {
                id,
                from: title(from)?,
                to: title(to)?,
                closes: dependencies::loop_closed_by(self.conn(), from, to)?,
            });
        }
        Ok(all)
    }

    /// Every field that desktops set to different values while apart, with who set which.
    pub fn conflicts(&self) -> Result<Vec<FieldConflict>> {
        let mut all = Vec::new();
        for (table, row_id, column, competing) in journal::conflicts(self.conn())? {
            let competing: Vec<Competing> = serde_json::from_str(&competing).unwrap_or_default();
            let choices = competing
                .iter()
                .enumerate()
                .map(|(n, c)| {
                    Ok(ConflictChoice {
                        choice: n + 1,
                        value: self.shown(&column, &c.value)?,
                        raw: match &c.value {
                            Cell::Null => None,
                            Cell::Int(v) => Some(v.to_string()),
                            Cell::Real(v) => Some(v.to_string()),
                            Cell::Text(t) => Some(t.clone()),
                        },
                        person: c.author.as_ref().map(|a| a.person.clone()),
                        department: self.department_of(c.author.as_ref().and_then(|a| a.person_id.as_deref()))?,
                        device: c.author.as_ref().map(|a| a.device.clone()),
                        at: Utc.timestamp_millis_opt(c.at_ms).single(),
                        current: c.winner,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            all.push(FieldConflict {
                item_kind: kind_of(&table).to_string(),
                item_title: self.title_of(&table, &row_id)?,
                item_id: row_id,
                field: wire_name(&column),
                choices,
            });
        }
        Ok(all)
    }

    /// Keeps one of a field's competing values: it supersedes all of them on every desktop.
    pub fn resolve_conflict(&mut self, actor: &Actor, now: DateTime<Utc>, item_id: &str, field: &str, choice: usize) -> Result<()> {
        let found = journal::conflicts(self.conn())?.into_iter().find(|(_, id, column, _)| id == item_id && wire_name(column) == field);
        let Some((table, id, column, competing)) = found else {
            return Err(Error::NotFound(format!(
                "There is no conflict on {field} of {item_id}. See `bridgeboard-cli conflicts` for the fields in conflict."
            )));
        };
        let competing: Vec<Competing> = serde_json::from_str(&competing).unwrap_or_default();
        let Some(kept) = choice.checked_sub(1).and_then(|n| competing.get(n)) else {
            return Err(Error::Validation(format!("Choose one of 1 to {} for {field}.", competing.len())));
        };
        let value = kept.value.clone();
        let shown = self.shown(&column, &value)?;
        let title = self.title_of(&table, &id)?;
        let write = FieldWrite { table: table.clone(), id: id.clone(), column: column.clone(), value: value.clone() };
        let item_id: Id = id.parse().map_err(|_| Error::NotFound(format!("{id} is not an item of this board.")))?;
        self.write_with(actor, now, vec![write], |tx| {
            // Table and column come from the conflict record, which only the projection writes
            // from the tables' own schema.
            tx.execute(&format!("UPDATE {table} SET {column} = ?1 WHERE id = ?2"), params![super::project::value(&value), id])?;
            journal::forget_conflict(tx, &table, &id, &column)?;
            activity::append(
                tx,
                actor,
                now,
                Entry {
                    item_kind: ItemKind::from_wire(kind_of(&table)).unwrap_or(ItemKind::Task),
                    item_id,
                    initiative_id: initiative_of(tx, &table, &id)?,
                    action: "resolve",
                    field: Some(field),
                    before: None,
                    after: Some(shown.clone()),
                    summary: format!(
                        "kept {shown} as the {} of “{title}” (it had been set differently on two desktops)",
                        field.replace('_', " ")
                    ),
                },
            )
        })
    }

    fn shown(&self, column: &str, value: &Cell) -> Result<String> {
        Ok(match value {
            Cell::Null => "none".into(),
            Cell::Text(t) if column.ends_with("_id") => match t.parse::<Id>().ok() {
                Some(id) => crate::store::people::get_any(self.conn(), id)?
                    .map(|(p, _)| p.name)
                    .or(crate::store::departments::get(self.conn(), id)?.map(|d| d.name))
                    .unwrap_or_else(|| t.clone()),
                None => t.clone(),
            },
            Cell::Text(t) => t.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Real(x) => x.to_string(),
        })
    }

    fn department_of(&self, person_id: Option<&str>) -> Result<Option<String>> {
        let Some(id) = person_id.and_then(|p| p.parse::<Id>().ok()) else { return Ok(None) };
        let Some((person, _)) = crate::store::people::get_any(self.conn(), id)? else { return Ok(None) };
        Ok(crate::store::departments::get(self.conn(), person.department_id)?.map(|d| d.name))
    }

    fn title_of(&self, table: &str, id: &str) -> Result<String> {
        let column = match table {
            "initiatives" | "tasks" => "title",
            "people" | "departments" | "board" | "gate_types" => "name",
            "gates" => {
                let sql = "SELECT t.name || ' gate of “' || i.title || '”' FROM gates g
                             JOIN gate_types t ON t.id = g.gate_type_id JOIN initiatives i ON i.id = g.initiative_id WHERE g.id = ?1";
                return Ok(self.conn().query_row(sql, [id], |r| r.get(0)).unwrap_or_else(|_| id.to_string()));
            }
            _ => return Ok(id.to_string()),
        };
        Ok(self
            .conn()
            .query_row(&format!("SELECT {column} FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
            .unwrap_or_else(|_| id.to_string()))
    }
}

fn initiative_of(tx: &rusqlite::Transaction, table: &str, id: &str) -> Result<Option<Id>> {
    let text: Option<String> = match table {
        "initiatives" => Some(id.to_string()),
        "tasks" | "gates" | "roles" => {
            // The table is one of these three names, never input.
            tx.query_row(&format!("SELECT initiative_id FROM {table} WHERE id = ?1"), [id], |r| r.get(0)).ok()
        }
        _ => None,
    };
    Ok(text.and_then(|t| t.parse().ok()))
}

/// The item kind a table holds, by its wire name.
fn kind_of(table: &str) -> &'static str {
    match table {
        "initiatives" => "initiative",
        "tasks" => "task",
        "people" => "person",
        "departments" => "department",
        "dependencies" => "dependency",
        "comments" => "comment",
        "gates" => "gate",
        "gate_types" => "gate_type",
        _ => "board",
    }
}

/// A column's name as `list --json` spells the field: `it_owner_id` → `it_owner`,
/// `target_date` → `target`.
pub fn wire_name(column: &str) -> String {
    column.strip_suffix("_id").or_else(|| column.strip_suffix("_date")).unwrap_or(column).to_string()
}

//! Writing a bundle's rows into a board, exactly as they were exported: ids, timestamps,
//! deleted rows and the activity log kept. Only the import funnel (`funnel/import.rs`) calls
//! this, inside its transaction, after it has validated the bundle.

use rusqlite::{params, Transaction};

use super::bundle::Bundle;
use super::{baselines, gate_types, gates, initiatives, kpis, roles, rows, tasks, templates};
use crate::Result;

fn stamp(t: Option<chrono::DateTime<chrono::Utc>>) -> Option<String> {
    t.map(rows::stamp)
}

/// Replaces the (empty) board's own row and built-in departments with the bundle's, then
/// inserts every other row.
pub fn write(tx: &Transaction, b: &Bundle) -> Result<()> {
    tx.execute("DELETE FROM departments", [])?;
    tx.execute("DELETE FROM board", [])?;
    // A version 1 export has no catalogue: the board keeps the built-in one.
    if !b.gate_types.is_empty() {
        tx.execute("DELETE FROM gate_types", [])?;
    }
    tx.execute(
        "INSERT INTO board (id, name, sample, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            b.board.info.id.to_string(),
            b.board.info.name,
            b.board.info.sample,
            rows::stamp(b.board.created_at),
            rows::stamp(b.board.updated_at)
        ],
    )?;
    for d in &b.departments {
        tx.execute(
            "INSERT INTO departments (id, name, color, created_at, updated_at, deleted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                d.department.id.to_string(),
                d.department.name,
                d.department.color,
                rows::stamp(d.stamps.created_at),
                rows::stamp(d.stamps.updated_at),
                stamp(d.stamps.deleted_at)
            ],
        )?;
    }
    for p in &b.people {
        tx.execute(
            "INSERT INTO people (id, name, email, title, department_id, created_at, updated_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                p.person.id.to_string(),
                p.person.name,
                p.person.email,
                p.person.title,
                p.person.department_id.to_string(),
                rows::stamp(p.stamps.created_at),
                rows::stamp(p.stamps.updated_at),
                stamp(p.stamps.deleted_at)
            ],
        )?;
    }
    for i in &b.initiatives {
        initiatives::insert(tx, &i.initiative)?;
        tx.execute(
            "UPDATE initiatives SET deleted_at = ?2, source_key = ?3, source_values = ?4 WHERE id = ?1",
            params![i.initiative.id.to_string(), stamp(i.deleted_at), i.source.source_key, i.source.source_values],
        )?;
    }
    for t in &b.tasks {
        tasks::insert(tx, &t.task)?;
        tx.execute(
            "UPDATE tasks SET deleted_at = ?2, source_key = ?3, source_values = ?4 WHERE id = ?1",
            params![t.task.id.to_string(), stamp(t.deleted_at), t.source.source_key, t.source.source_values],
        )?;
    }
    for d in &b.dependencies {
        let dep = &d.dependency;
        tx.execute(
            "INSERT INTO dependencies (id, from_id, from_kind, to_id, to_kind, kind, lag_days, created_at, updated_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                dep.id.to_string(),
                dep.from_id.to_string(),
                dep.from_kind.wire(),
                dep.to_id.to_string(),
                dep.to_kind.wire(),
                dep.kind.wire(),
                dep.lag_days,
                rows::stamp(d.stamps.created_at),
                rows::stamp(d.stamps.updated_at),
                stamp(d.stamps.deleted_at)
            ],
        )?;
    }
    for c in &b.comments {
        let comment = &c.comment;
        tx.execute(
            "INSERT INTO comments (id, item_id, author_id, author_name, body, created_at, updated_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                comment.id.to_string(),
                comment.item_id.to_string(),
                rows::text_id(comment.author_id),
                comment.author_name,
                comment.body,
                rows::stamp(comment.created_at),
                rows::stamp(c.updated_at),
                stamp(c.deleted_at)
            ],
        )?;
    }
    for g in &b.gate_types {
        gate_types::insert(tx, &g.gate_type, g.stamps.created_at)?;
        set_stamps(tx, "gate_types", g.gate_type.id, &g.stamps)?;
    }
    for r in &b.roles {
        roles::give(tx, &r.role, r.stamps.created_at)?;
        set_stamps(tx, "roles", r.role.id, &r.stamps)?;
    }
    for g in &b.gates {
        gates::upsert(tx, &g.gate, g.stamps.created_at)?;
        gates::update(tx, &g.gate, g.stamps.updated_at)?;
        set_stamps(tx, "gates", g.gate.id, &g.stamps)?;
    }
    for k in &b.kpis {
        kpis::insert(tx, &k.kpi, k.stamps.created_at)?;
        set_stamps(tx, "kpis", k.kpi.id, &k.stamps)?;
    }
    for r in &b.kpi_readings {
        kpis::insert_reading(tx, &r.reading, r.stamps.created_at)?;
        set_stamps(tx, "kpi_readings", r.reading.id, &r.stamps)?;
    }
    for t in &b.templates {
        let id = t.template.id.ok_or_else(|| crate::Error::Validation("A template in the board export has no id.".into()))?;
        templates::insert(tx, &t.template, id, t.stamps.created_at)?;
        set_stamps(tx, "templates", id, &t.stamps)?;
    }
    for row in &b.baselines {
        baselines::insert(tx, &row.baseline, row.stamps.created_at)?;
        set_stamps(tx, "baselines", row.baseline.id, &row.stamps)?;
    }
    for a in &b.activity {
        tx.execute(
            "INSERT INTO activity (id, at, actor_id, actor_name, item_kind, item_id, initiative_id, action, field, before, after, summary, device)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                a.id.to_string(),
                rows::stamp(a.at),
                rows::text_id(a.actor_id),
                a.actor_name,
                a.item_kind.wire(),
                a.item_id.to_string(),
                rows::text_id(a.initiative_id),
                a.action,
                a.field,
                a.before,
                a.after,
                a.summary,
                a.device
            ],
        )?;
    }
    Ok(())
}

/// Puts back a row's own stamps after the table's writer dated it.
fn set_stamps(tx: &Transaction, table: &str, id: crate::Id, s: &super::bundle::Stamps) -> Result<()> {
    // `table` is one of this file's own names, never input.
    tx.execute(
        &format!("UPDATE {table} SET created_at = ?2, updated_at = ?3, deleted_at = ?4 WHERE id = ?1"),
        params![id.to_string(), rows::stamp(s.created_at), rows::stamp(s.updated_at), stamp(s.deleted_at)],
    )?;
    Ok(())
}

/// Whether the board holds anything a person made (the built-in departments do not count).
pub fn has_content(tx: &Transaction) -> Result<bool> {
    let count: i64 = tx.query_row(
        "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM initiatives) + (SELECT count(*) FROM tasks)
              + (SELECT count(*) FROM dependencies) + (SELECT count(*) FROM comments)
              + (SELECT count(*) FROM departments WHERE id NOT IN (?1, ?2))",
        params![crate::MARKETING.to_string(), crate::IT.to_string()],
        |r| r.get(0),
    )?;
    Ok(count > 0)
}

//! The readable form of `list`: one block per initiative (title, id, status, dates, owners,
//! blockers), then its tasks as aligned columns. Widths count characters, not bytes, so
//! names such as “Soto” and “José” line up alike.

use bridgeboard_core::store::{ListedInitiative, ListedTask, Listing, NamedRef};

pub fn render(listing: &Listing) -> String {
    if listing.initiatives.is_empty() {
        return "No initiatives on this board yet. Add one with add-initiative, or try `demo` on a new file.".into();
    }
    let blocks: Vec<String> = listing.initiatives.iter().map(initiative).collect();
    blocks.join("\n\n")
}

fn name(person: &Option<NamedRef>) -> String {
    person.as_ref().map_or_else(|| "—".into(), |p| p.name.clone())
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "—".into(), |d| d.to_string())
}

fn blocked(blocked: bool, by: &[NamedRef], reason: &Option<String>) -> Option<String> {
    if !blocked {
        return None;
    }
    let mut why: Vec<String> = by.iter().map(|b| format!("waits for “{}”", b.name)).collect();
    why.extend(reason.iter().map(|r| format!("reason: {r}")));
    Some(format!("BLOCKED ({})", why.join("; ")))
}

fn initiative(i: &ListedInitiative) -> String {
    let mut out = vec![
        format!("{}  [{}, {} priority]", i.title, i.status, i.priority),
        format!("  id {}", i.id),
        format!("  {} → {}", date(i.start), date(i.target)),
        format!("  Marketing: {}   IT: {}   Sponsor: {}", name(&i.marketing_owner), name(&i.it_owner), name(&i.sponsor)),
    ];
    let accountable = i.raci.accountable.as_ref().map_or("—", |p| p.name.as_str());
    out.push(format!("  Accountable: {accountable}"));
    if !i.tags.is_empty() {
        out.push(format!("  Tags: {}", i.tags.join(", ")));
    }
    if !i.gates.is_empty() {
        let settled = i.gates.iter().filter(|g| g.state == "passed" || g.state == "waived").count();
        let each: Vec<String> = i.gates.iter().map(|g| format!("{} {}", g.key, g.state)).collect();
        out.push(format!("  Gates {settled}/{}: {}", i.gates.len(), each.join(", ")));
    }
    let failed: Vec<String> = i.gates.iter().filter(|g| g.state == "failed").map(|g| format!("{} gate failed", g.key)).collect();
    let mut reason = i.block_reason.clone();
    if !failed.is_empty() {
        reason = Some(reason.into_iter().chain(failed).collect::<Vec<_>>().join("; "));
    }
    out.extend(blocked(i.blocked, &i.blocked_by, &reason).map(|b| format!("  {b}")));
    if i.tasks.is_empty() {
        out.push("  No tasks yet.".into());
    } else {
        let done = i.tasks.iter().filter(|t| t.status == "done").count();
        out.push(format!("  Tasks ({done} of {} done):", i.tasks.len()));
        out.extend(tasks(&i.tasks));
    }
    out.join("\n")
}

fn tasks(tasks: &[ListedTask]) -> Vec<String> {
    let rows: Vec<[String; 6]> = tasks
        .iter()
        .map(|t| {
            let title = match (t.kind.as_str(), t.go_live) {
                ("milestone", true) => format!("◆ {} (go-live)", t.title),
                ("milestone", false) => format!("◆ {}", t.title),
                _ => t.title.clone(),
            };
            let flag = blocked(t.blocked, &t.blocked_by, &t.block_reason).unwrap_or_default();
            [t.status.clone(), t.department.name.clone(), name(&t.assignee), format!("due {}", date(t.due)), title, flag]
        })
        .collect();
    let width = |col: usize| rows.iter().map(|r| r[col].chars().count()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..5).map(width).collect();
    rows.iter()
        .map(|r| {
            let mut line = String::from("    ");
            for (col, w) in widths.iter().enumerate() {
                line.push_str(&r[col]);
                line.push_str(&" ".repeat(w - r[col].chars().count() + 2));
            }
            line.push_str(&r[5]);
            line.trim_end().to_string()
        })
        .collect()
}

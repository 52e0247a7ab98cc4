//! KPIs from the command line: `add-kpi`, `add-reading`, `kpis` and `remove-kpi`. Whether a KPI
//! is on track is the core's reading of its line from baseline to target.

use bridgeboard_core::{Direction, Error, Id, KpiView, NewKpi, NewReading, Op, Result, Store};

use super::{Clock, Edit};
use crate::parse;
use crate::resolve::Snapshot;

/// What `add-kpi` was given.
pub struct NewKpiArgs {
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub baseline: f64,
    pub baseline_date: String,
    pub target: f64,
    pub target_date: String,
}

pub fn add_kpi(e: &mut Edit, item: &str, a: NewKpiArgs) -> Result<Id> {
    let initiative_id = e.board.initiative(item)?;
    let direction = Direction::from_wire(&a.direction).ok_or_else(|| Error::Validation("--direction is lower or higher.".into()))?;
    e.apply(Op::AddKpi(NewKpi {
        initiative_id,
        name: a.name,
        unit: a.unit,
        direction,
        baseline: a.baseline,
        baseline_on: parse::date(&a.baseline_date)?,
        target: a.target,
        target_on: parse::date(&a.target_date)?,
    }))
}

/// An initiative's KPI by its exact name, as `kpis` lists them.
fn kpi_named(store: &Store, board: &Snapshot, item: &str, name: &str, today: chrono::NaiveDate) -> Result<KpiView> {
    let id = board.initiative(item)?;
    let kpis = store.initiative_detail(id, today)?.kpis;
    let names: Vec<String> = kpis.iter().map(|k| format!("“{}”", k.kpi.name)).collect();
    kpis.into_iter().find(|k| k.kpi.name == name.trim()).ok_or_else(|| {
        let known = if names.is_empty() { "it has none yet; add one with add-kpi".to_string() } else { names.join(", ") };
        Error::NotFound(format!("The initiative has no KPI called “{}”: {known}.", name.trim()))
    })
}

pub fn add_reading(e: &mut Edit, item: &str, kpi: &str, value: f64, date: &str, note: Option<String>) -> Result<Id> {
    let kpi = kpi_named(&e.store, &e.board, item, kpi, e.clock.today)?;
    e.apply(Op::AddReading(NewReading { kpi_id: kpi.kpi.id, value, taken_on: parse::date(date)?, note: note.unwrap_or_default() }))
}

pub fn remove_kpi(e: &mut Edit, item: &str, kpi: &str) -> Result<Id> {
    let kpi = kpi_named(&e.store, &e.board, item, kpi, e.clock.today)?;
    e.apply(Op::RemoveKpi { id: kpi.kpi.id })
}

pub fn kpis(store: &Store, item: &str, json: bool, clock: Clock) -> Result<String> {
    let board = Snapshot::read(store, clock.today)?;
    let detail = store.initiative_detail(board.initiative(item)?, clock.today)?;
    if json {
        return serde_json::to_string_pretty(&detail.kpis)
            .map_err(|err| Error::Storage(format!("The KPIs could not be written as JSON ({err}).")));
    }
    if detail.kpis.is_empty() {
        return Ok(format!("“{}” has no KPIs. Add one with add-kpi.", detail.initiative.title));
    }
    let mut out = vec![format!("KPIs of “{}”:", detail.initiative.title)];
    for k in &detail.kpis {
        let unit = &k.kpi.unit;
        out.push(format!(
            "{}  [{}] {}{unit} on {} → {}{unit} by {} ({})",
            k.kpi.name,
            k.standing.label(),
            k.kpi.baseline,
            k.kpi.baseline_on,
            k.kpi.target,
            k.kpi.target_on,
            k.kpi.direction.label().to_lowercase()
        ));
        for r in &k.readings {
            let note = if r.note.is_empty() { String::new() } else { format!("  {}", r.note) };
            out.push(format!("    {}  {}{unit}{note}", r.taken_on, r.value));
        }
    }
    if let Some(review) = detail.review_on {
        let due = if detail.card.results_due { " — results due: record a reading" } else { "" };
        out.push(format!("Post-go-live review: {review}{due}"));
    }
    Ok(out.join("\n"))
}

//! The JSON export: the whole board as a versioned bundle (`store::bundle::Bundle`), every row
//! with its id and timestamps, deleted rows and the full activity log included, so that it is a
//! backup a later import can restore exactly. Filters never apply: a partial backup would
//! silently lose work.
//!
//! One row per line, inside the bundle's two-space-indented outline, and a final newline: easy to
//! read, and two exports of a board compare line by line. Rows ordered by id; keys in the order
//! the structs declare them. The same board always gives the same bytes.
//!
//! A large board's export is tens of megabytes, so it is written while it is read: this thread
//! reads the rows from SQLite in chunks and a second one turns each chunk into JSON, so reading
//! and writing overlap instead of following each other.

use std::io::Write;
use std::sync::mpsc;

use serde::Serialize;

use crate::store::bundle::{Bundle, Part};
use crate::{Error, Result, Store};

/// Writes the whole board to `out` as a bundle.
pub fn write(store: &Store, out: &mut (impl Write + Send)) -> Result<()> {
    // A few chunks in flight bound the memory while letting the reader run ahead a little.
    let (send, receive) = mpsc::sync_channel::<Part>(4);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || Layout::new(out).write_parts(receive));
        // The send fails only once the writer has stopped; its error is the one to report.
        let read = store.read_bundle(|part| send.send(part).map_err(|_| Error::Storage("stopped".into())));
        drop(send);
        let written = writer.join().expect("the JSON writer does not panic");
        written.and(read)
    })
}

/// Where the writer is in the bundle's outline.
struct Layout<'w, W: Write> {
    out: &'w mut W,
    /// The table whose rows are being written.
    table: Option<&'static str>,
    /// Whether that table has had no row yet.
    empty: bool,
}

impl<'w, W: Write> Layout<'w, W> {
    fn new(out: &'w mut W) -> Self {
        Layout { out, table: None, empty: true }
    }

    fn write_parts(mut self, parts: mpsc::Receiver<Part>) -> Result<()> {
        for part in parts {
            match part {
                Part::Board(row) => self.head(&row)?,
                Part::Departments(rows) => self.rows("departments", &rows)?,
                Part::People(rows) => self.rows("people", &rows)?,
                Part::Initiatives(rows) => self.rows("initiatives", &rows)?,
                Part::Tasks(rows) => self.rows("tasks", &rows)?,
                Part::Dependencies(rows) => self.rows("dependencies", &rows)?,
                Part::Comments(rows) => self.rows("comments", &rows)?,
                Part::Activity(rows) => self.rows("activity", &rows)?,
                Part::GateTypes(rows) => self.rows("gate_types", &rows)?,
                Part::Roles(rows) => self.rows("roles", &rows)?,
                Part::Gates(rows) => self.rows("gates", &rows)?,
                Part::Kpis(rows) => self.rows("kpis", &rows)?,
                Part::Readings(rows) => self.rows("kpi_readings", &rows)?,
                Part::Templates(rows) => self.rows("templates", &rows)?,
                Part::Baselines(rows) => self.rows("baselines", &rows)?,
            }
        }
        self.close_table()?;
        self.out.write_all(b"\n}\n").map_err(failed)
    }

    fn head(&mut self, board: &impl Serialize) -> Result<()> {
        write!(self.out, "{{\n  \"format\": \"{}\",\n  \"format_version\": {},\n  \"board\": ", Bundle::FORMAT, Bundle::VERSION)
            .map_err(failed)?;
        serde_json::to_writer(&mut *self.out, board).map_err(|err| failed(err.into()))
    }

    fn rows<T: Serialize>(&mut self, table: &'static str, rows: &[T]) -> Result<()> {
        if self.table != Some(table) {
            self.close_table()?;
            write!(self.out, ",\n  \"{table}\": [").map_err(failed)?;
            (self.table, self.empty) = (Some(table), true);
        }
        for row in rows {
            self.out.write_all(if self.empty { "\n    " } else { ",\n    " }.as_bytes()).map_err(failed)?;
            self.empty = false;
            serde_json::to_writer(&mut *self.out, row).map_err(|err| failed(err.into()))?;
        }
        Ok(())
    }

    fn close_table(&mut self) -> Result<()> {
        match self.table.take() {
            Some(_) if self.empty => self.out.write_all(b"]").map_err(failed),
            Some(_) => self.out.write_all(b"\n  ]").map_err(failed),
            None => Ok(()),
        }
    }
}

fn failed(err: std::io::Error) -> Error {
    Error::Storage(format!("The board could not be written as JSON ({err}); nothing was exported."))
}

/// Reads a bundle back, refusing a file that is not one or comes from a newer Bridgeboard.
pub fn parse(bytes: &[u8]) -> Result<Bundle> {
    let head: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|err| Error::Validation(format!("This file is not valid JSON ({err}); choose a Bridgeboard JSON export.")))?;
    if head.get("format").and_then(|f| f.as_str()) != Some(Bundle::FORMAT) {
        return Err(Error::Validation(
            "This JSON file is not a Bridgeboard board export (its \"format\" is not \"bridgeboard-board\").".into(),
        ));
    }
    let version = head.get("format_version").and_then(|v| v.as_u64()).unwrap_or(0);
    // Version 1 lacks only what version 2 added; those parts read as empty.
    if !(1..=u64::from(Bundle::VERSION)).contains(&version) {
        return Err(Error::Validation(format!(
            "This board export has format version {version}; this Bridgeboard reads version {}. Update Bridgeboard to open it.",
            Bundle::VERSION
        )));
    }
    serde_json::from_value(head).map_err(|err| Error::Validation(format!("This board export is damaged or incomplete ({err}).")))
}

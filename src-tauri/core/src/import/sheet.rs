//! A CSV export as the planning tools write it: a header line whose names may repeat (Jira
//! writes `Labels` once per label), then rows, each known by the line it starts on. Read whole,
//! by position, so that every column of a name can be read together.

use std::collections::HashMap;

use crate::{Error, Result};

pub struct Sheet {
    pub headers: Vec<String>,
    /// Each row with the line it starts on (a quoted cell may span lines).
    pub rows: Vec<(u64, csv::StringRecord)>,
}

/// Reads `bytes` (UTF-8, with or without a byte-order mark) as a comma-separated sheet. `what`
/// names the file in messages ("Jira export").
pub fn read(bytes: &[u8], what: &str) -> Result<Sheet> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| Error::Validation(format!("The {what} is not UTF-8 text; export it again.")))?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut headers = Vec::new();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) if headers.is_empty() => headers = record.iter().map(str::to_string).collect(),
            Ok(true) => rows.push((line, record.clone())),
            Err(err) => {
                return Err(Error::Validation(format!(
                    "line {line} of the {what} cannot be read ({err}); the file may be cut short. Export it again."
                )))
            }
        }
    }
    if headers.is_empty() {
        return Err(Error::Validation(format!("The {what} is empty.")));
    }
    Ok(Sheet { headers, rows })
}

/// The headings not among `read` (lower case), each once, in the file's order.
pub fn unread(headers: &[String], read: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for h in headers.iter().map(|h| h.trim()).filter(|h| !h.is_empty()) {
        if !read.contains(&h.to_lowercase().as_str()) && !out.iter().any(|s| s.eq_ignore_ascii_case(h)) {
            out.push(h.to_string());
        }
    }
    out
}

/// The columns read, each by every position its name has.
pub struct Columns {
    at: HashMap<String, Vec<usize>>,
}

impl Columns {
    pub fn new(headers: &[String]) -> Columns {
        let mut at: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            at.entry(h.trim().to_lowercase()).or_default().push(i);
        }
        Columns { at }
    }

    /// The first non-empty value of the first of `names` the file has.
    pub fn one<'r>(&self, row: &'r csv::StringRecord, names: &[&str]) -> &'r str {
        self.all(row, names).into_iter().next().unwrap_or("")
    }

    /// Every non-empty value in the columns of the first of `names` the file has.
    pub fn all<'r>(&self, row: &'r csv::StringRecord, names: &[&str]) -> Vec<&'r str> {
        let Some(positions) = names.iter().find_map(|n| self.at.get(&n.to_lowercase())) else { return Vec::new() };
        positions.iter().filter_map(|&i| row.get(i)).map(str::trim).filter(|v| !v.is_empty()).collect()
    }
}

//! Reading a CSV file into a table of text cells, before any cell is given a meaning: the byte
//! order mark is dropped, the separator found (`,` or `;`, from the header line, unless the
//! person chose one), and every row keeps the line it starts on, for messages. A file that is
//! empty, binary, not UTF-8 or cut off inside a quoted cell is refused with a message that says
//! so and what to do.

use serde::Serialize;

use super::CsvOptions;
use crate::{Error, Result};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV file as text cells: its headings and its rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CsvTable {
    /// The separator the file was read with.
    pub delimiter: char,
    /// The header row, trimmed.
    pub headers: Vec<String>,
    /// The rows after the header; rows whose cells are all empty are left out.
    pub rows: Vec<CsvRow>,
    /// Cells may carry our CSV export's `'` guard (a CSV file); a workbook's cells are strings,
    /// never formulas, so they carry none.
    pub guarded: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CsvRow {
    /// The physical line the row starts on (the header is line 1), as a spreadsheet shows it.
    pub line: u64,
    pub cells: Vec<String>,
}

impl CsvRow {
    /// The cell in column `index`; a short row reads as empty cells.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }
}

/// Reads `bytes` as a CSV table. See the module header for what is refused.
pub fn parse(bytes: &[u8], options: &CsvOptions) -> Result<CsvTable> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid(
            "The file is empty: there is nothing to import. Choose the file again, or export it again from your spreadsheet.",
        ));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(invalid(
            "The file is UTF-16 text (Excel's “Unicode Text”), which the import does not read. In Excel, save it as “CSV UTF-8 (Comma delimited)” and import that.",
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        // A zero byte in a file that is not text at all: a picture, a workbook, a program.
        Err(_) if bytes.contains(&0) => {
            return Err(invalid(
                "The file is not a Bridgeboard board export, nor a CSV file: it holds binary data (a picture, a workbook or a program?). \
                 Save it from your spreadsheet as “CSV UTF-8”, or choose the .json board export.",
            ))
        }
        Err(err) => {
            let line = 1 + bytes[..err.valid_up_to()].iter().filter(|b| **b == b'\n').count();
            return Err(invalid(&format!(
                "The file is not UTF-8 text (line {line} has a character it cannot read). In Excel, save it as “CSV UTF-8 (Comma delimited)” and import that."
            )));
        }
    };
    let delimiter = match options.delimiter {
        Some(d) if d.is_ascii() && !matches!(d, '"' | '\n' | '\r') => d,
        Some(d) => return Err(invalid(&format!("“{d}” cannot separate the columns of a CSV file; use , or ; (or a tab)."))),
        None => detect_delimiter(text),
    };
    if let Some(line) = open_quote(text, delimiter as u8) {
        return Err(invalid(&format!(
            "The file ends inside a quoted cell that begins on line {line}: it looks cut off or damaged. Export it again, or check that cell's quotes."
        )));
    }
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter as u8).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut headers = None;
    let mut rows = Vec::new();
    let mut lines = Lines { text, at: 0, line: 1 };
    for record in reader.records() {
        let record = record.map_err(|err| invalid(&format!("The file cannot be read as CSV ({err}).")))?;
        let line = lines.at(record.position().map_or(0, |p| p.byte() as usize));
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match headers {
            None => headers = Some(cells.iter().map(|h| h.trim().to_string()).collect()),
            Some(_) => rows.push(CsvRow { line, cells }),
        }
    }
    let headers: Vec<String> = headers.unwrap_or_default();
    if rows.is_empty() {
        return Err(invalid(&format!(
            "The file has a header row ({}) but no rows below it: there is nothing to import.",
            headers.join(", ")
        )));
    }
    Ok(CsvTable { delimiter, headers, rows, guarded: true })
}

/// Line numbers from byte offsets, counted once through the file. The `csv` crate's own line
/// count lags behind on CRLF line ends (it counts a record's `\n` when reading the next one),
/// so the line is counted here from where the record starts.
struct Lines<'a> {
    text: &'a str,
    at: usize,
    line: u64,
}

impl Lines<'_> {
    fn at(&mut self, start: usize) -> u64 {
        let bytes = self.text.as_bytes();
        // The offset may point at the line end before the record; the record starts after it.
        let mut start = start.max(self.at);
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        self.line += bytes[self.at..start].iter().filter(|b| **b == b'\n').count() as u64;
        self.at = start;
        self.line
    }
}

fn invalid(message: &str) -> Error {
    Error::Validation(message.to_string())
}

/// `;` when the header line has more semicolons than commas (Excel in much of Europe), else `,`.
fn detect_delimiter(text: &str) -> char {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let count = |c: char| header.chars().filter(|h| *h == c).count();
    if count(';') > count(',') {
        ';'
    } else {
        ','
    }
}

/// The line a quoted cell opens on, if the file ends before that cell is closed. The `csv`
/// crate reads such a file without complaint (taking the rest of the file as one cell), so a
/// truncated file would otherwise import as a row with a very long title.
fn open_quote(text: &str, delimiter: u8) -> Option<u64> {
    let (mut line, mut opened) = (1u64, 0u64);
    let (mut quoted, mut field_start) = (false, true);
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        if b == b'\n' {
            line += 1;
        }
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        match b {
            b'"' if field_start => {
                quoted = true;
                opened = line;
                field_start = false;
            }
            b'\n' | b'\r' => field_start = true,
            _ if b == delimiter => field_start = true,
            _ => field_start = false,
        }
    }
    quoted.then_some(opened)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_off_quoted_cell_is_found_with_its_line() {
        assert_eq!(open_quote("a,b\r\n1,\"two\r\nthree", b','), Some(2), "the cell opened on line 2 never closes");
        assert_eq!(open_quote("a,b\r\n1,\"say \"\"hi\"\"\"\r\n", b','), None, "doubled quotes inside a cell are not its end");
        assert_eq!(open_quote("a,b\r\n1,5\" screen\r\n", b','), None, "a quote inside an unquoted cell is just a character");
    }

    #[test]
    fn rows_know_the_line_they_start_on() {
        let table = parse(b"a,b\r\n\"x\r\ny\",2\r\n3,4\r\n\r\n5,6", &CsvOptions::default()).unwrap();
        let lines: Vec<u64> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 4, 6], "a cell over two lines and a blank line are counted, as a text editor shows them");
        let table = parse(b"a\n1\n2", &CsvOptions::default()).unwrap();
        assert_eq!(table.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 3], "plain LF line ends too");
    }

    #[test]
    fn the_separator_comes_from_the_header_line() {
        assert_eq!(detect_delimiter("Summary;Due Date;Assignee\n\"a, b\";1;2"), ';');
        assert_eq!(detect_delimiter("id,type,title\n1;2;3"), ',');
    }
}

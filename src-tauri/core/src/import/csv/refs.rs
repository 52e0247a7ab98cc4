//! References between rows, and from rows to the board. Ids in the file are the file's own
//! names for its rows: a task's "initiative id" and the ids in "depends on" point at rows of the
//! same file (by their id column) or at items already on the board (by their Bridgeboard id).
//! An initiative can also be named by its exact title, in the file or on the board; a title that
//! names several is refused rather than guessed.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::cells::Reader;
use super::columns::Field;
use super::table::CsvRow;

/// A finish-to-start dependency a row asks for: `to` (a row) waits for `from`.
pub(super) struct Link {
    pub line: u64,
    pub from: Ref,
    pub to: usize,
}

/// What a row is, from its type column (or, without one, from whether it names an initiative).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Initiative,
    Task,
    Milestone,
}

/// Something a row refers to: another row of the file (by its index), or an item on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Ref {
    Row(usize),
    Board(Uuid),
}

/// The file's rows by id and initiative title, read before any row is, so that a row may refer
/// to one further down.
pub(super) struct Index {
    kinds: Vec<Option<Kind>>,
    lines: Vec<u64>,
    ids: HashMap<String, usize>,
    titles: HashMap<String, Vec<usize>>,
}

impl Index {
    pub fn build(reader: &mut Reader, rows: &[CsvRow]) -> Index {
        let mut index = Index { kinds: Vec::new(), lines: Vec::new(), ids: HashMap::new(), titles: HashMap::new() };
        for (at, row) in rows.iter().enumerate() {
            let kind = kind(reader, row);
            let id = reader.raw(row, Field::Id);
            if !id.is_empty() {
                if let Some(first) = index.ids.get(id) {
                    let first_line = rows[*first].line;
                    reader.note(row, Some(Field::Id), format!("the id {id} is also on line {first_line}; each row needs its own id"));
                } else {
                    index.ids.insert(id.to_string(), at);
                }
            }
            if kind == Some(Kind::Initiative) {
                index.titles.entry(reader.text(row, Field::Title).to_string()).or_default().push(at);
            }
            index.kinds.push(kind);
            index.lines.push(row.line);
        }
        index
    }

    pub fn kind(&self, at: usize) -> Option<Kind> {
        self.kinds[at]
    }

    /// The initiative a task row belongs to: by "initiative id", else by the "initiative" cell
    /// (an initiative row's id, or an exact title).
    pub fn parent(&self, reader: &mut Reader, row: &CsvRow) -> Option<Ref> {
        let id = reader.raw(row, Field::InitiativeId);
        if !id.is_empty() {
            return self.initiative_by_id(reader, row, id, Field::InitiativeId);
        }
        let name = reader.text(row, Field::Initiative);
        if name.is_empty() {
            let field = [Field::InitiativeId, Field::Initiative, Field::Type].into_iter().find(|f| reader.has(*f));
            reader.note(row, field, "a task needs its initiative: fill in the initiative id or the initiative's title");
            return None;
        }
        if self.ids.get(name).is_some_and(|r| self.kinds[*r] == Some(Kind::Initiative)) {
            return self.initiative_by_id(reader, row, name, Field::Initiative);
        }
        let in_file = self.titles.get(name).cloned().unwrap_or_default();
        let board = reader.board;
        let on_board: Vec<Uuid> = board.initiatives.iter().filter(|i| i.title == name).map(|i| i.id).collect();
        match (in_file.as_slice(), on_board.as_slice()) {
            ([row_at], []) => Some(Ref::Row(*row_at)),
            ([], [id]) => Some(Ref::Board(*id)),
            ([], []) => {
                reader.note(
                    row,
                    Some(Field::Initiative),
                    format!("there is no initiative called “{name}” in this file or on the board; add a row for it (type initiative), or correct the title"),
                );
                None
            }
            (rows, ids) => {
                let lines: Vec<String> = rows.iter().map(|r| format!("line {}", self.lines[*r])).collect();
                let places = [lines.join(", "), if ids.is_empty() { String::new() } else { format!("{} on the board", ids.len()) }];
                let places: Vec<&String> = places.iter().filter(|p| !p.is_empty()).collect();
                reader.note(
                    row,
                    Some(Field::Initiative),
                    format!(
                        "“{name}” is the title of more than one initiative ({}); give its id in the initiative id column instead",
                        places.iter().map(|p| p.as_str()).collect::<Vec<_>>().join("; ")
                    ),
                );
                None
            }
        }
    }

    fn initiative_by_id(&self, reader: &mut Reader, row: &CsvRow, id: &str, field: Field) -> Option<Ref> {
        if let Some(&at) = self.ids.get(id) {
            return match self.kinds[at] {
                Some(Kind::Initiative) => Some(Ref::Row(at)),
                // A row whose own type is unreadable has its problem noted already.
                None => None,
                Some(_) => {
                    reader.note(row, Some(field), format!("{id} is the task on line {}, not an initiative", self.lines[at]));
                    None
                }
            };
        }
        let board = reader.board;
        if let Some(i) = Uuid::parse_str(id).ok().and_then(|uuid| board.initiative(uuid)) {
            return Some(Ref::Board(i.id));
        }
        reader.note(row, Some(field), format!("{id} is not the id of an initiative row in this file, nor of an initiative on the board"));
        None
    }

    /// The dependencies a row's "depends on" cell asks for (ids separated by `;` or `,`).
    pub fn depends_on(&self, reader: &mut Reader, row: &CsvRow, at: usize) -> Vec<Link> {
        let cell = reader.raw(row, Field::DependsOn);
        let board = reader.board;
        let on_board: HashSet<Uuid> = if cell.is_empty() {
            HashSet::new()
        } else {
            board.initiatives.iter().map(|i| i.id).chain(board.tasks.iter().map(|t| t.id)).collect()
        };
        let mut links: Vec<Link> = Vec::new();
        for id in cell.split([';', ',']).map(str::trim).filter(|id| !id.is_empty()) {
            let from = match self.ids.get(id) {
                Some(r) => Ref::Row(*r),
                None => match Uuid::parse_str(id).ok().filter(|uuid| on_board.contains(uuid)) {
                    Some(uuid) => Ref::Board(uuid),
                    None => {
                        reader.note(
                            row,
                            Some(Field::DependsOn),
                            format!("{id} is not the id of a row in this file, nor of an item on the board"),
                        );
                        continue;
                    }
                },
            };
            if !links.iter().any(|l| l.from == from) {
                links.push(Link { line: row.line, from, to: at });
            }
        }
        links
    }
}

fn kind(reader: &mut Reader, row: &CsvRow) -> Option<Kind> {
    let written = reader.raw(row, Field::Type);
    match written.to_lowercase().as_str() {
        "" if reader.raw(row, Field::InitiativeId).is_empty() && reader.text(row, Field::Initiative).is_empty() => Some(Kind::Initiative),
        "" => Some(Kind::Task),
        // Jira's epics are our initiatives; its stories, sub-tasks and bugs are tasks.
        "initiative" | "epic" | "project" => Some(Kind::Initiative),
        "task" | "story" | "sub-task" | "subtask" | "bug" => Some(Kind::Task),
        "milestone" => Some(Kind::Milestone),
        _ => {
            reader.note(row, Some(Field::Type), format!("“{written}” is not a type of row; use initiative or task (or milestone)"));
            None
        }
    }
}

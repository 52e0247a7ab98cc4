//! Reading one row's cells: each checked on its own (a date that exists, a status that exists,
//! a person on the board) and against the rules a row can be checked by alone, every problem
//! noted with its line and column while the reading goes on.

use chrono::NaiveDate;
use uuid::Uuid;

use super::columns::{Columns, Field};
use super::dates::{self, DateOrder};
use super::table::CsvRow;
use super::Problem;
use crate::domain::model::*;
use crate::domain::ops::{NewInitiative, NewTask};
use crate::domain::snapshot::Snapshot;
use crate::domain::{rules, validate};
use crate::export::csv::guard;

/// Reads cells, noting problems as it goes.
pub(super) struct Reader<'a> {
    columns: &'a Columns,
    guarded: bool,
    order: Option<DateOrder>,
    pub board: &'a Snapshot,
    pub problems: Vec<Problem>,
}

impl<'a> Reader<'a> {
    pub fn new(columns: &'a Columns, guarded: bool, order: Option<DateOrder>, board: &'a Snapshot) -> Reader<'a> {
        Reader { columns, guarded, order, board, problems: Vec::new() }
    }

    pub fn note(&mut self, row: &CsvRow, field: Option<Field>, message: impl Into<String>) {
        let column = field.and_then(|f| self.columns.heading(f));
        self.problems.push(Problem { line: row.line, column, message: message.into() });
    }

    /// Whether the file has a column read as `field`.
    pub fn has(&self, field: Field) -> bool {
        self.columns.index(field).is_some()
    }

    /// A cell as written, trimmed; empty when the file has no such column.
    pub fn raw<'r>(&self, row: &'r CsvRow, field: Field) -> &'r str {
        self.columns.index(field).map_or("", |i| row.cell(i).trim())
    }

    /// A user-text cell: the CSV export's `'` guard taken off (exactly one, and only where the
    /// export put one: before `=` `+` `-` `@` a tab, a carriage return or `'`; a workbook's cells
    /// have none), then trimmed.
    pub fn text<'r>(&self, row: &'r CsvRow, field: Field) -> &'r str {
        let cell = self.columns.index(field).map_or("", |i| row.cell(i));
        let unguarded = match cell.strip_prefix('\'') {
            Some(rest) if self.guarded && matches!(guard(rest), std::borrow::Cow::Owned(_)) => rest,
            _ => cell,
        };
        unguarded.trim()
    }

    fn title(&mut self, row: &CsvRow) -> Option<String> {
        validate::title(self.text(row, Field::Title)).map_err(|err| self.note(row, Some(Field::Title), err.to_string())).ok()
    }

    fn date(&mut self, row: &CsvRow, field: Field) -> Option<Option<NaiveDate>> {
        dates::read(self.raw(row, field), self.order).map_err(|message| self.note(row, Some(field), message)).ok()
    }

    fn dates(&mut self, row: &CsvRow, end_name: &str) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
        let (start, finish) = (self.date(row, Field::Start), self.date(row, Field::Finish));
        let (start, finish) = (start?, finish?);
        match validate::date_order(start, finish, end_name) {
            Ok(()) => Some((start, finish)),
            Err(err) => {
                self.note(row, Some(Field::Finish), err.to_string());
                None
            }
        }
    }

    /// A person on the board by name or email, ignoring case. `Some(None)` for an empty cell.
    fn person(&mut self, row: &CsvRow, field: Field) -> Option<Option<&'a Person>> {
        let who = self.text(row, field);
        if who.is_empty() {
            return Some(None);
        }
        let board = self.board;
        let found: Vec<&Person> =
            board.people.iter().filter(|p| same_words(&p.name, who) || (!p.email.is_empty() && same_words(&p.email, who))).collect();
        match found.as_slice() {
            [one] => Some(Some(*one)),
            [] => {
                self.note(
                    row,
                    Some(field),
                    format!(
                        "“{who}” is not a person on this board; add them under People first (or correct the spelling), then import again"
                    ),
                );
                None
            }
            many => {
                let emails: Vec<&str> = many.iter().map(|p| p.email.as_str()).collect();
                self.note(row, Some(field), format!("“{who}” could be several people ({}); write their email instead", emails.join(", ")));
                None
            }
        }
    }

    /// A wire value (`in_progress`) or its label (`In progress`), ignoring case, `_` and `-`.
    fn choice<T: Copy>(
        &mut self,
        row: &CsvRow,
        field: Field,
        what: &str,
        all: &[T],
        names: impl Fn(T) -> [&'static str; 2],
    ) -> Option<Option<T>> {
        let cell = self.raw(row, field);
        if cell.is_empty() {
            return Some(None);
        }
        let plain = |s: &str| s.to_lowercase().replace(['_', '-'], " ").split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(found) = all.iter().copied().find(|v| names(*v).iter().any(|n| plain(n) == plain(cell))) {
            return Some(Some(found));
        }
        let accepted: Vec<&str> = all.iter().map(|v| names(*v)[1]).collect();
        self.note(row, Some(field), format!("“{cell}” is not {what}; use one of: {}", accepted.join(", ")));
        None
    }

    pub fn initiative(&mut self, row: &CsvRow) -> Option<NewInitiative> {
        let title = self.title(row);
        let status = self.choice(row, Field::Status, "a status of an initiative", InitiativeStatus::ALL, |s| [s.wire(), s.label()]);
        let priority = self.priority(row);
        let dates = self.dates(row, "finish (go-live) date");
        let mut owners = [None, None];
        let mut owners_read = true;
        for (slot, (field, role, department)) in
            owners.iter_mut().zip([(Field::MarketingOwner, "Marketing owner", MARKETING), (Field::ItOwner, "IT owner", IT)])
        {
            match self.person(row, field) {
                Some(person) => match rules::check_owner(role, department, person) {
                    Ok(()) => *slot = person.map(|p| p.id),
                    Err(err) => {
                        self.note(row, Some(field), err.to_string());
                        owners_read = false;
                    }
                },
                None => owners_read = false,
            }
        }
        // `;` separates when present (the export's separator; a tag may hold a comma), else `,`.
        let cell = self.text(row, Field::Tags);
        let separator = if cell.contains(';') { ';' } else { ',' };
        let tags: Vec<String> = cell.split(separator).map(str::to_string).collect();
        let tags = validate::tags(&tags).map_err(|err| self.note(row, Some(Field::Tags), err.to_string())).ok();
        let accountable = self.person(row, Field::Accountable).map(|p| p.map(|p| p.id));
        let status = status?.unwrap_or(InitiativeStatus::Proposed);
        if owners_read && rules::check_owners_for_status("", status, owners[0], owners[1]).is_err() {
            let missing: Vec<&str> = [(owners[0], "a Marketing owner"), (owners[1], "an IT owner")]
                .into_iter()
                .filter(|(o, _)| o.is_none())
                .map(|(_, what)| what)
                .collect();
            self.note(
                row,
                Some(Field::Status),
                format!(
                    "a {} initiative needs {}; fill in the owner columns, or import it as proposed",
                    status.label().to_lowercase(),
                    missing.join(" and ")
                ),
            );
        }
        let (start, target) = dates?;
        Some(NewInitiative {
            status,
            priority: priority?.unwrap_or(Priority::Medium),
            start,
            target,
            marketing_owner_id: owners[0],
            it_owner_id: owners[1],
            accountable_id: accountable?,
            tags: tags?,
            ..NewInitiative::titled(title?)
        })
    }

    fn priority(&mut self, row: &CsvRow) -> Option<Option<Priority>> {
        // Jira's five levels fold into our four.
        match self.raw(row, Field::Priority).to_ascii_lowercase().as_str() {
            "highest" => Some(Some(Priority::Critical)),
            "lowest" => Some(Some(Priority::Low)),
            _ => self.choice(row, Field::Priority, "a priority", Priority::ALL, |p| [p.wire(), p.label()]),
        }
    }

    pub fn task(&mut self, row: &CsvRow, milestone_type: bool) -> Option<NewTask> {
        let title = self.title(row);
        let status = self.choice(row, Field::Status, "a status of a task", TaskStatus::ALL, |s| [s.wire(), s.label()]);
        let dates = self.dates(row, "finish (due) date");
        let assignee = self.person(row, Field::Assignee);
        let milestone = match self.raw(row, Field::Milestone).to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" | "1" | "x" => Some(true),
            "no" | "n" | "false" | "0" | "" => Some(milestone_type),
            other => {
                let other = other.to_string();
                self.note(row, Some(Field::Milestone), format!("“{other}” is not yes or no"));
                None
            }
        };
        let department = self.department(row, assignee);
        let (start, due) = dates?;
        Some(NewTask {
            assignee_id: assignee?.map(|p| p.id),
            status: status?.unwrap_or(TaskStatus::Todo),
            start,
            due,
            kind: if milestone? { TaskKind::Milestone } else { TaskKind::Task },
            // The initiative is known once its row is created (see `apply.rs`).
            ..NewTask::titled(Uuid::nil(), department?, title?)
        })
    }

    /// The department by name (ignoring case), or else the assignee's (`None` when the
    /// assignee could not be read: that problem is already noted).
    fn department(&mut self, row: &CsvRow, assignee: Option<Option<&Person>>) -> Option<Id> {
        let name = self.text(row, Field::Department);
        if name.is_empty() {
            let assignee = assignee?;
            if assignee.is_none() {
                let field = [Field::Department, Field::Assignee, Field::Title].into_iter().find(|f| self.has(*f));
                self.note(
                    row,
                    field,
                    "a task needs a department: fill in the department (Marketing, IT, ...), or an assignee, whose department is then used",
                );
            }
            return assignee.map(|p| p.department_id);
        }
        let board = self.board;
        if let Some(d) = board.departments.iter().find(|d| same_words(&d.name, name)) {
            return Some(d.id);
        }
        let known: Vec<&str> = board.departments.iter().map(|d| d.name.as_str()).collect();
        self.note(
            row,
            Some(Field::Department),
            format!(
                "there is no department called “{name}” on this board; add it under Departments first, or use one of: {}",
                known.join(", ")
            ),
        );
        None
    }
}

/// Equal ignoring case (in any script: “Élodie” is “élodie”) and surrounding spaces.
pub(super) fn same_words(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

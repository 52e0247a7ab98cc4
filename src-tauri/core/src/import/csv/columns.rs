//! Which column holds what. Our own headings (the CSV export's column set) are recognised
//! whatever their case, spaces or underscores; so are the usual headings of Jira and Excel
//! lists ("Summary", "Issue Type", "Due Date", "Owner", "End date", ...). A person can override
//! any of it (the app's mapping screen, the CLI's `--map "Heading=field"`); the suggestion is
//! what that screen starts from.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// What a column can be read as. The wire names are the CSV export's headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Id,
    Type,
    InitiativeId,
    Initiative,
    Title,
    Department,
    MarketingOwner,
    ItOwner,
    Assignee,
    Status,
    Priority,
    Start,
    Finish,
    Milestone,
    DependsOn,
    Blocked,
    Tags,
    Accountable,
    /// The export's summary of an initiative's gates ("privacy passed; brand in_review"), for
    /// readers: the gates themselves travel in the board export, so the import does not read it.
    Gates,
    /// The export's summary of an initiative's KPIs, likewise not read.
    Kpis,
}

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::Id,
        Field::Type,
        Field::InitiativeId,
        Field::Initiative,
        Field::Title,
        Field::Department,
        Field::MarketingOwner,
        Field::ItOwner,
        Field::Assignee,
        Field::Status,
        Field::Priority,
        Field::Start,
        Field::Finish,
        Field::Milestone,
        Field::DependsOn,
        Field::Blocked,
        Field::Tags,
        Field::Accountable,
        Field::Gates,
        Field::Kpis,
    ];

    /// The spelling in files, the CLI's `--map` and the CSV export's header.
    pub fn wire(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Type => "type",
            Field::InitiativeId => "initiative_id",
            Field::Initiative => "initiative",
            Field::Title => "title",
            Field::Department => "department",
            Field::MarketingOwner => "marketing_owner",
            Field::ItOwner => "it_owner",
            Field::Assignee => "assignee",
            Field::Status => "status",
            Field::Priority => "priority",
            Field::Start => "start",
            Field::Finish => "finish",
            Field::Milestone => "milestone",
            Field::DependsOn => "depends_on",
            Field::Blocked => "blocked",
            Field::Tags => "tags",
            Field::Accountable => "accountable",
            Field::Gates => "gates",
            Field::Kpis => "kpis",
        }
    }

    /// A field by its wire name, ignoring case, spaces and underscores ("IT owner" = `it_owner`).
    pub fn from_wire(text: &str) -> Option<Field> {
        let text = normalize(text);
        Field::ALL.iter().copied().find(|f| normalize(f.wire()) == text)
    }
}

/// Headings other tools write, normalised (see [`normalize`]), and what they hold.
const ALIASES: &[(&str, Field)] = &[
    // Jira
    ("summary", Field::Title),
    ("issue type", Field::Type),
    ("issue key", Field::Id),
    ("issue id", Field::Id),
    ("key", Field::Id),
    ("due date", Field::Finish),
    ("start date", Field::Start),
    ("epic link", Field::Initiative),
    ("parent", Field::Initiative),
    ("labels", Field::Tags),
    // Excel lists and project plans
    ("task", Field::Title),
    ("task name", Field::Title),
    ("name", Field::Title),
    ("owner", Field::Assignee),
    ("due", Field::Finish),
    ("end", Field::Finish),
    ("end date", Field::Finish),
    ("go live", Field::Finish),
    ("target", Field::Finish),
    ("target date", Field::Finish),
    ("predecessors", Field::DependsOn),
];

/// Lower case, with `_`, `-` and runs of spaces read as one space: "Due_Date" = "due date".
fn normalize(heading: &str) -> String {
    heading.to_lowercase().replace(['_', '-', '.'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What each heading would be read as, in the file's order: our own headings first, then other
/// tools' headings; a field goes to one column only (the first), so the suggestion is always a
/// mapping the import accepts as it is.
pub fn suggest_mapping(headers: &[String]) -> Vec<(String, Option<Field>)> {
    let mut taken: Vec<Field> = Vec::new();
    let mut fields: Vec<Option<Field>> = headers
        .iter()
        .map(|h| {
            let field = Field::from_wire(h).filter(|f| !taken.contains(f));
            taken.extend(field);
            field
        })
        .collect();
    for (slot, heading) in fields.iter_mut().zip(headers) {
        if slot.is_none() {
            let alias = ALIASES.iter().find(|(a, _)| *a == normalize(heading)).map(|(_, f)| *f);
            *slot = alias.filter(|f| !taken.contains(f));
            taken.extend(*slot);
        }
    }
    headers.iter().cloned().zip(fields).collect()
}

/// The columns of one file, resolved: where each field is, and what is not read.
#[derive(Debug, Clone)]
pub struct Columns {
    at: HashMap<Field, usize>,
    /// Every column's heading as messages show it.
    headings: Vec<String>,
    /// Headings of the columns nothing is read from.
    pub ignored: Vec<String>,
}

impl Columns {
    pub fn index(&self, field: Field) -> Option<usize> {
        self.at.get(&field).copied()
    }

    /// The heading of the column `field` is read from, for messages.
    pub fn heading(&self, field: Field) -> Option<String> {
        self.index(field).map(|i| self.headings[i].clone())
    }

    /// Resolves the file's headings with the person's choices (`overrides`, by heading, `None`
    /// to leave a column out) over the suggestion. A file without a title column is refused.
    pub fn resolve(headers: &[String], overrides: &[(String, Option<Field>)]) -> Result<Columns> {
        let headings: Vec<String> =
            headers.iter().enumerate().map(|(i, h)| if h.is_empty() { format!("column {}", i + 1) } else { h.clone() }).collect();
        let mut fields: Vec<Option<Field>> = suggest_mapping(headers).into_iter().map(|(_, f)| f).collect();
        let mut chosen: HashMap<Field, &str> = HashMap::new();
        for (heading, field) in overrides {
            let Some(at) = headers.iter().position(|h| normalize(h) == normalize(heading)) else {
                return Err(Error::Validation(format!(
                    "The file has no column called “{heading}”; its columns are: {}. Check the spelling of the mapping.",
                    headings.join(", ")
                )));
            };
            if let Some(field) = field {
                if let Some(other) = chosen.insert(*field, heading) {
                    return Err(Error::Validation(format!(
                        "Both “{other}” and “{heading}” are mapped to {}; a field can be read from one column only.",
                        field.wire()
                    )));
                }
                // The person's choice wins over a suggestion for another column.
                for slot in fields.iter_mut().filter(|f| **f == Some(*field)) {
                    *slot = None;
                }
            }
            fields[at] = *field;
        }
        let at: HashMap<Field, usize> = fields.iter().enumerate().filter_map(|(i, f)| f.map(|f| (f, i))).collect();
        if !at.contains_key(&Field::Title) {
            return Err(Error::Validation(format!(
                "The file has no title column, so its rows cannot be read. Its columns are: {}. \
                 Say which one holds the titles (in the column mapping, or with --map \"Heading=title\").",
                headings.join(", ")
            )));
        }
        let ignored = headings.iter().zip(&fields).filter(|(_, f)| f.is_none()).map(|(h, _)| h.clone()).collect();
        Ok(Columns { at, headings, ignored })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|h| h.to_string()).collect()
    }

    #[test]
    fn our_headings_and_jira_headings_are_recognised() {
        let suggested = suggest_mapping(&headers(&["Summary", "Issue Type", "Due date", "IT Owner", "initiative_id", "Sprint"]));
        let fields: Vec<Option<Field>> = suggested.into_iter().map(|(_, f)| f).collect();
        assert_eq!(
            fields,
            vec![Some(Field::Title), Some(Field::Type), Some(Field::Finish), Some(Field::ItOwner), Some(Field::InitiativeId), None],
            "case, spaces and underscores do not matter, and unknown headings are left out"
        );
    }

    #[test]
    fn our_own_heading_wins_over_an_alias() {
        let fields: Vec<Option<Field>> = suggest_mapping(&headers(&["Name", "Title"])).into_iter().map(|(_, f)| f).collect();
        assert_eq!(fields, vec![None, Some(Field::Title)], "“Title” is ours, so “Name” is not read as the title too");
    }

    #[test]
    fn a_mapping_overrides_the_suggestion() {
        let cols = Columns::resolve(&headers(&["Title", "Headline"]), &[("headline".into(), Some(Field::Title))]).unwrap();
        assert_eq!(cols.index(Field::Title), Some(1), "the person's choice wins");
        assert_eq!(cols.ignored, vec!["Title"], "the column it displaced is no longer read");
        let err = Columns::resolve(&headers(&["Sprint"]), &[]).unwrap_err();
        assert!(err.to_string().contains("no title column"), "{err}");
    }
}

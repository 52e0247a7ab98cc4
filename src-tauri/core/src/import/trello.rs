//! Reading a Trello board's JSON export (board menu → Print, export and share → Export as JSON)
//! into a [`SourcePlan`].
//!
//! What Trello writes, and how it is read:
//! - `lists` (the board's columns) and `cards`, each card in a list by `idList`; a card's list is
//!   its status (the list names are the statuses, to map).
//! - Each card becomes an initiative: `name`, `desc`, `labels` (their names become tags), `start`
//!   and `due` (UTC instants with milliseconds: the calendar date is the one in `zone`),
//!   `idMembers` (the first is the card's assignee; all of them can be its owners).
//! - `checklists` hang on a card (`idCard`); each `checkItems` entry becomes a task of the card's
//!   initiative, done when its `state` is `complete`, with its own `due` and `idMember`.
//! - `members` give the people's full names (`fullName`); `actions` of type `commentCard` are the
//!   cards' comments, with their author (`memberCreator`) and `date`.
//! - Archived cards (`closed`), and the cards of an archived list, are skipped, or come in as
//!   cancelled when asked.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde_json::Value;

use super::plan::{Skipped, SourceComment, SourceItem, SourcePerson, SourcePlan, SourceStatus, Stage};
use crate::{Error, Result};

/// Is this a Trello board export? (A JSON object with `cards` and `lists` arrays.)
pub fn looks_like(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // A cheap look before parsing: a board export is one object with these keys near its end.
    let has = |needle: &[u8]| text.windows(needle.len()).any(|w| w == needle);
    text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') && has(b"\"cards\"") && has(b"\"lists\"") && has(b"\"idList\"")
}

/// What to do with archived cards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Archived {
    #[default]
    Skip,
    Cancelled,
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("").trim()
}

fn day(v: &Value, key: &str, zone: Tz) -> Option<NaiveDate> {
    let at: DateTime<Utc> = text(v, key).parse().ok()?;
    Some(at.with_timezone(&zone).date_naive())
}

/// Reads a Trello board export.
pub fn read(bytes: &[u8], zone: Tz, archived: Archived) -> Result<SourcePlan> {
    let text_start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let board: Value = serde_json::from_slice(text_start).map_err(|err| {
        Error::Validation(format!("The Trello export cannot be read ({err}); the file may be cut short. Export the board again."))
    })?;
    let (Some(lists), Some(cards)) = (board.get("lists").and_then(Value::as_array), board.get("cards").and_then(Value::as_array)) else {
        return Err(Error::Validation("This is not a Trello board export: it has no lists and cards.".into()));
    };
    let lists: HashMap<&str, (&str, bool)> =
        lists.iter().map(|l| (text(l, "id"), (text(l, "name"), l.get("closed").and_then(Value::as_bool).unwrap_or(false)))).collect();
    let members: HashMap<&str, &str> =
        board.get("members").and_then(Value::as_array).into_iter().flatten().map(|m| (text(m, "id"), text(m, "fullName"))).collect();
    let person = |id: &str| {
        let name = members.get(id).copied().filter(|n| !n.is_empty()).unwrap_or(id);
        SourcePerson { name: name.to_string(), email: None }
    };
    let mut plan = SourcePlan::default();
    let mut comments: HashMap<&str, Vec<SourceComment>> = HashMap::new();
    for action in board.get("actions").and_then(Value::as_array).into_iter().flatten().filter(|a| text(a, "type") == "commentCard") {
        let data = action.get("data").unwrap_or(&Value::Null);
        let card = data.get("card").map(|c| text(c, "id")).unwrap_or("");
        let author =
            action.get("memberCreator").map(|m| text(m, "fullName")).filter(|n| !n.is_empty()).unwrap_or(text(action, "idMemberCreator"));
        let body = text(data, "text");
        if !card.is_empty() && !body.is_empty() {
            comments.entry(card).or_default().push(SourceComment {
                author: SourcePerson { name: author.to_string(), email: None },
                written_at: text(action, "date").parse().ok(),
                body: body.to_string(),
            });
        }
    }
    let mut archived_cards = 0;
    for card in cards {
        let id = text(card, "id");
        let name = text(card, "name");
        let label = format!("card “{name}”");
        let (list, list_closed) = lists.get(text(card, "idList")).copied().unwrap_or(("", false));
        let closed = card.get("closed").and_then(Value::as_bool).unwrap_or(false) || list_closed;
        if closed && archived == Archived::Skip {
            archived_cards += 1;
            continue;
        }
        let status = if closed {
            SourceStatus { name: "Archived".into(), stage: Some(Stage::Cancelled) }
        } else {
            SourceStatus { name: list.to_string(), stage: Stage::of_name(list) }
        };
        let member_ids: Vec<&str> =
            card.get("idMembers").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let mut item = SourceItem {
            key: id.to_string(),
            label: label.clone(),
            top_level: true,
            title: name.to_string(),
            notes: text(card, "desc").to_string(),
            status: Some(status),
            assignee: member_ids.first().map(|m| person(m)),
            members: member_ids.iter().skip(1).map(|m| person(m)).collect(),
            start: day(card, "start", zone),
            due: day(card, "due", zone),
            tags: card
                .get("labels")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|l| text(l, "name"))
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect(),
            comments: comments.remove(id).unwrap_or_default(),
            ..SourceItem::default()
        };
        if item.title.is_empty() {
            plan.skipped.push(Skipped { at: format!("card {id}"), reason: "it has no name".into() });
            continue;
        }
        item.comments.sort_by_key(|c| c.written_at);
        plan.items.push(item);
    }
    let kept: HashSet<&str> = plan.items.iter().map(|i| i.key.as_str()).collect();
    let mut tasks = Vec::new();
    for checklist in board.get("checklists").and_then(Value::as_array).into_iter().flatten() {
        let card = text(checklist, "idCard");
        if !kept.contains(card) {
            continue;
        }
        let list_name = text(checklist, "name");
        for check in checklist.get("checkItems").and_then(Value::as_array).into_iter().flatten() {
            let name = text(check, "name");
            let done = text(check, "state") == "complete";
            tasks.push(SourceItem {
                key: text(check, "id").to_string(),
                label: format!("checklist item “{name}”"),
                parent: Some(card.to_string()),
                title: name.to_string(),
                notes: if list_name.is_empty() { String::new() } else { format!("From the checklist “{list_name}”.") },
                status: Some(if done {
                    SourceStatus { name: "Checked".into(), stage: Some(Stage::Done) }
                } else {
                    SourceStatus { name: "Not checked".into(), stage: Some(Stage::ToDo) }
                }),
                assignee: Some(text(check, "idMember")).filter(|m| !m.is_empty()).map(person),
                due: day(check, "due", zone),
                ..SourceItem::default()
            });
        }
    }
    plan.items.extend(tasks);
    if archived_cards > 0 {
        plan.notes
            .push(format!("{archived_cards} archived cards were left out; they can come in as cancelled instead (--archived cancelled)."));
    }
    for (key, what) in [("customFields", "custom fields"), ("pluginData", "Power-Up data")] {
        if board.get(key).and_then(Value::as_array).is_some_and(|a| !a.is_empty()) {
            plan.unread.push(what.to_string());
        }
    }
    if cards.iter().any(|c| c.get("attachments").and_then(Value::as_array).is_some_and(|a| !a.is_empty())) {
        plan.unread.push("attachments".into());
    }
    Ok(plan)
}

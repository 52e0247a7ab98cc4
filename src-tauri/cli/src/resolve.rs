//! Finding what a person typed: an initiative or task by id or exact title, a person by id,
//! name or email, a department by name. Matching is exact first, then exact ignoring case;
//! text that matches several things is refused with their ids, never guessed.
//!
//! Everything is read through the core's public views (`Store::listing` and `Store::board`),
//! so the CLI writes no SQL of its own.

use bridgeboard_core::store::Listing;
use bridgeboard_core::{Department, Error, Id, Person, Result, Store};
use chrono::NaiveDate;

/// The board as read once, before a command resolves its arguments.
pub struct Snapshot {
    pub listing: Listing,
    pub people: Vec<Person>,
    pub departments: Vec<Department>,
}

/// A task or an initiative.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Initiative { id: Id, title: String },
    Task { id: Id, title: String, initiative_id: Id },
}

impl Item {
    pub fn id(&self) -> Id {
        match self {
            Item::Initiative { id, .. } | Item::Task { id, .. } => *id,
        }
    }

    /// The initiative whose detail view shows this item.
    pub fn initiative_id(&self) -> Id {
        match self {
            Item::Initiative { id, .. } => *id,
            Item::Task { initiative_id, .. } => *initiative_id,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Item::Initiative { title, .. } | Item::Task { title, .. } => title,
        }
    }
}

/// What `delete` can remove.
#[derive(Debug, Clone, PartialEq)]
pub enum Deletable {
    Item(Item),
    Person(Id),
}

/// One thing a typed text may name: its id, the texts that name it, and how to show it in a
/// list of matches.
struct Candidate<T> {
    id: Id,
    keys: Vec<String>,
    shown: String,
    value: T,
}

impl Snapshot {
    pub fn read(store: &Store, today: NaiveDate) -> Result<Snapshot> {
        let board = store.board(today)?;
        Ok(Snapshot { listing: store.listing(today)?, people: board.people, departments: board.departments })
    }

    fn item_candidates(&self) -> Vec<Candidate<Item>> {
        let mut out = Vec::new();
        for i in &self.listing.initiatives {
            out.push(Candidate {
                id: i.id,
                keys: vec![i.title.clone()],
                shown: format!("initiative “{}”", i.title),
                value: Item::Initiative { id: i.id, title: i.title.clone() },
            });
            for t in &i.tasks {
                out.push(Candidate {
                    id: t.id,
                    keys: vec![t.title.clone()],
                    shown: format!("task “{}” in “{}”", t.title, i.title),
                    value: Item::Task { id: t.id, title: t.title.clone(), initiative_id: i.id },
                });
            }
        }
        out
    }

    fn person_candidates(&self) -> Vec<Candidate<Id>> {
        self.people
            .iter()
            .map(|p| {
                let mut keys = vec![p.name.clone()];
                if !p.email.is_empty() {
                    keys.push(p.email.clone());
                }
                let email = if p.email.is_empty() { String::new() } else { format!(" <{}>", p.email) };
                Candidate { id: p.id, keys, shown: format!("person {}{email}", p.name), value: p.id }
            })
            .collect()
    }

    pub fn item(&self, query: &str) -> Result<Item> {
        pick("initiative or task", query, self.item_candidates())
    }

    pub fn initiative(&self, query: &str) -> Result<Id> {
        match self.item(query)? {
            Item::Initiative { id, .. } => Ok(id),
            Item::Task { title, .. } => {
                Err(Error::Validation(format!("“{title}” is a task, not an initiative; name the initiative it should go in.")))
            }
        }
    }

    pub fn task(&self, query: &str) -> Result<Item> {
        match self.item(query)? {
            task @ Item::Task { .. } => Ok(task),
            Item::Initiative { title, .. } => {
                Err(Error::Validation(format!("“{title}” is an initiative, not a task; use edit-initiative for it.")))
            }
        }
    }

    pub fn person(&self, query: &str) -> Result<&Person> {
        let id = pick("person", query, self.person_candidates())?;
        Ok(self.people.iter().find(|p| p.id == id).expect("picked from the same list"))
    }

    pub fn person_id(&self, query: Option<&str>) -> Result<Option<Id>> {
        query.map(|q| self.person(q).map(|p| p.id)).transpose()
    }

    pub fn department(&self, query: &str) -> Result<Id> {
        let candidates = self
            .departments
            .iter()
            .map(|d| Candidate { id: d.id, keys: vec![d.name.clone()], shown: format!("department {}", d.name), value: d.id })
            .collect();
        pick("department", query, candidates).map_err(|err| match err {
            Error::NotFound(_) => {
                let names: Vec<&str> = self.departments.iter().map(|d| d.name.as_str()).collect();
                Error::NotFound(format!(
                    "There is no department called “{query}”; use one of: {}, or add it with add-department.",
                    names.join(", ")
                ))
            }
            other => other,
        })
    }

    /// An initiative, a task or a person, for `delete`.
    pub fn deletable(&self, query: &str) -> Result<Deletable> {
        let mut candidates: Vec<Candidate<Deletable>> = self
            .item_candidates()
            .into_iter()
            .map(|c| Candidate { id: c.id, keys: c.keys, shown: c.shown, value: Deletable::Item(c.value) })
            .collect();
        candidates.extend(self.person_candidates().into_iter().map(|c| Candidate {
            id: c.id,
            keys: c.keys,
            shown: c.shown,
            value: Deletable::Person(c.value),
        }));
        pick("initiative, task or person", query, candidates)
    }
}

/// The one candidate `query` names: by id, else by exact text, else by text ignoring case.
fn pick<T>(what: &str, query: &str, candidates: Vec<Candidate<T>>) -> Result<T> {
    let query = query.trim();
    if let Ok(id) = Id::parse_str(query) {
        return candidates
            .into_iter()
            .find(|c| c.id == id)
            .map(|c| c.value)
            .ok_or_else(|| Error::NotFound(format!("No {what} with id {id} is on this board; it may have been deleted.")));
    }
    let (exact, rest): (Vec<_>, Vec<_>) = candidates.into_iter().partition(|c| c.keys.iter().any(|k| k == query));
    let mut matches: Vec<Candidate<T>> = if exact.is_empty() {
        let lower = query.to_lowercase();
        rest.into_iter().filter(|c| c.keys.iter().any(|k| k.to_lowercase() == lower)).collect()
    } else {
        exact
    };
    match matches.len() {
        0 => Err(Error::NotFound(format!(
            "No {what} called “{query}” is on this board. Check the spelling (the whole title or name), or run `list` to see them with their ids."
        ))),
        1 => Ok(matches.remove(0).value),
        n => {
            let lines: Vec<String> = matches.iter().map(|c| format!("  {}  {}", c.id, c.shown)).collect();
            Err(Error::Validation(format!(
                "“{query}” matches {n} items; give the id of the one you mean:\n{}",
                lines.join("\n")
            )))
        }
    }
}

//! What a window is sent of the board: all of it the first time, then only the cards that
//! differ from a board it already holds. A status change on the 2,000-initiative board changes
//! a handful of cards, yet sending the whole board (1.7 MB of JSON) and parsing it in the window
//! took longer than the write and the core's read together.
//!
//! [`SentBoards`] remembers, for each of the last few boards it sent, a fingerprint of every
//! card (a keyed hash of every field the window is sent) in board order. A window names the
//! board it holds (`since`) and is sent the cards whose fingerprint differs, with the order of
//! all when that moved. A window whose board is no longer remembered, or that holds none, is
//! sent the whole board.
//! Every update starts from a fresh read of the board. A card the read kept from the read
//! before is the same object as before (cards are never changed once built), so its
//! fingerprint is not computed again.

use std::collections::hash_map::RandomState;
use std::collections::VecDeque;
use std::hash::BuildHasher;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::governance::GateType;
use super::id_hash::IdMap;
use super::model::{Department, Id, Person};
use super::view::{BoardInfo, BoardView, InitiativeCard};
use super::wire_time;

/// How many sent boards are remembered: enough for a few windows reading in turn.
const REMEMBERED: usize = 8;

/// The board for one window: whole (`base` is `None`), or as changes to the board it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BoardUpdate {
    /// Names this board, for the window's next `since`.
    pub revision: u64,
    /// The board this update changes; `None` when `cards` is the whole board.
    pub base: Option<u64>,
    pub info: BoardInfo,
    #[serde(serialize_with = "wire_time::day")]
    pub today: NaiveDate,
    pub departments: Vec<Department>,
    pub people: Vec<Person>,
    /// The board's gate catalogue, built-in types first.
    pub gate_types: Vec<GateType>,
    /// Without a base, every card in board order; with one, the cards new or changed since it.
    pub cards: Vec<Arc<InitiativeCard>>,
    /// With a base, every card's id in board order when that is not the base's order (a card
    /// added, removed or moved); `None` when it is.
    pub order: Option<Vec<Id>>,
}

struct Sent {
    revision: u64,
    /// Each card's id and fingerprint, in board order.
    cards: Vec<(Id, u64)>,
}

/// The boards recently sent, by fingerprint: see the module header.
pub struct SentBoards {
    last: u64,
    recent: VecDeque<Sent>,
    /// The cards of the last update's board with their fingerprints, to know them again.
    printed: IdMap<Id, (Arc<InitiativeCard>, u64)>,
    /// Random keys, so that no crafted card can be made to look unchanged.
    keys: RandomState,
}

impl Default for SentBoards {
    fn default() -> SentBoards {
        SentBoards { last: 0, recent: VecDeque::with_capacity(REMEMBERED), printed: IdMap::default(), keys: RandomState::new() }
    }
}

impl SentBoards {
    /// What to send a window that holds the board `since` names (or none), given the board as it
    /// is now; remembers it under the update's revision.
    pub fn update(&mut self, view: BoardView, since: Option<u64>) -> BoardUpdate {
        // Taken apart whole, so that a field added to the board cannot be left out of the update.
        let BoardView { info, today, departments, people, initiatives, gate_types } = view;
        let prints: Vec<(Id, u64)> = initiatives.iter().map(|card| (card.id, self.fingerprint(card))).collect();
        self.printed = initiatives.iter().zip(&prints).map(|(card, &(id, print))| (id, (Arc::clone(card), print))).collect();
        let base = since.and_then(|since| self.recent.iter().find(|sent| sent.revision == since));
        let (base, cards, order) = match base {
            None => (None, initiatives, None),
            Some(base) => {
                let before: IdMap<Id, u64> = base.cards.iter().copied().collect();
                let changed = initiatives
                    .into_iter()
                    .zip(&prints)
                    .filter(|(_, (id, print))| before.get(id) != Some(print))
                    .map(|(card, _)| card)
                    .collect();
                let same_order = base.cards.len() == prints.len() && base.cards.iter().zip(&prints).all(|(a, b)| a.0 == b.0);
                let order = (!same_order).then(|| prints.iter().map(|(id, _)| *id).collect());
                (Some(base.revision), changed, order)
            }
        };
        self.last += 1;
        if self.recent.len() == REMEMBERED {
            self.recent.pop_front();
        }
        self.recent.push_back(Sent { revision: self.last, cards: prints });
        BoardUpdate { revision: self.last, base, info, today, departments, people, gate_types, cards, order }
    }

    /// A hash of everything the window would be sent of the card: its fields, hashed directly
    /// (serializing each card to JSON to hash it cost several milliseconds a read); the last
    /// update's when it is the same card object.
    fn fingerprint(&self, card: &Arc<InitiativeCard>) -> u64 {
        match self.printed.get(&card.id) {
            Some((known, print)) if Arc::ptr_eq(known, card) => *print,
            _ => self.keys.hash_one(card),
        }
    }
}

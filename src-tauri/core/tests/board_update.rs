//! What a window is sent of the board (`SentBoards`): the whole board the first time, then only
//! what changed. Checked against the one thing that matters to the person: the window's board,
//! once the update is applied to what it held, is the board as it now is.

mod common;

use std::sync::Arc;

use bridgeboard_core::*;
use common::{me, now, today};

fn sample() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    sample::create(&mut store, today(), now()).unwrap();
    store
}

/// What the window does with an update: the cards it names replace or join the ones it held,
/// in the update's order (or the held order).
fn applied(held: &[Arc<InitiativeCard>], update: &BoardUpdate) -> Vec<Arc<InitiativeCard>> {
    if update.base.is_none() {
        return update.cards.clone();
    }
    let order: Vec<Id> = update.order.clone().unwrap_or_else(|| held.iter().map(|c| c.id).collect());
    order
        .iter()
        .map(|id| update.cards.iter().chain(held).find(|c| c.id == *id).expect("every card in the order was sent or held").clone())
        .collect()
}

fn title_of(cards: &[Arc<InitiativeCard>], id: Id) -> &str {
    &cards.iter().find(|c| c.id == id).unwrap().title
}

#[test]
fn a_window_with_no_board_is_sent_all_of_it() {
    let store = sample();
    let mut sent = SentBoards::default();
    let view = store.board(today()).unwrap();
    let update = sent.update(view.clone(), None);
    assert_eq!(update.base, None, "nothing to build on");
    assert_eq!(update.cards, view.initiatives, "every card, in board order");
    assert_eq!(update.people, view.people);
}

#[test]
fn an_unchanged_board_sends_no_cards() {
    let store = sample();
    let mut sent = SentBoards::default();
    let first = sent.update(store.board(today()).unwrap(), None);
    let again = sent.update(store.board(today()).unwrap(), Some(first.revision));
    assert_eq!(again.base, Some(first.revision));
    assert!(again.cards.is_empty(), "no card changed, so none is sent");
    assert_eq!(again.order, None, "nor the order, which did not move");
    assert_ne!(again.revision, first.revision, "each update is a new board to build on");
}

#[test]
fn a_status_change_sends_the_card_and_those_it_unblocks() {
    let mut store = sample();
    let mut sent = SentBoards::default();
    let before = store.board(today()).unwrap();
    let first = sent.update(before.clone(), None);
    // The sample's initiative-to-initiative dependency: cancelling the predecessor unblocks the successor.
    let (from, to) = store
        .snapshot()
        .unwrap()
        .dependencies
        .iter()
        .map(|d| (d.from_id, d.to_id))
        .find(|(from, to)| before.initiatives.iter().any(|c| c.id == *from) && before.initiatives.iter().any(|c| c.id == *to))
        .expect("the sample has an initiative waiting for another");
    assert!(before.initiatives.iter().find(|c| c.id == to).unwrap().blocked, "the successor waits at first");

    store
        .apply(&me(), now(), Op::UpdateInitiative { id: from, changes: vec![InitiativeChange::Status(InitiativeStatus::Cancelled)] })
        .unwrap();
    let after = store.board(today()).unwrap();
    let update = sent.update(after.clone(), Some(first.revision));

    let ids: Vec<Id> = update.cards.iter().map(|c| c.id).collect();
    assert!(ids.contains(&from), "the card whose status changed is sent");
    assert!(ids.contains(&to), "and {:?}, which it no longer blocks", title_of(&after.initiatives, to));
    assert!(ids.len() < after.initiatives.len(), "but not the cards that stayed the same");
    assert_eq!(applied(&first.cards, &update), after.initiatives, "the window ends with the board as it is");
}

#[test]
fn adding_and_deleting_cards_sends_the_new_order() {
    let mut store = sample();
    let mut sent = SentBoards::default();
    let first = sent.update(store.board(today()).unwrap(), None);
    let gone = first.cards[1].id;
    store.apply(&me(), now(), Op::Delete { id: gone, reassign_to: None }).unwrap();
    let added =
        store.apply(&me(), now(), Op::CreateInitiative(serde_json::from_str(r#"{"title": "Flu shot reminders"}"#).unwrap())).unwrap();
    let after = store.board(today()).unwrap();
    let update = sent.update(after.clone(), Some(first.revision));

    let order = update.order.as_ref().expect("cards came and went, so the order is sent");
    assert!(!order.contains(&gone), "the deleted card leaves the board");
    assert!(update.cards.iter().any(|c| c.id == added), "the new card is sent whole");
    assert_eq!(applied(&first.cards, &update), after.initiatives);
}

#[test]
fn a_board_no_longer_remembered_is_sent_whole() {
    let store = sample();
    let mut sent = SentBoards::default();
    let first = sent.update(store.board(today()).unwrap(), None);
    for _ in 0..8 {
        sent.update(store.board(today()).unwrap(), None);
    }
    let update = sent.update(store.board(today()).unwrap(), Some(first.revision));
    assert_eq!(update.base, None, "eight boards later the first is forgotten: the window gets all of it");
    assert_eq!(update.cards.len(), first.cards.len());
    let unknown = sent.update(store.board(today()).unwrap(), Some(u64::MAX));
    assert_eq!(unknown.base, None, "a revision never sent is no base either");
}

#[test]
fn another_board_shares_no_cards_with_the_one_held() {
    let mut sent = SentBoards::default();
    let first = sent.update(sample().board(today()).unwrap(), None);
    let other = sample().board(today()).unwrap();
    let update = sent.update(other.clone(), Some(first.revision));
    assert_eq!(update.cards.len(), other.initiatives.len(), "a board opened instead: its ids are new, so every card is sent");
    assert_eq!(applied(&first.cards, &update), other.initiatives);
}

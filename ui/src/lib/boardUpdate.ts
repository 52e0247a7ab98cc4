//! The window's board after an update from the core: the whole board, or the one it held with
//! the cards the update names put in. Cards that did not change keep their objects, so the
//! columns redraw only the cards that did. Pure, so the rule is tested apart from the store.
import type { BoardUpdate, BoardView, InitiativeCard } from "./bindings";

export type Applied = {
  view: BoardView;
  /** The cards that are new or differ from the ones held. */
  changed: string[];
};

export function applyUpdate(held: BoardView | null, update: BoardUpdate): Applied {
  const { revision: _revision, base, cards, order, ...rest } = update;
  if (base === null) {
    return { view: { ...rest, initiatives: cards }, changed: held ? changedCards(held.initiatives, cards) : [] };
  }
  if (!held) throw new Error("A board update arrived for a board this window does not hold.");
  const byId = new Map(held.initiatives.map((c) => [c.id, c]));
  for (const card of cards) byId.set(card.id, card);
  const ids = order ?? held.initiatives.map((c) => c.id);
  const initiatives = ids.map((id) => {
    const card = byId.get(id);
    if (!card) throw new Error(`The board update names a card it did not send: ${id}`);
    return card;
  });
  return { view: { ...rest, initiatives }, changed: cards.map((c) => c.id) };
}

/** For a whole board sent again: the cards that came back different. */
function changedCards(before: InitiativeCard[], after: InitiativeCard[]): string[] {
  const held = new Map(before.map((c) => [c.id, JSON.stringify(c)]));
  return after.filter((c) => held.get(c.id) !== JSON.stringify(c)).map((c) => c.id);
}

//! The window's board after an update from the core: the whole board, or the one it held with
//! the cards the update names put in. Cards that did not change keep their objects, so the
//! columns redraw only the cards that did; so do the lists every update carries (departments,
//! people, gate types) while they are the same, or every card on screen and every person picker
//! would be redrawn after each change. Pure, so the rule is tested apart from the store.
import type { BoardUpdate, BoardView, InitiativeCard } from "./bindings";

export type Applied = {
  view: BoardView;
  /** The cards that are new or differ from the ones held. */
  changed: string[];
};

export function applyUpdate(held: BoardView | null, update: BoardUpdate): Applied {
  const { revision: _revision, base, cards, order, departments, people, gate_types, ...others } = update;
  const rest = {
    ...others,
    departments: kept(held?.departments, departments),
    people: kept(held?.people, people),
    gate_types: kept(held?.gate_types, gate_types),
  };
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

/** The held list when the update's is the same, else the update's. */
function kept<T>(held: T[] | undefined, sent: T[]): T[] {
  return held && JSON.stringify(held) === JSON.stringify(sent) ? held : sent;
}

/** For a whole board sent again: the cards that came back different. */
function changedCards(before: InitiativeCard[], after: InitiativeCard[]): string[] {
  const held = new Map(before.map((c) => [c.id, JSON.stringify(c)]));
  return after.filter((c) => held.get(c.id) !== JSON.stringify(c)).map((c) => c.id);
}

//! Which cards the board shows for a set of filters. Pure, so the rule is tested apart from the UI.
import type { BoardFilters, InitiativeCard, InitiativeStatus } from "./bindings";

export const NO_FILTERS: BoardFilters = {
  department_id: null,
  owner_id: null,
  tag: null,
  text: "",
  show_cancelled: false,
};

/** True when any filter narrows the board (show_cancelled widens it, so it does not count). */
export function isFiltering(f: BoardFilters): boolean {
  return f.department_id !== null || f.owner_id !== null || f.tag !== null || f.text.trim() !== "";
}

/**
 * A card matches a department when that department owns it (Marketing or IT owner, sponsor)
 * or has tasks on it.
 */
function inDepartment(card: InitiativeCard, departmentId: string): boolean {
  const owners = [card.marketing_owner, card.it_owner, card.sponsor];
  if (owners.some((p) => p?.department_id === departmentId)) return true;
  return card.progress.some((p) => p.department_id === departmentId && p.total > 0);
}

export function matches(card: InitiativeCard, f: BoardFilters): boolean {
  if (f.department_id && !inDepartment(card, f.department_id)) return false;
  if (f.owner_id) {
    const owners = [card.marketing_owner?.id, card.it_owner?.id, card.sponsor?.id];
    if (!owners.includes(f.owner_id)) return false;
  }
  if (f.tag && !card.tags.includes(f.tag)) return false;
  const text = f.text.trim().toLowerCase();
  if (text && !card.search_text.includes(text)) return false;
  return true;
}

/** The visible cards per column, in board order. Cancelled stays empty unless shown. */
export function columns(cards: InitiativeCard[], f: BoardFilters): Record<InitiativeStatus, InitiativeCard[]> {
  const out: Record<InitiativeStatus, InitiativeCard[]> = {
    proposed: [],
    planned: [],
    in_progress: [],
    live: [],
    cancelled: [],
  };
  for (const card of cards) {
    if (card.status === "cancelled" && !f.show_cancelled) continue;
    if (matches(card, f)) out[card.status].push(card);
  }
  return out;
}

/** Every tag on the board, sorted, for the tag filter. */
export function allTags(cards: InitiativeCard[]): string[] {
  return [...new Set(cards.flatMap((c) => c.tags))].sort((a, b) => a.localeCompare(b));
}

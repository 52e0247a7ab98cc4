// Board reads and the write funnel. Every write goes through `apply` (or `moveTask`); callers
// re-read the board afterwards instead of patching local copies.
import type { Applied, BoardUpdate, DeletedInitiative, InitiativeDetail, ItemRef, Op, Template } from "../bindings";
import { call } from "./ipc";

/** The board: whole, or as the changes to the one named by `since` (an update's revision). */
export function board(since: number | null): Promise<BoardUpdate> {
  return call<BoardUpdate>("board", { since });
}

export function initiativeDetail(id: string): Promise<InitiativeDetail> {
  return call<InitiativeDetail>("initiative_detail", { id });
}

/** The templates to start an initiative from: the built-in ones, then the board's. */
export function templates(): Promise<Template[]> {
  return call<Template[]>("templates");
}

/**
 * Applies one domain operation. Resolves to the id created or changed, or, when its text looks
 * like patient information and `allowPhi` is false, to what was found (nothing is saved then).
 */
export function apply(op: Op, allowPhi: boolean): Promise<Applied> {
  return call<Applied>("apply", { op, allowPhi });
}

export function moveTask(id: string, direction: "up" | "down"): Promise<void> {
  return call<void>("move_task", { id, direction });
}

/** Tasks and initiatives whose title matches, for the dependency picker. */
export function findItems(query: string, limit = 10): Promise<ItemRef[]> {
  return call<ItemRef[]>("find_items", { query, limit });
}

/** Deleted initiatives, most recently deleted first; `apply` with `restore` brings one back. */
export function deletedInitiatives(): Promise<DeletedInitiative[]> {
  return call<DeletedInitiative[]>("deleted_initiatives");
}

/** Opens a gate's evidence link in the person's browser, through the operating system. */
export function openEvidence(url: string): Promise<void> {
  return call<void>("open_evidence", { url });
}

// What needs a person's decision after a merge: rules broken only by two desktops' work
// together, items deleted while changed elsewhere, work left with deleted people or initiatives.
import type { Attention } from "../bindings";
import { call } from "./ipc";

export function needsAttention(): Promise<Attention[]> {
  return call<Attention[]>("needs_attention");
}

/** Deletes again, after the changes made elsewhere, an item changed while it was deleted. */
export function keepDeleted(id: string): Promise<void> {
  return call<void>("keep_deleted", { id });
}

// Sharing the open board through a folder: its sync health and conflicts, sharing, joining,
// keeping a value, stopping. The syncing itself runs on the Rust side every two seconds.
import type { FieldConflict, Session, SharedBoard, SyncStatus } from "../bindings";
import { call } from "./ipc";

export function syncStatus(): Promise<SyncStatus> {
  return call<SyncStatus>("sync_status");
}

export function conflicts(): Promise<FieldConflict[]> {
  return call<FieldConflict[]>("conflicts");
}

export function resolveConflict(itemId: string, field: string, choice: number): Promise<void> {
  return call<void>("resolve_conflict", { itemId, field, choice });
}

/** Shows the native folder dialog on the Rust side; null when the person cancelled. */
export function chooseShareFolder(): Promise<string | null> {
  return call<string | null>("choose_share_folder");
}

export function shareBoard(folder: string): Promise<SyncStatus> {
  return call<SyncStatus>("share_board", { folder });
}

/** The boards in a folder: the board's own folder, or a folder that holds several. */
export function sharedBoards(folder: string): Promise<SharedBoard[]> {
  return call<SharedBoard[]>("shared_boards", { folder });
}

/** Joins into a new board file at `target` (the app-data folder when empty) and opens it. */
export function joinBoard(boardFolder: string, target: string): Promise<Session> {
  return call<Session>("join_board", { boardFolder, target });
}

export function stopSharing(): Promise<SyncStatus> {
  return call<SyncStatus>("stop_sharing");
}

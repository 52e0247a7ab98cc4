// The desktop session: which board file is open, who "I" am, saved filters and roadmap view,
// recent boards.
import type { Appearance, BackupInfo, BoardFilters, RoadmapSettings, Session } from "../bindings";
import { call } from "./ipc";

export function session(): Promise<Session> {
  return call<Session>("session");
}

export function setMe(personId: string | null): Promise<Session> {
  return call<Session>("set_me", { personId });
}

export function saveFilters(filters: BoardFilters): Promise<void> {
  return call<void>("save_filters", { filters });
}

export function saveRoadmapSettings(roadmap: RoadmapSettings): Promise<void> {
  return call<void>("save_roadmap_settings", { roadmap });
}

/** Saves the theme and page zoom on this desktop; the window takes the zoom at once. */
export function saveAppearance(appearance: Appearance): Promise<Session> {
  return call<Session>("save_appearance", { appearance });
}

export function openBoard(path: string, create: boolean): Promise<Session> {
  return call<Session>("open_board", { path, create });
}

export function openSampleBoard(): Promise<Session> {
  return call<Session>("open_sample_board");
}

/** Shows the native file dialog on the Rust side; null when the person cancelled. */
export function chooseBoardFile(create: boolean): Promise<string | null> {
  return call<string | null>("choose_board_file", { create });
}

/** The open board's backups, newest first. */
export function backups(): Promise<BackupInfo[]> {
  return call<BackupInfo[]>("backups");
}

/** Puts a backup in place of the board (which is kept as a backup first); the backups after. */
export function restoreBackup(path: string): Promise<BackupInfo[]> {
  return call<BackupInfo[]>("restore_backup", { path });
}

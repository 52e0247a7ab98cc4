// The one event the UI listens for: the board changed (a write here, or another process wrote
// the file). Listeners re-read; the payload only says why.
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

export type BoardChanged = { reason: string };

export function onBoardChanged(handler: (change: BoardChanged) => void): Promise<UnlistenFn> {
  return listen<BoardChanged>("board-changed", (event) => handler(event.payload));
}

import type { PhiFinding } from "../bindings";
// What the window is doing, apart from the data: the selected card, which overlay is open,
// refusals to show next to the card they concern, and the initiative just deleted (for Undo).
export type Overlay = "help" | "people" | "settings" | "new-initiative" | "import" | null;

export type CardMessage = { id: string; message: string };

/** An initiative just deleted here, offered back with Undo until the next action on it. */
export type Deleted = { id: string; title: string };

/** The main area: the board's columns, the roadmap's timeline, or the RACI matrix. */
export type Mode = "board" | "roadmap" | "raci";

/** Text about to be saved that looks like patient information, waiting for the person's answer. */
export type PhiPrompt = { findings: PhiFinding[]; answer: (saveAnyway: boolean) => void };

export class UiStore {
  phiPrompt = $state<PhiPrompt | null>(null);
  selectedId = $state<string | null>(null);
  overlay = $state<Overlay>(null);
  mode = $state<Mode>("board");
  /** A refused move or status change, shown under that card until the next action. */
  cardMessage = $state<CardMessage | null>(null);
  /** Bumped when keyboard navigation wants the selected card to take focus. */
  focusTick = $state(0);
  deleted = $state<Deleted | null>(null);
  /** The last thing a screen reader should say happened (a card moved); refusals are alerts
   *  where they are shown. A new object each time, so saying the same sentence twice is heard. */
  announcement = $state<{ text: string } | null>(null);
  /** Undo failed: why, shown in the same strip. */
  undoError = $state<string | null>(null);

  announce(text: string): void {
    this.announcement = { text };
  }

  select(id: string | null, focus = false): void {
    this.selectedId = id;
    if (focus) this.focusTick++;
  }
}

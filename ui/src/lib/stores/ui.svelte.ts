// What the window is doing, apart from the data: the selected card, which overlay is open, and
// refusals to show next to the card they concern.
export type Overlay = "help" | "people" | "settings" | "new-initiative" | "import" | null;

export type CardMessage = { id: string; message: string };

/** The main area: the board's columns or the roadmap's timeline. */
export type Mode = "board" | "roadmap";

export class UiStore {
  selectedId = $state<string | null>(null);
  overlay = $state<Overlay>(null);
  mode = $state<Mode>("board");
  /** A refused move or status change, shown under that card until the next action. */
  cardMessage = $state<CardMessage | null>(null);
  /** Bumped when keyboard navigation wants the selected card to take focus. */
  focusTick = $state(0);

  select(id: string | null, focus = false): void {
    this.selectedId = id;
    if (focus) this.focusTick++;
  }
}

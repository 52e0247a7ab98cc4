// The root of the UI state: owns the stores, starts them, reloads them on `board-changed`, and
// is the one place components write through. Every write is followed by a re-read; nothing is
// patched locally, so the UI never holds a second truth.
import type { UnlistenFn } from "@tauri-apps/api/event";
import type { InitiativeCard, InitiativeStatus, ItemRef, Op, Session, Template } from "../bindings";
import * as boardApi from "../api/board";
import { onBoardChanged } from "../api/events";
import { AppError, messageOf, toAppError } from "../api/errors";
import { columns as columnsFor } from "../filter";
import { STATUSES } from "../labels";
import { movedSentence, rescheduledSentence } from "../speech";
import { rescheduleOp, type Edit } from "../roadmap";
import { BoardStore } from "./board.svelte";
import { DetailStore } from "./detail.svelte";
import { FilterStore } from "./filters.svelte";
import { RaciStore } from "./raci.svelte";
import { RoadmapStore } from "./roadmap.svelte";
import { SessionStore } from "./session.svelte";
import { AttentionStore } from "./attention.svelte";
import { SharingStore } from "./sharing.svelte";
import { UiStore, type Mode } from "./ui.svelte";

export class AppStore {
  readonly board = new BoardStore();
  readonly detail = new DetailStore();
  readonly session = new SessionStore();
  readonly filters = new FilterStore();
  readonly ui = new UiStore();
  readonly roadmap = new RoadmapStore();
  readonly raci = new RaciStore();
  /** The templates the New initiative dialog offers. */
  templates = $state<Template[]>([]);
  readonly sharing = new SharingStore();
  readonly attention = new AttentionStore();
  started = $state(false);

  /** Cards per column after filters; Cancelled is empty unless shown. */
  readonly columns = $derived(columnsFor(this.board.view?.initiatives ?? [], this.filters.value));
  /** The columns on screen, left to right. */
  readonly visibleStatuses = $derived(STATUSES.filter((s) => s !== "cancelled" || this.filters.value.show_cancelled));

  #unlisten: UnlistenFn | null = null;
  #refreshing: Promise<void> | null = null;
  #again = false;
  #notice = false;
  /** Passes of `refresh` begun so far: lets a write tell whether a re-read began after it. */
  #passes = 0;
  /** The sync and Needs attention lists' next read, while it waits (see `#readListsSoon`). */
  #lists: ReturnType<typeof setTimeout> | null = null;
  /** How long after a re-read of the board the lists are read: long enough that a person's
   *  next change seldom finds the core busy with them (on a 2,000-initiative board the Needs
   *  attention list takes 35-55 ms to read), short enough that they follow within a second. */
  listsDelayMs = 1000;
  /** Reschedules run one after another, each from the roadmap the previous one left. */
  #writes: Promise<unknown> = Promise.resolve();

  constructor(options: { filterDelayMs?: number; listsDelayMs?: number } = {}) {
    if (options.filterDelayMs !== undefined) this.filters.delayMs = options.filterDelayMs;
    if (options.listsDelayMs !== undefined) this.listsDelayMs = options.listsDelayMs;
  }

  async start(): Promise<void> {
    // The listener is set up while the session is read: neither waits for the other, and the
    // board is read only once both are there, so no change can slip between them.
    const listening = onBoardChanged((change) =>
      // A change that did not start in this window (a sync, the CLI) is highlighted on its card.
      // A board opened from the file manager while the app runs ("launch") replaces this one.
      change.reason === "launch" ? void this.#launched() : void this.refresh(change.reason === "sync" || change.reason === "external"),
    ).then(
      (unlisten) => (this.#unlisten = unlisten),
      (e) => (this.board.error = toAppError(e)),
    );
    const [session] = await Promise.all([this.session.load(), listening]);
    this.filters.restore(session?.settings.filters);
    this.roadmap.restore(session?.settings.roadmap);
    if (this.roadmap.open) this.ui.mode = "roadmap";
    await this.#read(false);
    await this.#readLists();
    this.started = true;
  }

  stop(): void {
    this.#unlisten?.();
    this.#unlisten = null;
    if (this.#lists) clearTimeout(this.#lists);
    this.#lists = null;
  }

  /**
   * Re-reads the board and the open detail; overlapping calls coalesce into one more pass. With
   * `notice`, cards that come back changed are marked as changed since the person looked.
   */
  refresh(notice = false): Promise<void> {
    this.#notice ||= notice;
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      try {
        do {
          this.#again = false;
          const notice = this.#notice;
          this.#notice = false;
          this.#passes++;
          await this.#read(notice);
        } while (this.#again);
      } finally {
        this.#refreshing = null;
      }
    })();
    return this.#refreshing;
  }

  /** What is on screen: the board, the open detail, the roadmap; then, soon, the lists. */
  async #read(notice: boolean): Promise<void> {
    await Promise.all([this.board.load(notice), this.detail.load(), this.#loadMode()]);
    this.#readListsSoon();
  }

  /**
   * The sync and Needs attention lists, read a moment after the board: the core answers one
   * command at a time, and on a large board the lists take long enough to hold up the person's
   * next edit. Edits in quick succession read them once, after the last.
   */
  #readListsSoon(): void {
    if (this.#lists) clearTimeout(this.#lists);
    this.#lists = setTimeout(() => void this.#readLists(), this.listsDelayMs);
  }

  async #readLists(): Promise<void> {
    if (this.#lists) clearTimeout(this.#lists);
    this.#lists = null;
    await Promise.all([this.sharing.load(), this.attention.load()]);
  }

  async loadTemplates(): Promise<void> {
    try {
      this.templates = await boardApi.templates();
    } catch {
      this.templates = [];
    }
  }

  /** The write funnel. Rejects with an AppError for the caller to show; re-reads on success.
   *  Text that looks like patient information is saved only when the person says so. */
  async apply(op: Op): Promise<string> {
    let passes = this.#passes;
    let applied = await boardApi.apply(op, false);
    if (applied.outcome === "held_back") {
      const { findings } = applied;
      const saveAnyway = await new Promise<boolean>((answer) => (this.ui.phiPrompt = { findings, answer }));
      this.ui.phiPrompt = null;
      if (!saveAnyway) throw new AppError("cancelled", "Not saved: edit out the patient information, then save again.");
      passes = this.#passes;
      applied = await boardApi.apply(op, true);
    }
    if (applied.outcome !== "saved") throw new AppError("internal", "Not saved: the change was held back. Try again.");
    // The write's own board-changed event has usually begun the re-read before its reply came:
    // then waiting for that one is enough, and a second whole read would double the wait.
    await (this.#passes > passes && this.#refreshing ? this.#refreshing : this.refresh());
    return applied.id;
  }

  /** Deletes an initiative with its tasks and offers Undo in a strip across the window. */
  async deleteInitiative(id: string, title: string): Promise<void> {
    await this.apply({ op: "delete", id, reassign_to: null });
    this.detail.close();
    this.ui.deleted = { id, title };
    this.ui.undoError = null;
  }

  /** Brings the initiative just deleted back, with the tasks deleted with it, and opens it. */
  async undoDelete(): Promise<void> {
    const deleted = this.ui.deleted;
    if (!deleted) return;
    try {
      await this.apply({ op: "restore", id: deleted.id });
      this.ui.deleted = null;
      await this.openDetail(deleted.id);
    } catch (e) {
      this.ui.undoError = messageOf(e);
    }
  }

  async moveTask(id: string, direction: "up" | "down"): Promise<void> {
    await boardApi.moveTask(id, direction);
    await this.refresh();
  }

  /** Shows the board or the roadmap (remembered per desktop); the roadmap is read when shown. */
  async setMode(mode: Mode): Promise<void> {
    if (this.ui.mode === mode) return;
    this.ui.mode = mode;
    void this.roadmap.setView({ open: mode === "roadmap" });
    await this.#loadMode();
  }

  /** The view shown besides the board (the roadmap or the RACI matrix) reads its data too. */
  #loadMode(): Promise<void> | null {
    if (this.ui.mode === "roadmap") return this.roadmap.load();
    if (this.ui.mode === "raci") return this.raci.load();
    return null;
  }

  toggleMode(): Promise<void> {
    return this.setMode(this.ui.mode === "roadmap" ? "board" : "roadmap");
  }

  /**
   * Moves a roadmap bar (or one of its ends) by whole days through the write funnel. A refusal
   * is shown next to the bar and nothing changes. Resolves to whether the change landed.
   */
  reschedule(id: string, edit: Edit, days: number): Promise<boolean> {
    const run = async () => {
      const item = this.roadmap.item(id);
      const op = item ? rescheduleOp(item, edit, days) : null;
      this.roadmap.message = null;
      if (!op) return false;
      try {
        await this.apply(op);
        const span = this.roadmap.item(id)?.span;
        if (item && span) this.ui.announce(rescheduledSentence(item.title, span));
        return true;
      } catch (e) {
        this.roadmap.message = { id, message: toAppError(e).message };
        return false;
      }
    };
    const next = this.#writes.then(run, run);
    this.#writes = next;
    return next;
  }

  findItems(query: string, limit = 10): Promise<ItemRef[]> {
    return boardApi.findItems(query, limit);
  }

  card(id: string | null): InitiativeCard | undefined {
    return id ? this.board.view?.initiatives.find((c) => c.id === id) : undefined;
  }

  /** Moves a card to another column; a refusal is shown under the card and nothing changes. */
  async setStatus(id: string, status: InitiativeStatus): Promise<boolean> {
    const card = this.card(id);
    this.ui.cardMessage = null;
    if (!card || card.status === status) return false;
    try {
      await this.apply({ op: "update_initiative", id, changes: [{ field: "status", value: status }] });
      this.ui.announce(movedSentence(card.title, status));
      return true;
    } catch (e) {
      this.ui.cardMessage = { id, message: toAppError(e).message };
      return false;
    }
  }

  /** `[` and `]`: one column left or right among Proposed … Live. */
  async shiftStatus(id: string, step: -1 | 1): Promise<void> {
    const card = this.card(id);
    if (!card) return;
    const order = STATUSES.filter((s) => s !== "cancelled");
    const at = card.status === "cancelled" ? order.length : order.indexOf(card.status);
    const next = order[at + step];
    if (next) await this.setStatus(id, next);
  }

  /** Arrow keys: moves the selection within and across the visible columns. */
  moveSelection(key: "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight"): void {
    const cols = this.visibleStatuses.map((s) => this.columns[s]);
    const first = cols.find((c) => c.length > 0)?.[0];
    let col = -1;
    let row = -1;
    cols.forEach((cards, c) => {
      const r = cards.findIndex((card) => card.id === this.ui.selectedId);
      if (r >= 0) [col, row] = [c, r];
    });
    if (col < 0) {
      if (first) this.ui.select(first.id, true);
      return;
    }
    if (key === "ArrowUp" || key === "ArrowDown") {
      const next = cols[col][row + (key === "ArrowUp" ? -1 : 1)];
      if (next) this.ui.select(next.id, true);
      return;
    }
    const step = key === "ArrowLeft" ? -1 : 1;
    for (let c = col + step; c >= 0 && c < cols.length; c += step) {
      if (cols[c].length > 0) {
        this.ui.select(cols[c][Math.min(row, cols[c].length - 1)].id, true);
        return;
      }
    }
  }

  async openDetail(id: string): Promise<void> {
    this.ui.select(id);
    this.board.seen(id);
    await this.detail.open(id);
  }

  async #launched(): Promise<void> {
    const session = await this.session.load();
    if (session) await this.switchedBoard(session);
  }

  /** After switching board files: new filters, new data, nothing from the old board stays open. */
  async switchedBoard(session: Session): Promise<void> {
    this.detail.close();
    this.ui.deleted = null;
    this.ui.select(null);
    this.ui.cardMessage = null;
    this.roadmap.reset();
    this.filters.restore(session.settings.filters);
    await this.#read(false);
    await this.#readLists();
  }

  async openSample(): Promise<void> {
    await this.switchedBoard(await this.session.openSample());
  }

  async openBoard(path: string, create: boolean): Promise<void> {
    await this.switchedBoard(await this.session.open(path, create));
  }

  /** Joins a board shared through a folder into a new board file, which is then the open board. */
  async joinBoard(boardFolder: string, target: string): Promise<void> {
    await this.switchedBoard(await this.session.joinBoard(boardFolder, target));
  }

  /** A board export goes into a new board file, which is then the open board. */
  async importBoard(source: string, target: string): Promise<void> {
    await this.switchedBoard(await this.session.importBoard(source, target));
  }
}

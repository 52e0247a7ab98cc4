// The initiative open in the side panel. Like the board, it is re-read after writes; when the
// initiative disappears (deleted here or elsewhere) the panel closes.
import type { InitiativeDetail } from "../bindings";
import * as api from "../api/board";
import { AppError, toAppError } from "../api/errors";

export class DetailStore {
  openId = $state<string | null>(null);
  /** Replaced whole on every read, never edited in place (see BoardStore.view). */
  detail = $state.raw<InitiativeDetail | null>(null);
  error = $state<AppError | null>(null);
  #seq = 0;
  /** A read begun when a card was pressed, for the click that follows the release (a person's
   *  press and release are about a tenth of a second apart): the click finds it under way or done. */
  #early: { id: string; reply: Promise<InitiativeDetail> } | null = null;

  /** Starts reading an initiative about to be opened. Any read of the open detail drops it, so
   *  what it brings is never older than the last change this window has heard of. */
  readAhead(id: string): void {
    if (this.openId === id) return;
    const reply = api.initiativeDetail(id);
    // The open that takes it reports a failure; one never taken has nothing to report.
    reply.catch(() => undefined);
    this.#early = { id, reply };
  }

  async open(id: string): Promise<void> {
    if (this.openId !== id) this.detail = null;
    this.openId = id;
    this.error = null;
    await this.load();
  }

  close(): void {
    this.#seq++;
    this.openId = null;
    this.detail = null;
    this.error = null;
  }

  async load(): Promise<void> {
    const id = this.openId;
    const early = id && this.#early?.id === id ? this.#early.reply : null;
    this.#early = null;
    if (!id) return;
    const seq = ++this.#seq;
    try {
      const detail = await (early ?? api.initiativeDetail(id));
      if (seq !== this.#seq || this.openId !== id) return;
      this.detail = detail;
      this.error = null;
    } catch (e) {
      if (seq !== this.#seq) return;
      const err = toAppError(e);
      if (err.code === "not_found") this.close();
      else this.error = err;
    }
  }
}

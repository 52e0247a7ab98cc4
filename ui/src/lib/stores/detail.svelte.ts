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
    if (!id) return;
    const seq = ++this.#seq;
    try {
      const detail = await api.initiativeDetail(id);
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

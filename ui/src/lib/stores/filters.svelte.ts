// The board filters. They belong to the desktop: every change is saved through `save_filters`
// (debounced, so typing does not write per keystroke) and restored from the session at start.
import type { BoardFilters } from "../bindings";
import { saveFilters } from "../api/session";
import { AppError, toAppError } from "../api/errors";
import { NO_FILTERS } from "../filter";

export class FilterStore {
  value = $state<BoardFilters>({ ...NO_FILTERS });
  saveError = $state<AppError | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** How long typing may pause before the filters are saved. */
  delayMs = 300;

  restore(filters: BoardFilters | null | undefined): void {
    this.value = { ...NO_FILTERS, ...(filters ?? {}) };
  }

  set(patch: Partial<BoardFilters>): void {
    this.value = { ...this.value, ...patch };
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  clear(): void {
    this.set({ ...NO_FILTERS, show_cancelled: this.value.show_cancelled });
  }

  /** Saves now; also what the debounce timer calls. */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    try {
      await saveFilters($state.snapshot(this.value));
      this.saveError = null;
    } catch (e) {
      this.saveError = toAppError(e);
    }
  }
}

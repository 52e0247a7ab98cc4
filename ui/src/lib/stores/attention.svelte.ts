// The board's Needs attention list, re-read with the board after every change.
import type { Attention } from "../bindings";
import * as api from "../api/attention";
import { AppError, toAppError } from "../api/errors";

export class AttentionStore {
  items = $state.raw<Attention[]>([]);
  error = $state<AppError | null>(null);

  async load(): Promise<void> {
    try {
      this.items = await api.needsAttention();
      this.error = null;
    } catch (e) {
      this.error = toAppError(e);
    }
  }
}

// The open board's sharing: whether and where it is shared, its sync health and the fields in
// conflict. Re-read with the board after every change, a sync's included.
import type { FieldConflict, SyncStatus } from "../bindings";
import * as api from "../api/sharing";
import { AppError, toAppError } from "../api/errors";

export class SharingStore {
  status = $state<SyncStatus | null>(null);
  conflicts = $state.raw<FieldConflict[]>([]);
  error = $state<AppError | null>(null);

  async load(): Promise<void> {
    try {
      const status = await api.syncStatus();
      this.status = status;
      this.conflicts = status.shared && status.conflicts > 0 ? await api.conflicts() : [];
      this.error = null;
    } catch (e) {
      this.error = toAppError(e);
    }
  }

  /** The fields of one item that are in conflict, by wire name. */
  conflictsOf(itemId: string): FieldConflict[] {
    return this.conflicts.filter((c) => c.item_id === itemId);
  }

  async resolve(conflict: FieldConflict, choice: number): Promise<void> {
    await api.resolveConflict(conflict.item_id, conflict.field, choice);
    await this.load();
  }
}

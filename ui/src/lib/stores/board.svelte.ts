// The board as the core last described it. Never edited locally: after every write, and on every
// `board-changed` event, it is re-read whole.
import type { BoardView, Department, Person } from "../bindings";
import * as api from "../api/board";
import { AppError, toAppError } from "../api/errors";

export class BoardStore {
  view = $state<BoardView | null>(null);
  error = $state<AppError | null>(null);
  /** Guards against an older, slower read overwriting a newer one. */
  #seq = 0;

  async load(): Promise<void> {
    const seq = ++this.#seq;
    try {
      const view = await api.board();
      if (seq !== this.#seq) return;
      this.view = view;
      this.error = null;
    } catch (e) {
      if (seq === this.#seq) this.error = toAppError(e);
    }
  }

  get departments(): Department[] {
    return this.view?.departments ?? [];
  }

  get people(): Person[] {
    return this.view?.people ?? [];
  }

  department(id: string | null | undefined): Department | undefined {
    return id ? this.departments.find((d) => d.id === id) : undefined;
  }

  peopleIn(departmentId: string): Person[] {
    return this.people.filter((p) => p.department_id === departmentId);
  }
}

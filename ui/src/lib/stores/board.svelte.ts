// The board as the core last described it. Never edited locally: after every write, and on every
// `board-changed` event, it is read again; the core sends the cards that changed since the board
// this window holds (`applyUpdate`).
import type { BoardView, Department, GateType, Person } from "../bindings";
import * as api from "../api/board";
import { AppError, toAppError } from "../api/errors";
import { applyUpdate } from "../boardUpdate";

export class BoardStore {
  /** Raw, not deeply reactive: it is only ever replaced whole, and a proxy around every field
   *  of thousands of cards made each filter keystroke and each re-read cost. */
  view = $state.raw<BoardView | null>(null);
  error = $state<AppError | null>(null);
  /** Cards that changed under the person's eyes (another desktop, the CLI) since they last
   *  opened them: highlighted until opened. */
  fresh = $state<string[]>([]);
  /** The core's name for `view`, to be sent only what changed since. */
  #revision: number | null = null;
  /** Guards against an older, slower read overwriting a newer one. */
  #seq = 0;

  /** Re-reads the board; with `notice`, cards that came back different are marked fresh. */
  async load(notice = false): Promise<void> {
    const seq = ++this.#seq;
    const held = this.view;
    try {
      const update = await api.board(held ? this.#revision : null);
      if (seq !== this.#seq) return;
      const { view, changed } = applyUpdate(held, update);
      if (notice && held) this.fresh = [...this.fresh, ...changed.filter((id) => !this.fresh.includes(id))];
      this.#revision = update.revision;
      this.view = view;
      this.error = null;
    } catch (e) {
      if (seq === this.#seq) this.error = toAppError(e);
    }
  }

  /** The person has looked at this card. */
  seen(id: string): void {
    if (this.fresh.includes(id)) this.fresh = this.fresh.filter((f) => f !== id);
  }

  get departments(): Department[] {
    return this.view?.departments ?? [];
  }

  get gateTypes(): GateType[] {
    return this.view?.gate_types ?? [];
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

// Dragging a roadmap bar (or one of its ends) with pointer events, snapped to whole days. The
// bar shows where it would land while dragged, and keeps showing it after release until the
// write has landed and the roadmap is re-read (or the core refused it).
import type { Span } from "./bindings";
import { editedSpan, type Edit } from "./roadmap";

/** A press becomes a drag only after the pointer travels this far, so clicks stay clicks. */
const THRESHOLD = 3;

type Drag = {
  id: string;
  edit: Edit;
  startX: number;
  days: number;
  active: boolean;
  /** Released; waiting for the write to land. */
  committing: boolean;
  span: Span;
  milestone: boolean;
};

/** What a drag would do if released now: the bar's new span, and the edit and days behind it. */
export type DragPreview = { id: string; span: Span; edit: Edit; days: number };

export class BarDrag {
  current = $state<Drag | null>(null);

  /** The dragged bar, where it would land, and how; a milestone only ever moves whole. */
  readonly preview = $derived.by((): DragPreview | null => {
    const d = this.current;
    if (!d?.active) return null;
    const edit = d.milestone ? "move" : d.edit;
    return { id: d.id, span: editedSpan(d.span, edit, d.days), edit, days: d.days };
  });

  get active(): boolean {
    return !!this.current?.active;
  }

  start(id: string, edit: Edit, x: number, span: Span, milestone: boolean): boolean {
    if (this.current) return false;
    this.current = { id, edit, startX: x, days: 0, active: false, committing: false, span, milestone };
    return true;
  }

  /** Follows the pointer; true while a drag is under way (the caller prevents the default). */
  move(x: number, dayWidth: number): boolean {
    const d = this.current;
    if (!d || d.committing) return false;
    const dx = x - d.startX;
    if (!d.active && Math.abs(dx) > THRESHOLD) d.active = true;
    if (d.active) d.days = Math.round(dx / dayWidth);
    return d.active;
  }

  /**
   * Ends the press. A drag of whole days is committed through `commit`; resolves to the id
   * when the press was only a click (or moved less than a day).
   */
  async end(commit: (id: string, edit: Edit, days: number) => Promise<unknown>): Promise<string | null> {
    const d = this.current;
    if (!d || d.committing) return null;
    if (!d.active || d.days === 0) {
      this.current = null;
      return d.id;
    }
    d.committing = true;
    try {
      await commit(d.id, d.edit, d.days);
    } finally {
      this.current = null;
    }
    return null;
  }

  cancel(): void {
    if (!this.current?.committing) this.current = null;
  }
}

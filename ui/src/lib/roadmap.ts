//! The roadmap's items by id, the one op a reschedule sends, what is unscheduled, the baseline's
//! ghost bars, and the view a desktop starts with. Pure.
import type { BaselineReport, Department, Lane, Op, RoadmapFilter, RoadmapSettings, RoadmapTask, Span } from "./bindings";
import { IT_ID, MARKETING_ID } from "./labels";
import { addDays, dayOf } from "./timeline";

export const NO_ROADMAP_FILTER: RoadmapFilter = {
  from: null,
  to: null,
  department_id: null,
  owner_id: null,
  statuses: [],
  tag: null,
};

/** How the roadmap opens on a desktop that has not changed it yet. */
export const DEFAULT_ROADMAP_SETTINGS: RoadmapSettings = {
  open: false,
  zoom: "month",
  group_by: "status",
  show_critical: false,
  filter: NO_ROADMAP_FILTER,
};

export type Item =
  | { kind: "initiative"; id: string; title: string; lane: Lane; span: Span | null; milestone: false }
  | { kind: "task"; id: string; title: string; lane: Lane; task: RoadmapTask; span: Span | null; milestone: boolean };

export function indexItems(lanes: Lane[]): Map<string, Item> {
  const items = new Map<string, Item>();
  for (const lane of lanes) {
    const i = lane.initiative;
    items.set(i.id, { kind: "initiative", id: i.id, title: i.title, lane, span: lane.span, milestone: false });
    for (const t of lane.tasks) {
      items.set(t.task.id, {
        kind: "task",
        id: t.task.id,
        title: t.task.title,
        lane,
        task: t,
        span: t.span,
        milestone: t.task.kind === "milestone",
      });
    }
  }
  return items;
}

/** Move the whole bar, or only its start or finish. */
export type Edit = "move" | "start" | "finish";

/** The span after moving it (or one end) by `days`; an end never passes the other. */
export function editedSpan(span: Span, edit: Edit, days: number): Span {
  if (edit === "move") return { start: addDays(span.start, days), finish: addDays(span.finish, days) };
  if (edit === "start") {
    const start = addDays(span.start, days);
    return { start: dayOf(start) > dayOf(span.finish) ? span.finish : start, finish: span.finish };
  }
  const finish = addDays(span.finish, days);
  return { start: span.start, finish: dayOf(finish) < dayOf(span.start) ? span.start : finish };
}

const shift = (date: string | null, days: number) => (date ? addDays(date, days) : null);

/**
 * The one apply op that reschedules an item, or null when nothing would change. A move shifts
 * the dates the item has (a one-date milestone stays a one-date milestone); changing an end
 * writes that end. Moving an initiative moves its plan: its start and target and its open tasks
 * (the core's `move_initiative`); its ends set only its own start or target. Its bar may be
 * wider than those, because the core widens it to cover its tasks.
 */
export function rescheduleOp(item: Item, edit: Edit, days: number): Op | null {
  if (!item.span || days === 0) return null;
  if (item.milestone) edit = "move";
  const next = editedSpan(item.span, edit, days);
  if (item.kind === "task") {
    const t = item.task.task;
    const changes: ({ field: "start"; value: string | null } | { field: "due"; value: string | null })[] = [];
    if (edit === "move") {
      if (t.start) changes.push({ field: "start", value: shift(t.start, days) });
      if (t.due) changes.push({ field: "due", value: shift(t.due, days) });
    } else {
      changes.push({ field: "start", value: next.start }, { field: "due", value: next.finish });
    }
    if (changes.every((c) => c.value === (c.field === "start" ? t.start : t.due))) return null;
    return { op: "update_task", id: t.id, changes };
  }
  const i = item.lane.initiative;
  if (edit === "move") return { op: "move_initiative", id: i.id, days };
  const change = edit === "start" ? ({ field: "start", value: next.start } as const) : ({ field: "target", value: next.finish } as const);
  if (change.value === i[change.field]) return null;
  return { op: "update_initiative", id: i.id, changes: [change] };
}

export type Unscheduled = { id: string; initiativeId: string; title: string; kind: "initiative" | "task"; department: Department | null };

/** Items with no date at all, in board order: listed beside the timeline, never drawn. */
export function unscheduled(lanes: Lane[]): Unscheduled[] {
  const out: Unscheduled[] = [];
  for (const lane of lanes) {
    const i = lane.initiative;
    if (!lane.span) out.push({ id: i.id, initiativeId: i.id, title: i.title, kind: "initiative", department: null });
    for (const t of lane.tasks) {
      if (!t.span) out.push({ id: t.task.id, initiativeId: i.id, title: t.task.title, kind: "task", department: t.department });
    }
  }
  return out;
}

/** A short text tag for a department, so its colour is never the only signal: "Mkt", "IT", "Comp". */
export function departmentTag(dept: Pick<Department, "id" | "name">): string {
  if (dept.id === MARKETING_ID) return "Mkt";
  if (dept.id === IT_ID) return "IT";
  const words = dept.name.trim().split(/\s+/).filter(Boolean);
  if (words.length > 1)
    return words
      .map((w) => w[0])
      .join("")
      .slice(0, 4)
      .toUpperCase();
  return (words[0] ?? "?").slice(0, 4);
}

/**
 * Where the baseline had each item that has moved since: the ghost outline drawn behind its bar.
 * An item that did not move needs none (its ghost would sit exactly under the bar), and one that
 * had no dates in the baseline has nowhere to be drawn. One date makes a one-day span, as on the
 * timeline itself.
 */
export function ghostSpans(report: BaselineReport | null): Map<string, Span> {
  const ghosts = new Map<string, Span>();
  for (const row of report?.rows ?? []) {
    if (row.change !== "moved") continue;
    const start = row.baseline_start ?? row.baseline_finish;
    const finish = row.baseline_finish ?? row.baseline_start;
    if (start && finish) ghosts.set(row.item_id, { start, finish });
  }
  return ghosts;
}

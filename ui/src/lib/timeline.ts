//! The roadmap timeline's geometry: calendar days, the scale for a zoom level, the axis ticks, and
//! the vertical layout of groups, lanes and task rows. Pure, so the arithmetic is tested apart
//! from the SVG.
import type { Dependency, GroupBy, Lane, RoadmapTask, Span, Zoom } from "./bindings";
import { STATUSES, STATUS_LABEL } from "./labels";

export type { GroupBy, Zoom };
export const ZOOMS: Zoom[] = ["week", "month", "quarter"];
export const ZOOM_LABEL: Record<Zoom, string> = { week: "Week", month: "Month", quarter: "Quarter" };

/** Pixels per calendar day at each zoom level; a drag snaps to whole days of this width. */
export const DAY_WIDTH: Record<Zoom, number> = { week: 24, month: 6, quarter: 2 };

export const GROUP_BY_LABEL: Record<GroupBy, string> = {
  none: "No grouping",
  status: "Status",
  sponsor: "Sponsor",
  tag: "Tag",
};

export const GROUP_HEIGHT = 28;
export const LANE_HEAD_HEIGHT = 30;
export const TASK_HEIGHT = 24;
export const LANE_GAP = 8;
/** Half the width of a milestone diamond. */
export const DIAMOND = 7;

const MS_PER_DAY = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-03-02" → days since 1970-01-01 (UTC, so no time zone or DST can shift a date). */
export function dayOf(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return isoOf(dayOf(iso) + days);
}

function ymd(day: number): [number, number, number] {
  const d = new Date(day * MS_PER_DAY);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}

const utcDay = (y: number, m: number, d = 1) => Math.round(Date.UTC(y, m, d) / MS_PER_DAY);

/** The first day of the week (Monday), month or quarter holding `day`. */
export function unitStart(day: number, zoom: Zoom): number {
  if (zoom === "week") return day - ((((day + 3) % 7) + 7) % 7); // 1970-01-01 was a Thursday
  const [y, m] = ymd(day);
  return utcDay(y, zoom === "month" ? m : m - (m % 3));
}

/** The first day of the next unit after the one starting at (or holding) `day`. */
export function nextUnit(day: number, zoom: Zoom): number {
  const start = unitStart(day, zoom);
  if (zoom === "week") return start + 7;
  const [y, m] = ymd(start);
  return utcDay(y, m + (zoom === "month" ? 1 : 3));
}

/** Days `from` (inclusive) to `to` (exclusive) drawn `dayWidth` pixels wide each. */
export type Scale = { from: number; to: number; dayWidth: number; width: number };

/** A scale covering every span and today, with one whole unit of room on each side. */
export function scaleFor(spans: Span[], today: string, zoom: Zoom): Scale {
  const days = [dayOf(today)];
  for (const s of spans) days.push(dayOf(s.start), dayOf(s.finish));
  const min = Math.min(...days);
  const max = Math.max(...days);
  const from = unitStart(unitStart(min, zoom) - 1, zoom);
  const to = nextUnit(nextUnit(max, zoom), zoom);
  const dayWidth = DAY_WIDTH[zoom];
  return { from, to, dayWidth, width: (to - from) * dayWidth };
}

/** The left edge of a day. */
export function xOf(scale: Scale, day: number): number {
  return (day - scale.from) * scale.dayWidth;
}

/** Horizontal extent of an item: a bar covers its days; a milestone is a diamond on its day. */
export function extent(scale: Scale, span: Span, milestone: boolean): { x1: number; x2: number } {
  if (milestone) {
    const cx = xOf(scale, dayOf(span.start)) + scale.dayWidth / 2;
    return { x1: cx - DIAMOND, x2: cx + DIAMOND };
  }
  return { x1: xOf(scale, dayOf(span.start)), x2: xOf(scale, dayOf(span.finish) + 1) };
}

export type Tick = { day: number; x: number; width: number; label: string };

/** The axis: the zoom's units (weeks, months, quarters) under the wider periods that hold them. */
export function ticks(scale: Scale, zoom: Zoom): { units: Tick[]; periods: Tick[] } {
  const units: Tick[] = [];
  for (let day = scale.from; day < scale.to; day = nextUnit(day, zoom)) {
    const [, m, d] = ymd(day);
    const next = nextUnit(day, zoom);
    const label = zoom === "week" ? `${d} ${MONTHS[m]}` : zoom === "month" ? MONTHS[m] : `Q${Math.floor(m / 3) + 1}`;
    units.push({ day, x: xOf(scale, day), width: (next - day) * scale.dayWidth, label });
  }
  const periods: Tick[] = [];
  const period: Zoom = zoom === "week" ? "month" : "quarter";
  for (let day = scale.from; day < scale.to;) {
    const [y, m] = ymd(day);
    const next = zoom === "week" ? nextUnit(day, "month") : utcDay(y + 1, 0);
    const end = Math.min(next, scale.to);
    const label = period === "month" ? `${MONTHS[m]} ${y}` : String(y);
    periods.push({ day, x: xOf(scale, day), width: (end - day) * scale.dayWidth, label });
    day = next;
  }
  return { units, periods };
}

export type Group = { key: string; label: string; lanes: Lane[] };

/**
 * Lanes in groups, board order kept inside each. By tag, an initiative appears under each of
 * its tags (that is what a person grouping by tag expects to see).
 */
export function groupLanes(lanes: Lane[], by: GroupBy): Group[] {
  if (by === "none") return [{ key: "all", label: "", lanes }];
  if (by === "status") {
    return STATUSES.map((s) => ({ key: s, label: STATUS_LABEL[s], lanes: lanes.filter((l) => l.initiative.status === s) })).filter(
      (g) => g.lanes.length > 0,
    );
  }
  const groups = new Map<string, Group>();
  const add = (key: string, label: string, lane: Lane) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label, lanes: [] }));
    g.lanes.push(lane);
  };
  for (const lane of lanes) {
    if (by === "sponsor") {
      if (lane.sponsor) add(`sponsor:${lane.sponsor.id}`, lane.sponsor.name, lane);
    } else {
      for (const tag of lane.initiative.tags) add(`tag:${tag}`, `#${tag}`, lane);
    }
  }
  const sorted = [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
  const rest = lanes.filter((l) => (by === "sponsor" ? !l.sponsor : l.initiative.tags.length === 0));
  if (rest.length) sorted.push({ key: "none", label: by === "sponsor" ? "No sponsor" : "No tag", lanes: rest });
  return sorted;
}

export type GroupRow = { kind: "group"; key: string; label: string; count: number; y: number; height: number };
export type LaneRow = { kind: "lane"; key: string; lane: Lane; tasks: RoadmapTask[]; y: number; height: number };
export type Row = GroupRow | LaneRow;

/** Where an item sits: its row's vertical centre and its dates. */
export type Place = { id: string; y: number; span: Span; milestone: boolean };

export type Layout = { rows: Row[]; height: number; places: Map<string, Place>; order: string[] };

/**
 * Rows top to bottom. Lanes without dates, and tasks without dates, are left out: they are
 * listed as unscheduled instead of being drawn at a made-up date.
 */
export function layout(lanes: Lane[], by: GroupBy): Layout {
  const rows: Row[] = [];
  const places = new Map<string, Place>();
  const order: string[] = [];
  let y = 0;
  const place = (id: string, at: number, span: Span, milestone: boolean) => {
    if (places.has(id)) return;
    places.set(id, { id, y: at, span, milestone });
    order.push(id);
  };
  for (const group of groupLanes(
    lanes.filter((l) => l.span !== null),
    by,
  )) {
    if (by !== "none") {
      rows.push({ kind: "group", key: `group:${group.key}`, label: group.label, count: group.lanes.length, y, height: GROUP_HEIGHT });
      y += GROUP_HEIGHT;
    }
    for (const lane of group.lanes) {
      const tasks = lane.tasks.filter((t) => t.span !== null);
      const height = LANE_HEAD_HEIGHT + tasks.length * TASK_HEIGHT + LANE_GAP;
      rows.push({ kind: "lane", key: `${group.key}:${lane.initiative.id}`, lane, tasks, y, height });
      place(lane.initiative.id, y + LANE_HEAD_HEIGHT / 2, lane.span!, false);
      tasks.forEach((t, i) =>
        place(t.task.id, y + LANE_HEAD_HEIGHT + i * TASK_HEIGHT + TASK_HEIGHT / 2, t.span!, t.task.kind === "milestone"),
      );
      y += height;
    }
  }
  return { rows, height: y, places, order };
}

/** Indexes [first, last) of the rows that overlap the band top..bottom (rows are sorted by y). */
export function visibleRows(rows: Row[], top: number, bottom: number): [number, number] {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].y + rows[mid].height <= top) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last < rows.length && rows[last].y < bottom) last++;
  return [lo, last];
}

export type Arrow = { id: string; d: string; violated: boolean; related: boolean; top: number; bottom: number; message: string | null };

/**
 * One path per dependency whose ends are both on the timeline: from the predecessor's end to
 * the successor's start, stepping back when the successor starts too early.
 */
export function arrows(deps: Dependency[], places: Map<string, Place>, scale: Scale, violations: Map<string, string>): Arrow[] {
  const out: Arrow[] = [];
  for (const dep of deps) {
    const a = places.get(dep.from_id);
    const b = places.get(dep.to_id);
    if (!a || !b) continue;
    const ax = extent(scale, a.span, a.milestone).x2;
    const bx = extent(scale, b.span, b.milestone).x1;
    let d: string;
    if (bx - ax >= 12) {
      d = `M${ax},${a.y} H${ax + 6} V${b.y} H${bx}`;
    } else {
      const midY = b.y + (b.y >= a.y ? -TASK_HEIGHT / 2 : TASK_HEIGHT / 2);
      d = `M${ax},${a.y} H${ax + 6} V${midY} H${bx - 8} V${b.y} H${bx}`;
    }
    const message = violations.get(dep.id) ?? null;
    out.push({
      id: dep.id,
      d,
      violated: message !== null,
      related: dep.kind === "relates_to",
      top: Math.min(a.y, b.y),
      bottom: Math.max(a.y, b.y),
      message,
    });
  }
  return out;
}

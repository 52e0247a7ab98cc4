import { describe, expect, test } from "vitest";
import {
  addDays,
  arrows,
  dayOf,
  extent,
  groupLanes,
  isoOf,
  layout,
  nextUnit,
  scaleFor,
  ticks,
  unitStart,
  visibleRows,
  xOf,
} from "./timeline";
import { fixture } from "../test/backend";

describe("calendar days", () => {
  test("ISO dates round-trip through day numbers across months, years and leap days", () => {
    for (const iso of ["2024-02-29", "2025-12-31", "2026-01-01", "2026-03-29", "2026-10-25"]) expect(isoOf(dayOf(iso))).toBe(iso);
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });

  test("weeks start on Monday; months and quarters on their first day", () => {
    expect(isoOf(unitStart(dayOf("2026-03-05"), "week"))).toBe("2026-03-02"); // a Thursday
    expect(isoOf(unitStart(dayOf("2026-03-02"), "week"))).toBe("2026-03-02");
    expect(isoOf(unitStart(dayOf("2026-03-08"), "week"))).toBe("2026-03-02"); // a Sunday
    expect(isoOf(unitStart(dayOf("2026-03-17"), "month"))).toBe("2026-03-01");
    expect(isoOf(unitStart(dayOf("2026-08-17"), "quarter"))).toBe("2026-07-01");
    expect(isoOf(nextUnit(dayOf("2026-11-17"), "quarter"))).toBe("2027-01-01");
  });
});

describe("the scale", () => {
  test("covers every span and today with a unit to spare, in whole units", () => {
    const scale = scaleFor([{ start: "2026-02-10", finish: "2026-05-20" }], "2026-01-15", "month");
    expect(isoOf(scale.from)).toBe("2025-12-01");
    expect(isoOf(scale.to)).toBe("2026-07-01");
    expect(scale.width).toBe((scale.to - scale.from) * scale.dayWidth);
    const bar = extent(scale, { start: "2026-02-10", finish: "2026-02-10" }, false);
    expect(bar.x2 - bar.x1, "a one-day bar is one day wide").toBe(scale.dayWidth);
    const diamond = extent(scale, { start: "2026-02-10", finish: "2026-02-10" }, true);
    expect((diamond.x1 + diamond.x2) / 2).toBe(xOf(scale, dayOf("2026-02-10")) + scale.dayWidth / 2);
  });

  test("axis ticks tile the scale without gaps", () => {
    for (const zoom of ["week", "month", "quarter"] as const) {
      const scale = scaleFor([{ start: "2025-11-02", finish: "2026-07-30" }], "2026-03-02", zoom);
      const { units, periods } = ticks(scale, zoom);
      expect(units.reduce((w, u) => w + u.width, 0)).toBe(scale.width);
      expect(periods.reduce((w, p) => w + p.width, 0)).toBe(scale.width);
    }
  });
});

describe("layout", () => {
  test("groups by status in board column order, leaving undated lanes and tasks out", () => {
    const lanes = fixture().roadmap.roadmap.lanes;
    lanes[0].span = null;
    lanes[1].tasks[0].span = null;
    const { rows, places, order, height } = layout(lanes, "status");
    const laneRows = rows.filter((r) => r.kind === "lane");
    expect(laneRows.map((r) => r.lane.initiative.id)).not.toContain(lanes[0].initiative.id);
    expect(places.has(lanes[1].tasks[0].task.id)).toBe(false);
    expect(order.length).toBe(places.size);
    expect(height).toBe(rows.reduce((h, r) => h + r.height, 0));
    const statuses = rows.filter((r) => r.kind === "group").map((r) => r.key);
    expect(statuses).toEqual(["group:proposed", "group:planned", "group:in_progress", "group:live"].filter((k) => statuses.includes(k)));
  });

  test("by tag, an initiative appears under each of its tags; untagged ones last", () => {
    const lanes = fixture().roadmap.roadmap.lanes;
    lanes[0].initiative.tags = [];
    const groups = groupLanes(lanes, "tag");
    expect(groups.at(-1)?.label).toBe("No tag");
    for (const tag of lanes[1].initiative.tags) {
      expect(groups.find((g) => g.label === `#${tag}`)?.lanes).toContain(lanes[1]);
    }
  });

  test("visibleRows finds exactly the rows overlapping a band", () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({
      kind: "group" as const,
      key: `${i}`,
      label: "",
      count: 0,
      y: i * 10,
      height: 10,
    }));
    expect(visibleRows(rows, 95, 125)).toEqual([9, 13]);
    expect(visibleRows(rows, -50, 5)).toEqual([0, 1]);
    expect(visibleRows(rows, 2000, 3000)).toEqual([100, 100]);
  });

  test("an arrow runs from the predecessor's end to the successor's start; a violated one is marked", () => {
    const scale = scaleFor([{ start: "2026-01-01", finish: "2026-03-01" }], "2026-01-01", "week");
    const places = new Map([
      ["a", { id: "a", y: 10, span: { start: "2026-01-05", finish: "2026-01-09" }, milestone: false }],
      ["b", { id: "b", y: 40, span: { start: "2026-01-20", finish: "2026-01-22" }, milestone: false }],
      ["c", { id: "c", y: 70, span: { start: "2026-01-07", finish: "2026-01-08" }, milestone: false }],
    ]);
    const dep = (id: string, from_id: string, to_id: string) => ({
      id,
      from_id,
      to_id,
      from_kind: "task" as const,
      to_kind: "task" as const,
      kind: "finish_to_start" as const,
      lag_days: 0,
    });
    const [ok, bad] = arrows(
      [dep("1", "a", "b"), dep("2", "a", "c"), dep("3", "a", "missing")],
      places,
      scale,
      new Map([["2", "too early"]]),
    );
    const end = xOf(scale, dayOf("2026-01-10"));
    expect(ok.d.startsWith(`M${end},10`)).toBe(true);
    expect(ok.d.endsWith(`H${xOf(scale, dayOf("2026-01-20"))}`)).toBe(true);
    expect(ok.violated).toBe(false);
    expect(bad).toMatchObject({ violated: true, message: "too early", top: 10, bottom: 70 });
  });
});

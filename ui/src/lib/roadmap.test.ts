import { describe, expect, test } from "vitest";
import { departmentTag, editedSpan, indexItems, rescheduleOp, unscheduled } from "./roadmap";
import { IT_ID, MARKETING_ID } from "./labels";
import { fixture } from "../test/backend";

function items() {
  const lanes = fixture().roadmap.roadmap.lanes;
  return { lanes, index: indexItems(lanes) };
}

describe("rescheduling", () => {
  test("an end never passes the other", () => {
    const span = { start: "2026-03-10", finish: "2026-03-12" };
    expect(editedSpan(span, "start", 5)).toEqual({ start: "2026-03-12", finish: "2026-03-12" });
    expect(editedSpan(span, "finish", -5)).toEqual({ start: "2026-03-10", finish: "2026-03-10" });
    expect(editedSpan(span, "move", -10)).toEqual({ start: "2026-02-28", finish: "2026-03-02" });
  });

  test("a one-date milestone moves its one date, and its ends cannot be pulled apart", () => {
    const { lanes, index } = items();
    const m = lanes.flatMap((l) => l.tasks).find((t) => t.task.kind === "milestone")!;
    m.task.start = null;
    const op = rescheduleOp(index.get(m.task.id)!, "finish", 2);
    expect(op).toEqual({ op: "update_task", id: m.task.id, changes: [{ field: "due", value: addDaysTo(m.task.due!, 2) }] });
  });

  test("an initiative moves with its tasks; its ends set only its start or target", () => {
    const { lanes, index } = items();
    const i = lanes[0].initiative;
    expect(rescheduleOp(index.get(i.id)!, "move", 3), "the core moves the plan as one change").toEqual({
      op: "move_initiative",
      id: i.id,
      days: 3,
    });
    expect(rescheduleOp(index.get(i.id)!, "finish", -1)).toEqual({
      op: "update_initiative",
      id: i.id,
      changes: [{ field: "target", value: addDaysTo(lanes[0].span!.finish, -1) }],
    });
    expect(rescheduleOp(index.get(i.id)!, "move", 0), "nothing to send").toBeNull();
  });
});

test("unscheduled lists undated initiatives and tasks in board order", () => {
  const { lanes } = items();
  lanes[2].tasks[1].span = null;
  lanes[4].span = null;
  lanes[4].tasks.forEach((t) => (t.span = null));
  const ids = unscheduled(lanes).map((u) => u.id);
  expect(ids).toEqual([lanes[2].tasks[1].task.id, lanes[4].initiative.id, ...lanes[4].tasks.map((t) => t.task.id)]);
});

test("every department has a short text tag beside its colour", () => {
  expect(departmentTag({ id: MARKETING_ID, name: "Marketing" })).toBe("Mkt");
  expect(departmentTag({ id: IT_ID, name: "IT" })).toBe("IT");
  expect(departmentTag({ id: "x", name: "Compliance" })).toBe("Comp");
  expect(departmentTag({ id: "y", name: "Patient Access" })).toBe("PA");
});

function addDaysTo(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "./App.svelte";
import { AppStore } from "./lib/stores/app.svelte";
import { addDays, DAY_WIDTH } from "./lib/timeline";
import { IT_ID } from "./lib/labels";
import type { RoadmapTask } from "./lib/bindings";
import { fixture, installBackend, refuse } from "./test/backend";

async function renderRoadmap(backend = installBackend()) {
  const app = new AppStore({ filterDelayMs: 0 });
  render(App, { app });
  await waitFor(() => expect(app.board.view).not.toBeNull());
  await fireEvent.click(screen.getByTestId("view-roadmap"));
  await waitFor(() => expect(screen.getAllByTestId("lane").length).toBeGreaterThan(0));
  return { app, backend };
}

const bars = () => screen.getAllByTestId("bar");
const bar = (id: string) => {
  const el = bars().find((b) => b.dataset.id === id);
  if (!el) throw new Error(`no bar for ${id}`);
  return el;
};

/** A plain task (not a milestone) with both a start and a due date, from the fixture. */
function datedTask(data = fixture()): RoadmapTask {
  const t = data.roadmap.roadmap.lanes.flatMap((l) => l.tasks).find((t) => t.task.kind === "task" && t.task.start && t.task.due);
  if (!t) throw new Error("the fixture has no dated task");
  return t;
}

describe("the roadmap view", () => {
  test("Board | Roadmap switches the main area; r toggles it from the keyboard", async () => {
    const { app } = await renderRoadmap();
    expect(screen.getByTestId("roadmap")).toBeTruthy();
    expect(screen.getByTestId("view-roadmap").getAttribute("aria-pressed")).toBe("true");
    expect(screen.queryByTestId("column-planned"), "the board's columns are gone").toBeNull();
    await fireEvent.keyDown(document.body, { key: "r" });
    await waitFor(() => expect(screen.getByTestId("column-planned")).toBeTruthy());
    expect(app.ui.mode).toBe("board");
    await fireEvent.keyDown(document.body, { key: "r" });
    await waitFor(() => expect(screen.getByTestId("roadmap")).toBeTruthy());
  });

  test("a lane per dated initiative and a bar per dated item, with the core's dates", async () => {
    const { backend } = await renderRoadmap();
    const lanes = backend.data.roadmap.roadmap.lanes.filter((l) => l.span);
    expect(new Set(screen.getAllByTestId("lane").map((l) => l.dataset.id))).toEqual(new Set(lanes.map((l) => l.initiative.id)));
    for (const lane of lanes) {
      const el = bar(lane.initiative.id);
      expect([el.dataset.start, el.dataset.finish]).toEqual([lane.span!.start, lane.span!.finish]);
      for (const t of lane.tasks.filter((t) => t.span)) {
        const tb = bar(t.task.id);
        expect([tb.dataset.start, tb.dataset.finish]).toEqual([t.span!.start, t.span!.finish]);
        expect(tb.querySelector(t.task.kind === "milestone" ? "polygon" : "rect.shape"), "milestones are diamonds").not.toBeNull();
      }
    }
    const label = screen.getAllByTestId("lane-label").find((l) => l.dataset.id === lanes[0].initiative.id)!;
    expect(label.textContent).toContain(lanes[0].initiative.title);
    for (const t of lanes[0].tasks) expect(label.textContent, "each task is named, department in text").toContain(t.task.title);
    expect(label.textContent).toMatch(/Mkt|IT/);
    const scheduled = backend.data.roadmap.analysis.items[0];
    expect(bar(scheduled.id).getAttribute("aria-label"), "the core's slack is on the bar").toContain(`slack ${scheduled.slack_days} d`);
    expect(screen.getByTestId("today")).toBeTruthy();
  });

  test("violated dependencies are drawn red, one per violation", async () => {
    const { backend } = await renderRoadmap();
    const { violations } = backend.data.roadmap.analysis;
    expect(violations.length, "the fixture has a violation to show").toBeGreaterThan(0);
    const drawn = screen.getAllByTestId("violation");
    expect(drawn.length).toBe(violations.length);
    expect(new Set(drawn.map((d) => d.dataset.id))).toEqual(new Set(violations.map((v) => v.dependency_id)));
    expect(drawn[0].querySelector("title")?.textContent).toBe(violations[0].message);
    const ok = backend.data.roadmap.roadmap.dependencies.length - violations.length;
    expect(screen.getAllByTestId("dependency").length, "the other dependencies are plain arrows").toBe(ok);
    expect(screen.getByTestId("schedule-problems").textContent).toContain(violations[0].message);
  });

  test("the critical path toggle marks exactly the critical items (button and c)", async () => {
    const data = fixture();
    const extra = datedTask(data);
    data.roadmap.analysis.items.find((i) => i.id === extra.task.id)!.critical = true;
    await renderRoadmap(installBackend({ data }));
    const critical = new Set(data.roadmap.analysis.items.filter((i) => i.critical).map((i) => i.id));
    expect(critical.size).toBeGreaterThan(1);
    const marked = () =>
      new Set(
        bars()
          .filter((b) => b.dataset.critical === "true")
          .map((b) => b.dataset.id),
      );
    expect(marked().size, "nothing is marked until asked").toBe(0);
    await fireEvent.click(screen.getByTestId("critical-toggle"));
    expect(marked()).toEqual(critical);
    expect(
      bars()
        .filter((b) => !critical.has(b.dataset.id!))
        .every((b) => b.classList.contains("dim")),
      "the rest is dimmed",
    ).toBe(true);
    await fireEvent.keyDown(document.body, { key: "c" });
    expect(marked().size).toBe(0);
  });

  test("what slips: sends the selected item and days, highlights and lists every moved item", async () => {
    const { backend } = await renderRoadmap();
    const { slip } = backend.data;
    await fireEvent.pointerDown(bar(slip.item_id), { clientX: 300, button: 0 });
    await fireEvent.pointerUp(window, { clientX: 300 });
    await fireEvent.input(screen.getByTestId("slip-days"), { target: { value: String(slip.days) } });
    await fireEvent.click(screen.getByTestId("slip-run"));
    await waitFor(() => expect(backend.callsOf("slip").length).toBe(1));
    expect(backend.callsOf("slip")[0].args).toEqual({ id: slip.item_id, days: slip.days });
    const result = await screen.findByTestId("slip-result");
    for (const m of slip.moved) {
      const row = within(result)
        .getAllByTestId("moved")
        .find((r) => r.dataset.id === m.id)!;
      expect(row.textContent).toContain(m.title);
      expect(row.textContent).toContain(`+${m.days} d`);
      expect(row.textContent).toContain(m.new_finish);
      expect(bar(m.id).dataset.moved, "the bar is highlighted").toBe(String(m.days));
      expect(bar(m.id).parentElement!.textContent, "drawn beside the bar").toContain(`+${m.days} d`);
      expect(bar(m.id).getAttribute("aria-label"), "and said with its name").toContain(`would finish ${m.days} days later`);
    }
    expect(bars().filter((b) => b.dataset.moved).length).toBe(slip.moved.length);
  });

  test("s focuses the slip days; the help overlay lists the roadmap keys", async () => {
    await renderRoadmap();
    await fireEvent.keyDown(document.body, { key: "s" });
    expect(document.activeElement).toBe(screen.getByTestId("slip-days"));
    (document.activeElement as HTMLElement).blur();
    await fireEvent.keyDown(document.body, { key: "?" });
    const help = screen.getByTestId("help-roadmap");
    for (const words of ["Alt + Shift", "critical path", "What slips"]) expect(help.textContent).toContain(words);
    expect(screen.getByTestId("help").textContent).toContain("Switch between the board and the roadmap");
  });

  test("→ on a selected task bar sends update_task with start and due one day later", async () => {
    const { backend } = await renderRoadmap();
    const t = datedTask(backend.data);
    const el = bar(t.task.id);
    el.focus();
    await fireEvent.keyDown(el, { key: "ArrowRight" });
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    expect(backend.callsOf("apply")[0].args).toEqual({
      op: {
        op: "update_task",
        id: t.task.id,
        changes: [
          { field: "start", value: addDays(t.task.start!, 1) },
          { field: "due", value: addDays(t.task.due!, 1) },
        ],
      },
      allowPhi: false,
    });
    await waitFor(() => expect(backend.callsOf("roadmap").length, "the roadmap is re-read after the write").toBeGreaterThan(1));
  });

  test("Shift+← moves a week; Alt+→ changes the finish; Alt+Shift+← the start", async () => {
    const { backend } = await renderRoadmap();
    const t = datedTask(backend.data);
    const el = bar(t.task.id);
    el.focus();
    await fireEvent.keyDown(el, { key: "ArrowLeft", shiftKey: true });
    await fireEvent.keyDown(el, { key: "ArrowRight", altKey: true });
    await fireEvent.keyDown(el, { key: "ArrowLeft", altKey: true, shiftKey: true });
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(3));
    const ops = backend.callsOf("apply").map((c) => c.args.op);
    expect(ops[0]).toMatchObject({
      changes: [
        { field: "start", value: addDays(t.task.start!, -7) },
        { field: "due", value: addDays(t.task.due!, -7) },
      ],
    });
    // The mock board does not change, so each edit starts from the fixture's dates.
    expect(ops[1]).toMatchObject({
      changes: [
        { field: "start", value: t.task.start },
        { field: "due", value: addDays(t.task.due!, 1) },
      ],
    });
    expect(ops[2]).toMatchObject({
      changes: [
        { field: "start", value: addDays(t.task.start!, -1) },
        { field: "due", value: t.task.due },
      ],
    });
  });

  test("↓ moves between bars and Enter opens the bar's initiative in the detail panel", async () => {
    const { app, backend } = await renderRoadmap();
    const first = bars()[0];
    first.focus();
    expect(app.roadmap.selectedId).toBe(first.dataset.id);
    await fireEvent.keyDown(first, { key: "ArrowDown" });
    await waitFor(() => expect(document.activeElement).toBe(bars()[1]));
    const taskId = bars()[1].dataset.id!;
    const lane = backend.data.roadmap.roadmap.lanes.find((l) => l.tasks.some((t) => t.task.id === taskId))!;
    await fireEvent.keyDown(bars()[1], { key: "Enter" });
    await screen.findByTestId("detail");
    expect(backend.callsOf("initiative_detail").at(-1)?.args).toEqual({ id: lane.initiative.id });
  });

  test("dragging a bar by N day-widths moves it N days; dragging an end changes only that end", async () => {
    const { backend } = await renderRoadmap();
    const t = datedTask(backend.data);
    const dw = DAY_WIDTH.month;
    await fireEvent.pointerDown(bar(t.task.id), { clientX: 400, button: 0 });
    await fireEvent.pointerMove(window, { clientX: 400 + 2 * dw });
    await fireEvent.pointerMove(window, { clientX: 400 + 4 * dw + 1 });
    expect(bar(t.task.id).dataset.start, "the bar follows the pointer, snapped to days").toBe(addDays(t.task.start!, 4));
    await fireEvent.pointerUp(window, { clientX: 400 + 4 * dw + 1 });
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    expect(backend.callsOf("apply")[0].args.op).toEqual({
      op: "update_task",
      id: t.task.id,
      changes: [
        { field: "start", value: addDays(t.task.start!, 4) },
        { field: "due", value: addDays(t.task.due!, 4) },
      ],
    });

    await waitFor(() => expect(screen.queryByTestId("drag-preview"), "the first drag has landed").toBeNull());
    const grips = bar(t.task.id).querySelectorAll(".grip");
    await fireEvent.pointerDown(grips[1], { clientX: 500, button: 0 });
    await fireEvent.pointerMove(window, { clientX: 500 - 3 * dw });
    await fireEvent.pointerUp(window, { clientX: 500 - 3 * dw });
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(2));
    expect(backend.callsOf("apply")[1].args.op).toMatchObject({
      changes: [
        { field: "start", value: t.task.start },
        { field: "due", value: addDays(t.task.due!, -3) },
      ],
    });
  });

  test("dragging an initiative's bar carries its open tasks along, and sends one move_initiative", async () => {
    const { backend } = await renderRoadmap();
    const lane = backend.data.roadmap.roadmap.lanes.find(
      (l) => l.tasks.some((t) => t.task.status === "done" && t.span) && l.tasks.some((t) => t.task.status !== "done" && t.span),
    )!;
    const open = lane.tasks.find((t) => t.task.status !== "done" && t.task.status !== "cancelled" && t.span)!;
    const done = lane.tasks.find((t) => t.task.status === "done" && t.span)!;
    const dw = DAY_WIDTH.month;
    await fireEvent.pointerDown(bar(lane.initiative.id), { clientX: 400, button: 0 });
    await fireEvent.pointerMove(window, { clientX: 400 + 5 * dw });
    expect(bar(open.task.id).dataset.start, "an open task moves with the bar while it is dragged").toBe(addDays(open.span!.start, 5));
    expect(bar(done.task.id).dataset.start, "finished work stays where it happened").toBe(done.span!.start);
    await fireEvent.pointerUp(window, { clientX: 400 + 5 * dw });
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    expect(backend.callsOf("apply")[0].args.op).toEqual({ op: "move_initiative", id: lane.initiative.id, days: 5 });
  });

  test("a refused reschedule shows the core's message by the bar and nothing moves", async () => {
    const message = "A task cannot be due before it starts.";
    const backend = installBackend({ overrides: { apply: () => refuse("validation", message) } });
    await renderRoadmap(backend);
    const t = datedTask(backend.data);
    bar(t.task.id).focus();
    await fireEvent.keyDown(bar(t.task.id), { key: "ArrowRight" });
    const alert = await within(screen.getByTestId("timeline")).findByRole("alert");
    expect(within(alert).getByTestId("error").textContent).toBe(message);
    expect(bar(t.task.id).dataset.start, "the bar stays where it was").toBe(t.span!.start);
    await fireEvent.keyDown(document.body, { key: "Escape" });
    expect(within(screen.getByTestId("timeline")).queryByRole("alert")).toBeNull();
  });

  test("filters go to the roadmap call; export asks for a file, then exports with the same filter", async () => {
    const { backend } = await renderRoadmap();
    await fireEvent.change(screen.getByTestId("roadmap-department"), { target: { value: IT_ID } });
    await waitFor(() => expect(backend.callsOf("roadmap").at(-1)?.args).toMatchObject({ filter: { department_id: IT_ID } }));
    const planned = within(screen.getByTestId("roadmap-statuses")).getByLabelText("Planned");
    await fireEvent.click(planned);
    await waitFor(() => expect(backend.callsOf("roadmap").at(-1)?.args).toMatchObject({ filter: { statuses: ["planned"] } }));
    await fireEvent.change(screen.getByTestId("roadmap-from"), { target: { value: "2026-03-01" } });
    const filter = { from: "2026-03-01", to: null, department_id: IT_ID, owner_id: null, statuses: ["planned"], tag: null };
    await waitFor(() => expect(backend.callsOf("roadmap").at(-1)?.args).toEqual({ filter }));

    await fireEvent.change(screen.getByTestId("export-format"), { target: { value: "pdf" } });
    await fireEvent.change(screen.getByTestId("export-paper"), { target: { value: "letter" } });
    await fireEvent.click(screen.getByTestId("export-run"));
    const result = await screen.findByTestId("export-result");
    expect(backend.calls.filter((c) => c.cmd === "choose_export_file" || c.cmd === "export_roadmap").map((c) => c.cmd)).toEqual([
      "choose_export_file",
      "export_roadmap",
    ]);
    expect(backend.callsOf("choose_export_file")[0].args).toEqual({ format: "pdf", report: "roadmap" });
    const path = "/home/dana/Documents/roadmap.pdf";
    expect(backend.callsOf("export_roadmap")[0].args).toEqual({ format: "pdf", filter, paper: "letter", path, report: "roadmap" });
    expect(result.textContent).toContain(`Saved to ${path}`);
  });

  test("a cancelled save dialog exports nothing; a failed export shows why; JSON says filters do not apply", async () => {
    let answer: string | null = null;
    const backend = installBackend({
      overrides: {
        choose_export_file: () => answer,
        export_roadmap: () => refuse("storage", "The folder is read-only."),
      },
    });
    await renderRoadmap(backend);
    await fireEvent.click(screen.getByTestId("export-run"));
    await waitFor(() => expect(backend.callsOf("choose_export_file").length).toBe(1));
    expect(backend.callsOf("export_roadmap").length).toBe(0);
    expect(screen.queryByTestId("export-result")).toBeNull();
    answer = "/tmp/roadmap.csv";
    await fireEvent.change(screen.getByTestId("export-format"), { target: { value: "json" } });
    expect(screen.getByTestId("export-note").textContent).toContain("whole board");
    await fireEvent.click(screen.getByTestId("export-run"));
    const result = await screen.findByTestId("export-result");
    expect(within(result).getByTestId("error").textContent).toBe("The folder is read-only.");
  });

  test("items without dates are listed as unscheduled and never drawn", async () => {
    const data = fixture();
    const lanes = data.roadmap.roadmap.lanes;
    const undatedTask = lanes[0].tasks[0];
    undatedTask.span = null;
    undatedTask.task.start = null;
    undatedTask.task.due = null;
    lanes[1].span = null;
    lanes[1].tasks.forEach((t) => (t.span = null));
    await renderRoadmap(installBackend({ data }));
    const list = screen.getByTestId("unscheduled");
    const listed = within(list)
      .getAllByTestId("unscheduled-item")
      .map((el) => el.dataset.id);
    expect(listed).toContain(undatedTask.task.id);
    expect(listed).toContain(lanes[1].initiative.id);
    for (const t of lanes[1].tasks) expect(listed).toContain(t.task.id);
    const drawn = new Set(bars().map((b) => b.dataset.id));
    for (const id of listed) expect(drawn.has(id!), `${id} is not drawn at a made-up date`).toBe(false);
    expect(screen.getAllByTestId("lane").map((l) => l.dataset.id)).not.toContain(lanes[1].initiative.id);
  });

  test("a board-changed event re-reads the roadmap", async () => {
    const { backend } = await renderRoadmap();
    const before = backend.callsOf("roadmap").length;
    await backend.emitChanged("external");
    await waitFor(() => expect(backend.callsOf("roadmap").length).toBe(before + 1));
  });

  test("grouping by sponsor puts a heading per sponsor", async () => {
    const { backend } = await renderRoadmap();
    await fireEvent.change(screen.getByTestId("group-by"), { target: { value: "sponsor" } });
    const sponsors = new Set(backend.data.roadmap.roadmap.lanes.map((l) => l.sponsor?.name ?? "No sponsor"));
    const headings = screen.getAllByTestId("group").map((g) => g.querySelector(".group-label")!.textContent);
    expect(new Set(headings)).toEqual(sponsors);
  });

  test("a hostile title is shown as text, never as HTML", async () => {
    const data = fixture();
    const hostile = `<script>alert(1)</script><img src=x onerror="alert(2)">`;
    const lane = data.roadmap.roadmap.lanes[0];
    lane.initiative.title = hostile;
    lane.tasks[0].task.title = hostile;
    await renderRoadmap(installBackend({ data }));
    const label = screen.getAllByTestId("lane-label").find((l) => l.dataset.id === lane.initiative.id)!;
    expect(label.textContent).toContain(hostile);
    expect(bar(lane.initiative.id).getAttribute("aria-label")).toContain(hostile);
    expect(screen.getByTestId("roadmap").querySelector("script, img"), "no element was made from user text").toBeNull();
  });
});

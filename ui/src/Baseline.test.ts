import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "./App.svelte";
import { AppStore } from "./lib/stores/app.svelte";
import type { BaselineReport, RoadmapTask } from "./lib/bindings";
import { addDays } from "./lib/timeline";
import { fixture, installBackend, refuse, saved as savedReply } from "./test/backend";

const SC = "Steering committee 2026-03";

/** A comparison in which `task` finished a week earlier in the baseline, and one task is new. */
function reportFor(task: RoadmapTask, initiative: string): BaselineReport {
  const data = fixture();
  return {
    board: data.board.info,
    today: data.roadmap.roadmap.today,
    name: SC,
    saved_at: "2026-03-02T09:00:00Z",
    rows: [
      {
        change: "moved",
        item_id: task.task.id,
        kind: "task",
        initiative,
        title: task.task.title,
        baseline_start: task.span!.start,
        baseline_finish: addDays(task.span!.finish, -7),
        start: task.span!.start,
        finish: task.span!.finish,
        start_days: 0,
        finish_days: 7,
        moved_by: "Tom Becker",
        moved_at: "2026-03-03T10:00:00Z",
      },
      {
        change: "new",
        item_id: "00000000-0000-7000-8000-00000000beef",
        kind: "task",
        initiative,
        title: "Load test",
        baseline_start: null,
        baseline_finish: null,
        start: null,
        finish: "2026-05-01",
        start_days: null,
        finish_days: null,
        moved_by: null,
        moved_at: null,
      },
    ],
  };
}

async function renderWithBaseline() {
  const data = fixture();
  const lane = data.roadmap.roadmap.lanes.find((l) => l.tasks.some((t) => t.task.kind === "task" && t.span))!;
  const task = lane.tasks.find((t) => t.task.kind === "task" && t.span)!;
  const saved: string[] = [SC];
  const backend = installBackend({
    data,
    overrides: {
      baselines: () => saved.map((name) => ({ name, saved_at: "2026-03-02T09:00:00Z" })),
      baseline_report: (args) =>
        saved.includes(String(args.name))
          ? reportFor(task, lane.initiative.title)
          : refuse("not_found", "There is no baseline called that."),
      apply: (args) => {
        const op = args.op as { op: string; name?: string };
        if (op.op === "save_baseline") {
          if (saved.includes(op.name!.trim()))
            refuse("validation", `There is already a baseline called “${op.name}”; choose another name.`);
          saved.push(op.name!.trim());
        }
        return savedReply("00000000-0000-7000-8000-000000000001");
      },
    },
  });
  const app = new AppStore({ filterDelayMs: 0 });
  render(App, { app });
  await waitFor(() => expect(app.board.view).not.toBeNull());
  await fireEvent.click(screen.getByTestId("view-roadmap"));
  await waitFor(() => expect(screen.getAllByTestId("lane").length).toBeGreaterThan(0));
  return { app, backend, task };
}

const ghostOf = (id: string) =>
  screen
    .getAllByTestId("bar")
    .find((b) => b.dataset.id === id)
    ?.querySelector("[data-testid=ghost]") as SVGElement | null;

describe("baselines on the roadmap", () => {
  test("choosing a baseline lists what moved and draws its old place behind the bar, until the toggle hides it", async () => {
    const { task } = await renderWithBaseline();
    await waitFor(() =>
      expect(
        within(screen.getByTestId("baseline-choice"))
          .getAllByRole("option")
          .map((o) => o.textContent),
      ).toEqual(["None", SC]),
    );
    expect(screen.queryByTestId("baseline-comparison"), "no comparison until a baseline is chosen").toBeNull();
    await fireEvent.change(screen.getByTestId("baseline-choice"), { target: { value: SC } });

    const panel = await screen.findByTestId("baseline-comparison");
    expect(panel.textContent).toContain("1 moved, 1 new, 0 removed");
    const moved = within(panel)
      .getAllByTestId("baseline-row")
      .find((r) => r.dataset.change === "moved")!;
    expect(moved.textContent).toContain("+7 d");
    expect(moved.textContent, "who moved it and when").toContain("by Tom Becker, 2026-03-03");

    const ghost = ghostOf(task.task.id);
    expect(ghost, "the moved bar has a ghost outline").not.toBeNull();
    expect(ghost!.dataset.finish).toBe(addDays(task.span!.finish, -7));
    const bar = screen.getAllByTestId("bar").find((b) => b.dataset.id === task.task.id)!;
    expect(bar.getAttribute("aria-label"), "a screen reader hears the baseline dates too").toContain("in the baseline");

    await fireEvent.click(screen.getByTestId("ghost-toggle"));
    expect(ghostOf(task.task.id), "the toggle hides the baseline bars").toBeNull();
    expect(screen.getByTestId("ghost-toggle").getAttribute("aria-pressed")).toBe("false");
  });

  test("the comparison exports as the baseline report, in the format chosen for it", async () => {
    const { backend } = await renderWithBaseline();
    await waitFor(() => expect(within(screen.getByTestId("baseline-choice")).getAllByRole("option")).toHaveLength(2));
    await fireEvent.change(screen.getByTestId("baseline-choice"), { target: { value: SC } });
    await screen.findByTestId("baseline-comparison");
    await fireEvent.change(screen.getByTestId("comparison-format"), { target: { value: "csv" } });
    await fireEvent.click(screen.getByTestId("comparison-export"));
    await screen.findByTestId("comparison-result");
    const call = backend.callsOf("export_roadmap")[0].args;
    expect([call.format, call.report]).toEqual(["csv", { baseline: SC }]);
    expect(backend.callsOf("choose_export_file")[0].args.report).toEqual({ baseline: SC });
    expect(screen.queryByTestId("export-result"), "the roadmap's own export shows nothing").toBeNull();
  });

  test("saving a baseline goes through the write funnel and compares with it; a taken name is refused where it was typed", async () => {
    const { backend } = await renderWithBaseline();
    await fireEvent.click(screen.getByTestId("baseline-new"));
    const input = screen.getByTestId("baseline-name") as HTMLInputElement;
    expect(input.value, "this month's steering committee is proposed").toMatch(/^Steering committee \d{4}-\d{2}$/);
    await fireEvent.input(input, { target: { value: SC } });
    await fireEvent.click(screen.getByTestId("baseline-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("already a baseline");
    expect(screen.getByTestId("baseline-name"), "the form stays open to fix the name").toBeTruthy();

    await fireEvent.input(screen.getByTestId("baseline-name"), { target: { value: "Q2 review" } });
    await fireEvent.click(screen.getByTestId("baseline-save"));
    await waitFor(() => expect((screen.getByTestId("baseline-choice") as HTMLSelectElement).value).toBe("Q2 review"));
    expect(backend.callsOf("apply").map((c) => c.args.op)).toContainEqual({ op: "save_baseline", name: "Q2 review" });
    expect(backend.callsOf("baseline_report").at(-1)!.args.name).toBe("Q2 review");
  });
});

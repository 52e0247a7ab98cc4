import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import DetailPanel from "./DetailPanel.svelte";
import { AppStore } from "../stores/app.svelte";
import { IT_ID, MARKETING_ID } from "../labels";
import { installBackend, refuse, type Override } from "../../test/backend";

async function renderPanel(overrides: Record<string, Override> = {}) {
  const backend = installBackend({ overrides });
  const app = new AppStore();
  await app.start();
  await app.openDetail(backend.data.detail.initiative.id);
  render(DetailPanel, { app });
  return { app, backend, panel: screen.getByTestId("detail") };
}

describe("detail panel", () => {
  test("shows the initiative's fields and its tasks grouped by department", async () => {
    const { backend, panel } = await renderPanel();
    const { detail } = backend.data;
    expect((within(panel).getByTestId("field-title") as HTMLInputElement).value).toBe(detail.initiative.title);
    expect((within(panel).getByTestId("field-marketing-owner") as HTMLSelectElement).value).toBe(
      detail.initiative.marketing_owner_id ?? "",
    );
    const rows = within(panel)
      .getAllByTestId("task-row")
      .map((r) => r.dataset.id);
    expect(rows.sort()).toEqual(detail.tasks.map((t) => t.task.id).sort());
    const mktGroup = within(panel).getByTestId(`task-group-${MARKETING_ID}`);
    for (const row of within(mktGroup).queryAllByTestId("task-row")) {
      const task = detail.tasks.find((t) => t.task.id === row.dataset.id)!;
      expect(task.task.department_id, "a Marketing group holds only Marketing tasks").toBe(MARKETING_ID);
    }
  });

  test("owner selects offer only people of that department", async () => {
    const { backend, panel } = await renderPanel();
    const options = (testid: string) =>
      [...within(panel).getByTestId(testid).querySelectorAll("option")].map((o) => o.value).filter(Boolean);
    const dept = (id: string) => backend.data.board.people.find((p) => p.id === id)?.department_id;
    expect(options("field-marketing-owner").every((id) => dept(id) === MARKETING_ID)).toBe(true);
    expect(options("field-it-owner").every((id) => dept(id) === IT_ID)).toBe(true);
  });

  test("editing a field sends one update_initiative op", async () => {
    const { backend, panel } = await renderPanel();
    const input = within(panel).getByTestId("field-title") as HTMLInputElement;
    await fireEvent.change(input, { target: { value: "Online booking for primary care" } });
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    expect(backend.callsOf("apply")[0].args.op).toEqual({
      op: "update_initiative",
      id: backend.data.detail.initiative.id,
      changes: [{ field: "title", value: "Online booking for primary care" }],
    });
  });

  test("a refused field change shows the message under the field", async () => {
    const { panel } = await renderPanel({ apply: () => refuse("validation", "The target date must not be before the start.") });
    await fireEvent.change(within(panel).getByTestId("field-target"), { target: { value: "2020-01-01" } });
    expect((await within(panel).findByTestId("error")).textContent).toBe("The target date must not be before the start.");
  });

  test("Enter in a department's add-task box creates a task there", async () => {
    const { backend, panel } = await renderPanel();
    const input = within(panel).getByTestId(`add-task-${IT_ID}`) as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "Set up SMS gateway" } });
    await fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    expect(backend.callsOf("apply")[0].args.op).toMatchObject({
      op: "create_task",
      initiative_id: backend.data.detail.initiative.id,
      department_id: IT_ID,
      title: "Set up SMS gateway",
      status: "todo",
    });
    await waitFor(() => expect(input.value, "the box clears for the next task").toBe(""));
  });

  test("a task's status select sends update_task; Alt+ArrowDown reorders", async () => {
    const { backend, panel } = await renderPanel();
    const row = within(panel).getAllByTestId("task-row")[0];
    await fireEvent.change(within(row).getByTestId("task-status"), { target: { value: "done" } });
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    expect(backend.callsOf("apply")[0].args.op).toEqual({
      op: "update_task",
      id: row.dataset.id,
      changes: [{ field: "status", value: "done" }],
    });
    await fireEvent.keyDown(within(row).getByTestId("task-status"), { key: "ArrowDown", altKey: true });
    await waitFor(() => expect(backend.callsOf("move_task")[0]?.args).toEqual({ id: row.dataset.id, direction: "down" }));
  });

  test("a task's start date and notes are edited in place", async () => {
    const { backend, panel } = await renderPanel();
    const row = within(panel).getAllByTestId("task-row")[0];
    await fireEvent.change(within(row).getByTestId("task-start"), { target: { value: "2026-03-10" } });
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    expect(backend.callsOf("apply")[0].args.op).toEqual({
      op: "update_task",
      id: row.dataset.id,
      changes: [{ field: "start", value: "2026-03-10" }],
    });
    await fireEvent.click(within(row).getByText("Notes"));
    await fireEvent.change(await within(row).findByTestId("task-notes"), { target: { value: "Vendor call on Tuesday" } });
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(2));
    expect(backend.callsOf("apply")[1].args.op, "notes are saved as typed").toEqual({
      op: "update_task",
      id: row.dataset.id,
      changes: [{ field: "notes", value: "Vendor call on Tuesday" }],
    });
  });

  test("blocked tasks and schedule conflicts are marked", async () => {
    const { backend, panel } = await renderPanel();
    const blocked = backend.data.detail.tasks.find((t) => t.blocked);
    if (blocked) {
      const row = within(panel)
        .getAllByTestId("task-row")
        .find((r) => r.dataset.id === blocked.task.id)!;
      expect(within(row).getByTestId("task-blocked")).toBeTruthy();
    }
    const conflicted = backend.data.detail.tasks.find((t) => t.upstream.some((l) => l.conflict));
    if (conflicted) {
      const row = within(panel)
        .getAllByTestId("task-row")
        .find((r) => r.dataset.id === conflicted.task.id)!;
      const message = conflicted.upstream.find((l) => l.conflict)!.conflict!.message;
      expect(row.textContent).toContain(message);
    }
  });

  test("adding a dependency: search, pick, add; a cycle shows the core's message", async () => {
    const cycle = "That would make a loop: Go-live → QA → Go-live.";
    const { backend, panel } = await renderPanel({
      find_items: () =>
        backend.data.detail.tasks.slice(0, 2).map((t) => ({
          id: t.task.id,
          kind: "task",
          title: t.task.title,
          initiative_id: t.task.initiative_id,
          initiative_title: backend.data.detail.initiative.title,
          status: "To do",
          open: true,
          start: null,
          finish: null,
        })),
      apply: () => refuse("cycle", cycle),
    });
    // The initiative's own picker is the last one in the panel.
    const search = within(panel).getAllByTestId("dep-search").at(-1)!;
    await fireEvent.input(search, { target: { value: "go" } });
    const results = await within(panel).findAllByTestId("dep-result");
    const picked = backend.data.detail.tasks[0].task;
    expect(results[0].textContent).toContain(`${picked.title} — ${backend.data.detail.initiative.title}`);
    await fireEvent.click(results[0]);
    await fireEvent.click(within(panel).getAllByTestId("dep-add").at(-1)!);
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    expect(backend.callsOf("apply")[0].args.op, "the picked item is the predecessor").toEqual({
      op: "add_dependency",
      from_id: picked.id,
      to_id: backend.data.detail.initiative.id,
      kind: "finish_to_start",
      lag_days: 0,
    });
    const errors = await within(panel).findAllByTestId("error");
    expect(errors.map((e) => e.textContent)).toContain(cycle);
  });

  test("deleting the initiative asks first, then deletes and closes", async () => {
    const { app, backend, panel } = await renderPanel();
    await fireEvent.click(within(panel).getByTestId("delete-initiative"));
    expect(backend.callsOf("apply").length, "nothing is deleted before confirming").toBe(0);
    await fireEvent.click(screen.getByTestId("confirm-yes"));
    await waitFor(() =>
      expect(backend.callsOf("apply")[0]?.args.op).toEqual({ op: "delete", id: backend.data.detail.initiative.id, reassign_to: null }),
    );
    await waitFor(() => expect(app.detail.openId).toBeNull());
  });

  test("a comment is added with add_comment", async () => {
    const { backend, panel } = await renderPanel();
    const box = within(panel).getByTestId("comment-input");
    await fireEvent.input(box, { target: { value: "Go-live moved to June." } });
    await fireEvent.click(within(panel).getByTestId("comment-add"));
    await waitFor(() =>
      expect(backend.callsOf("apply")[0]?.args.op).toEqual({
        op: "add_comment",
        item_id: backend.data.detail.initiative.id,
        body: "Go-live moved to June.",
      }),
    );
  });
});

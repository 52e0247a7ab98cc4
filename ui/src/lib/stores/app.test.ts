import { describe, expect, test, vi } from "vitest";
import { AppStore } from "./app.svelte";
import { fixture, installBackend, makeSession, refuse, saved } from "../../test/backend";
import { NO_FILTERS } from "../filter";
import { DEFAULT_ROADMAP_SETTINGS, NO_ROADMAP_FILTER } from "../roadmap";

describe("AppStore", () => {
  test("start reads the session, restores saved filters and loads the board", async () => {
    const saved = { ...NO_FILTERS, text: "portal", show_cancelled: true };
    const roadmap = { ...DEFAULT_ROADMAP_SETTINGS };
    const backend = installBackend({
      session: makeSession({ settings: { ...makeSession().settings, filters: saved, roadmap } }),
    });
    const app = new AppStore();
    await app.start();
    expect(app.filters.value, "filters survive a restart through the session").toEqual(saved);
    expect(app.board.view?.initiatives.length).toBe(backend.data.board.initiatives.length);
    expect(app.visibleStatuses).toContain("cancelled");
    expect(app.ui.mode, "a desktop that left the board open starts on the board").toBe("board");
    app.stop();
  });

  test("the roadmap opens as this desktop left it, and every change to its view is saved", async () => {
    const filter = { ...NO_ROADMAP_FILTER, tag: "portal", statuses: ["in_progress" as const] };
    const roadmap = { open: true, zoom: "quarter" as const, group_by: "sponsor" as const, show_critical: true, filter };
    const backend = installBackend({ session: makeSession({ settings: { ...makeSession().settings, roadmap } }) });
    const app = new AppStore();
    await app.start();
    expect(app.ui.mode, "the roadmap was on screen, so it opens on the roadmap").toBe("roadmap");
    expect([app.roadmap.zoom, app.roadmap.groupBy, app.roadmap.showCritical]).toEqual(["quarter", "sponsor", true]);
    expect(backend.callsOf("roadmap").at(-1)?.args.filter, "the saved filter is the one the roadmap is read with").toEqual(filter);

    await app.roadmap.setView({ zoom: "week" });
    await app.setMode("board");
    const saved = backend.callsOf("save_roadmap_settings").map((c) => c.args.roadmap);
    expect(saved.at(-2), "a zoom change is saved at once").toMatchObject({
      open: true,
      zoom: "week",
      group_by: "sponsor",
    });
    expect(saved.at(-1), "so is going back to the board").toMatchObject({ open: false, zoom: "week" });
    await app.roadmap.setFilter({ tag: null });
    expect(backend.callsOf("save_roadmap_settings").at(-1)?.args.roadmap, "and a filter change").toMatchObject({
      filter: { tag: null, statuses: ["in_progress"] },
    });
    app.stop();
  });

  test("a board-changed event re-reads the board and the open detail", async () => {
    const backend = installBackend();
    const app = new AppStore();
    await app.start();
    await app.openDetail(backend.data.detail.initiative.id);
    const boards = backend.callsOf("board").length;
    const details = backend.callsOf("initiative_detail").length;
    await backend.emitChanged("external");
    await vi.waitFor(() => {
      expect(backend.callsOf("board").length, "the board is re-read").toBe(boards + 1);
      expect(backend.callsOf("initiative_detail").length, "the open detail is re-read").toBe(details + 1);
    });
    app.stop();
  });

  test("setStatus sends one update_initiative op and re-reads", async () => {
    const backend = installBackend();
    const app = new AppStore();
    await app.start();
    const card = backend.data.board.initiatives.find((c) => c.status === "planned")!;
    const before = backend.callsOf("board").length;
    expect(await app.setStatus(card.id, "in_progress")).toBe(true);
    expect(backend.callsOf("apply").at(-1)?.args).toEqual({
      op: { op: "update_initiative", id: card.id, changes: [{ field: "status", value: "in_progress" }] },
      allowPhi: false,
    });
    expect(backend.callsOf("board").length, "after a write the board is re-read").toBeGreaterThan(before);
  });

  test("a write reads the board once, though its own board-changed event arrives before its reply", async () => {
    // As the app does: the write command emits board-changed before it answers.
    const emitted: Array<() => Promise<void>> = [];
    const backend = installBackend({
      overrides: {
        apply: async () => {
          await emitted[0]();
          return saved("00000000-0000-7000-8000-000000000099");
        },
      },
    });
    emitted.push(() => backend.emitChanged("edit"));
    const app = new AppStore();
    await app.start();
    const card = backend.data.board.initiatives.find((c) => c.status === "planned")!;
    const before = backend.callsOf("board").length;
    expect(await app.setStatus(card.id, "in_progress")).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backend.callsOf("board").length, "one re-read shows the write; a second would only double the wait").toBe(before + 1);
    app.stop();
  });

  test("edits in quick succession show at once and read the Needs attention list once, after the last", async () => {
    const backend = installBackend();
    const app = new AppStore({ listsDelayMs: 30 });
    await app.start();
    const [first, second] = backend.data.board.initiatives.filter((c) => c.status !== "cancelled");
    const lists = backend.callsOf("needs_attention").length;
    const boards = backend.callsOf("board").length;
    await app.setStatus(first.id, first.status === "live" ? "planned" : "live");
    await app.setStatus(second.id, second.status === "live" ? "planned" : "live");
    expect(backend.callsOf("board").length, "each edit re-reads the board before it is done").toBe(boards + 2);
    expect(backend.callsOf("needs_attention").length, "the lists wait a moment").toBe(lists);
    await vi.waitFor(() => expect(backend.callsOf("needs_attention").length, "then are read once").toBe(lists + 1));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(backend.callsOf("needs_attention").length, "and only once").toBe(lists + 1);
    app.stop();
  });

  test("a refused status change is kept as a message for that card", async () => {
    const backend = installBackend({
      overrides: {
        apply: () => refuse("conflict", "It cannot leave Proposed without a Marketing owner and an IT owner."),
      },
    });
    const app = new AppStore();
    await app.start();
    const card = backend.data.board.initiatives.find((c) => c.status === "proposed")!;
    expect(await app.setStatus(card.id, "planned")).toBe(false);
    expect(app.ui.cardMessage).toEqual({
      id: card.id,
      message: "It cannot leave Proposed without a Marketing owner and an IT owner.",
    });
  });

  test("filter changes are saved (debounced) through save_filters", async () => {
    const backend = installBackend();
    const app = new AppStore({ filterDelayMs: 0 });
    await app.start();
    app.filters.set({ text: "sms" });
    app.filters.set({ tag: "portal" });
    await vi.waitFor(() => expect(backend.callsOf("save_filters").length).toBe(1));
    expect(backend.callsOf("save_filters")[0].args).toEqual({ filters: { ...NO_FILTERS, text: "sms", tag: "portal" } });
  });

  test("arrow keys move the selection across visible columns", async () => {
    installBackend();
    const app = new AppStore();
    await app.start();
    app.moveSelection("ArrowDown");
    const first = app.columns.proposed[0];
    expect(app.ui.selectedId, "with nothing selected, an arrow selects the first card").toBe(first.id);
    app.moveSelection("ArrowRight");
    expect(app.ui.selectedId).toBe(app.columns.planned[0].id);
    app.moveSelection("ArrowDown");
    expect(app.ui.selectedId).toBe(app.columns.planned[1]?.id ?? app.columns.planned[0].id);
  });
});

test("app: a card changed by a sync is marked fresh until it is opened; local edits are not", async () => {
  const data = fixture();
  const backend = installBackend({ data });
  const app = new AppStore();
  await app.start();
  const [first, second] = data.board.initiatives;
  data.board.initiatives[0] = { ...first, title: `${first.title} (renamed elsewhere)` };
  await backend.emitChanged("sync");
  await vi.waitFor(() => expect(app.board.fresh).toEqual([first.id]));
  await app.apply({ op: "update_initiative", id: second.id, changes: [{ field: "priority", value: "low" }] });
  data.board.initiatives[1] = { ...second, priority: "low" };
  await backend.emitChanged("edit");
  await app.refresh();
  expect(app.board.fresh).toEqual([first.id]);
  await app.openDetail(first.id);
  expect(app.board.fresh).toEqual([]);
});

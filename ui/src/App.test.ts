import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "./App.svelte";
import { AppStore } from "./lib/stores/app.svelte";
import { STATUS_LABEL } from "./lib/labels";
import { fixture, installBackend, makeSession, refuse } from "./test/backend";
import { cardName } from "./lib/speech";

async function renderApp(backend = installBackend()) {
  const app = new AppStore({ filterDelayMs: 0 });
  const view = render(App, { app });
  await waitFor(() => expect(app.board.view).not.toBeNull());
  return { app, view, backend };
}

describe("the board", () => {
  test("renders a column per status and a card per initiative, cancelled hidden", async () => {
    const { backend } = await renderApp();
    const cards = backend.data.board.initiatives;
    for (const status of ["proposed", "planned", "in_progress", "live"] as const) {
      const column = screen.getByTestId(`column-${status}`);
      expect(within(column).getByRole("heading").textContent).toBe(STATUS_LABEL[status]);
      const expected = cards.filter((c) => c.status === status).map((c) => c.id);
      const shown = within(column)
        .queryAllByTestId("card")
        .map((el) => el.dataset.id);
      expect(shown, `the ${status} column shows its initiatives`).toEqual(expected);
    }
    expect(screen.queryByTestId("column-cancelled"), "Cancelled is behind a toggle").toBeNull();
    await fireEvent.click(screen.getByTestId("filter-cancelled"));
    expect(screen.getByTestId("column-cancelled")).toBeTruthy();
  });

  test("a card shows owners with role labels, go-live, progress and a Blocked reason", async () => {
    const { backend } = await renderApp();
    const blocked = backend.data.board.initiatives.find((c) => c.blocked && c.status !== "cancelled")!;
    const el = screen.getAllByTestId("card").find((c) => c.dataset.id === blocked.id)!;
    expect(el.textContent).toContain("Mkt");
    expect(el.textContent).toContain("IT");
    const badge = within(el).getByTestId("blocked");
    const reasons = [blocked.block_reason, ...blocked.blocked_by.map((b) => b.title)].filter(Boolean) as string[];
    for (const r of reasons) expect(badge.title, "hovering the badge says why").toContain(r);
    for (const p of blocked.progress.filter((p) => p.total > 0)) {
      expect(el.textContent).toContain(`${p.name} ${p.done}/${p.total}`);
    }
    const late = backend.data.board.initiatives.find((c) => c.overdue && c.status !== "cancelled");
    if (late) {
      const lateEl = screen.getAllByTestId("card").find((c) => c.dataset.id === late.id)!;
      expect(lateEl.textContent).toContain("late");
    }
  });

  test("a sample board says so in a banner; read-only and location warnings too", async () => {
    const data = fixture();
    data.board.info.sample = true;
    await renderApp(
      installBackend({
        data,
        session: makeSession({ read_only: true, location_warning: "This file is on a network share." }),
      }),
    );
    expect(screen.getByTestId("banner-sample").textContent).toContain("Sample hospital board — demo data");
    expect(screen.getByTestId("banner-read-only")).toBeTruthy();
    expect(screen.getByTestId("banner-location").textContent).toContain("network share");
  });

  test("a card's details are read from the press, once; a change before the click reads them again", async () => {
    const { app, backend } = await renderApp();
    const id = backend.data.detail.initiative.id;
    const card = () => screen.getAllByTestId("card").find((c) => c.dataset.id === id)!;
    const reads = () => backend.callsOf("initiative_detail").length;
    const press = async () => {
      await fireEvent.pointerDown(card(), { button: 0 });
      await fireEvent.pointerUp(window, { button: 0 });
    };
    await press();
    expect(reads(), "the press begins the read").toBe(1);
    await fireEvent.click(card());
    await waitFor(() => expect(screen.getByTestId("field-title")).toHaveProperty("value", backend.data.detail.initiative.title));
    expect(reads(), "the click shows what the press read").toBe(1);
    app.detail.close();
    await press();
    const boards = backend.callsOf("board").length;
    await backend.emitChanged("external");
    await waitFor(() => expect(backend.callsOf("board").length).toBe(boards + 1));
    await fireEvent.click(card());
    await waitFor(() => expect(reads(), "the board changed after the press: the click reads again").toBe(3));
  });

  test("a hostile title is shown as text, never as HTML", async () => {
    const data = fixture();
    const hostile = `<script>alert(1)</script><img src=x onerror="alert(2)">`;
    data.board.initiatives[0].title = hostile;
    await renderApp(installBackend({ data }));
    const el = screen.getAllByTestId("card").find((c) => c.dataset.id === data.board.initiatives[0].id)!;
    expect(el.textContent, "the title reads literally").toContain(hostile);
    expect(el.querySelector("script, img"), "no element was created from user text").toBeNull();
  });

  test("an empty board offers the sample board and a new initiative", async () => {
    const data = fixture();
    data.board.initiatives = [];
    const backend = installBackend({ data });
    await renderApp(backend);
    expect(screen.getByTestId("empty-board")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("open-sample"));
    await waitFor(() => expect(backend.callsOf("open_sample_board").length).toBe(1));
  });

  test("the free-text filter hides cards that do not match and is saved", async () => {
    const { backend } = await renderApp();
    const target = backend.data.board.initiatives.find((c) => c.status !== "cancelled")!;
    await fireEvent.input(screen.getByTestId("filter-text"), { target: { value: target.title.toUpperCase() } });
    await waitFor(() => expect(screen.getAllByTestId("card").map((c) => c.dataset.id)).toContain(target.id));
    const shown = screen.getAllByTestId("card");
    expect(
      shown.every((c) =>
        backend.data.board.initiatives.find((i) => i.id === c.dataset.id)!.search_text.includes(target.title.toLowerCase()),
      ),
    ).toBe(true);
    await waitFor(() =>
      expect(backend.callsOf("save_filters").at(-1)?.args).toMatchObject({
        filters: { text: target.title.toUpperCase() },
      }),
    );
  });
});

describe("keyboard", () => {
  test("a digit sets the selected card's status through apply", async () => {
    const { backend } = await renderApp();
    const card = screen.getByTestId("column-planned").querySelector<HTMLElement>('[data-testid="card"]')!;
    card.focus();
    await fireEvent.keyDown(card, { key: "3" });
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    expect(backend.callsOf("apply")[0].args).toEqual({
      op: { op: "update_initiative", id: card.dataset.id, changes: [{ field: "status", value: "in_progress" }] },
      allowPhi: false,
    });
    const title = card.querySelector(".title")!.textContent!.trim();
    await waitFor(() =>
      expect(screen.getByTestId("announcer").textContent, "a screen reader hears the move").toBe(`${title} moved to In progress.`),
    );
  });

  test("a card is one button, named by its title, its column and what is wrong with it", async () => {
    const { backend } = await renderApp();
    const blocked = backend.data.board.initiatives.find((c) => c.blocked)!;
    const name = screen.getByRole("button", { name: (said) => said.replace(" ,", ",") === cardName(blocked) });
    expect(name.dataset.id).toBe(blocked.id);
    expect(name.textContent, "the drawn text is still there").toContain(blocked.title);
    expect(name.getAttribute("aria-label"), "named from what it says, so a voice command of its title works").toBeNull();
  });

  test("a refusal shows under the card and nothing moves", async () => {
    const message = "“X” cannot leave Proposed without a Marketing owner and an IT owner.";
    const backend = installBackend({ overrides: { apply: () => refuse("conflict", message) } });
    await renderApp(backend);
    const column = screen.getByTestId("column-proposed");
    const card = column.querySelector<HTMLElement>('[data-testid="card"]')!;
    card.focus();
    await fireEvent.keyDown(card, { key: "]" });
    const alert = await within(column).findByRole("alert");
    expect(alert.textContent).toContain(message);
    expect(
      within(column)
        .getAllByTestId("card")
        .map((c) => c.dataset.id),
      "the card stays in Proposed",
    ).toContain(card.dataset.id);
  });

  test("? opens the help overlay and Escape closes it", async () => {
    await renderApp();
    await fireEvent.keyDown(document.body, { key: "?" });
    const help = screen.getByTestId("help");
    expect(help.textContent).toContain("Set status");
    await fireEvent.keyDown(help, { key: "Escape" });
    expect(screen.queryByTestId("help")).toBeNull();
  });

  test("n opens the new initiative dialog, which creates a Proposed initiative", async () => {
    const { backend } = await renderApp();
    await fireEvent.keyDown(document.body, { key: "n" });
    const input = screen.getByTestId("new-initiative-title");
    await fireEvent.input(input, { target: { value: "Flu-shot booking campaign" } });
    await fireEvent.submit(input.closest("form")!);
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    expect(backend.callsOf("apply")[0].args.op).toMatchObject({
      op: "create_initiative",
      title: "Flu-shot booking campaign",
      status: "proposed",
    });
    await waitFor(() => expect(screen.getByTestId("detail")).toBeTruthy());
  });

  test("Enter on a card opens the detail panel", async () => {
    const { backend } = await renderApp();
    const id = backend.data.detail.initiative.id;
    const card = screen.getAllByTestId("card").find((c) => c.dataset.id === id)!;
    card.focus();
    await fireEvent.keyDown(card, { key: "Enter" });
    const detail = await screen.findByTestId("detail");
    await waitFor(() =>
      expect((within(detail).getByTestId("field-title") as HTMLInputElement).value).toBe(backend.data.detail.initiative.title),
    );
  });

  test("a deleted initiative can be brought back with Undo", async () => {
    const { app, backend } = await renderApp();
    const { id, title } = backend.data.detail.initiative;
    await app.openDetail(id);
    await fireEvent.click(await screen.findByTestId("delete-initiative"));
    await fireEvent.click(screen.getByTestId("confirm-yes"));
    const banner = await screen.findByTestId("banner-deleted");
    expect(banner.textContent).toContain(title);
    expect(screen.queryByTestId("detail"), "the deleted initiative's panel closes").toBeNull();

    await fireEvent.click(within(banner).getByTestId("undo-delete"));
    await waitFor(() => expect(backend.callsOf("apply").at(-1)?.args.op).toEqual({ op: "restore", id }));
    await waitFor(() => expect(screen.queryByTestId("banner-deleted"), "the offer goes once taken").toBeNull());
    expect(await screen.findByTestId("detail"), "and the initiative is open again").toBeTruthy();
  });
});

describe("this desktop's window", () => {
  test("Ctrl+= and Ctrl+- zoom the page a step at a time, remembered through the session, and Ctrl+0 resets", async () => {
    const { app, backend } = await renderApp();
    await fireEvent.keyDown(document.body, { key: "=", ctrlKey: true });
    await waitFor(() => expect(app.session.current?.settings.appearance.zoom_percent).toBe(110));
    await fireEvent.keyDown(document.body, { key: "=", ctrlKey: true });
    await waitFor(() => expect(app.session.current?.settings.appearance.zoom_percent).toBe(125));
    await fireEvent.keyDown(document.body, { key: "-", ctrlKey: true });
    await waitFor(() => expect(app.session.current?.settings.appearance.zoom_percent).toBe(110));
    await fireEvent.keyDown(document.body, { key: "0", ctrlKey: true });
    await waitFor(() => expect(app.session.current?.settings.appearance.zoom_percent).toBe(100));
    const saved = backend.callsOf("save_appearance").map((c) => (c.args.appearance as { zoom_percent: number }).zoom_percent);
    expect(saved, "each step is saved on this desktop, so the next start opens at the same size").toEqual([110, 125, 110, 100]);
    expect(backend.callsOf("apply"), "a zoom key never edits the board").toEqual([]);
  });

  test("a board opened from the file manager while the app runs replaces the one on screen", async () => {
    const { app, backend } = await renderApp();
    backend.state.session = { ...backend.state.session, board_path: "/home/dana/Downloads/From Tom.bridgeboard" };
    const boardReads = backend.callsOf("board").length;
    await backend.emitChanged("launch");
    await waitFor(() => expect(app.session.current?.board_path).toBe("/home/dana/Downloads/From Tom.bridgeboard"));
    await waitFor(() => expect(backend.callsOf("board").length, "and the new board is read").toBeGreaterThan(boardReads));
  });

  test("the header's Recent boards menu opens another board in one click", async () => {
    const recent = ["/home/dana/boards/Q1 plan.bridgeboard", "/home/dana/boards/Portal rollout.bridgeboard"];
    const session = makeSession({ board_path: recent[0] });
    session.settings.recent_boards = recent;
    const { backend } = await renderApp(installBackend({ session }));
    await fireEvent.click(screen.getByTestId("recent-boards"));
    const menu = screen.getByTestId("recent-boards-list");
    const items = within(menu).getAllByRole("button");
    expect(
      items.map((b) => b.textContent?.trim()),
      "the open board is not offered again; names without the folder",
    ).toEqual(["Portal rollout"]);
    expect(items[0].title, "the whole path is the item's tooltip").toBe(recent[1]);
    await fireEvent.click(items[0]);
    await waitFor(() => expect(backend.callsOf("open_board").at(-1)?.args).toEqual({ path: recent[1], create: false }));
    await waitFor(() => expect(screen.queryByTestId("recent-boards-list"), "the menu closes once the board is open").toBeNull());
  });

  test("a board that cannot be opened from the menu says why, and the menu stays", async () => {
    const message = "This file is not a Bridgeboard board. It was not changed.";
    const session = makeSession({ board_path: "/a.bridgeboard" });
    session.settings.recent_boards = ["/a.bridgeboard", "/gone.bridgeboard"];
    await renderApp(installBackend({ session, overrides: { open_board: () => refuse("storage", message) } }));
    await fireEvent.click(screen.getByTestId("recent-boards"));
    await fireEvent.click(within(screen.getByTestId("recent-boards-list")).getByRole("button"));
    expect((await within(screen.getByTestId("recent-boards-list")).findByRole("alert")).textContent).toContain(message);
  });
});

describe("when no board could be opened", () => {
  test("the reason is shown with a way out", async () => {
    const backend = installBackend({
      session: makeSession({ open_error: "This file was made by a newer Bridgeboard. It was not changed." }),
      overrides: { board: () => refuse("storage", "No board is open.") },
    });
    const app = new AppStore();
    render(App, { app });
    const box = await screen.findByTestId("board-error");
    expect(box.textContent).toContain("made by a newer Bridgeboard");
    await fireEvent.click(within(box).getByText("Open the sample hospital board"));
    await waitFor(() => expect(backend.callsOf("open_sample_board").length).toBe(1));
  });
});

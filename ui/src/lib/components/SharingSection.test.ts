import { expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import type { FieldConflict } from "../bindings";
import SharingSection from "./SharingSection.svelte";
import SyncIndicator from "./SyncIndicator.svelte";
import InitiativeFields from "./InitiativeFields.svelte";
import DependencyList from "./DependencyList.svelte";
import DetailPanel from "./DetailPanel.svelte";
import { AppStore } from "../stores/app.svelte";
import { fixture, installBackend, makeSession, makeSyncStatus } from "../../test/backend";

const shared = makeSyncStatus({
  shared: true,
  folder: "/mnt/marketing/Bridgeboard-01",
  device_id: "d1",
  device_name: "MKT-DESKTOP-2",
  last_sync_at: "2026-03-02T09:00:00Z",
  conflicts: 1,
  devices: [
    { device_id: "d1", device_name: "MKT-DESKTOP-2", person: "Priya Raman", app_version: "0.1.0", last_change_at: null, this_device: true },
    {
      device_id: "d2",
      device_name: "IT-PM-LAPTOP-7",
      person: "Tom Becker",
      app_version: "0.1.0",
      last_change_at: "2026-03-02T08:55:00Z",
      this_device: false,
    },
  ],
});

const conflict: FieldConflict = {
  item_kind: "initiative",
  item_id: "01a2-portal",
  item_title: "Patient portal adoption campaign",
  field: "target",
  choices: [
    {
      choice: 1,
      value: "2027-03-31",
      raw: "2027-03-31",
      person: "Priya Raman",
      department: "Marketing",
      device: "MKT-DESKTOP-2",
      at: "2026-03-02T08:42:00Z",
      current: false,
    },
    {
      choice: 2,
      value: "2027-04-15",
      raw: "2027-04-15",
      person: "Tom Becker",
      department: "IT",
      device: "IT-PM-LAPTOP-7",
      at: "2026-03-02T08:44:00Z",
      current: true,
    },
  ],
};

/** A backend whose board has `conflicts` until one is kept. */
function withConflicts(start: FieldConflict[], data = fixture()) {
  let conflicts = start;
  return installBackend({
    data,
    overrides: {
      sync_status: () => ({ ...shared, conflicts: conflicts.length }),
      conflicts: () => conflicts,
      resolve_conflict: () => {
        conflicts = [];
        return null;
      },
    },
  });
}

test("sharing: a private board is shared through the folder the dialog picked", async () => {
  let status = makeSyncStatus();
  const backend = installBackend({
    overrides: {
      sync_status: () => status,
      choose_share_folder: () => "/mnt/marketing",
      share_board: () => (status = { ...shared, conflicts: 0 }),
    },
  });
  const app = new AppStore({ listsDelayMs: 0 });
  await app.start();
  render(SharingSection, { app });
  await fireEvent.click(screen.getByTestId("share-board"));
  await waitFor(() => expect(backend.callsOf("share_board")[0]?.args).toEqual({ folder: "/mnt/marketing" }));
  expect((await screen.findByTestId("shared-where")).textContent).toContain("MKT-DESKTOP-2");
});

test("sharing: joining lists the boards a folder holds and opens the chosen one", async () => {
  const backend = installBackend({
    overrides: {
      choose_share_folder: () => "/mnt/share",
      shared_boards: () => [
        { folder: "/mnt/share/Bridgeboard-01", board_id: "01", board_name: "Joint roadmap 2027" },
        { folder: "/mnt/share/Bridgeboard-02", board_id: "02", board_name: "Website" },
      ],
      join_board: () => makeSession({ board_path: "/home/tom/joined.bridgeboard" }),
    },
  });
  const app = new AppStore({ listsDelayMs: 0 });
  await app.start();
  render(SharingSection, { app });
  await fireEvent.click(screen.getByTestId("join-board"));
  const choices = await screen.findByTestId("join-choices");
  await fireEvent.click(within(choices).getByLabelText("Website"));
  await fireEvent.click(screen.getByTestId("join-confirm"));
  await waitFor(() => expect(backend.callsOf("join_board")[0]?.args).toEqual({ boardFolder: "/mnt/share/Bridgeboard-02", target: "" }));
});

test("sharing: a conflict says who set which value where, and Keep this resolves it", async () => {
  const backend = withConflicts([conflict]);
  const app = new AppStore({ listsDelayMs: 0 });
  await app.start();
  render(SharingSection, { app });
  const [priya, tom] = await screen.findAllByTestId("conflict-choice");
  expect(priya.textContent).toContain("Marketing · Priya Raman set 2027-03-31");
  expect(tom.textContent).toContain("IT · Tom Becker set 2027-04-15");
  expect(tom.textContent).toContain("IT-PM-LAPTOP-7");
  await fireEvent.click(within(tom).getByTestId("keep-this"));
  await waitFor(() => expect(backend.callsOf("resolve_conflict")[0]?.args).toEqual({ itemId: "01a2-portal", field: "target", choice: 2 }));
  await waitFor(() => expect(screen.queryByTestId("conflicts")).toBeNull());
  expect(screen.getAllByTestId("device").map((d) => d.textContent)).toEqual([
    expect.stringContaining("MKT-DESKTOP-2 (this desktop)"),
    expect.stringContaining("IT-PM-LAPTOP-7"),
  ]);
});

test("sync indicator: offline with changes waiting, or synced", async () => {
  const { rerender } = render(SyncIndicator, {
    status: { ...shared, offline: "/mnt/marketing cannot be reached", waiting_to_publish: 3 },
    conflicts: 1,
    onopen: () => {},
  });
  expect(screen.getByTestId("sync-indicator").textContent).toContain("Offline — 3 changes waiting");
  expect(screen.getByTestId("sync-conflicts").textContent).toContain("1 conflict");
  await rerender({ status: shared, conflicts: 0, onopen: () => {} });
  expect(screen.getByTestId("sync-indicator").textContent?.trim()).toBe("Synced");
  await rerender({ status: { ...shared, newer_format: 2 }, conflicts: 0, onopen: () => {} });
  expect(screen.getByTestId("sync-indicator").textContent).toContain("update Bridgeboard");
  await rerender({ status: makeSyncStatus(), conflicts: 0, onopen: () => {} });
  expect(screen.queryByTestId("sync-indicator")).toBeNull();
});

test("detail: a field set on two desktops carries a marker whose popover keeps a value", async () => {
  const data = fixture();
  const id = data.detail.initiative.id;
  withConflicts([{ ...conflict, item_id: id }], data);
  const app = new AppStore({ listsDelayMs: 0 });
  await app.start();
  render(InitiativeFields, {
    initiative: data.detail.initiative,
    people: data.board.people,
    onsave: async () => {},
    conflicts: app.sharing.conflictsOf(id),
    onkeep: (c: FieldConflict, n: number) => app.sharing.resolve(c, n),
  });
  const marker = screen.getByTestId("conflict-marker");
  expect(marker.closest("label")?.textContent).toContain("Target go-live");
  await fireEvent.click(marker);
  const popover = screen.getByTestId("conflict-popover");
  expect(popover.textContent).toContain("Marketing · Priya Raman set 2027-03-31");
  await fireEvent.click(within(popover).getAllByTestId("keep-this")[0]);
  await waitFor(() => expect(app.sharing.conflicts).toEqual([]));
});

test("detail: a dependency suspended by a merge is shown with its loop, and can be removed", async () => {
  const data = fixture();
  const links = [...data.detail.upstream, ...data.detail.tasks.flatMap((t) => t.upstream)];
  const link = { ...links[0], suspended_loop: ["Go-live", "QA", "Go-live"] };
  const removed: string[] = [];
  render(DependencyList, {
    itemId: data.detail.initiative.id,
    upstream: [link],
    downstream: [],
    search: async () => [],
    onadd: async () => {},
    onremove: async (id: string) => void removed.push(id),
  });
  expect(screen.getByTestId("suspended-dependency").textContent).toContain("Go-live → QA → Go-live");
  await fireEvent.click(screen.getByRole("button", { name: /Remove dependency/ }));
  await waitFor(() => expect(removed).toEqual([link.id]));
});

test("detail: a task set differently on two desktops carries the marker in its row", async () => {
  const data = fixture();
  const row = data.detail.tasks[0];
  withConflicts([{ ...conflict, item_kind: "task", item_id: row.task.id, item_title: row.task.title, field: "status" }], data);
  const app = new AppStore({ listsDelayMs: 0 });
  await app.start();
  await app.openDetail(data.detail.initiative.id);
  render(DetailPanel, { app });
  const taskRow = (await screen.findAllByTestId("task-row")).find((r) => r.getAttribute("data-id") === row.task.id)!;
  await fireEvent.click(within(taskRow).getByTestId("conflict-marker"));
  expect(within(taskRow).getByTestId("conflict-popover").textContent).toContain("Tom Becker");
});

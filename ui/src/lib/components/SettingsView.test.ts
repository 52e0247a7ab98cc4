import { expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import type { BackupInfo } from "../bindings";
import SettingsView from "./SettingsView.svelte";
import { AppStore } from "../stores/app.svelte";
import { fixture, installBackend, refuse } from "../../test/backend";

test("settings: typing a path opens that board; a storage error is shown", async () => {
  const backend = installBackend({
    overrides: { open_board: () => refuse("storage", "This file is not a Bridgeboard board. Nothing was changed.") },
  });
  const app = new AppStore();
  await app.start();
  render(SettingsView, { app, onclose: () => {} });
  await fireEvent.input(screen.getByTestId("settings-path-input"), { target: { value: "/tmp/other.sqlite" } });
  await fireEvent.click(screen.getByTestId("settings-open-path"));
  await waitFor(() => expect(backend.callsOf("open_board")[0]?.args).toEqual({ path: "/tmp/other.sqlite", create: false }));
  expect((await screen.findByTestId("error")).textContent).toContain("not a Bridgeboard board");
});

test("settings: who am I is saved with set_me", async () => {
  const backend = installBackend();
  const app = new AppStore();
  await app.start();
  render(SettingsView, { app, onclose: () => {} });
  const me = backend.data.board.people[2];
  await fireEvent.change(screen.getByTestId("me-select"), { target: { value: me.id } });
  await waitFor(() => expect(backend.callsOf("set_me")[0]?.args).toEqual({ personId: me.id }));
});

test("settings: a backup is restored after a confirmation, and the board is re-read", async () => {
  const daily: BackupInfo = {
    path: "/home/dana/.config/org.bridgeboard.app/backups/board-daily-2026-03-01.bridgeboard",
    kind: "daily",
    taken_at: "2026-03-01T08:00:00Z",
    initiatives: 5,
    tasks: 1,
    last_change: "2026-02-28T17:30:00Z",
  };
  const kept: BackupInfo = {
    ...daily,
    path: daily.path.replace("daily-2026-03-01", "restore-20260302"),
    kind: "before_restore",
    initiatives: 6,
  };
  const backend = installBackend({ overrides: { backups: () => [daily], restore_backup: () => [kept, daily] } });
  const app = new AppStore();
  await app.start();
  render(SettingsView, { app, onclose: () => {} });
  const row = await screen.findByTestId("backup");
  expect(row.textContent).toContain("Daily backup");
  expect(row.textContent, "what the backup holds helps choose one").toContain("5 initiatives, 1 task");

  await fireEvent.click(within(row).getByTestId("backup-restore"));
  expect(backend.callsOf("restore_backup"), "nothing happens before the confirmation").toHaveLength(0);
  expect((await screen.findByTestId("confirm")).textContent).toContain("kept as a backup first");
  const boards = backend.callsOf("board").length;
  await fireEvent.click(screen.getByTestId("confirm-yes"));
  await waitFor(() => expect(backend.callsOf("restore_backup")[0]?.args).toEqual({ path: daily.path }));
  expect((await screen.findByTestId("backup-restored")).textContent).toContain("you can undo this");
  expect(screen.getAllByTestId("backup")[0].textContent, "the board as it was is listed to undo with").toContain("Before a restore");
  await waitFor(() => expect(backend.callsOf("board").length, "the board is re-read").toBeGreaterThan(boards));
});

test("settings: a deleted initiative is restored from the list and opened", async () => {
  const initiative = fixture().detail.initiative;
  const deleted = { id: initiative.id, title: initiative.title, deleted_at: "2026-03-01T10:00:00Z", tasks: 3 };
  const backend = installBackend({ overrides: { deleted_initiatives: () => [deleted] } });
  const app = new AppStore();
  await app.start();
  let closed = false;
  render(SettingsView, { app, onclose: () => (closed = true) });
  const row = await screen.findByTestId("deleted-initiative");
  expect(row.textContent).toContain(initiative.title);
  expect(row.textContent, "the tasks that come back with it are counted").toContain("with 3 tasks");
  await fireEvent.click(within(row).getByTestId("deleted-restore"));
  await waitFor(() => expect(backend.callsOf("apply")[0]?.args.op).toEqual({ op: "restore", id: initiative.id }));
  await waitFor(() => expect(app.detail.openId, "the restored initiative opens").toBe(initiative.id));
  expect(closed, "Settings closes to show it").toBe(true);
});

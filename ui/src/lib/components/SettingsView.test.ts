import { expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import SettingsView from "./SettingsView.svelte";
import { AppStore } from "../stores/app.svelte";
import { installBackend, refuse } from "../../test/backend";

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

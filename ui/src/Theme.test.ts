import { expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "./App.svelte";
import { AppStore } from "./lib/stores/app.svelte";
import { installBackend, makeSession } from "./test/backend";

const applied = () => document.documentElement.dataset.theme;

test("the saved theme is applied when the session loads, and choosing another in Settings saves and applies it", async () => {
  const session = makeSession();
  session.settings.appearance = { theme: "dark", zoom_percent: 125 };
  const backend = installBackend({ session });
  const app = new AppStore({ filterDelayMs: 0 });
  render(App, { app });
  await waitFor(() => expect(app.board.view).not.toBeNull());
  expect(applied(), "Dark from this desktop's settings").toBe("dark");

  await fireEvent.click(screen.getByTestId("open-settings"));
  const choice = await screen.findByTestId("theme-choice");
  expect(screen.getByRole("group", { name: "Theme" }), "a radio group named Theme").toBe(choice);
  const radios = within(choice).getAllByRole("radio") as HTMLInputElement[];
  expect(
    radios.map((r) => r.labels?.[0]?.textContent?.trim()),
    "three labelled choices",
  ).toEqual(["System", "Light", "Dark"]);
  expect((screen.getByTestId("theme-dark") as HTMLInputElement).checked, "the saved choice is checked").toBe(true);

  await fireEvent.click(screen.getByTestId("theme-light"));
  await waitFor(() => expect(applied(), "Light is applied at once").toBe("light"));
  expect(
    backend.callsOf("save_appearance").map((c) => c.args.appearance),
    "saved on this desktop, the zoom kept",
  ).toEqual([{ theme: "light", zoom_percent: 125 }]);
  expect(backend.callsOf("apply"), "a theme is not board data").toEqual([]);

  await fireEvent.click(screen.getByTestId("theme-system"));
  await waitFor(() => expect(app.session.current?.settings.appearance.theme).toBe("system"));
  expect(applied(), "System on a system with no dark preference (jsdom) is light").toBe("light");
});

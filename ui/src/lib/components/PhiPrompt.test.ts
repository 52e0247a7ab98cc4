import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import DetailPanel from "./DetailPanel.svelte";
import PhiPrompt from "./PhiPrompt.svelte";
import { AppStore } from "../stores/app.svelte";
import { installBackend, saved } from "../../test/backend";
import type { PhiFinding } from "../bindings";

const found: PhiFinding[] = [{ kind: "mrn", field: "the summary", matched: "MRN 00482913" }];

async function setUp() {
  // As the core does: text like this is held back unless the person allowed it.
  const backend = installBackend({
    overrides: {
      apply: (args) => (args.allowPhi ? saved("00000000-0000-7000-8000-000000000001") : { outcome: "held_back", findings: found }),
    },
  });
  const app = new AppStore();
  await app.start();
  await app.openDetail(backend.data.detail.initiative.id);
  render(DetailPanel, { app });
  return { app, backend, panel: screen.getByTestId("detail") };
}

/** The prompt as App.svelte shows it, once the store asks. */
async function prompt(app: AppStore) {
  await waitFor(() => expect(app.ui.phiPrompt).not.toBeNull());
  render(PhiPrompt, { prompt: app.ui.phiPrompt! });
  return screen.getByTestId("phi-prompt");
}

describe("text that looks like patient information", () => {
  test("Edit saves nothing and says why under the field", async () => {
    const { app, backend, panel } = await setUp();
    await fireEvent.change(within(panel).getByTestId("field-summary"), { target: { value: "MRN 00482913 asked about the portal" } });
    const shown = await prompt(app);
    expect(shown.textContent).toContain("A medical record number in the summary: MRN 00482913");
    await fireEvent.click(within(shown).getByTestId("phi-edit"));
    expect((await within(panel).findByTestId("error")).textContent).toContain("Not saved: edit out the patient information");
    expect(
      backend.callsOf("apply").map((c) => c.args.allowPhi),
      "nothing reaches the board",
    ).toEqual([false]);
  });

  test("Save anyway saves it", async () => {
    const { app, backend, panel } = await setUp();
    await fireEvent.change(within(panel).getByTestId("field-summary"), { target: { value: "MRN 00482913 asked about the portal" } });
    await fireEvent.click(within(await prompt(app)).getByTestId("phi-save-anyway"));
    await waitFor(() => expect(backend.callsOf("apply").map((c) => c.args.allowPhi)).toEqual([false, true]));
  });
});

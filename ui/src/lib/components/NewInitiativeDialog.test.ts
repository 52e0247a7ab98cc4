import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import NewInitiativeDialog from "./NewInitiativeDialog.svelte";
import type { Template } from "../bindings";

const scheduling: Template = {
  id: null,
  name: "Patient online self-scheduling",
  description: "Patients book visits online.",
  plan: { summary: "", tags: [], target_days: 120, tasks: [], dependencies: [], gates: ["privacy", "security"], kpis: [] },
};

describe("a new initiative from a template", () => {
  test("asks for the start date, then hands over the template and the date", async () => {
    const created: unknown[] = [];
    render(NewInitiativeDialog, {
      templates: [scheduling],
      oncreate: async (title: string, from: unknown) => void created.push([title, from]),
      onclose: () => {},
    });
    await fireEvent.input(screen.getByTestId("new-initiative-title"), { target: { value: "Booking, north campus" } });
    await fireEvent.change(screen.getByTestId("new-initiative-template"), { target: { value: scheduling.name } });
    expect(screen.getByTestId("template-summary").textContent).toContain("gates: privacy, security");
    await fireEvent.click(screen.getByTestId("new-initiative-create"));
    expect((await screen.findByTestId("error")).textContent).toContain("Choose the start date");
    expect(created.length, "nothing is created without a start").toBe(0);
    await fireEvent.input(screen.getByTestId("new-initiative-start"), { target: { value: "2027-01-04" } });
    await fireEvent.click(screen.getByTestId("new-initiative-create"));
    await waitFor(() => expect(created).toEqual([["Booking, north campus", { template: scheduling, start: "2027-01-04" }]]));
  });
});

import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import RaciView from "./RaciView.svelte";
import { AppStore } from "../stores/app.svelte";
import { IT_ID } from "../labels";
import { installBackend } from "../../test/backend";

async function renderView() {
  const backend = installBackend();
  const app = new AppStore();
  await app.start();
  await app.setMode("raci");
  render(RaciView, { app });
  return { app, backend, view: screen.getByTestId("raci-view") };
}

describe("the RACI matrix", () => {
  test("shows each initiative with the roles its people hold", async () => {
    const { backend, view } = await renderView();
    const { raci } = backend.data;
    const rows = within(view).getAllByTestId("raci-row");
    expect(rows.length).toBe(raci.rows.length);
    const scheduling = rows.find((r) => r.textContent?.includes("Patient online self-scheduling"))!;
    const tom = raci.people.findIndex((p) => p.name === "Tom Becker");
    expect(scheduling.querySelectorAll("td")[tom].textContent).toBe("AR");
  });

  test("a department keeps its people, and exports go out as the RACI report", async () => {
    const { backend, view } = await renderView();
    await fireEvent.change(within(view).getByTestId("raci-department"), { target: { value: IT_ID } });
    await waitFor(() => expect(backend.callsOf("raci_matrix").at(-1)?.args.departmentId).toBe(IT_ID));
    await fireEvent.click(within(view).getByTestId("raci-export"));
    await waitFor(() => expect(backend.callsOf("export_roadmap").length).toBe(1));
    const call = backend.callsOf("export_roadmap")[0].args;
    expect(call.report).toBe("raci");
    expect(call.format).toBe("xlsx");
    expect((call.filter as { department_id: string }).department_id, "the export keeps the department").toBe(IT_ID);
    expect(backend.callsOf("choose_export_file")[0].args.report).toBe("raci");
  });
});

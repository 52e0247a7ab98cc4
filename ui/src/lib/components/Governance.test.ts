import { describe, expect, test } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import DetailPanel from "./DetailPanel.svelte";
import Card from "./Card.svelte";
import { AppStore } from "../stores/app.svelte";
import { fixture, installBackend, refuse, type Override } from "../../test/backend";

async function renderPanel(overrides: Record<string, Override> = {}) {
  const backend = installBackend({ overrides });
  const app = new AppStore();
  await app.start();
  await app.openDetail(backend.data.detail.initiative.id);
  render(DetailPanel, { app });
  return { app, backend, panel: screen.getByTestId("detail") };
}

const gateRow = (panel: HTMLElement, key: string) =>
  within(panel)
    .getAllByTestId("gate")
    .find((g) => g.dataset.key === key)!;

describe("governance in the detail panel", () => {
  test("shows the Accountable, the owners as Responsible by default, and each gate with its approver", async () => {
    const { backend, panel } = await renderPanel();
    const { detail } = backend.data;
    const raci = within(panel).getAllByTestId("raci")[0];
    expect(within(raci).getByTestId("raci-accountable").textContent).toBe(detail.raci.accountable?.name);
    const responsible = within(raci)
      .getAllByTestId("raci-responsible")
      .map((r) => r.textContent?.trim() ?? "");
    const owners = detail.raci.responsible.filter((r) => r.by_default).map((r) => `${r.person.name} (owner)`);
    expect(owners.length, "both owners").toBe(2);
    expect(responsible.slice(0, 2), "owners are Responsible by default, marked so").toEqual(owners);
    expect(responsible.length, "and the people given the role").toBe(detail.raci.responsible.length);
    const privacy = gateRow(panel, "privacy");
    expect((within(privacy).getByTestId("gate-approver") as HTMLSelectElement).value).toBe(
      detail.gates.find((g) => g.gate_type.key === "privacy")!.gate.approver_id,
    );
    expect(within(privacy).getByTestId("gate-state").textContent).toBe("In review");
  });

  test("giving a role sends one set_role op", async () => {
    const { backend, panel } = await renderPanel();
    const person = backend.data.board.people.find((p) => p.name === "Linda Okafor")!;
    const raci = within(panel).getAllByTestId("raci")[0];
    await fireEvent.change(within(raci).getByTestId("raci-role"), { target: { value: "informed" } });
    await fireEvent.change(within(raci).getByTestId("raci-person"), { target: { value: person.id } });
    await fireEvent.click(within(raci).getByTestId("raci-add"));
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    expect(backend.callsOf("apply")[0].args.op).toEqual({
      op: "set_role",
      item_id: backend.data.detail.initiative.id,
      person_id: person.id,
      role: "informed",
    });
  });

  test("failing a gate asks for the reason before anything is sent", async () => {
    const { backend, panel } = await renderPanel();
    const privacy = gateRow(panel, "privacy");
    await fireEvent.change(within(privacy).getByTestId("gate-state-select"), { target: { value: "failed" } });
    expect(backend.callsOf("apply").length, "nothing is sent until the reason is given").toBe(0);
    await fireEvent.input(within(privacy).getByTestId("gate-reason-input"), { target: { value: "Chat widget sends URLs" } });
    await fireEvent.click(within(privacy).getByTestId("gate-reason-save"));
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    const gate = backend.data.detail.gates.find((g) => g.gate_type.key === "privacy")!.gate;
    expect(backend.callsOf("apply")[0].args.op).toEqual({
      op: "update_gate",
      id: gate.id,
      changes: [{ field: "state", value: { state: "failed", reason: "Chat widget sends URLs" } }],
    });
  });

  test("a refusal to pass a gate says who may, on that gate", async () => {
    const message = "Only Linda Okafor, the gate's approver, can pass the Privacy / HIPAA tracking-technology review gate.";
    const { panel } = await renderPanel({ apply: () => refuse("conflict", message) });
    const privacy = gateRow(panel, "privacy");
    await fireEvent.change(within(privacy).getByTestId("gate-state-select"), { target: { value: "passed" } });
    expect((await within(privacy).findByTestId("error")).textContent).toBe(message);
  });

  test("evidence that is a link is shown as text and opened only on request, through the app", async () => {
    const { backend, panel } = await renderPanel();
    const link = "https://intranet.example/privacy/114";
    backend.data.detail.gates[0].gate.evidence = link;
    backend.data.detail.gates[0].evidence_link = link;
    await backend.emitChanged("edit");
    const open = await within(panel).findByTestId("gate-open");
    expect(panel.querySelector(`a[href], iframe, img[src^="http"]`), "nothing from the link is loaded in the app").toBeNull();
    await fireEvent.click(open);
    await waitFor(() => expect(backend.callsOf("open_evidence").map((c) => c.args.url)).toEqual([link]));
  });
});

describe("the gates chip on a card", () => {
  test("counts settled gates and turns red when one failed", () => {
    const { board } = fixture();
    const card = board.initiatives.find((c) => c.gates.total > 0)!;
    const props = {
      departments: board.departments,
      selected: false,
      focusTick: 0,
      message: null,
      onselect() {},
      onopen() {},
      onpointerdown() {},
      ondismiss() {},
    };
    const { unmount } = render(Card, { card, ...props });
    const chip = screen.getByTestId("gates-chip");
    expect(chip.textContent).toBe(`${card.gates.settled}/${card.gates.total} gates`);
    expect(chip.classList.contains("failed")).toBe(false);
    unmount();
    render(Card, { card: { ...card, blocked: true, gates: { ...card.gates, failed: ["Privacy review failed: pixel"] } }, ...props });
    expect(screen.getByTestId("gates-chip").classList.contains("failed"), "a failed gate is red").toBe(true);
    expect(screen.getByTestId("blocked").title).toContain("Privacy review failed: pixel");
  });
});

describe("KPIs in the detail panel", () => {
  test("each KPI shows where it stands and its trend, one dot per reading", async () => {
    const { backend, panel } = await renderPanel();
    const shown = within(panel).getAllByTestId("kpi");
    expect(shown.length).toBe(backend.data.detail.kpis.length);
    for (const [n, k] of backend.data.detail.kpis.entries()) {
      expect(within(shown[n]).getAllByTestId("kpi-point").length, "one dot per reading").toBe(k.readings.length);
      const standing = within(shown[n]).getByTestId("kpi-standing").textContent;
      expect(standing, "the core's standing, in words").toBe(k.standing === "on_track" ? "On track" : "Off track");
      expect(within(shown[n]).getByTestId("kpi-axis-start").textContent, "dates on the axis").toBe(k.kpi.baseline_on);
    }
  });

  test("recording a reading sends one add_reading op with the number typed", async () => {
    const { backend, panel } = await renderPanel();
    const kpi = within(panel).getAllByTestId("kpi")[0];
    await fireEvent.input(within(kpi).getByTestId("kpi-reading-value"), { target: { value: "9,5" } });
    await fireEvent.change(within(kpi).getByTestId("kpi-reading-date"), { target: { value: "2026-03-20" } });
    await fireEvent.click(within(kpi).getByTestId("kpi-reading-add"));
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    expect(backend.callsOf("apply")[0].args.op).toEqual({
      op: "add_reading",
      kpi_id: backend.data.detail.kpis[0].kpi.id,
      value: 9.5,
      taken_on: "2026-03-20",
      note: "",
    });
  });

  test("a reading that is not a number is refused before anything is sent", async () => {
    const { backend, panel } = await renderPanel();
    const kpi = within(panel).getAllByTestId("kpi")[0];
    await fireEvent.input(within(kpi).getByTestId("kpi-reading-value"), { target: { value: "lots" } });
    await fireEvent.click(within(kpi).getByTestId("kpi-reading-add"));
    expect((await within(kpi.parentElement!).findByTestId("error")).textContent).toContain("must be a number");
    expect(backend.callsOf("apply").length).toBe(0);
  });
});

describe("RACI on a task", () => {
  test("its Accountable is chosen in its RACI section, as one update_task op", async () => {
    const { backend, panel } = await renderPanel();
    const row = within(panel).getAllByTestId("task-row")[0];
    const task = backend.data.detail.tasks.find((t) => t.task.id === row.dataset.id)!;
    const person = backend.data.board.people[0];
    // A task's RACI is drawn when its section is opened.
    expect(within(row).queryByTestId("raci-accountable-select")).toBeNull();
    await fireEvent.click(within(row).getByTestId("task-raci"));
    await fireEvent.change(await within(row).findByTestId("raci-accountable-select"), { target: { value: person.id } });
    await waitFor(() => expect(backend.callsOf("apply").length).toBe(1));
    expect(backend.callsOf("apply")[0].args.op).toEqual({
      op: "update_task",
      id: task.task.id,
      changes: [{ field: "accountable", value: person.id }],
    });
  });
});

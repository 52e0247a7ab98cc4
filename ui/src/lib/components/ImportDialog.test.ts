import { describe, expect, test, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import ImportDialog from "./ImportDialog.svelte";
import App from "../../App.svelte";
import { AppStore } from "../stores/app.svelte";
import type { CsvImportSummary, CsvOptions, Field, ImportPreview, ReadOptions, SourceOptions, SourceSummary } from "../bindings";
import { fixture, installBackend, refuse, type Override } from "../../test/backend";
import { shownText } from "../../test/text";

// A Jira-style CSV as the core previews it (file-derived, so built here): its headings, the
// suggested mapping, the first rows. The core lays the person's mapping over the suggestion.
const HEADERS = ["Summary", "Epic Link", "Requester", "Sprint", "Due Date"];
const SUGGESTED: [string, Field | null][] = [
  ["Summary", "title"],
  ["Epic Link", "initiative"],
  ["Requester", null],
  ["Sprint", null],
  ["Due Date", "finish"],
];
const SAMPLE = [
  ["Patient portal relaunch", "", "Dana Whitfield", "S1", "03/04/2026"],
  ["Write launch copy", "Patient portal relaunch", "", "S1", "15/04/2026"],
];

function csvPreview(args: Record<string, unknown>): ImportPreview {
  const options = args.options as CsvOptions;
  const mapping = SUGGESTED.map(([h, f]): [string, Field | null] => {
    const chosen = options.mapping.find(([heading]) => heading === h);
    return [h, chosen ? chosen[1] : f];
  });
  return {
    kind: "csv",
    source: "csv",
    delimiter: options.delimiter ?? ",",
    headers: HEADERS,
    mapping,
    sample: SAMPLE,
    rows: 14,
    phi_like: [],
    sheets: [],
  };
}

const SUMMARY: CsvImportSummary = {
  initiatives: 3,
  tasks: 12,
  people: 0,
  dependencies: 4,
  updated: { items: 0, unchanged: 0, fields: [] },
  ignored_columns: ["Sprint"],
  phi_like: [
    { line: 7, column: "Summary", message: "This looks like patient information: a medical record number in this cell (“MRN 00482913”)." },
  ],
};

/** What the core previews of a tool's file: nothing, but for `patch`. */
function toolSummary(patch: Partial<SourceSummary>): SourceSummary {
  return {
    source: "jira",
    initiatives: 0,
    tasks: 0,
    milestones: 0,
    dependencies: 0,
    related: 0,
    comments: 0,
    updated: { items: 0, unchanged: 0, fields: [] },
    people: [],
    statuses: [],
    as_proposed: [],
    skipped: [],
    unread: [],
    notes: [],
    phi_like: [],
    unsettled: [],
    ...patch,
  };
}

const TOOL: ImportPreview = {
  kind: "tool",
  source: "jira",
  delimiter: null,
  headers: [],
  mapping: [],
  sample: [],
  rows: 0,
  phi_like: [],
  sheets: [],
};

async function openDialog(overrides: Record<string, Override>) {
  const backend = installBackend({
    overrides: { choose_import_file: () => "/home/dana/jira.csv", preview_import: csvPreview, preview_csv: () => SUMMARY, ...overrides },
  });
  const app = new AppStore();
  await app.start();
  const onclose = vi.fn();
  render(ImportDialog, { app, onclose });
  await fireEvent.click(screen.getByTestId("import-choose"));
  return { backend, app, onclose };
}

describe("import a CSV", () => {
  test("the edited mapping and the date order go to import_csv; the summary is shown and the board re-read", async () => {
    const { backend } = await openDialog({ import_csv: () => SUMMARY });
    const requester = (await screen.findByTestId("import-map-2")) as HTMLSelectElement;
    expect(backend.callsOf("preview_import")[0].args).toEqual({
      path: "/home/dana/jira.csv",
      options: { delimiter: null, date_order: null, mapping: [], sheet: null, header_row: null, create_people_in: null },
    });
    expect((screen.getByTestId("import-map-0") as HTMLSelectElement).value, "prefilled from the suggestion").toBe("title");
    expect(requester.value, "not mapped: Don't import").toBe("");
    expect(screen.getByTestId("import-sample").textContent).toContain("Patient portal relaunch");
    expect(shownText(screen.getByTestId("import-run"))).toContain("Import 14 rows");

    await fireEvent.change(requester, { target: { value: "marketing_owner" } });
    await fireEvent.change(screen.getByTestId("import-map-1"), { target: { value: "" } });
    await fireEvent.change(screen.getByTestId("import-date-order"), { target: { value: "dmy" } });
    await waitFor(() => expect(backend.callsOf("preview_import").length).toBe(2));
    expect((backend.callsOf("preview_import")[1].args.options as CsvOptions).date_order).toBe("dmy");
    expect((screen.getByTestId("import-map-2") as HTMLSelectElement).value, "kept over the re-preview").toBe("marketing_owner");

    const reads = backend.callsOf("board").length;
    await fireEvent.click(screen.getByTestId("import-run"));
    const result = await screen.findByTestId("import-result");
    expect(backend.callsOf("import_csv")[0].args).toEqual({
      path: "/home/dana/jira.csv",
      options: {
        delimiter: null,
        date_order: "dmy",
        mapping: [
          ["Summary", "title"],
          ["Epic Link", null],
          ["Requester", "marketing_owner"],
          ["Sprint", null],
          ["Due Date", "finish"],
        ],
        sheet: null,
        header_row: null,
        create_people_in: null,
      },
    });
    expect(result.textContent).toContain("Imported 3 initiatives, 12 tasks, 4 dependencies");
    expect(
      within(result)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Sprint", "line 7, Summary: This looks like patient information: a medical record number in this cell (“MRN 00482913”)."]);
    expect(within(result).getByTestId("import-phi").textContent, "cells that look like PHI are listed").toContain(
      "Bridgeboard is not the place for PHI",
    );
    await waitFor(() => expect(backend.callsOf("board").length).toBeGreaterThan(reads));
  });

  test("a sheet that would overwrite edits made on the board lists them and imports only when told", async () => {
    const overwriting: CsvImportSummary = {
      ...SUMMARY,
      initiatives: 0,
      tasks: 0,
      updated: {
        items: 2,
        unchanged: 10,
        fields: [
          { at: "line 4", field: "title", board: "Clinic flyers (reprint)", file: "Clinic flyers", edited_here: true },
          { at: "line 9", field: "due date", board: "2027-03-01", file: "2027-03-15", edited_here: false },
        ],
      },
    };
    const { backend } = await openDialog({ preview_csv: () => overwriting, import_csv: () => overwriting });
    await fireEvent.click(await screen.findByTestId("import-run"));
    const question = await screen.findByTestId("import-overwrite-question");
    expect(backend.callsOf("import_csv"), "nothing is written before the person says so").toHaveLength(0);
    expect(within(question).getByTestId("import-overwrites").textContent).toContain("1 edit made on the board would be overwritten");
    const rows = within(question)
      .getAllByTestId("import-update")
      .map((r) => r.textContent);
    expect(rows[0]).toContain("Clinic flyers (reprint)");
    expect(rows[0], "the overwritten edit is marked").toContain("(edited on the board)");
    expect(rows[1]).not.toContain("edited on the board");
    expect(rows[1]).toContain("2027-03-15");

    await fireEvent.click(screen.getByRole("button", { name: "Keep the board's edits" }));
    expect(screen.queryByTestId("import-overwrite-question")).toBeNull();
    expect(backend.callsOf("import_csv")).toHaveLength(0);

    await fireEvent.click(screen.getByTestId("import-run"));
    await fireEvent.click(await screen.findByTestId("import-overwrite"));
    const result = await screen.findByTestId("import-result");
    expect(backend.callsOf("import_csv")).toHaveLength(1);
    expect(result.textContent).toContain("updated 2 items already on the board");
    expect(within(result).getByTestId("import-updates").textContent).toContain("2 updated, 10 unchanged");
  });

  test("changing the separator previews again with it", async () => {
    const { backend } = await openDialog({});
    await fireEvent.change(await screen.findByTestId("import-delimiter"), { target: { value: ";" } });
    await waitFor(() => expect(backend.callsOf("preview_import").length).toBe(2));
    expect((backend.callsOf("preview_import")[1].args.options as CsvOptions).delimiter).toBe(";");
  });

  test("ambiguous dates: the core's question is shown by the date order; picking one and retrying imports", async () => {
    const question = "Which order? Line 2, column Due Date: 03/04/2026.";
    const { backend } = await openDialog({
      import_csv: (args) => ((args.options as CsvOptions).date_order ? SUMMARY : refuse("date_order", question)),
    });
    await fireEvent.click(await screen.findByTestId("import-run"));
    expect((await screen.findByTestId("import-date-question")).textContent).toContain("03/04/2026");
    expect(screen.queryByTestId("import-result")).toBeNull();
    await fireEvent.change(screen.getByTestId("import-date-order"), { target: { value: "mdy" } });
    await waitFor(() => expect(screen.queryByTestId("import-date-question")).toBeNull());
    await fireEvent.click(screen.getByTestId("import-run"));
    await screen.findByTestId("import-result");
    expect((backend.callsOf("import_csv")[1].args.options as CsvOptions).date_order).toBe("mdy");
  });

  test("a refusal lists every problem, one a line, as text", async () => {
    const lines = [
      "line 3, column Due Date: 31/02/2026 is not a date",
      "line 7, column Requester: <script>alert(1)</script> is not on the board; add them under People first",
      "line 9: the initiative Web refresh is named twice in this file",
    ];
    const intro = "The CSV file was not imported; nothing was changed. Fix these 3 problems and import it again:";
    await openDialog({ import_csv: () => refuse("validation", intro, lines) });
    await fireEvent.click(await screen.findByTestId("import-run"));
    const problems = await screen.findByTestId("import-problems");
    expect(
      within(problems)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(lines);
    expect(problems.textContent).toContain("nothing was changed");
    expect(problems.querySelector("script"), "no element from the file's text").toBeNull();
    expect(screen.queryByTestId("import-result")).toBeNull();
  });
});

describe("import a board export", () => {
  /** The core's preview of a Bridgeboard board export of 42 rows. */
  const boardExportPreview = () => ({
    kind: "board_export",
    source: "bridgeboard",
    delimiter: null,
    headers: [],
    mapping: [],
    sample: [],
    rows: 42,
    phi_like: [],
    sheets: [],
  });

  test("asks where the new board goes, imports it there and shows the new board", async () => {
    const { backend, app, onclose } = await openDialog({
      choose_import_file: () => "/home/dana/backup.json",
      preview_import: boardExportPreview,
      choose_board_file: () => "/home/dana/restored.bridgeboard",
    });
    const reads = backend.callsOf("board").length;
    await fireEvent.click(await screen.findByTestId("import-board-target"));
    await waitFor(() => expect(onclose).toHaveBeenCalled());
    const order = backend.calls.map((c) => c.cmd).filter((c) => c === "choose_board_file" || c === "import_board");
    expect(order).toEqual(["choose_board_file", "import_board"]);
    expect(backend.callsOf("choose_board_file")[0].args).toEqual({ create: true });
    expect(backend.callsOf("import_board")[0].args).toEqual({
      source: "/home/dana/backup.json",
      target: "/home/dana/restored.bridgeboard",
    });
    expect(app.session.current?.board_path).toBe("/home/dana/restored.bridgeboard");
    expect(backend.callsOf("board").length).toBeGreaterThan(reads);
    expect(backend.callsOf("import_csv")).toEqual([]);
  });

  test("cancelling the save dialog imports nothing and keeps the dialog open", async () => {
    const { backend, onclose } = await openDialog({
      choose_import_file: () => "/home/dana/backup.json",
      preview_import: boardExportPreview,
    });
    await fireEvent.click(await screen.findByTestId("import-board-target"));
    await waitFor(() => expect(backend.callsOf("choose_board_file").length).toBe(1));
    expect(backend.callsOf("import_board")).toEqual([]);
    expect(onclose).not.toHaveBeenCalled();
    expect(screen.queryByTestId("error")).toBeNull();
  });
});

test("cancelling the file dialog does nothing", async () => {
  const { backend, onclose } = await openDialog({ choose_import_file: () => null });
  await waitFor(() => expect(backend.callsOf("choose_import_file").length).toBe(1));
  expect(backend.callsOf("preview_import")).toEqual([]);
  expect(screen.getByTestId("import-choose")).toBeTruthy();
  expect(screen.queryByTestId("error")).toBeNull();
  expect(onclose).not.toHaveBeenCalled();
});

test("a file the core cannot read shows its message and nothing else", async () => {
  await openDialog({ preview_import: () => refuse("validation", "This file is not text (it looks binary). Nothing was imported.") });
  expect((await screen.findByTestId("error")).textContent).toContain("looks binary");
  expect(screen.queryByTestId("import-run")).toBeNull();
});

test("Import… opens the dialog from Settings and from an empty board", async () => {
  const data = fixture();
  data.board.initiatives = [];
  installBackend({ data });
  const app = new AppStore();
  render(App, { app });
  await waitFor(() => expect(screen.getByTestId("empty-board")).toBeTruthy());
  await fireEvent.click(within(screen.getByTestId("empty-board")).getByTestId("import-open"));
  expect(screen.getByTestId("import-dialog")).toBeTruthy();
  await fireEvent.click(within(screen.getByTestId("import-dialog")).getByRole("button", { name: "Close" }));
  await fireEvent.click(screen.getByTestId("open-settings"));
  await fireEvent.click(within(screen.getByTestId("settings")).getByTestId("import-open"));
  expect(screen.getByTestId("import-dialog")).toBeTruthy();
  expect(screen.queryByTestId("settings")).toBeNull();
});

describe("import a Jira export", () => {
  /** The core's preview, with the choices sent: Grace is settled once mapped or created, "Parked" once mapped. */
  function sourcePreview(args: Record<string, unknown>): SourceSummary {
    const options = args.options as SourceOptions;
    const grace =
      options.people_map.find(([name]) => name === "Grace Liu")?.[1] ??
      (options.create_people_in ? { to: "new" as const, id: options.create_people_in } : null);
    const parked = options.status_map.find(([name]) => name === "Parked")?.[1] ?? null;
    return {
      source: "jira",
      initiatives: 2,
      tasks: 11,
      milestones: 1,
      dependencies: 6,
      related: 1,
      comments: 5,
      updated: { items: 0, unchanged: 0, fields: [] },
      people: [
        { name: "Tom Becker", email: null, target: { to: "person", id: fixture().board.people[0].id }, items: 3 },
        { name: "Grace Liu", email: null, target: grace, items: 2 },
      ],
      statuses: [
        { name: "Waiting for vendor", stage: "in_progress", mapped: "in_progress", chosen: null, items: 1 },
        { name: "Parked", stage: null, mapped: parked ? "cancelled" : null, chosen: parked, items: 1 },
      ],
      as_proposed: [{ at: "DFD-1", reason: "In progress in the file, which names no Marketing owner for it" }],
      skipped: [{ at: "DFD-6's link to SEC-88", reason: "it links to SEC-88, which is not in the file" }],
      unread: ["Sprint", "Watchers"],
      notes: [],
      phi_like: [],
      unsettled: [...(grace ? [] : ["Grace Liu is not on the board"]), ...(parked ? [] : ["the status “Parked” needs a mapping"])],
    };
  }

  test("people and statuses are settled on the preview before Import can run, and the import sends those choices", async () => {
    const { backend } = await openDialog({ preview_import: () => TOOL, preview_source: sourcePreview, import_source: sourcePreview });
    const counts = await screen.findByTestId("source-counts");
    expect(counts.textContent).toContain(
      "From Jira: 2 initiatives, 11 tasks, of which 1 milestone, 6 dependencies, 1 related link, 5 comments",
    );
    expect(screen.getByTestId("source-skipped").textContent).toContain("SEC-88");
    expect(screen.getByTestId("source-proposed").textContent).toContain("DFD-1");
    expect(screen.getByTestId("source-unread").textContent).toContain("Sprint, Watchers");
    expect(screen.getByTestId("source-unsettled").textContent).toContain("Grace Liu is not on the board");
    expect((screen.getByTestId("import-run") as HTMLButtonElement).disabled, "nothing imports while someone is unknown").toBe(true);

    const grace = screen.getAllByTestId("source-person").find((r) => r.dataset.name === "Grace Liu")!;
    const marketing = fixture().board.departments[0].id;
    await fireEvent.change(within(grace).getByRole("combobox"), { target: { value: `new:${marketing}` } });
    const parked = screen.getAllByTestId("source-status").find((r) => r.dataset.name === "Parked")!;
    await fireEvent.change(within(parked).getByRole("combobox"), { target: { value: "cancelled" } });
    await waitFor(() => expect(screen.queryByTestId("source-unsettled")).toBeNull());

    await fireEvent.click(screen.getByTestId("import-run"));
    await screen.findByTestId("import-result");
    expect(backend.callsOf("import_source")[0].args.options).toEqual({
      status_map: [["Parked", "cancelled"]],
      people_map: [["Grace Liu", { to: "new", id: marketing }]],
      create_people_in: null,
      marketing_owner: null,
      it_owner: null,
    });
  });
});

describe("import a Jira export with numeric dates", () => {
  test("dates that read two ways are asked about, and the answer reads the file again", async () => {
    const question = "The dates in this file can be read two ways (line 3: 03/04/26): is that day/month/year or month/day/year?";
    const summary = () => toolSummary({ initiatives: 1, tasks: 1 });
    const { backend } = await openDialog({
      preview_import: () => TOOL,
      preview_source: (args) => ((args.read as ReadOptions).date_order ? summary() : refuse("date_order", question)),
    });
    expect((await screen.findByTestId("import-date-question")).textContent).toContain("03/04/26");
    expect(screen.queryByTestId("source-preview")).toBeNull();
    await fireEvent.change(screen.getByTestId("source-date-order"), { target: { value: "mdy" } });
    await screen.findByTestId("source-preview");
    expect(screen.queryByTestId("import-date-question")).toBeNull();
    expect((backend.callsOf("preview_source").at(-1)!.args.read as ReadOptions).date_order).toBe("mdy");
  });
});

describe("import a newer Jira export", () => {
  test("what changed on issues an earlier import brought in is listed first, with the local edits it overwrites", async () => {
    const again = toolSummary({
      tasks: 1,
      updated: {
        items: 1,
        unchanged: 12,
        fields: [
          { at: "DFD-12", field: "title", board: "Legal sign-off (counsel)", file: "Legal and compliance sign-off", edited_here: true },
        ],
      },
    });
    await openDialog({ preview_import: () => TOOL, preview_source: () => again });
    const counts = await screen.findByTestId("source-counts");
    expect(counts.textContent).toContain("From Jira: 0 new initiatives, 1 new task");
    const updates = screen.getByTestId("import-updates");
    expect(updates.textContent).toContain("1 to update, 12 unchanged");
    expect(within(updates).getByTestId("import-overwrites").textContent).toContain("1 edit made on the board would be overwritten");
    expect(within(updates).getByTestId("import-update").textContent).toContain("Legal and compliance sign-off");
  });
});

describe("import an Excel workbook", () => {
  test("the sheet and the header row are chosen, and the preview is read again from there", async () => {
    const preview = (args: Record<string, unknown>): ImportPreview => ({
      ...csvPreview(args),
      source: "xlsx",
      sheets: ["Q1 plan", "Notes"],
    });
    const { backend } = await openDialog({ preview_import: preview });
    const sheet = (await screen.findByTestId("import-sheet")) as HTMLSelectElement;
    expect(screen.queryByTestId("import-delimiter"), "a workbook has no separator to choose").toBeNull();
    await fireEvent.change(sheet, { target: { value: "Notes" } });
    await waitFor(() => expect(backend.callsOf("preview_import").length).toBe(2));
    await fireEvent.change(screen.getByTestId("import-header-row"), { target: { value: "3" } });
    await waitFor(() => expect(backend.callsOf("preview_import").length).toBe(3));
    const options = backend.callsOf("preview_import")[2].args.options as CsvOptions;
    expect([options.sheet, options.header_row]).toEqual(["Notes", 3]);

    const it = fixture().board.departments[1];
    await fireEvent.change(screen.getByTestId("import-create-people"), { target: { value: it.id } });
    await fireEvent.click(screen.getByTestId("import-run"));
    await waitFor(() => expect(backend.callsOf("import_csv").length).toBe(1));
    expect((backend.callsOf("import_csv")[0].args.options as CsvOptions).create_people_in, "people not on the board are created").toBe(
      it.id,
    );
  });
});

// One run of the Import dialog: the file chosen, what the core read from it, the person's choices
// (for a CSV: mapping, separator, date order; for another tool's file: who each person is, what
// each status means, the owners) and the outcome. Lives as long as the dialog; the board itself
// is re-read through the AppStore after an import, never patched here.
import type {
  CsvImportSummary,
  CsvOptions,
  DateOrder,
  Field,
  ImportPreview,
  PersonTarget,
  ReadOptions,
  SourceOptions,
  SourceSummary,
} from "../bindings";
import * as api from "../api/import";
import { toAppError } from "../api/errors";
import type { AppStore } from "./app.svelte";

/** A refusal that lists problems: the sentence that introduces them, and one entry each. */
export type ProblemList = { intro: string; lines: string[] };

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Imported 3 initiatives, 12 tasks, 4 dependencies" (and the people created, the items updated, if any). */
export function summaryText(s: CsvImportSummary): string {
  const people = s.people > 0 ? ` and created ${count(s.people, "person", "people")}` : "";
  const updated = s.updated.items > 0 ? `; updated ${count(s.updated.items, "item", "items")} already on the board` : "";
  return `Imported ${count(s.initiatives, "initiative", "initiatives")}, ${count(s.tasks, "task", "tasks")}, ${count(s.dependencies, "dependency", "dependencies")}${people}${updated}`;
}

/** Nothing chosen yet: the core matches people and statuses on its own. */
const NO_SOURCE_OPTIONS: SourceOptions = { status_map: [], people_map: [], create_people_in: null, marketing_owner: null, it_owner: null };

/** A file read as it is: this desktop's time zone, the top level as the initiatives, archived cards left out. */
const READ_AS_WRITTEN: ReadOptions = {
  time_zone: null,
  sections_as_initiatives: false,
  archived: "skip",
  outline_level: null,
  date_order: null,
};

export class ImportStore {
  path = $state<string | null>(null);
  preview = $state<ImportPreview | null>(null);
  mapping = $state<[string, Field | null][]>([]);
  delimiter = $state<string | null>(null);
  dateOrder = $state<DateOrder | null>(null);
  /** An Excel workbook: the sheet read, and its header row (null: found). */
  sheet = $state<string | null>(null);
  headerRow = $state<number | null>(null);
  /** Create the people (and departments) the file names that the board lacks; in this department when no column says. */
  createPeopleIn = $state<string | null>(null);
  busy = $state(false);
  /** A refusal in one line. */
  error = $state<string | null>(null);
  /** The core's question about ambiguous dates, shown by the date order choice. */
  dateQuestion = $state<string | null>(null);
  problems = $state<ProblemList | null>(null);
  result = $state<CsvImportSummary | null>(null);
  /** A CSV whose import would overwrite edits made on the board: its trial run, to confirm. */
  overwriting = $state.raw<CsvImportSummary | null>(null);
  /** Another tool's file: the choices made on its preview, what it would bring, what it brought. */
  sourceOptions = $state<SourceOptions>({ ...NO_SOURCE_OPTIONS });
  /** How the file is read: this desktop's time zone, and for Asana whether sections are the initiatives. */
  readOptions = $state<ReadOptions>({ ...READ_AS_WRITTEN });
  sourcePreview = $state.raw<SourceSummary | null>(null);
  sourceResult = $state.raw<SourceSummary | null>(null);

  readonly #app: AppStore;
  #seq = 0;

  constructor(app: AppStore) {
    this.#app = app;
  }

  options(): CsvOptions {
    return {
      delimiter: this.delimiter,
      date_order: this.dateOrder,
      mapping: $state.snapshot(this.mapping),
      sheet: this.sheet,
      header_row: this.headerRow,
      create_people_in: this.createPeopleIn,
    };
  }

  /** Step 1: the native open dialog, then the preview. Cancelling changes nothing. */
  choose(): Promise<void> {
    return this.#run(async () => {
      const path = await api.chooseImportFile();
      if (!path) return;
      this.path = path;
      this.preview = null;
      this.mapping = [];
      this.delimiter = null;
      this.dateOrder = null;
      this.sheet = null;
      this.headerRow = null;
      this.createPeopleIn = null;
      this.sourceOptions = { ...NO_SOURCE_OPTIONS, status_map: [], people_map: [] };
      this.sourcePreview = null;
      this.sourceResult = null;
      this.readOptions = { ...READ_AS_WRITTEN };
      await this.#preview();
    });
  }

  setDelimiter(delimiter: string | null): Promise<void> {
    this.delimiter = delimiter;
    return this.#run(() => this.#preview());
  }

  setDateOrder(order: DateOrder | null): Promise<void> {
    this.dateOrder = order;
    return this.#run(() => this.#preview());
  }

  /** An Excel workbook's sheet and header row; the mapping starts again from the new headings. */
  setSheet(sheet: string | null, headerRow: number | null): Promise<void> {
    this.sheet = sheet;
    this.headerRow = headerRow;
    this.mapping = [];
    return this.#run(() => this.#preview());
  }

  setField(index: number, field: Field | null): void {
    const entry = this.mapping[index];
    if (entry) entry[1] = field;
  }

  /**
   * Imports the CSV into the open board with the choices made; the board is re-read after. When
   * the file would overwrite edits made on the board (rows that are items already there), it
   * stops first with those listed in `overwriting`, and imports once `confirmed`.
   */
  runCsv(confirmed = false): Promise<void> {
    const path = this.path;
    if (!path) return Promise.resolve();
    return this.#run(async () => {
      if (!confirmed) {
        const trial = await api.previewCsv(path, this.options());
        if (trial.updated.fields.some((f) => f.edited_here)) {
          this.overwriting = trial;
          return;
        }
      }
      this.overwriting = null;
      this.result = await api.importCsv(path, this.options());
      await this.#app.refresh();
    });
  }

  /** Back to the mapping, not importing over the edits listed. */
  keepEdits(): void {
    this.overwriting = null;
  }

  /** A board export: asks where the new board file goes, imports and opens it. */
  async importBoard(): Promise<boolean> {
    const source = this.path;
    if (!source) return false;
    let done = false;
    await this.#run(async () => {
      const target = await this.#app.session.chooseFile(true);
      if (!target) return;
      await this.#app.importBoard(source, target);
      done = true;
    });
    return done;
  }

  /** Who a person named in the file is on the board (null: back to what the core finds). */
  setPerson(name: string, target: PersonTarget | null): Promise<void> {
    const rest = this.sourceOptions.people_map.filter(([from]) => from !== name);
    this.sourceOptions.people_map = target ? [...rest, [name, target]] : rest;
    return this.#run(() => this.#previewSource());
  }

  /** What a status name of the file means here, as a status's wire name (null: as the file says). */
  setStatus(name: string, status: string | null): Promise<void> {
    const rest = this.sourceOptions.status_map.filter(([from]) => from !== name);
    this.sourceOptions.status_map = status ? [...rest, [name, status]] : rest;
    return this.#run(() => this.#previewSource());
  }

  /** The other options: everyone new into one department, the owners of initiatives the file gives none. */
  setSourceOption(patch: Partial<Pick<SourceOptions, "create_people_in" | "marketing_owner" | "it_owner">>): Promise<void> {
    Object.assign(this.sourceOptions, patch);
    return this.#run(() => this.#previewSource());
  }

  /** How the file is read: Asana's sections as initiatives, Trello's archived cards, Project's outline level, Jira's day and month. */
  setRead(patch: Partial<Pick<ReadOptions, "sections_as_initiatives" | "archived" | "outline_level" | "date_order">>): Promise<void> {
    Object.assign(this.readOptions, patch);
    return this.#run(() => this.#previewSource());
  }

  /** Imports another tool's file into the open board, as previewed; the board is re-read after. */
  runSource(): Promise<void> {
    const path = this.path;
    if (!path) return Promise.resolve();
    return this.#run(async () => {
      this.sourceResult = await api.importSource(path, $state.snapshot(this.readOptions), $state.snapshot(this.sourceOptions));
      await this.#app.refresh();
    });
  }

  async #preview(): Promise<void> {
    if (!this.path) return;
    const seq = ++this.#seq;
    const preview = await api.previewImport(this.path, this.options());
    if (seq !== this.#seq) return;
    this.preview = preview;
    this.mapping = preview.mapping.map(([heading, field]) => [heading, field]);
    if (preview.kind === "tool") await this.#previewSource();
  }

  async #previewSource(): Promise<void> {
    if (!this.path) return;
    const seq = ++this.#seq;
    const summary = await api.previewSource(this.path, $state.snapshot(this.readOptions), $state.snapshot(this.sourceOptions));
    if (seq === this.#seq) this.sourcePreview = summary;
  }

  async #run(fn: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    this.dateQuestion = null;
    this.problems = null;
    this.result = null;
    try {
      await fn();
    } catch (e) {
      // The core asks for the date order (code `date_order`) when dates like 03/04/2026 read two ways.
      const { code, message, problems } = toAppError(e);
      if (code === "date_order") this.dateQuestion = message;
      else if (problems.length > 0) this.problems = { intro: message, lines: problems };
      else this.error = message;
    } finally {
      this.busy = false;
    }
  }
}

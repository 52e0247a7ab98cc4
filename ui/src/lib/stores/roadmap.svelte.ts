// The roadmap as the core last described it, with the person's view settings (filter, zoom,
// grouping, critical path, whether it is open: remembered per desktop through
// `save_roadmap_settings`), the selected bar, "what slips", the baseline it is compared with and
// the export in progress. Like the board, the roadmap (and the comparison) is re-read whole after
// every write and on `board-changed`.
import type {
  BaselineInfo,
  BaselineReport,
  Format,
  Paper,
  Report,
  RoadmapFilter,
  RoadmapSettings,
  RoadmapView,
  SlipImpact,
} from "../bindings";
import * as api from "../api/roadmap";
import { saveRoadmapSettings } from "../api/session";
import { AppError, toAppError } from "../api/errors";
import { DEFAULT_ROADMAP_SETTINGS, ghostSpans, indexItems, NO_ROADMAP_FILTER, type Item } from "../roadmap";
import type { GroupBy, Zoom } from "../timeline";

export type BarMessage = { id: string; message: string };

/** What this desktop remembers about the roadmap: the view settings below. */
type ViewSettings = { open: boolean; zoom: Zoom; groupBy: GroupBy; showCritical: boolean };

export class RoadmapStore {
  /** Replaced whole on every read, never edited: raw, so a 20,000-task roadmap is not proxied. */
  view = $state.raw<RoadmapView | null>(null);
  error = $state<AppError | null>(null);
  filter = $state<RoadmapFilter>({ ...NO_ROADMAP_FILTER });
  zoom = $state<Zoom>("month");
  groupBy = $state<GroupBy>("status");
  showCritical = $state(false);
  /** The roadmap, rather than the board, is on screen. */
  open = $state(false);
  /** Saving the view settings failed: shown with the app's other errors. */
  settingsError = $state<AppError | null>(null);
  /** The selected bar: an initiative or task id. */
  selectedId = $state<string | null>(null);
  /** Bumped when the keyboard wants the selected bar to take focus. */
  focusTick = $state(0);
  /** A refused reschedule, shown next to that bar until the next action. */
  message = $state<BarMessage | null>(null);

  slipDays = $state(5);
  slip = $state<SlipImpact | null>(null);
  slipError = $state<string | null>(null);

  exportFormat = $state<Format>("pdf");
  exportPaper = $state<Paper>("a4");
  exporting = $state(false);
  exported = $state<string | null>(null);
  exportError = $state<string | null>(null);
  /** Which export the result above belongs to. */
  exportOf = $state<"roadmap" | "comparison">("roadmap");

  /** The board's saved baselines, and the one the roadmap is compared with (by name). */
  baselines = $state.raw<BaselineInfo[]>([]);
  baseline = $state<string | null>(null);
  comparison = $state.raw<BaselineReport | null>(null);
  comparisonError = $state<string | null>(null);
  /** Where the baseline had the bars that moved, drawn as outlines behind them. */
  showGhosts = $state(true);
  comparisonFormat = $state<Format>("xlsx");

  readonly items = $derived(indexItems(this.view?.roadmap.lanes ?? []));
  readonly ghosts = $derived(ghostSpans(this.showGhosts ? this.comparison : null));

  #seq = 0;

  async load(): Promise<void> {
    const seq = ++this.#seq;
    const comparison = this.#compare();
    try {
      const [view, baselines] = await Promise.all([api.roadmap($state.snapshot(this.filter)), api.baselines()]);
      if (seq !== this.#seq) return;
      this.view = view;
      this.baselines = baselines;
      this.error = null;
    } catch (e) {
      if (seq === this.#seq) this.error = toAppError(e);
    }
    await comparison;
  }

  /** Compares the roadmap with the baseline saved as `name` (null: with none). */
  chooseBaseline(name: string | null): Promise<void> {
    this.baseline = name;
    this.comparison = null;
    this.comparisonError = null;
    return this.#compare();
  }

  #compareSeq = 0;

  async #compare(): Promise<void> {
    const seq = ++this.#compareSeq;
    const name = this.baseline;
    if (name === null) return;
    try {
      const report = await api.baselineReport(name);
      if (seq !== this.#compareSeq) return;
      this.comparison = report;
      this.comparisonError = null;
    } catch (e) {
      if (seq !== this.#compareSeq) return;
      this.comparison = null;
      this.comparisonError = toAppError(e).message;
    }
  }

  setFilter(patch: Partial<RoadmapFilter>): Promise<void> {
    this.filter = { ...this.filter, ...patch };
    void this.#save();
    return this.load();
  }

  clearFilter(): Promise<void> {
    return this.setFilter(NO_ROADMAP_FILTER);
  }

  /** The view as this desktop last left it. */
  restore(saved: RoadmapSettings | null | undefined): void {
    const settings = { ...DEFAULT_ROADMAP_SETTINGS, ...(saved ?? {}) };
    this.open = settings.open;
    this.zoom = settings.zoom;
    this.groupBy = settings.group_by;
    this.showCritical = settings.show_critical;
    this.filter = { ...NO_ROADMAP_FILTER, ...settings.filter };
  }

  /** Changes how the roadmap is shown, and remembers it for this desktop. */
  setView(patch: Partial<ViewSettings>): Promise<void> {
    Object.assign(this, patch);
    return this.#save();
  }

  async #save(): Promise<void> {
    const settings: RoadmapSettings = {
      open: this.open,
      zoom: this.zoom,
      group_by: this.groupBy,
      show_critical: this.showCritical,
      filter: $state.snapshot(this.filter),
    };
    try {
      await saveRoadmapSettings(settings);
      this.settingsError = null;
    } catch (e) {
      this.settingsError = toAppError(e);
    }
  }

  /** Another board file: nothing selected, filtered or computed for the old one stays. */
  reset(): void {
    this.filter = { ...NO_ROADMAP_FILTER };
    void this.#save();
    this.select(null);
    this.clearSlip();
    this.baselines = [];
    void this.chooseBaseline(null);
    this.exported = null;
    this.exportError = null;
  }

  item(id: string | null): Item | undefined {
    return id ? this.items.get(id) : undefined;
  }

  select(id: string | null, focus = false): void {
    if (this.selectedId !== id) this.message = null;
    this.selectedId = id;
    if (focus) this.focusTick++;
  }

  /** "What slips if this slips" for the selected bar. Changes nothing on the board. */
  async runSlip(): Promise<void> {
    this.slipError = null;
    const id = this.selectedId;
    if (!id) {
      this.slipError = "Select a bar on the timeline first.";
      return;
    }
    const days = Math.trunc(Number(this.slipDays));
    if (!Number.isFinite(days) || days < 1) {
      this.slipError = "Enter a number of days (1 or more).";
      return;
    }
    try {
      this.slip = await api.slip(id, days);
    } catch (e) {
      this.slip = null;
      this.slipError = toAppError(e).message;
    }
  }

  clearSlip(): void {
    this.slip = null;
    this.slipError = null;
  }

  /** The native save dialog, then the export: the roadmap with its current filter, or the
   *  comparison with the chosen baseline. */
  async runExport(what: "roadmap" | "comparison" = "roadmap"): Promise<void> {
    this.exported = null;
    this.exportError = null;
    this.exporting = true;
    this.exportOf = what;
    try {
      const [format, report]: [Format, Report] =
        what === "comparison" && this.baseline !== null
          ? [this.comparisonFormat, { baseline: this.baseline }]
          : [this.exportFormat, "roadmap"];
      const path = await api.chooseExportFile(format, report);
      if (path === null) return;
      this.exported = await api.exportRoadmap(format, $state.snapshot(this.filter), this.exportPaper, path, report);
    } catch (e) {
      this.exportError = toAppError(e).message;
    } finally {
      this.exporting = false;
    }
  }
}

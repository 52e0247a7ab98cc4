// The roadmap as the core last described it, with the person's view settings (filter, zoom,
// grouping, critical path, whether it is open: remembered per desktop through
// `save_roadmap_settings`), the selected bar, "what slips" and the export in progress. Like the
// board, the roadmap is re-read whole after every write and on `board-changed`.
import type { Format, Paper, RoadmapFilter, RoadmapSettings, RoadmapView, SlipImpact } from "../bindings";
import * as api from "../api/roadmap";
import { saveRoadmapSettings } from "../api/session";
import { AppError, toAppError } from "../api/errors";
import { DEFAULT_ROADMAP_SETTINGS, indexItems, NO_ROADMAP_FILTER, type Item } from "../roadmap";
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

  readonly items = $derived(indexItems(this.view?.roadmap.lanes ?? []));

  #seq = 0;

  async load(): Promise<void> {
    const seq = ++this.#seq;
    try {
      const view = await api.roadmap($state.snapshot(this.filter));
      if (seq !== this.#seq) return;
      this.view = view;
      this.error = null;
    } catch (e) {
      if (seq === this.#seq) this.error = toAppError(e);
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

  /** The native save dialog, then the export with the roadmap's current filter. */
  async runExport(): Promise<void> {
    this.exported = null;
    this.exportError = null;
    this.exporting = true;
    try {
      const format = this.exportFormat;
      const path = await api.chooseExportFile(format);
      if (path === null) return;
      this.exported = await api.exportRoadmap(format, $state.snapshot(this.filter), this.exportPaper, path);
    } catch (e) {
      this.exportError = toAppError(e).message;
    } finally {
      this.exporting = false;
    }
  }
}

// The roadmap: the timeline with the core's schedule analysis, "what slips if this slips", the
// baselines and the comparison with one, and exports through the native save dialog.
// Rescheduling a bar and saving a baseline are ordinary `apply`s (board.ts).
import type { BaselineInfo, BaselineReport, Format, Paper, RaciMatrix, Report, RoadmapFilter, RoadmapView, SlipImpact } from "../bindings";
import { call } from "./ipc";

export function roadmap(filter: RoadmapFilter): Promise<RoadmapView> {
  return call<RoadmapView>("roadmap", { filter });
}

/** Every item whose finish moves if `id` finishes `days` later, and by how much. Changes nothing. */
export function slip(id: string, days: number): Promise<SlipImpact> {
  return call<SlipImpact>("slip", { id, days });
}

/** Writes the export; resolves to the path written. JSON ignores the filter (whole board). */
export function exportRoadmap(
  format: Format,
  filter: RoadmapFilter,
  paper: Paper,
  path: string,
  report: Report = "roadmap",
): Promise<string> {
  return call<string>("export_roadmap", { format, filter, paper, path, report });
}

/** The native save dialog; null when the person cancelled. */
export function chooseExportFile(format: Format, report: Report = "roadmap"): Promise<string | null> {
  return call<string | null>("choose_export_file", { format, report });
}

/** People × initiatives with the roles each holds, for everyone or one department's people. */
export function raciMatrix(departmentId: string | null): Promise<RaciMatrix> {
  return call<RaciMatrix>("raci_matrix", { departmentId });
}

/** The board's saved baselines, the oldest first. Saving one is an ordinary `apply`. */
export function baselines(): Promise<BaselineInfo[]> {
  return call<BaselineInfo[]>("baselines");
}

/** Today's schedule beside the baseline saved as `name`: what moved, what is new, what went. */
export function baselineReport(name: string): Promise<BaselineReport> {
  return call<BaselineReport>("baseline_report", { name });
}

// The RACI matrix view: the matrix for the chosen department (or everyone), re-read when the
// board changes, and its export through the native save dialog.
import type { Format, RaciMatrix } from "../bindings";
import * as api from "../api/roadmap";
import { AppError, toAppError } from "../api/errors";
import { messageOf } from "../api/errors";

export class RaciStore {
  matrix = $state<RaciMatrix | null>(null);
  departmentId = $state<string | null>(null);
  error = $state<AppError | null>(null);
  exportFormat = $state<Format>("xlsx");
  exporting = $state(false);
  exported = $state<string | null>(null);
  exportError = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      this.matrix = await api.raciMatrix(this.departmentId);
      this.error = null;
    } catch (e) {
      this.error = toAppError(e);
    }
  }

  async setDepartment(id: string | null): Promise<void> {
    this.departmentId = id;
    await this.load();
  }

  async runExport(): Promise<void> {
    this.exporting = true;
    this.exported = null;
    this.exportError = null;
    try {
      const path = await api.chooseExportFile(this.exportFormat, "raci");
      if (!path) return;
      const filter = { from: null, to: null, department_id: this.departmentId, owner_id: null, statuses: [], tag: null };
      this.exported = await api.exportRoadmap(this.exportFormat, filter, "a4", path, "raci");
    } catch (e) {
      this.exportError = messageOf(e);
    } finally {
      this.exporting = false;
    }
  }
}

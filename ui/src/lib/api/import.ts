// Importing: a CSV of initiatives and tasks into the open board (with a column mapping the
// person can adjust), a file from another tool (Jira, Asana, Trello, Project) into the open board, or a board export
// into a new board file. Reading a file for the preview
// changes no board.
import type { CsvImportSummary, CsvOptions, ImportPreview, ReadOptions, Session, SourceOptions, SourceSummary } from "../bindings";
import { call } from "./ipc";

/** Shows the native open dialog on the Rust side; null when the person cancelled. */
export function chooseImportFile(): Promise<string | null> {
  return call<string | null>("choose_import_file");
}

/** What the file is and, for a CSV, its headings, the suggested mapping and its first rows. */
export function previewImport(path: string, options: CsvOptions): Promise<ImportPreview> {
  return call<ImportPreview>("preview_import", { path, options });
}

/** Imports a CSV into the open board, all or nothing. */
export function importCsv(path: string, options: CsvOptions): Promise<CsvImportSummary> {
  return call<CsvImportSummary>("import_csv", { path, options });
}

/** What importing a CSV would add and change on the open board (or its problems); changes nothing. */
export function previewCsv(path: string, options: CsvOptions): Promise<CsvImportSummary> {
  return call<CsvImportSummary>("preview_csv", { path, options });
}

/** Imports a board export into a new board file at `target` and opens it. */
export function importBoard(source: string, target: string): Promise<Session> {
  return call<Session>("import_board", { source, target });
}

/** What another tool's file would bring into the open board with `options`; changes nothing. */
export function previewSource(path: string, read: ReadOptions, options: SourceOptions): Promise<SourceSummary> {
  return call<SourceSummary>("preview_source", { path, read, options });
}

/** Imports another tool's file into the open board, all or nothing. */
export function importSource(path: string, read: ReadOptions, options: SourceOptions): Promise<SourceSummary> {
  return call<SourceSummary>("import_source", { path, read, options });
}

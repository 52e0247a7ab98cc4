//! Words people read for the wire values, and the fixed ids of the two departments that always exist.
import type {
  BackupKind,
  DateOrder,
  DependencyKind,
  Field,
  GateState,
  InitiativeStatus,
  PhiKind,
  Priority,
  RaciRole,
  Source,
  TaskStatus,
} from "./bindings";

export const MARKETING_ID = "00000000-0000-7000-8000-000000000001";
export const IT_ID = "00000000-0000-7000-8000-000000000002";

/** Board columns, left to right; Cancelled is last and hidden unless asked for. */
export const STATUSES: InitiativeStatus[] = ["proposed", "planned", "in_progress", "live", "cancelled"];

export const STATUS_LABEL: Record<InitiativeStatus, string> = {
  proposed: "Proposed",
  planned: "Planned",
  in_progress: "In progress",
  live: "Live",
  cancelled: "Cancelled",
};

export const TASK_STATUSES: TaskStatus[] = ["todo", "in_progress", "done", "cancelled"];

export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  todo: "To do",
  in_progress: "In progress",
  done: "Done",
  cancelled: "Cancelled",
};

export const PRIORITIES: Priority[] = ["low", "medium", "high", "critical"];

export const PRIORITY_LABEL: Record<Priority, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

export const DEPENDENCY_LABEL: Record<DependencyKind, string> = {
  finish_to_start: "Depends on",
  relates_to: "Relates to",
};

/** What a CSV column can be imported as, in the order the import's mapping offers them. */
export const FIELD_LABEL: Record<Field, string> = {
  title: "Title",
  type: "Type (initiative, task, milestone)",
  initiative: "Initiative",
  id: "Id (the file's own row id)",
  initiative_id: "Initiative id (the file's or the board's)",
  department: "Department",
  marketing_owner: "Marketing owner",
  it_owner: "IT owner",
  assignee: "Assignee",
  status: "Status",
  priority: "Priority",
  start: "Start date",
  finish: "Finish date",
  milestone: "Milestone",
  depends_on: "Depends on",
  blocked: "Blocked (worked out by the board, not read)",
  tags: "Tags",
  accountable: "Accountable",
  gates: "Gates (a summary, not read: gates come over in a board export)",
  kpis: "KPIs (a summary, not read: KPIs come over in a board export)",
};

export const FIELDS = Object.keys(FIELD_LABEL) as Field[];

export const DATE_ORDER_LABEL: Record<DateOrder, string> = {
  dmy: "Day/Month/Year (24/03/2026)",
  mdy: "Month/Day/Year (03/24/2026)",
  ymd: "Year-Month-Day (2026-03-24)",
};

export const BACKUP_KIND_LABEL: Record<BackupKind, string> = {
  daily: "Daily backup",
  before_upgrade: "Before an upgrade",
  before_restore: "Before a restore",
};

/** An ISO instant as local "2026-03-24 14:05". */
export function localStamp(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${two(t.getMonth() + 1)}-${two(t.getDate())} ${two(t.getHours())}:${two(t.getMinutes())}`;
}

/** "Dana Whitfield" → "DW". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return "?";
  const first = parts[0][0] ?? "";
  const last = parts.length > 1 ? (parts[parts.length - 1][0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** "3 days ago" for an ISO instant, relative to `now`. */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const units: [number, string][] = [
    [60, "second"],
    [60, "minute"],
    [24, "hour"],
    [30, "day"],
    [12, "month"],
    [Number.POSITIVE_INFINITY, "year"],
  ];
  let value = abs;
  for (const [size, unit] of units) {
    if (value < size) {
      if (unit === "second") return "just now";
      const n = Math.floor(value);
      const word = `${n} ${unit}${n === 1 ? "" : "s"}`;
      return seconds >= 0 ? `${word} ago` : `in ${word}`;
    }
    value /= size;
  }
  return iso;
}

export const GATE_STATES: GateState[] = ["not_started", "in_review", "passed", "failed", "waived"];

export const GATE_STATE_LABEL: Record<GateState, string> = {
  not_started: "Not started",
  in_review: "In review",
  passed: "Passed",
  failed: "Failed",
  waived: "Waived",
};

/** The roles a person is given; the Accountable is chosen in the initiative's fields. */
export const GIVEN_ROLES: RaciRole[] = ["responsible", "consulted", "informed"];

export const RACI_LABEL: Record<RaciRole, string> = {
  responsible: "Responsible",
  accountable: "Accountable",
  consulted: "Consulted",
  informed: "Informed",
};

export const PHI_LABEL: Record<PhiKind, string> = {
  ssn: "A Social Security number",
  mrn: "A medical record number",
  birth_date: "A date of birth",
  phone: "A phone number next to a name",
};

export const SOURCE_LABEL: Record<Source, string> = {
  jira: "Jira",
  asana: "Asana",
  trello: "Trello",
  ms_project: "Microsoft Project",
  xlsx: "Excel",
  csv: "CSV",
  bridgeboard: "Bridgeboard",
};

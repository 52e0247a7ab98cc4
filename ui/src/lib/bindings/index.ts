// Generated from the Rust types in src-tauri/core by its bindings test; do not edit.
// Rewrite with: UPDATE_BINDINGS=1 cargo test -p bridgeboard-core --test bindings

export type InitiativeStatus = "proposed" | "planned" | "in_progress" | "live" | "cancelled";

export type TaskStatus = "todo" | "in_progress" | "done" | "cancelled";

export type Priority = "low" | "medium" | "high" | "critical";

export type DependencyKind = "finish_to_start" | "relates_to";

export type TaskKind = "task" | "milestone";

export type ItemKind = "initiative" | "task" | "person" | "department" | "dependency" | "comment" | "board" | "gate" | "gate_type" | "kpi" | "template" | "baseline";

export type Department = { id: string, name: string, 
/**
 * A CSS colour such as `#7c3aed`, chosen to stay distinct from the others.
 */
color: string, };

export type Person = { id: string, name: string, email: string, title: string, department_id: string, };

export type Initiative = { id: string, title: string, summary: string, status: InitiativeStatus, priority: Priority, start: string | null, target: string | null, marketing_owner_id: string | null, it_owner_id: string | null, sponsor_id: string | null, tags: Array<string>, block_reason: string | null, created_at: string, updated_at: string, 
/**
 * The one person who answers for it (RACI); required once it has left Proposed.
 */
accountable_id: string | null, 
/**
 * The day it first went Live.
 */
went_live_on: string | null, 
/**
 * The post-go-live review of its results; 90 days after going Live when not set.
 */
review_on: string | null, };

export type Task = { id: string, initiative_id: string, title: string, notes: string, department_id: string, assignee_id: string | null, status: TaskStatus, start: string | null, due: string | null, kind: TaskKind, 
/**
 * Sort key within the initiative; fractional so that a move rewrites one row.
 */
position: number, block_reason: string | null, created_at: string, updated_at: string, accountable_id: string | null, 
/**
 * This milestone is its initiative's go-live: marking it done waits for the gates.
 */
go_live: boolean, 
/**
 * How often recurring work happens ("weekly", "3× a week"): shown, not scheduled.
 */
cadence: string | null, };

export type Dependency = { id: string, from_id: string, from_kind: ItemKind, to_id: string, to_kind: ItemKind, kind: DependencyKind, lag_days: number, };

export type Comment = { id: string, item_id: string, author_id: string | null, author_name: string, body: string, created_at: string, };

export type Activity = { id: string, at: string, actor_id: string | null, actor_name: string, item_kind: ItemKind, item_id: string, 
/**
 * The initiative the change belongs to, so its panel can show its whole history.
 */
initiative_id: string | null, 
/**
 * `create`, `set`, `delete`, `restore`, `add_dependency`, `remove_dependency`, `comment`.
 */
action: string, field: string | null, before: string | null, after: string | null, 
/**
 * A sentence for people: "Dana Whitfield set Status of “Portal campaign”: Planned → In progress".
 */
summary: string, 
/**
 * On a shared board, the desktop the change was made on ("IT-PM-LAPTOP-7").
 */
device?: string, };

export type Actor = { id: string | null, name: string, };

export type Op = { "op": "create_department" } & NewDepartment | { "op": "create_person" } & NewPerson | { "op": "update_person", id: string, changes: Array<PersonChange>, } | { "op": "create_initiative" } & NewInitiative | { "op": "update_initiative", id: string, changes: Array<InitiativeChange>, } | { "op": "move_initiative", id: string, days: number, } | { "op": "create_task" } & NewTask | { "op": "update_task", id: string, changes: Array<TaskChange>, } | { "op": "delete", id: string, reassign_to: string | null, } | { "op": "restore", id: string, } | { "op": "add_dependency" } & NewDependency | { "op": "remove_dependency", id: string, } | { "op": "add_comment", item_id: string, body: string, } | { "op": "import_comment", item_id: string, body: string, author_id: string | null, author_name: string, written_at: string, } | { "op": "set_import_source", id: string, key: string, values: string, } | { "op": "set_board", name: string, sample: boolean, } | { "op": "set_role", item_id: string, person_id: string, role: RaciRole, } | { "op": "remove_role", item_id: string, person_id: string, role: RaciRole, } | { "op": "add_gate" } & NewGate | { "op": "update_gate", id: string, changes: Array<GateChange>, } | { "op": "remove_gate", id: string, } | { "op": "create_gate_type" } & NewGateType | { "op": "update_gate_type", id: string, changes: Array<GateTypeChange>, } | { "op": "remove_gate_type", id: string, } | { "op": "add_kpi" } & NewKpi | { "op": "update_kpi", id: string, changes: Array<KpiChange>, } | { "op": "remove_kpi", id: string, } | { "op": "add_reading" } & NewReading | { "op": "remove_reading", id: string, } | { "op": "create_from_template", template: TemplateRef, title: string, start: string, } | { "op": "save_template", initiative_id: string, name: string, description: string, } | { "op": "add_template", name: string, description: string, plan: TemplatePlan, } | { "op": "remove_template", id: string, } | { "op": "save_baseline", name: string, };

export type NewDepartment = { name: string, color: string | null, };

export type NewPerson = { name: string, email: string, title: string, department_id: string, };

export type NewInitiative = { title: string, summary: string, status: InitiativeStatus, priority: Priority, start: string | null, target: string | null, marketing_owner_id: string | null, it_owner_id: string | null, sponsor_id: string | null, tags: Array<string>, block_reason: string | null, accountable_id: string | null, };

export type NewTask = { initiative_id: string, title: string, notes: string, department_id: string, assignee_id: string | null, status: TaskStatus, start: string | null, due: string | null, kind: TaskKind, block_reason: string | null, go_live: boolean, cadence: string | null, };

export type NewDependency = { 
/**
 * The predecessor: what must finish first.
 */
from_id: string, 
/**
 * The successor: what waits.
 */
to_id: string, kind: DependencyKind, lag_days: number, };

export type InitiativeChange = { "field": "title", "value": string } | { "field": "summary", "value": string } | { "field": "status", "value": InitiativeStatus } | { "field": "priority", "value": Priority } | { "field": "start", "value": string | null } | { "field": "target", "value": string | null } | { "field": "marketing_owner", "value": string | null } | { "field": "it_owner", "value": string | null } | { "field": "sponsor", "value": string | null } | { "field": "tags", "value": Array<string> } | { "field": "block_reason", "value": string | null } | { "field": "accountable", "value": string | null } | { "field": "review_on", "value": string | null };

export type TaskChange = { "field": "title", "value": string } | { "field": "notes", "value": string } | { "field": "department", "value": string } | { "field": "assignee", "value": string | null } | { "field": "status", "value": TaskStatus } | { "field": "start", "value": string | null } | { "field": "due", "value": string | null } | { "field": "kind", "value": TaskKind } | { "field": "position", "value": number } | { "field": "block_reason", "value": string | null } | { "field": "accountable", "value": string | null } | { "field": "go_live", "value": boolean } | { "field": "cadence", "value": string | null };

export type PersonChange = { "field": "name", "value": string } | { "field": "email", "value": string } | { "field": "title", "value": string } | { "field": "department", "value": string };

export type RaciRole = "responsible" | "accountable" | "consulted" | "informed";

export type GateState = "not_started" | "in_review" | "passed" | "failed" | "waived";

export type GateType = { id: string, 
/**
 * The short key the CLI and the exports use: `privacy`, `security`, ...
 */
key: string, name: string, 
/**
 * What the review checks.
 */
description: string, 
/**
 * Who usually approves it ("Privacy officer").
 */
usual_approver: string, };

export type Gate = { id: string, initiative_id: string, gate_type_id: string, approver_id: string | null, state: GateState, 
/**
 * Why it was failed or waived.
 */
reason: string | null, 
/**
 * A note or a link to the evidence; a link is shown as text and opened only by the OS.
 */
evidence: string, 
/**
 * Who last changed its state, when, and from which desktop (on a shared board).
 */
decided_by: string | null, decided_at: string | null, decided_on: string | null, };

export type RoleAssignment = { id: string, item_id: string, initiative_id: string, person_id: string, role: RaciRole, };

export type GateSummary = { 
/**
 * Passed or waived.
 */
settled: number, total: number, 
/**
 * Each failed gate with its reason, as the card's Blocked says it: "Privacy … failed: …".
 */
failed: Array<string>, };

export type RaciPerson = { person: PersonRef, by_default: boolean, };

export type Raci = { accountable: PersonRef | null, responsible: Array<RaciPerson>, consulted: Array<RaciPerson>, informed: Array<RaciPerson>, };

export type GateView = { gate: Gate, gate_type: GateType, approver: PersonRef | null, 
/**
 * The evidence as a link the operating system may open, when it is one.
 */
evidence_link: string | null, };

export type NewGate = { initiative_id: string, gate_type_id: string, approver_id: string | null, };

export type GateChange = { "field": "state", "value": { state: GateState, reason: string | null, } } | { "field": "approver", "value": string | null } | { "field": "evidence", "value": string };

export type NewGateType = { key: string, name: string, description: string, usual_approver: string, };

export type GateTypeChange = { "field": "key", "value": string } | { "field": "name", "value": string } | { "field": "description", "value": string } | { "field": "usual_approver", "value": string };

export type PhiKind = "ssn" | "mrn" | "birth_date" | "phone";

export type PhiFinding = { kind: PhiKind, 
/**
 * Which text it is in: "the title", "the notes", "a comment".
 */
field: string, 
/**
 * What matched, as typed.
 */
matched: string, };

export type Applied = { "outcome": "saved", id: string, } | { "outcome": "held_back", findings: Array<PhiFinding>, };

export type TemplateRef = { "kind": "builtin", "value": string } | { "kind": "board", "value": string };

export type Template = { id: string | null, name: string, description: string, plan: TemplatePlan, };

export type TemplatePlan = { summary: string, tags: Array<string>, 
/**
 * The target (go-live) date, in days after the start.
 */
target_days: number, tasks: Array<TemplateTask>, 
/**
 * Finish-to-start links between the plan's tasks, by position: `(predecessor, successor, lag)`.
 */
dependencies: Array<[number, number, number]>, 
/**
 * Gate keys from the board's catalogue (`privacy`, `security`, ...).
 */
gates: Array<string>, kpis: Array<TemplateKpi>, };

export type TemplateTask = { title: string, 
/**
 * `marketing`, `it`, or another department's name.
 */
department: string, start_day: number, 
/**
 * 0 for a milestone (a single day).
 */
days: number, milestone: boolean, go_live: boolean, 
/**
 * How often recurring work happens ("weekly", "3× a week"); shown, not scheduled.
 */
cadence: string | null, };

export type TemplateKpi = { name: string, unit: string, direction: Direction, baseline: number, target: number, 
/**
 * The target date, in days after the start (the baseline is dated the start).
 */
target_days: number, };

export type Direction = "lower" | "higher";

export type KpiStanding = "no_readings" | "on_track" | "off_track" | "reached";

export type Kpi = { id: string, initiative_id: string, 
/**
 * "No-show rate", "Share of appointments booked online".
 */
name: string, 
/**
 * "%", "visits", "per 1,000 patients".
 */
unit: string, direction: Direction, baseline: number, baseline_on: string, target: number, target_on: string, };

export type Reading = { id: string, kpi_id: string, value: number, taken_on: string, note: string, };

export type KpiView = { kpi: Kpi, 
/**
 * Oldest first.
 */
readings: Array<Reading>, standing: KpiStanding, 
/**
 * Where the straight line from baseline to target says it should be at the latest reading.
 */
expected: number | null, };

export type NewKpi = { initiative_id: string, name: string, unit: string, direction: Direction, baseline: number, baseline_on: string, target: number, target_on: string, };

export type KpiChange = { "field": "name", "value": string } | { "field": "unit", "value": string } | { "field": "direction", "value": Direction } | { "field": "baseline", "value": number } | { "field": "baseline_on", "value": string } | { "field": "target", "value": number } | { "field": "target_on", "value": string };

export type NewReading = { kpi_id: string, value: number, taken_on: string, note: string, };

export type BoardInfo = { id: string, name: string, 
/**
 * The sample hospital board: demo data, never real work.
 */
sample: boolean, };

export type PersonRef = { id: string, name: string, department_id: string, };

export type ItemRef = { id: string, kind: ItemKind, title: string, 
/**
 * For a task, the initiative it belongs to; for an initiative, itself.
 */
initiative_id: string, initiative_title: string, 
/**
 * The status as a person reads it ("In progress").
 */
status: string, open: boolean, start: string | null, finish: string | null, };

export type DepartmentProgress = { department_id: string, name: string, done: number, 
/**
 * Cancelled tasks are left out of both numbers.
 */
total: number, };

export type InitiativeCard = { id: string, title: string, status: InitiativeStatus, priority: Priority, start: string | null, target: string | null, marketing_owner: PersonRef | null, it_owner: PersonRef | null, sponsor: PersonRef | null, tags: Array<string>, block_reason: string | null, accountable: PersonRef | null, gates: GateSummary, 
/**
 * Live, past its post-go-live review, and no KPI reading taken since.
 */
results_due: boolean, 
/**
 * Waiting on an open finish-to-start predecessor, a block reason is set, or a gate failed.
 */
blocked: boolean, blocked_by: Array<ItemRef>, 
/**
 * The target date has passed and the initiative is not Live (or Cancelled).
 */
overdue: boolean, progress: Array<DepartmentProgress>, 
/**
 * Lower-case text the free-text filter searches: title, summary, tags and the owners' names.
 */
search_text: string, };

export type BoardView = { info: BoardInfo, today: string, departments: Array<Department>, people: Array<Person>, 
/**
 * In board order: by target date (undated last), then title.
 */
initiatives: Array<InitiativeCard>, 
/**
 * The board's gate catalogue, built-in types first.
 */
gate_types: Array<GateType>, };

export type BoardUpdate = { 
/**
 * Names this board, for the window's next `since`.
 */
revision: number, 
/**
 * The board this update changes; `None` when `cards` is the whole board.
 */
base: number | null, info: BoardInfo, today: string, departments: Array<Department>, people: Array<Person>, 
/**
 * The board's gate catalogue, built-in types first.
 */
gate_types: Array<GateType>, 
/**
 * Without a base, every card in board order; with one, the cards new or changed since it.
 */
cards: Array<InitiativeCard>, 
/**
 * With a base, every card's id in board order when that is not the base's order (a card
 * added, removed or moved); `None` when it is.
 */
order: Array<string> | null, };

export type DeletedInitiative = { id: string, title: string, deleted_at: string, 
/**
 * The tasks deleted with it, which come back with it.
 */
tasks: number, };

export type DependencyLink = { id: string, kind: DependencyKind, lag_days: number, item: ItemRef, 
/**
 * The successor starts before the predecessor's finish plus lag.
 */
conflict: ScheduleConflict | null, 
/**
 * On a shared board, a dependency added on another desktop at the same time as others that
 * together close a loop: the loop it would close, by title. It does not block until one
 * dependency of the loop is removed. `None` for a dependency that counts.
 */
suspended_loop: Array<string> | null, };

export type ScheduleConflict = { dependency_id: string, predecessor_id: string, successor_id: string, 
/**
 * The successor's start date.
 */
start: string, 
/**
 * The earliest start the dependency allows: predecessor finish + lag.
 */
earliest_start: string, message: string, };

export type TaskRow = { task: Task, assignee: PersonRef | null, raci: Raci, blocked: boolean, blocked_by: Array<ItemRef>, upstream: Array<DependencyLink>, downstream: Array<DependencyLink>, };

export type InitiativeDetail = { initiative: Initiative, card: InitiativeCard, 
/**
 * In board order: by department, then position.
 */
tasks: Array<TaskRow>, 
/**
 * What this initiative waits for.
 */
upstream: Array<DependencyLink>, 
/**
 * What waits for this initiative.
 */
downstream: Array<DependencyLink>, activity: Array<Activity>, comments: Array<Comment>, raci: Raci, 
/**
 * In the catalogue's order.
 */
gates: Array<GateView>, 
/**
 * In the order they were added.
 */
kpis: Array<KpiView>, 
/**
 * The post-go-live review: the date set, or 90 days after it went Live.
 */
review_on: string | null, };

export type ErrorPayload = { code: ErrorCode, message: string, 
/**
 * For a refusal that lists problems, one entry each (then "and N more"); `message` is then
 * the sentence that introduces them. Empty otherwise.
 */
problems: Array<string>, };

export type ErrorCode = "validation" | "date_order" | "not_found" | "conflict" | "cycle" | "storage" | "disk_full" | "unreachable";

export type BoardFilters = { department_id: string | null, owner_id: string | null, tag: string | null, text: string, show_cancelled: boolean, };

export type Settings = { 
/**
 * The person this desktop's changes are recorded as.
 */
me: string | null, 
/**
 * The board file last opened; none means the default board in the app data folder.
 */
board_path: string | null, 
/**
 * Most recent first, at most ten.
 */
recent_boards: Array<string>, filters: BoardFilters, roadmap: RoadmapSettings, appearance: Appearance, };

export type Session = { board_path: string, default_board_path: string, read_only: boolean, 
/**
 * Set when the file sits somewhere SQLite's locking is not safe (a network share, OneDrive).
 */
location_warning: string | null, 
/**
 * Why the last board asked for could not be opened (the one before it, if any, stays open).
 */
open_error: string | null, settings: Settings, };

export type RoadmapSettings = { 
/**
 * The roadmap, rather than the board, was on screen.
 */
open: boolean, zoom: Zoom, group_by: GroupBy, show_critical: boolean, filter: RoadmapFilter, };

export type Zoom = "week" | "month" | "quarter";

export type GroupBy = "none" | "status" | "sponsor" | "tag";

export type Appearance = { theme: Theme, 
/**
 * The page zoom, from 50 to 300 (%), changed with Ctrl+= and Ctrl+-.
 */
zoom_percent: number, };

export type Theme = "system" | "light" | "dark";

export type ScheduleAnalysis = { 
/**
 * Initiatives, then tasks, in board order. Items in `cycle` are left out.
 */
items: Array<ScheduledItem>, 
/**
 * The latest earliest finish on the board: where the backward pass starts. `None` when
 * nothing is dated.
 */
project_finish: string | null, 
/**
 * Chains of zero-slack items, each ordered from its first item to one that finishes on
 * `project_finish`. Every item on them is `critical`; where two equally tight branches meet
 * (a diamond) both are marked `critical` but only one is listed.
 */
critical_paths: Array<Array<string>>, 
/**
 * Largest overlap first.
 */
violations: Array<Violation>, 
/**
 * Items with no date at all: listed beside the timeline, never given a made-up date.
 */
unscheduled: Array<string>, 
/**
 * Items caught in a dependency loop (only possible in a file edited by hand): left out of
 * the analysis rather than guessed at.
 */
cycle: Array<string>, };

export type ScheduledItem = { id: string, kind: ItemKind, title: string, 
/**
 * For a task, its initiative; for an initiative, itself.
 */
initiative_id: string, milestone: boolean, 
/**
 * The planned span, both ends inclusive. An initiative's covers its tasks.
 */
start: string, finish: string, 
/**
 * Calendar days from start to finish, counting both: a one-day item lasts 1.
 */
duration_days: number, 
/**
 * The planned start, or later if a predecessor does not allow it.
 */
earliest_start: string, earliest_finish: string, 
/**
 * The latest dates that do not move the project finish.
 */
latest_start: string, latest_finish: string, 
/**
 * Days the finish can slip without moving the project finish.
 */
slack_days: number, critical: boolean, };

export type Violation = { dependency_id: string, predecessor_id: string, successor_id: string, lag_days: number, predecessor_finish: string, 
/**
 * The successor's planned start.
 */
start: string, 
/**
 * The earliest start the dependency allows: predecessor finish + lag.
 */
earliest_start: string, 
/**
 * How many days too early the successor starts (at least 1).
 */
overlap_days: number, message: string, };

export type SlipImpact = { item_id: string, days: number, 
/**
 * Most days first, then by title.
 */
moved: Array<Moved>, };

export type Moved = { id: string, title: string, kind: ItemKind, 
/**
 * How many days later it now finishes.
 */
days: number, new_finish: string, };

export type Format = "csv" | "xlsx" | "json" | "md" | "ics" | "svg" | "png" | "pdf" | "html";

export type Report = "roadmap" | "raci" | { "baseline": string };

export type RaciMatrix = { board: BoardInfo, today: string, 
/**
 * The department the matrix is filtered to, by name.
 */
department: string | null, 
/**
 * The columns: people holding a role on a listed initiative, by department, then name.
 */
people: Array<PersonRef>, rows: Array<RaciRow>, };

export type RaciRow = { initiative_id: string, title: string, status: InitiativeStatus, 
/**
 * One entry per column of [`RaciMatrix::people`]: "A", "R", "AR", "C", "I" or "".
 */
letters: Array<string>, };

export type BaselineInfo = { name: string, saved_at: string, };

export type BaselineReport = { board: BoardInfo, today: string, name: string, saved_at: string, 
/**
 * Moved first (the largest move first), then new, then removed.
 */
rows: Array<BaselineRow>, };

export type BaselineRow = { change: BaselineChange, item_id: string, kind: ItemKind, 
/**
 * The initiative the item belongs to (itself for an initiative), by title.
 */
initiative: string, title: string, baseline_start: string | null, baseline_finish: string | null, start: string | null, finish: string | null, 
/**
 * Days later (negative: earlier), for a moved item with both dates.
 */
start_days: number | null, finish_days: number | null, moved_by: string | null, moved_at: string | null, };

export type BaselineChange = "moved" | "new" | "removed";

export type Paper = "a4" | "letter";

export type RoadmapFilter = { 
/**
 * Keep items whose span reaches into `from..=to`; undated items are left out when a range is given.
 */
from: string | null, to: string | null, 
/**
 * Initiatives with an owner, sponsor or task in this department; of their tasks, only this
 * department's.
 */
department_id: string | null, 
/**
 * Initiatives this person owns or sponsors (all their tasks), and tasks assigned to them.
 */
owner_id: string | null, 
/**
 * Initiatives in any of these statuses; all but Cancelled when empty.
 */
statuses: Array<InitiativeStatus>, tag: string | null, };

export type Span = { start: string, finish: string, };

export type RoadmapTask = { task: Task, department: Department, assignee: Person | null, span: Span | null, 
/**
 * Finish-to-start predecessors, by id (all of them, open or not).
 */
depends_on: Array<string>, 
/**
 * Waiting on an open predecessor, or a block reason is set.
 */
blocked: boolean, };

export type Lane = { initiative: Initiative, marketing_owner: Person | null, it_owner: Person | null, sponsor: Person | null, 
/**
 * Start to target, widened to cover its tasks; none when nothing has a date.
 */
span: Span | null, depends_on: Array<string>, blocked: boolean, 
/**
 * The target date has passed and it is not Live or Cancelled.
 */
late: boolean, accountable: Person | null, 
/**
 * In the catalogue's order.
 */
gates: Array<RoadmapGate>, 
/**
 * "2/4 gates", and which failed: counted the one way cards count them.
 */
gate_summary: GateSummary, 
/**
 * In the order they were added, with their readings and where each stands.
 */
kpis: Array<KpiView>, tasks: Array<RoadmapTask>, };

export type RoadmapGate = { key: string, name: string, state: GateState, approver: string | null, reason: string | null, };

export type Roadmap = { board: BoardInfo, today: string, filter: RoadmapFilter, departments: Array<Department>, lanes: Array<Lane>, 
/**
 * Dependencies whose both ends are in the roadmap, in creation order.
 */
dependencies: Array<Dependency>, };

export type RoadmapView = { roadmap: Roadmap, analysis: ScheduleAnalysis, };

export type Field = "id" | "type" | "initiative_id" | "initiative" | "title" | "department" | "marketing_owner" | "it_owner" | "assignee" | "status" | "priority" | "start" | "finish" | "milestone" | "depends_on" | "blocked" | "tags" | "accountable" | "gates" | "kpis";

export type DateOrder = "dmy" | "mdy" | "ymd";

export type CsvOptions = { 
/**
 * The column separator; found from the header line (`,` or `;`) when not given.
 */
delimiter: string | null, 
/**
 * The order of day and month in dates like 03/04/2026; found from the file when not given.
 */
date_order: DateOrder | null, 
/**
 * Headings mapped to fields, over the suggestion ([`suggest_mapping`]); `None` leaves a
 * column out. The same shape as the suggestion, so a mapping screen can send it back edited.
 */
mapping: Array<[string, Field | null]>, 
/**
 * An Excel workbook's sheet to read (the first when not given).
 */
sheet: string | null, 
/**
 * An Excel sheet's header row, as Excel numbers rows (found when not given: title rows
 * above the table are passed over).
 */
header_row: number | null, 
/**
 * Create the people (and departments) the file names that are not on the board: a Marketing
 * owner in Marketing, an IT owner in IT, an assignee in their task's department, anyone else
 * in this one. Without it, such a name is a problem to fix.
 */
create_people_in: string | null, };

export type CsvImportSummary = { initiatives: number, tasks: number, 
/**
 * People created for names not on the board ([`CsvOptions::create_people_in`]).
 */
people: number, dependencies: number, 
/**
 * Rows that are items already on the board (by their id): what the file changed on them.
 */
updated: Updated, 
/**
 * Headings of the columns that were not read.
 */
ignored_columns: Array<string>, 
/**
 * Cells that look like patient information (imported as they are, listed so that someone
 * removes them): see `domain::phi`.
 */
phi_like: Array<Problem>, };

export type Problem = { line: number, 
/**
 * The column's heading as the file writes it; `None` when the row as a whole is refused.
 */
column: string | null, message: string, };

export type ImportKind = "board_export" | "csv" | "tool";

export type Imported = { kind: ImportKind, initiatives: number, tasks: number, 
/**
 * People made: those of a board export, or those another tool's file names whom the import
 * creates; a CSV names people already on the board.
 */
people: number, dependencies: number, 
/**
 * CSV columns that were not read (a board export has none).
 */
ignored_columns: Array<string>, };

export type ImportPreview = { kind: ImportKind, source: Source, delimiter: string | null, headers: Array<string>, mapping: Array<[string, Field | null]>, 
/**
 * Up to five rows, as text.
 */
sample: Array<Array<string>>, rows: number, 
/**
 * Cells that look like patient information, to remove before importing (or after).
 */
phi_like: Array<Problem>, 
/**
 * An Excel workbook's sheets, to choose the one to read.
 */
sheets: Array<string>, };

export type Source = "jira" | "asana" | "trello" | "ms_project" | "xlsx" | "csv" | "bridgeboard";

export type Stage = "to_do" | "in_progress" | "done" | "cancelled";

export type Skipped = { 
/**
 * Where it is: "PSS-12", "line 7", "card “Launch”".
 */
at: string, reason: string, };

export type SourceOptions = { 
/**
 * Status names mapped to ours ("Waiting for vendor" → `planned`), over the tool's own
 * grouping; the target is any initiative or task status's wire name.
 */
status_map: Array<[string, string]>, 
/**
 * People the file names (by name or email) mapped to a person or to a new one.
 */
people_map: Array<[string, PersonTarget]>, 
/**
 * Everyone not matched or mapped is created in this department.
 */
create_people_in: string | null, 
/**
 * The owners of every initiative whose file does not name one in that department.
 */
marketing_owner: string | null, it_owner: string | null, };

export type PersonTarget = { "to": "person", "id": string } | { "to": "new", "id": string };

export type PersonMatch = { name: string, email: string | null, 
/**
 * `None`: neither on the board nor mapped, so the import cannot go ahead.
 */
target: PersonTarget | null, 
/**
 * How many items name them.
 */
items: number, };

export type StatusUse = { name: string, stage: Stage | null, 
/**
 * `None`: the name needs a mapping (`--status-map "NAME=status"`).
 */
mapped: Stage | null, 
/**
 * The wire status it was mapped to by hand, if it was.
 */
chosen: string | null, items: number, };

export type SourceSummary = { source: Source, initiatives: number, tasks: number, milestones: number, 
/**
 * Finish-to-start dependencies.
 */
dependencies: number, 
/**
 * Relates-to links.
 */
related: number, comments: number, 
/**
 * Items an earlier import of the same project brought in, found again: what the file
 * changed on them since.
 */
updated: Updated, 
/**
 * Everyone the file assigns work to, and where each goes on the board.
 */
people: Array<PersonMatch>, statuses: Array<StatusUse>, 
/**
 * Initiatives that come in as Proposed although the file has them further along, and why.
 */
as_proposed: Array<Skipped>, 
/**
 * What is not imported, and why.
 */
skipped: Array<Skipped>, 
/**
 * The file's columns or fields that are not read.
 */
unread: Array<string>, notes: Array<string>, 
/**
 * Text that looks like patient information (imported as it is, listed so someone removes it).
 */
phi_like: Array<Skipped>, 
/**
 * What must be settled before the import can go ahead (see [`unsettled`]); empty once
 * everyone and every status is.
 */
unsettled: Array<string>, };

export type ReadOptions = { 
/**
 * The time zone the file's times are in when they carry none, by its IANA name
 * (`--time-zone`); this desktop's when not given.
 */
time_zone: string | null, 
/**
 * Asana: each section is an initiative, its tasks the initiative's tasks.
 */
sections_as_initiatives: boolean, 
/**
 * Trello: archived cards are skipped, or come in as cancelled.
 */
archived: Archived, 
/**
 * Microsoft Project: the outline level of the initiatives (1 when not given).
 */
outline_level: number | null, 
/**
 * Jira: the order of day and month in dates written in numbers (`03/04/26`), when the
 * file's own dates do not prove it (`--date-format`).
 */
date_order: DateOrder | null, };

export type Archived = "skip" | "cancelled";

export type Updated = { 
/**
 * Items the file changed.
 */
items: number, 
/**
 * Items found again with nothing changed at the source since the last import.
 */
unchanged: number, 
/**
 * Each field changed, with the local edits it overwrites marked.
 */
fields: Array<FieldUpdate>, };

export type FieldUpdate = { 
/**
 * The item, as the file names it ("DFD-12 Launch the portal", "line 7").
 */
at: string, field: string, 
/**
 * The board's value now, and the file's, as a person reads them.
 */
board: string, file: string, 
/**
 * The board's value was changed here since the last import (or no import recorded what it
 * wrote): the update overwrites that edit.
 */
edited_here: boolean, };

export type BackupInfo = { path: string, kind: BackupKind, 
/**
 * When the file was written.
 */
taken_at: string, 
/**
 * What the board held then (items not deleted).
 */
initiatives: number, tasks: number, 
/**
 * The newest change it holds.
 */
last_change: string | null, };

export type BackupKind = "daily" | "before_upgrade" | "before_restore";

export type SyncStatus = { shared: boolean, folder: string | null, device_id: string | null, device_name: string | null, 
/**
 * Local changes not yet in the share.
 */
waiting_to_publish: number, 
/**
 * When this desktop last synced, and why the share could not be reached then, if it
 * could not ("offline").
 */
last_sync_at: string | null, offline: string | null, 
/**
 * Set when the share is in a newer format than this Bridgeboard writes: the board is
 * read-only here until Bridgeboard is updated.
 */
newer_format: number | null, 
/**
 * Changes from other desktops that wait for an earlier change that has not arrived.
 */
waiting_for_others: number, 
/**
 * Which desktops those waiting changes came from, with how many each.
 */
waiting_from: Array<WaitingFrom>, devices: Array<DeviceHealth>, unusable_files: Array<UnusableFile>, conflicts: number, 
/**
 * Dependencies added on different desktops that together would close a loop: the later
 * one is suspended (it does not block) until one of its loop is removed.
 */
suspended_dependencies: Array<SuspendedDependency>, };

export type SyncReport = { published: number, received: number, 
/**
 * Local changes not yet in the share (published by the next sync that reaches it).
 */
waiting_to_publish: number, 
/**
 * Why the share could not be reached, when it could not.
 */
offline: string | null, };

export type DeviceHealth = { device_id: string, device_name: string, person: string, app_version: string, 
/**
 * The newest change seen from it, by its own clock.
 */
last_change_at: string | null, this_device: boolean, };

export type UnusableFile = { name: string, problem: string, first_seen: string, tries: number, };

export type WaitingFrom = { device_name: string, changes: number, };

export type SuspendedDependency = { id: string, 
/**
 * The predecessor's and the successor's titles.
 */
from: string, to: string, 
/**
 * The loop it would close, by title, from the predecessor round to it again.
 */
closes: Array<string>, };

export type FieldConflict = { item_kind: string, item_id: string, item_title: string, 
/**
 * The field's wire name, as in `list --json` (`it_owner`, `target`, `status`).
 */
field: string, choices: Array<ConflictChoice>, };

export type ConflictChoice = { 
/**
 * What `resolve --keep` takes: 1, 2, ...
 */
choice: number, 
/**
 * The value as the board shows it (a person's name rather than an id).
 */
value: string, 
/**
 * The value as stored (an id, a date, a wire word); null for none.
 */
raw: string | null, person: string | null, 
/**
 * The department that person is in ("Marketing · Priya Raman set …").
 */
department: string | null, device: string | null, 
/**
 * When, by the clock of the desktop that set it.
 */
at: string | null, 
/**
 * Shown on the board until someone keeps one.
 */
current: boolean, };

export type SharedBoard = { folder: string, board_id: string, board_name: string, };

export type Attention = { kind: AttentionKind, item_kind: ItemKind, item_id: string, 
/**
 * The initiative whose details show the item.
 */
initiative_id: string, title: string, message: string, 
/**
 * What Restore brings back (the item, its initiative, or the person), when it applies.
 */
restore_id: string | null, 
/**
 * Whether Keep deleted applies.
 */
can_keep_deleted: boolean, };

export type AttentionKind = "broken_rule" | "deleted_while_edited" | "under_deleted_initiative" | "deleted_person";

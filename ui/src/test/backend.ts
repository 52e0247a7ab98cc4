// A stand-in for the Rust side in tests: answers the app's commands from the fixture the core
// wrote (src/lib/fixtures/sample-board.json) and records every call. Tests override single
// commands to make the core refuse something.
import type { ErrorCode } from "../lib/api/errors";
import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type {
  Appearance,
  Applied,
  BoardView,
  InitiativeCard,
  InitiativeDetail,
  Lane,
  RaciMatrix,
  RoadmapView,
  Session,
  SlipImpact,
  SyncStatus,
} from "../lib/bindings";
import { NO_FILTERS } from "../lib/filter";
import { DEFAULT_ROADMAP_SETTINGS } from "../lib/roadmap";
import sample from "../lib/fixtures/sample-board.json";

export type Fixture = {
  board: BoardView;
  detail: InitiativeDetail;
  roadmap: RoadmapView;
  slip: SlipImpact;
  raci: RaciMatrix;
};
export type Call = { cmd: string; args: Record<string, unknown> };
export type Override = (args: Record<string, unknown>) => unknown;

/** A fresh deep copy, so one test's edits never leak into the next. */
export function fixture(): Fixture {
  return structuredClone(sample) as unknown as Fixture;
}

/** What `apply` answers for a saved change. */
export function saved(id: string): Applied {
  return { outcome: "saved", id };
}

export function makeSession(overrides: Partial<Session> = {}): Session {
  return {
    board_path: "/home/dana/.local/share/bridgeboard/board.sqlite",
    default_board_path: "/home/dana/.local/share/bridgeboard/board.sqlite",
    read_only: false,
    location_warning: null,
    open_error: null,
    settings: {
      me: null,
      board_path: null,
      recent_boards: [],
      filters: { ...NO_FILTERS },
      roadmap: { ...DEFAULT_ROADMAP_SETTINGS },
      appearance: { theme: "system", zoom_percent: 100 },
    },
    ...overrides,
  };
}

/** A board's sync health as the core reports it; not shared unless told otherwise. */
export function makeSyncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    shared: false,
    folder: null,
    device_id: null,
    device_name: null,
    waiting_to_publish: 0,
    last_sync_at: null,
    offline: null,
    newer_format: null,
    waiting_for_others: 0,
    waiting_from: [],
    devices: [],
    unusable_files: [],
    conflicts: 0,
    suspended_dependencies: [],
    ...overrides,
  };
}

/** A card shaped like the core's, for tests that need many or odd ones. */
export function cardLike(base: InitiativeCard, id: string, title: string): InitiativeCard {
  return { ...structuredClone(base), id, title, search_text: title.toLowerCase() };
}

/** A lane shaped like the core's, with fresh ids for it and its tasks, for roadmaps of any size. */
export function laneLike(base: Lane, id: string, title: string): Lane {
  const lane = structuredClone(base);
  lane.initiative = { ...lane.initiative, id, title };
  lane.tasks = lane.tasks.map((t, i) => ({ ...t, task: { ...t.task, id: `${id}-task-${i}`, initiative_id: id } }));
  lane.depends_on = [];
  return lane;
}

/** Throws the way the Rust side rejects: an ErrorPayload. */
export function refuse(code: ErrorCode, message: string, problems: string[] = []): never {
  throw { code, message, problems };
}

export function installBackend(options: { data?: Fixture; session?: Session; overrides?: Record<string, Override> } = {}) {
  const data = options.data ?? fixture();
  const state = { session: options.session ?? makeSession() };
  const calls: Call[] = [];
  let created = 0;

  mockIPC(
    (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      const override = options.overrides?.[cmd];
      if (override) return override(args);
      switch (cmd) {
        case "board": {
          // Always the whole board, as the core sends a window it has no record of.
          const { initiatives, ...rest } = structuredClone(data.board);
          return { ...rest, revision: calls.length, base: null, cards: initiatives, order: null };
        }
        case "initiative_detail": {
          if (args.id === data.detail.initiative.id) return structuredClone(data.detail);
          const card = data.board.initiatives.find((c) => c.id === args.id);
          if (!card) return refuse("not_found", "That initiative no longer exists.");
          return {
            ...structuredClone(data.detail),
            card,
            initiative: { ...data.detail.initiative, id: card.id, title: card.title },
          };
        }
        case "apply":
          created += 1;
          return saved(`00000000-0000-7000-8000-${String(created).padStart(12, "0")}`);
        case "roadmap":
          return structuredClone(data.roadmap);
        case "slip":
          return structuredClone(data.slip);
        case "raci_matrix":
          return structuredClone(data.raci);
        case "choose_export_file":
          return `/home/dana/Documents/roadmap.${String(args.format)}`;
        case "export_roadmap":
          return String(args.path);
        case "templates":
        case "baselines":
          return [];
        case "move_task":
        case "open_evidence":
        case "save_filters":
        case "save_roadmap_settings":
          return null;
        case "backups":
        case "restore_backup":
        case "deleted_initiatives":
          return [];
        case "find_items":
          return [];
        case "sync_status":
          return makeSyncStatus();
        case "conflicts":
        case "needs_attention":
          return [];
        case "session":
          return state.session;
        case "set_me":
          state.session = {
            ...state.session,
            settings: { ...state.session.settings, me: args.personId as string | null },
          };
          return state.session;
        case "save_appearance":
          state.session = {
            ...state.session,
            settings: { ...state.session.settings, appearance: args.appearance as Appearance },
          };
          return state.session;
        case "open_board": {
          const path = String(args.path);
          const recent = [path, ...state.session.settings.recent_boards.filter((p) => p !== path)];
          state.session = {
            ...state.session,
            board_path: path,
            settings: { ...state.session.settings, recent_boards: recent },
          };
          return state.session;
        }
        case "open_sample_board":
          return state.session;
        case "choose_board_file":
        case "choose_import_file":
          return null;
        case "import_board":
          state.session = { ...state.session, board_path: String(args.target) };
          return state.session;
        default:
          return refuse("internal", `unexpected command ${cmd}`);
      }
    },
    { shouldMockEvents: true },
  );
  // mockIPC's event mock has no unregisterListener, which `unlisten()` calls on teardown.
  const internals = (window as unknown as { __TAURI_EVENT_PLUGIN_INTERNALS__: Record<string, unknown> }).__TAURI_EVENT_PLUGIN_INTERNALS__;
  internals.unregisterListener ??= () => {};

  return {
    data,
    /** The desktop's session as the Rust side holds it; a test may change it behind the UI's back. */
    state,
    calls,
    /** The calls of one command, in order. */
    callsOf: (cmd: string) => calls.filter((c) => c.cmd === cmd),
    /** What the Rust side emits after a write or when another process changed the file. */
    emitChanged: (reason = "external") => emit("board-changed", { reason }),
  };
}

// Light or dark: resolves the Settings choice ("system", "light", "dark") against the system's
// prefers-color-scheme, puts the result on <html data-theme="light|dark"> (app.css holds the two
// palettes) and keeps following the system while the choice is "system". It also gives department
// colours, which users choose, their text colour and a line colour that reads in the current mode.
import type { Theme } from "./bindings";
import { AA_NON_TEXT, ensureContrast, textOn } from "./contrast";

export type Mode = "light" | "dark";

/**
 * The palette's surfaces a department colour is drawn on, per mode (--surface, --bg and
 * --surface-muted in app.css). The palette test keeps these and CHIP_TEXT equal to the file.
 */
export const SURFACES: Record<Mode, string[]> = {
  light: ["#ffffff", "#f8fafc", "#f1f5f9"],
  dark: ["#1e293b", "#0f172a", "#162032"],
};
/** The text written on a department colour, dark or light (--text and --header-text). */
export const CHIP_TEXT = { dark: "#0f172a", light: "#f8fafc" };

const DARK_QUERY = "(prefers-color-scheme: dark)";
// The last choice, remembered in the webview so the first paint already has it (the session, which
// holds the setting, arrives a moment later). Only a cache: the setting stays the truth.
const CACHE_KEY = "bridgeboard.theme";

function cachedChoice(): Theme {
  try {
    const cached = globalThis.localStorage?.getItem(CACHE_KEY);
    return cached === "light" || cached === "dark" ? cached : "system";
  } catch {
    return "system";
  }
}

class ThemeState {
  choice = $state<Theme>(cachedChoice());
  systemDark = $state(false);
  readonly mode: Mode = $derived(this.choice === "system" ? (this.systemDark ? "dark" : "light") : this.choice);
  #watching = false;

  /** Applies a choice to the window: at start (the cached one), then whenever the session changes. */
  apply(choice: Theme) {
    this.#watch();
    this.choice = choice;
    if (typeof document !== "undefined") document.documentElement.dataset.theme = this.mode;
    try {
      globalThis.localStorage?.setItem(CACHE_KEY, choice);
    } catch {
      // No storage (a locked-down webview): the first paint follows the system instead.
    }
  }

  #watch() {
    if (this.#watching || typeof window === "undefined" || !window.matchMedia) return;
    this.#watching = true;
    const query = window.matchMedia(DARK_QUERY);
    this.systemDark = query.matches;
    query.addEventListener?.("change", (e) => {
      this.systemDark = e.matches;
      document.documentElement.dataset.theme = this.mode;
    });
  }
}

export const theme = new ThemeState();

export type DepartmentColours = {
  /** The colour itself, as the user chose it: a chip's background. */
  fill: string;
  /** Text on `fill`, at least 4.5:1. */
  on: string;
  /** The colour as a stripe, border or timeline bar on the page: at least 3:1 against its surfaces. */
  line: string;
  /** Text on `line` (a timeline bar's tag), at least 4.5:1. */
  onLine: string;
};

/** A department colour's companions for `mode` (the current one unless told). */
export function departmentColours(colour: string, mode: Mode = theme.mode): DepartmentColours {
  const line = ensureContrast(colour, SURFACES[mode], AA_NON_TEXT);
  return { fill: colour, on: textOn(colour, CHIP_TEXT.dark, CHIP_TEXT.light), line, onLine: textOn(line, CHIP_TEXT.dark, CHIP_TEXT.light) };
}

/** The CSS variables a component styles a department with: --dept (line), --dept-fill, --dept-on. */
export function departmentStyle(colour: string, mode: Mode = theme.mode): string {
  const c = departmentColours(colour, mode);
  return `--dept: ${c.line}; --dept-fill: ${c.fill}; --dept-on: ${c.on}`;
}

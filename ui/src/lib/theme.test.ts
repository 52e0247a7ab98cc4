import { beforeAll, expect, test, vi } from "vitest";
import { AA_NON_TEXT, AA_TEXT, contrastRatio } from "./contrast";
import { departmentColours, departmentStyle, SURFACES, theme } from "./theme.svelte";

// jsdom has no matchMedia: a system whose dark setting the test flips.
let systemDark = false;
const listeners: ((e: { matches: boolean }) => void)[] = [];
function flipSystem(dark: boolean) {
  systemDark = dark;
  for (const l of listeners) l({ matches: dark });
}
beforeAll(() => {
  window.matchMedia = ((query: string) => ({
    matches: query.includes("dark") && systemDark,
    addEventListener: (_: string, l: (e: { matches: boolean }) => void) => listeners.push(l),
  })) as unknown as typeof window.matchMedia;
});

const applied = () => document.documentElement.dataset.theme;

test("the theme choice is resolved onto <html data-theme>, System following the system as it changes", () => {
  theme.apply("system");
  expect(applied(), "System on a light system is light").toBe("light");
  flipSystem(true);
  expect(applied(), "System follows the system to dark without a restart").toBe("dark");
  theme.apply("light");
  expect(applied(), "Light wins over a dark system").toBe("light");
  flipSystem(false);
  flipSystem(true);
  expect(applied(), "a change of the system does not override Light").toBe("light");
  theme.apply("dark");
  expect(applied()).toBe("dark");
  expect(theme.mode).toBe("dark");
  theme.apply("system");
  expect(applied(), "back to System on a dark system").toBe("dark");
});

// Colours a user might pick for a department: pale, saturated, dark, and the defaults.
const PICKED = ["#7c3aed", "#0f766e", "#fde047", "#a5f3fc", "#ffffff", "#000000", "#1e3a8a", "#ef4444", "#22c55e", "#f472b6", "#777777"];

test.each(["light", "dark"] as const)("%s: every department colour gets readable text and a line that stands out", (mode) => {
  for (const picked of PICKED) {
    const c = departmentColours(picked, mode);
    expect(c.fill, "a chip shows the colour as chosen").toBe(picked);
    expect(contrastRatio(c.on, c.fill), `${mode}: text on ${picked}`).toBeGreaterThanOrEqual(AA_TEXT);
    for (const surface of SURFACES[mode]) {
      expect(contrastRatio(c.line, surface), `${mode}: ${picked} as a stripe or bar on ${surface}`).toBeGreaterThanOrEqual(AA_NON_TEXT);
    }
    expect(contrastRatio(c.onLine, c.line), `${mode}: a bar's tag on ${picked}`).toBeGreaterThanOrEqual(AA_TEXT);
  }
});

test("a department's CSS variables, and a palette variable passed through", () => {
  expect(departmentStyle("#fde047", "light")).toMatch(/^--dept: #[0-9a-f]{6}; --dept-fill: #fde047; --dept-on: #0f172a$/);
  expect(departmentStyle("var(--dept-it)", "dark")).toBe("--dept: var(--dept-it); --dept-fill: var(--dept-it); --dept-on: var(--text)");
});

test("the last choice is remembered for the next start's first paint, before the session arrives", async () => {
  theme.apply("dark");
  vi.resetModules();
  const fresh = await import("./theme.svelte");
  expect(fresh.theme.choice, "a new window starts with the last choice, not a flash of the other mode").toBe("dark");
  fresh.theme.apply("light");
  vi.resetModules();
  expect((await import("./theme.svelte")).theme.choice).toBe("light");
});

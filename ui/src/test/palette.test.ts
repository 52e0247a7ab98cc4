// The palette in app.css is the only place a colour is written: this test refuses a colour literal
// anywhere else in the UI's styles and markup, and checks that the pairs of variables drawn
// together reach WCAG AA in both the light and the dark palette.
import { expect, test } from "vitest";
import { AA_NON_TEXT, AA_TEXT, contrastRatio, parseHex, type Rgb } from "../lib/contrast";
import { CHIP_TEXT, departmentColours, SURFACES } from "../lib/theme.svelte";

// Every component's source, as text (Vite reads them at build time).
const SOURCES = import.meta.glob("../**/*.svelte", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
// Vitest hands CSS imports over empty, so the stylesheet is read from disk (node's fs, untyped
// here: the UI has no Node types).
const fs = (await import("node:" + "fs")) as { readFileSync(path: string, encoding: "utf8"): string };
const here = (import.meta as ImportMeta & { dirname: string }).dirname;
const CSS = fs.readFileSync(`${here}/../app.css`, "utf8");

const COLOUR =
  /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(|\b(?:white|black|red|green|blue|gray|grey|orange|yellow|purple|silver|navy|teal|maroon)\b/gi;

/** Comments blanked out (line numbers kept): "red" in a sentence is not a colour. */
function withoutComments(text: string): string {
  return text.replace(/<!--[\s\S]*?-->|\/\*[\s\S]*?\*\/|\/\/.*$/gm, (c) => c.replace(/[^\n]/g, " "));
}

/** The variable blocks of app.css: `:root { ... }` (light) and `:root[data-theme="dark"] { ... }`. */
function block(selector: string): string {
  const start = CSS.indexOf(selector + " {");
  expect(start, `app.css has a ${selector} block`).toBeGreaterThanOrEqual(0);
  return CSS.slice(start, CSS.indexOf("\n}", start));
}

function variables(selector: string): Map<string, string> {
  return new Map([...block(selector).matchAll(/^\s*(--[a-z0-9-]+):\s*([^;]+);/gm)].map((m) => [m[1], m[2].trim()]));
}

const LIGHT = variables(":root");
const DARK = variables(':root[data-theme="dark"]');
const PALETTES = { light: LIGHT, dark: DARK } as const;

function colour(palette: Map<string, string>, name: string): Rgb {
  const value = palette.get(name);
  const rgb = value ? parseHex(value) : null;
  if (!rgb) throw new Error(`${name} is not a #rrggbb colour in the palette: ${value}`);
  return rgb;
}

test("no colour is written outside the palette: components use its variables", () => {
  const found: string[] = [];
  expect(Object.keys(SOURCES).length, "the components were found").toBeGreaterThan(50);
  for (const [file, source] of Object.entries(SOURCES)) {
    withoutComments(source)
      .split("\n")
      .forEach((line, i) => {
        for (const m of line.replace(/white-space/g, "").matchAll(COLOUR)) found.push(`${file.replace("../", "src/")}:${i + 1}: ${m[0]}`);
      });
  }
  const outside = withoutComments(CSS.replace(block(":root"), "").replace(block(':root[data-theme="dark"]'), ""));
  for (const m of outside.replace(/white-space/g, "").matchAll(COLOUR)) found.push(`app.css (outside the palette): ${m[0]}`);
  expect(found, "every colour comes from a variable in app.css's palette (add one there if none fits)").toEqual([]);
});

test("the light and the dark palette define the same variables", () => {
  const light = [...LIGHT.keys()].filter((k) => !k.startsWith("--dept-")).sort();
  expect(
    [...DARK.keys()].filter((k) => !k.startsWith("--dept-")).sort(),
    "a variable missing in one mode would fall back to the other",
  ).toEqual(light);
  for (const used of ["--surface-raised", "--text", "--border", "--shadow", "--surface-hover"]) {
    expect(LIGHT.has(used), `${used} is used by the components`).toBe(true);
  }
});

test("the surfaces department colours are adjusted against are the palette's", () => {
  for (const [mode, palette] of Object.entries(PALETTES)) {
    const surfaces = ["--surface", "--bg", "--surface-muted"].map((v) => palette.get(v));
    expect(surfaces, `${mode}: lib/theme.svelte.ts SURFACES matches app.css`).toEqual(SURFACES[mode as "light" | "dark"]);
  }
  expect([CHIP_TEXT.dark, CHIP_TEXT.light], "text on a department colour is the palette's").toEqual([
    LIGHT.get("--text"),
    LIGHT.get("--header-text"),
  ]);
});

// [foreground, backgrounds it is drawn on, minimum ratio, why]
const PAIRS: [string, string[], number][] = [
  ["--text", ["--surface", "--bg", "--surface-muted", "--surface-raised", "--surface-hover"], AA_TEXT],
  ["--text-soft", ["--surface", "--bg", "--surface-muted", "--surface-raised"], AA_TEXT],
  ["--text-muted", ["--surface", "--bg", "--surface-muted", "--surface-raised"], AA_TEXT],
  ["--accent-text", ["--accent", "--accent-hover"], AA_TEXT],
  ["--accent-fg", ["--surface", "--bg", "--surface-muted"], AA_TEXT],
  ["--accent-surface-text", ["--accent-surface", "--accent-surface-strong"], AA_TEXT],
  ["--text", ["--accent-surface", "--accent-surface-strong"], AA_TEXT],
  ["--text-soft", ["--surface-hover", "--accent-surface", "--accent-surface-strong"], AA_TEXT],
  ["--text-muted", ["--accent-surface"], AA_TEXT],
  ["--danger", ["--accent-surface"], AA_TEXT],
  ["--focus", ["--surface", "--bg", "--surface-muted", "--header-bg"], AA_NON_TEXT],
  ["--control-border", ["--surface", "--bg"], AA_NON_TEXT],
  ["--danger", ["--surface", "--bg", "--surface-muted"], AA_TEXT],
  ["--danger-text", ["--danger-surface", "--danger-surface-strong"], AA_TEXT],
  ["--danger-solid-text", ["--danger-solid"], AA_TEXT],
  ["--danger-solid", ["--surface", "--bg"], AA_NON_TEXT],
  ["--caution", ["--surface", "--bg"], AA_TEXT],
  ["--caution-text", ["--surface", "--caution-surface"], AA_TEXT],
  ["--warning-text", ["--surface", "--warning-surface"], AA_TEXT],
  ["--warning", ["--surface", "--bg"], AA_NON_TEXT],
  ["--success", ["--surface", "--bg"], AA_TEXT],
  ["--success-text", ["--surface", "--success-surface"], AA_TEXT],
  ["--text", ["--warning-surface", "--danger-surface", "--success-surface", "--caution-surface"], AA_TEXT],
  ["--header-text", ["--header-bg", "--header-hover"], AA_TEXT],
  ["--header-muted", ["--header-bg", "--header-hover"], AA_TEXT],
  ["--header-bg", ["--header-text"], AA_TEXT],
  ["--surface", ["--text", "--text-soft"], AA_TEXT],
  ["--bar-initiative", ["--surface", "--bg"], AA_NON_TEXT],
  ["--bar-late", ["--surface", "--bg"], AA_NON_TEXT],
  ["--border-strong", ["--surface"], 1.5],
];

test.each(Object.entries(PALETTES))("the %s palette's pairs reach WCAG AA (4.5:1 text, 3:1 lines and focus)", (mode, palette) => {
  const failures: string[] = [];
  for (const [fg, bgs, min] of PAIRS) {
    for (const bg of bgs) {
      const ratio = contrastRatio(colour(palette, fg), colour(palette, bg));
      if (ratio < min) failures.push(`${fg} on ${bg}: ${ratio.toFixed(2)} < ${min}`);
    }
  }
  expect(failures, `${mode}: pairs drawn together must be readable`).toEqual([]);
});

test.each(Object.entries(PALETTES))("%s: late and blocked red stays distinguishable from on-track and from caution", (mode, palette) => {
  const reddish = ([r, g, b]: Rgb) => r - Math.max(g, b) >= 60;
  const hue = ([r, g, b]: Rgb) => {
    const max = Math.max(r, g, b);
    const d = max - Math.min(r, g, b);
    const h = d === 0 ? 0 : max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    return (h * 60 + 360) % 360;
  };
  const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  for (const red of ["--bar-late", "--danger", "--danger-solid"]) {
    expect(reddish(colour(palette, red)), `${mode}: ${red} reads as red`).toBe(true);
  }
  expect(reddish(colour(palette, "--bar-initiative")), `${mode}: an on-track bar is not red`).toBe(false);
  expect(
    distance(colour(palette, "--bar-late"), colour(palette, "--bar-initiative")),
    `${mode}: late and on-track bars differ clearly`,
  ).toBeGreaterThan(120);
  expect(
    Math.abs(hue(colour(palette, "--danger-surface")) - hue(colour(palette, "--caution-surface"))),
    `${mode}: a blocked badge (red) and a high-priority or conflict badge (orange) differ in hue`,
  ).toBeGreaterThanOrEqual(15);
});

test.each(Object.entries(PALETTES))(
  "%s: an owner chip's text reads on its department's tint, whatever colour was chosen",
  (mode, palette) => {
    // OwnerChip: background color-mix(in srgb, var(--dept) 9%, var(--surface)), role in --text-soft, name in --text.
    const surface = colour(palette, "--surface");
    for (const picked of ["#7c3aed", "#0f766e", "#000000", "#ffffff", "#fde047", "#1e3a8a", "#ef4444"]) {
      const line = parseHex(departmentColours(picked, mode as "light" | "dark").line)!;
      const tint = surface.map((c, i) => 0.09 * line[i] + 0.91 * c) as Rgb;
      for (const text of ["--text", "--text-soft"]) {
        expect(contrastRatio(colour(palette, text), tint), `${mode}: ${text} on a ${picked} chip`).toBeGreaterThanOrEqual(AA_TEXT);
      }
    }
  },
);

// WCAG 2.1 colour contrast, for colours the app does not choose itself (a department's colour is
// picked by a user): relative luminance, contrast ratio, the text colour that reads on a colour,
// and a colour moved in lightness until it stands out from the backgrounds it is drawn on.
// Pure functions over `#rgb` / `#rrggbb` strings; anything else (a CSS variable) is passed
// through untouched, since it comes from the palette, which its own test keeps at AA.

/** WCAG's minimum ratios: normal text, and graphics or borders that carry meaning. */
export const AA_TEXT = 4.5;
export const AA_NON_TEXT = 3;

export type Rgb = [number, number, number];

/** `#rgb` or `#rrggbb` (any case) as 0–255 channels, or null for anything else. */
export function parseHex(colour: string): Rgb | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

export function toHex([r, g, b]: Rgb): string {
  return (
    "#" +
    [r, g, b]
      .map((c) =>
        Math.round(Math.min(255, Math.max(0, c)))
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")
  );
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The contrast ratio of two colours, 1 to 21, whichever is lighter. */
export function contrastRatio(a: Rgb | string, b: Rgb | string): number {
  const la = luminance(typeof a === "string" ? must(a) : a);
  const lb = luminance(typeof b === "string" ? must(b) : b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function must(colour: string): Rgb {
  const rgb = parseHex(colour);
  if (!rgb) throw new Error(`not a #rrggbb colour: ${colour}`);
  return rgb;
}

/**
 * The text colour for a background: the first of `dark` and `light` (the palette's own text
 * colours, say) that reaches `min`, trying the one with more contrast first; black or white when
 * neither does (one of them always reaches 4.5:1).
 */
export function textOn(background: string, dark = "#000000", light = "#ffffff", min = AA_TEXT): string {
  const bg = parseHex(background);
  if (!bg) return "var(--text)";
  const [first, second] = contrastRatio(bg, must(dark)) >= contrastRatio(bg, must(light)) ? [dark, light] : [light, dark];
  if (contrastRatio(bg, must(first)) >= min) return first;
  if (contrastRatio(bg, must(second)) >= min) return second;
  return contrastRatio(bg, [0, 0, 0]) >= contrastRatio(bg, [255, 255, 255]) ? "#000000" : "#ffffff";
}

/**
 * `colour`, made darker (on light backgrounds) or lighter (on dark ones) in HSL lightness, hue and
 * saturation kept, until it reaches `min` against every one of `backgrounds`; unchanged when it
 * already does. The backgrounds of one mode are all light or all dark.
 */
export function ensureContrast(colour: string, backgrounds: string[], min: number): string {
  const rgb = parseHex(colour);
  if (!rgb || backgrounds.length === 0) return colour;
  const bgs = backgrounds.map(must);
  const worst = (c: Rgb) => Math.min(...bgs.map((bg) => contrastRatio(c, bg)));
  if (worst(rgb) >= min) return toHex(rgb);
  const darkBackgrounds = bgs.reduce((sum, bg) => sum + luminance(bg), 0) / bgs.length < 0.18;
  const [h, s, l] = toHsl(rgb);
  // Binary search on lightness between the colour's own and the far end (white or black).
  let near = l;
  let far = darkBackgrounds ? 1 : 0;
  for (let i = 0; i < 24; i++) {
    const mid = (near + far) / 2;
    if (worst(fromHsl(h, s, mid)) >= min) far = mid;
    else near = mid;
  }
  return toHex(fromHsl(h, s, far));
}

function toHsl([r, g, b]: Rgb): [number, number, number] {
  const [rn, gn, bn] = [r / 255, g / 255, b / 255];
  const max = Math.max(rn, gn, bn);
  const min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === rn ? (gn - bn) / d + (gn < bn ? 6 : 0) : max === gn ? (bn - rn) / d + 2 : (rn - gn) / d + 4;
  return [h / 6, s, l];
}

function fromHsl(h: number, s: number, l: number): Rgb {
  if (s === 0) return [0, 0, 0].map(() => Math.round(l * 255)) as Rgb;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  // Rounded so that what is checked is what is drawn.
  return [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)].map((c) => Math.round(c * 255)) as Rgb;
}

import { expect, test } from "vitest";
import { AA_NON_TEXT, AA_TEXT, contrastRatio, ensureContrast, luminance, parseHex, textOn } from "./contrast";

test("relative luminance and contrast ratios match WCAG's known values", () => {
  expect(luminance([0, 0, 0]), "black has no luminance").toBe(0);
  expect(luminance([255, 255, 255]), "white has all of it").toBeCloseTo(1, 10);
  expect(contrastRatio("#000000", "#ffffff"), "black on white is the maximum").toBeCloseTo(21, 10);
  expect(contrastRatio("#fff", "#000"), "the order of the pair does not matter").toBeCloseTo(21, 10);
  expect(contrastRatio("#777777", "#ffffff"), "#777 on white just misses AA").toBeCloseTo(4.48, 2);
  expect(contrastRatio("#767676", "#ffffff"), "#767676 is the lightest grey that passes on white").toBeGreaterThanOrEqual(AA_TEXT);
  expect(contrastRatio("#0000ff", "#ffffff"), "pure blue on white").toBeCloseTo(8.59, 2);
  expect(contrastRatio("#abcdef", "#abcdef"), "a colour on itself").toBe(1);
});

test("only #rgb and #rrggbb colours are parsed", () => {
  expect(parseHex("#0f0")).toEqual([0, 255, 0]);
  expect(parseHex("#7C3AED")).toEqual([124, 58, 237]);
  expect(parseHex("var(--dept-it)"), "a palette variable is not a colour to adjust").toBeNull();
  expect(parseHex("#12345")).toBeNull();
});

test("text on a colour reaches 4.5:1, dark on light colours and light on dark ones", () => {
  expect(textOn("#ffff00"), "yellow takes dark text").toBe("#000000");
  expect(textOn("#1e3a8a"), "navy takes light text").toBe("#ffffff");
  expect(textOn("#fde68a", "#0f172a", "#f8fafc"), "the palette's own text colours are preferred").toBe("#0f172a");
  // Every grey and every hue at a few lightnesses: the chosen text always reaches AA.
  for (let v = 0; v <= 255; v += 5) {
    const grey = "#" + v.toString(16).padStart(2, "0").repeat(3);
    expect(contrastRatio(grey, textOn(grey, "#0f172a", "#f8fafc")), `text on ${grey}`).toBeGreaterThanOrEqual(AA_TEXT);
  }
  for (const c of ["#7c3aed", "#0f766e", "#ef4444", "#22c55e", "#3b82f6", "#f59e0b", "#ec4899", "#777777"]) {
    expect(contrastRatio(c, textOn(c, "#0f172a", "#f8fafc")), `text on ${c}`).toBeGreaterThanOrEqual(AA_TEXT);
  }
  expect(textOn("var(--dept-it)"), "a palette variable keeps the palette's text").toBe("var(--text)");
});

test("a colour drawn on the page is darkened on light backgrounds and lightened on dark ones until it stands out", () => {
  const light = ["#ffffff", "#f1f5f9"];
  const dark = ["#1e293b", "#0f172a"];
  expect(ensureContrast("#0f766e", light, AA_NON_TEXT), "a colour that already stands out is kept").toBe("#0f766e");
  for (const c of ["#fde047", "#a5f3fc", "#ffffff", "#7c3aed", "#0f172a", "#000000", "#777777", "#ef4444"]) {
    const onLight = ensureContrast(c, light, AA_NON_TEXT);
    const onDark = ensureContrast(c, dark, AA_NON_TEXT);
    for (const bg of light) expect(contrastRatio(onLight, bg), `${c} → ${onLight} on ${bg}`).toBeGreaterThanOrEqual(AA_NON_TEXT);
    for (const bg of dark) expect(contrastRatio(onDark, bg), `${c} → ${onDark} on ${bg}`).toBeGreaterThanOrEqual(AA_NON_TEXT);
    const asText = ensureContrast(c, light, AA_TEXT);
    for (const bg of light) expect(contrastRatio(asText, bg), `${c} as text on ${bg}`).toBeGreaterThanOrEqual(AA_TEXT);
  }
  const yellow = parseHex(ensureContrast("#fde047", light, AA_NON_TEXT))!;
  expect(yellow[0] > yellow[2] && yellow[1] > yellow[2], "darkening keeps the hue: a yellow stays yellowish").toBe(true);
  expect(ensureContrast("var(--dept-it)", light, AA_NON_TEXT), "a palette variable is passed through").toBe("var(--dept-it)");
});

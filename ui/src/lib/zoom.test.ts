import { describe, expect, it } from "vitest";
import { stepZoom, zoomKey } from "./zoom";

const key = (key: string, init: KeyboardEventInit = { ctrlKey: true }) => new KeyboardEvent("keydown", { key, ...init });

describe("page zoom", () => {
  it("steps through the browser's zoom levels and stops at the ends", () => {
    expect(stepZoom(100, 1)).toBe(110);
    expect(stepZoom(175, 1)).toBe(200);
    expect(stepZoom(100, -1)).toBe(90);
    expect(stepZoom(300, 1), "300 % is the largest").toBe(300);
    expect(stepZoom(50, -1), "50 % is the smallest").toBe(50);
    expect(stepZoom(200, 0), "Ctrl+0 goes back to 100 %").toBe(100);
    expect(stepZoom(133, 1), "a zoom between steps goes to the next step").toBe(150);
  });

  it("reads Ctrl+=, Ctrl++, Ctrl+- and Ctrl+0, and nothing without Ctrl", () => {
    expect(zoomKey(key("="))).toBe(1);
    expect(zoomKey(key("+", { ctrlKey: true, shiftKey: true }))).toBe(1);
    expect(zoomKey(key("-"))).toBe(-1);
    expect(zoomKey(key("0"))).toBe(0);
    expect(zoomKey(key("=", {})), "a plain = is typed, not a zoom").toBeNull();
    expect(zoomKey(key("s")), "Ctrl+S is not a zoom").toBeNull();
  });
});

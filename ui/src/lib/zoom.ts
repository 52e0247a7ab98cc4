// The page zoom steps offered by Ctrl+= and Ctrl+-, as a browser offers them; Ctrl+0 goes back
// to 100 %. The Rust side applies the zoom to the window and remembers it on this desktop.
export const ZOOM_STEPS = [50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300] as const;

/** The zoom after one step in `direction` (+1 larger, -1 smaller, 0 back to 100 %). */
export function stepZoom(current: number, direction: 1 | -1 | 0): number {
  if (direction === 0) return 100;
  if (direction > 0) return ZOOM_STEPS.find((step) => step > current) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1];
  return [...ZOOM_STEPS].reverse().find((step) => step < current) ?? ZOOM_STEPS[0];
}

/** The zoom direction a key press asks for, or null: Ctrl (or Cmd) with =, +, - or 0. */
export function zoomKey(event: KeyboardEvent): 1 | -1 | 0 | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  if (event.key === "=" || event.key === "+") return 1;
  if (event.key === "-" || event.key === "_") return -1;
  if (event.key === "0") return 0;
  return null;
}

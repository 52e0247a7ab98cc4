//! The window's keyboard shortcuts. Card shortcuts act on the selected card and only when focus
//! is on the board (a card or nothing), never while the person types in a field. On the roadmap,
//! a focused bar handles its own keys (arrows, Enter); the window adds c, s and r.
import type { InitiativeStatus } from "./bindings";
import type { AppStore } from "./stores/app.svelte";
import { STATUSES } from "./labels";
import { stepZoom, zoomKey } from "./zoom";

export type ShortcutContext = {
  app: AppStore;
  focusFilter: () => void;
  focusSlip?: () => void;
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName);
}

function onBoard(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  return target === document.body || target.dataset.testid === "card";
}

/** Closes the top-most thing open; returns whether anything was closed. */
function closeTop(app: AppStore): boolean {
  if (app.ui.overlay) {
    app.ui.overlay = null;
    return true;
  }
  if (app.ui.cardMessage) {
    app.ui.cardMessage = null;
    return true;
  }
  if (app.ui.mode === "roadmap" && app.roadmap.message) {
    app.roadmap.message = null;
    return true;
  }
  if (app.detail.openId) {
    app.detail.close();
    // Focus goes back to the selected card or bar.
    if (app.ui.mode === "roadmap") app.roadmap.focusTick++;
    else app.ui.focusTick++;
    return true;
  }
  return false;
}

/** Roadmap keys that are not the focused bar's own: c, s, and an arrow with nothing selected. */
function roadmapShortcut(event: KeyboardEvent, { app, focusSlip }: ShortcutContext): boolean {
  const key = event.key;
  if (key === "c") {
    void app.roadmap.setView({ showCritical: !app.roadmap.showCritical });
  } else if (key === "s") {
    focusSlip?.();
  } else if ((key === "ArrowDown" || key === "ArrowUp") && onBoard(event.target)) {
    const first = document.querySelector<HTMLElement>('[data-testid="bar"]')?.dataset.id;
    if (first) app.roadmap.select(app.roadmap.selectedId ?? first, true);
  } else {
    return false;
  }
  return true;
}

export function handleShortcut(event: KeyboardEvent, context: ShortcutContext): void {
  const { app, focusFilter } = context;
  if (event.defaultPrevented) return;
  const zoom = zoomKey(event);
  if (zoom !== null) {
    event.preventDefault();
    void app.session.setAppearance({
      zoom_percent: stepZoom(app.session.current?.settings.appearance.zoom_percent ?? 100, zoom),
    });
    return;
  }
  if (event.ctrlKey || event.metaKey) return;
  if (event.key === "Escape") {
    // A confirm dialog inside a panel handles its own Escape first.
    if (document.querySelector('[data-testid="confirm"]')) return;
    if (closeTop(app)) event.preventDefault();
    return;
  }
  if (isTyping(event.target) || event.altKey) return;
  if (app.ui.overlay) return;

  const key = event.key;
  if (key === "r") {
    void app.toggleMode();
  } else if (app.ui.mode === "roadmap") {
    if (key === "?") app.ui.overlay = "help";
    else if (key === "n") app.ui.overlay = "new-initiative";
    else if (!roadmapShortcut(event, context)) return;
  } else if (key === "?") {
    app.ui.overlay = "help";
  } else if (key === "n") {
    app.ui.overlay = "new-initiative";
  } else if (key === "/") {
    focusFilter();
  } else if (!onBoard(event.target)) {
    return;
  } else if (key === "ArrowUp" || key === "ArrowDown" || key === "ArrowLeft" || key === "ArrowRight") {
    app.moveSelection(key);
  } else if (!app.ui.selectedId) {
    return;
  } else if (key >= "1" && key <= "5") {
    const status: InitiativeStatus = STATUSES[Number(key) - 1];
    void app.setStatus(app.ui.selectedId, status).then(() => app.ui.focusTick++);
  } else if (key === "[" || key === "]") {
    void app.shiftStatus(app.ui.selectedId, key === "[" ? -1 : 1).then(() => app.ui.focusTick++);
  } else if (key === "Enter") {
    void app.openDetail(app.ui.selectedId);
  } else {
    return;
  }
  event.preventDefault();
}

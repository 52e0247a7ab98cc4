//! The window's keyboard shortcuts. Card shortcuts act on the selected card and only when focus
//! is on the board (a card or nothing), never while the person types in a field.
import type { InitiativeStatus } from "./bindings";
import type { AppStore } from "./stores/app.svelte";
import { STATUSES } from "./labels";

export type ShortcutContext = {
  app: AppStore;
  focusFilter: () => void;
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
  if (app.detail.openId) {
    app.detail.close();
    app.ui.focusTick++; // focus goes back to the selected card
    return true;
  }
  return false;
}

export function handleShortcut(event: KeyboardEvent, { app, focusFilter }: ShortcutContext): void {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
  if (event.key === "Escape") {
    // A confirm dialog inside a panel handles its own Escape first.
    if (document.querySelector('[data-testid="confirm"]')) return;
    if (closeTop(app)) event.preventDefault();
    return;
  }
  if (isTyping(event.target) || event.altKey) return;
  if (app.ui.overlay) return;

  const key = event.key;
  if (key === "?") {
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

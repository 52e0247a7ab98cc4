// Vitest setup: unmount components first (their teardown unlistens from Tauri events), then drop
// the Tauri mocks, so every test starts clean.
import { afterEach } from "vitest";
import { cleanup } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";

// jsdom has no layout, so no ResizeObserver (Svelte's bind:clientHeight uses it). Sizes stay 0,
// which the virtualized column treats as "assume a typical window height".
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

afterEach(() => {
  cleanup();
  clearMocks();
});

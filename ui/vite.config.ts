// Vite builds the UI into ui/dist (tauri.conf.json's frontendDist) and serves it on the port
// tauri.conf.json's devUrl expects. Vitest shares this file so tests compile Svelte the same way.
import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

export default defineConfig({
  // svelteTesting only acts under Vitest: browser build of Svelte, DOM cleanup after each test.
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test/setup.ts"],
  },
});

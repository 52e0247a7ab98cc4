// The hello-world app's UI, built like Bridgeboard's (ui/vite.config.ts): Svelte 5, es2022, into dist/.
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
});

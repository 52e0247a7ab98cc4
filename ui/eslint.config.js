// Lint rules for the UI: ESLint's and typescript-eslint's recommended sets, and eslint-plugin-svelte's
// (Svelte 5 runes aware) for components. Formatting is Prettier's job, not ESLint's.
import js from "@eslint/js";
import svelte from "eslint-plugin-svelte";
import globals from "globals";
import ts from "typescript-eslint";

export default ts.config(
  { ignores: ["dist/", "node_modules/", "src/lib/bindings/"] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: {
      parserOptions: {
        extraFileExtensions: [".svelte"],
        parser: ts.parser,
      },
    },
  },
  {
    rules: {
      // Text from the database is always rendered as text, never as HTML.
      "svelte/no-at-html-tags": "error",
      // Svelte drops whitespace at the start and end of an element, so {" "} is how a space
      // before an inline element is kept ("Priya Raman (owner)").
      "svelte/no-useless-mustaches": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);

// @ts-check
import eslintPluginAstro from "eslint-plugin-astro";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: [
      "dist/",
      "dist.*/",
      ".test-site/",
      ".astro/",
      "node_modules/",
      "test-results/",
      "playwright-report/",
      "public/",
      "bench-results/",
      "coverage/",
      ".test-studio/",
      "**/*.trash-*/",
      "**/*.skeleton/",
      "**/*.skeleton.emptying-*/",
    ],
  },
  ...tseslint.configs.recommended,
  ...eslintPluginAstro.configs.recommended,
  // TypeScript files get the type-aware rules too: floating promises, unsafe any, misused promises …
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);

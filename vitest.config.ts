import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: process.env["CI"] ? ["default", ["junit", { outputFile: "test-results/unit-junit.xml" }]] : ["default"],
    pool: "forks",
    maxWorkers: 2,
    // `npm test` runs with --coverage: the logic in src/lib and src/primitives must stay tested
    // (measured 2026-12-01: 86 % statements, 76 % branches, 84 % functions, 88 % lines).
    coverage: {
      provider: "v8",
      include: ["src/lib/**", "src/primitives/**"],
      reporter: ["text-summary"],
      thresholds: { statements: 80, branches: 70, functions: 80, lines: 80 },
    },
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: process.env["CI"] ? ["default", ["junit", { outputFile: "test-results/unit-junit.xml" }]] : ["default"],
    pool: "forks",
    maxWorkers: 2,
  },
});

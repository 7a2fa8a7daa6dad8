import { defineConfig } from "@playwright/test";
import { STUDIO } from "./tests/studio/setup.ts";

/** The workbench's browser tests: one server with shared state, so one worker, in file order. */
const executablePath = process.env["WENMING_CHROMIUM"] || undefined;

export default defineConfig({
  testDir: "tests/studio",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  reporter: process.env["CI"] ? [["list"], ["junit", { outputFile: "test-results/studio-junit.xml" }]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${STUDIO.port}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    browserName: "chromium",
    acceptDownloads: true,
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    },
  },
  webServer: {
    command: "node tests/studio/serve.ts",
    url: `http://127.0.0.1:${STUDIO.port}/login`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { ASTRO_TELEMETRY_DISABLED: "1" },
  },
});

/**
 * npm test: every test, on a fresh machine too.
 *  1. finds a usable Chromium (scripts/lib/chromium.ts: Playwright's own, or
 *     Debian's /usr/bin/chromium, installed with apt when run as root);
 *  2. runs the code checks (npm run check) and the unit and integration tests (Vitest, with
 *     coverage thresholds for src/lib and src/primitives);
 *  3. builds the sample site for a fixed as-of date (AS_OF=2026-11-22) into
 *     .test-site/ and runs the browser tests (Playwright) against it;
 *  4. runs the benchmark at sample scale as a smoke test (npm run bench -- --scale sample), with
 *     its Hugo baseline when Debian's hugo is installed (installed here when run as root with apt).
 * `--e2e-only` skips step 2. Everything runs with TMPDIR set to one folder of
 * the run, removed at its end.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findChromium, has } from "./lib/chromium.ts";

const e2eOnly = process.argv.includes("--e2e-only");
const TEST_AS_OF = "2026-11-22";

// Every temporary folder of the run (test sites, content copies, builds' and browsers' files) goes into one folder,
// removed when the run ends however it ends: a run made ≈ 100 of them and left them behind (GBs over a few days).
const scratch = mkdtempSync(join(tmpdir(), "wenming-test-run-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

function run(cmd: string, args: string[], env: Record<string, string> = {}): void {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", TMPDIR: scratch, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

let chromium: string;
try {
  chromium = await findChromium({ pdfTools: true });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
if (!e2eOnly) {
  run("npm", ["run", "check"]);
  run("vitest", ["run", "--coverage"], { WENMING_CHROMIUM: chromium });
}
run("node", ["scripts/build.ts"], { AS_OF: TEST_AS_OF, WENMING_OUT: ".test-site" });
run("playwright", ["test"], { WENMING_CHROMIUM: chromium, WENMING_TEST_SITE: ".test-site" });
// The workbench: its own server on a copy of the content, one worker (the steps share one content repository).
run("playwright", ["test", "-c", "playwright.studio.config.ts"], { WENMING_CHROMIUM: chromium });
if (!e2eOnly) {
  // The bench's Hugo baseline is optional: without hugo it says so and skips that line.
  if (!has("hugo") && process.getuid?.() === 0 && has("apt-get"))
    spawnSync(
      "sh",
      ["-c", "export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq hugo || (apt-get update -qq && apt-get install -y -qq hugo) || echo '未能安装 hugo：基准测试将跳过 Hugo 对照'"],
      { stdio: "inherit" },
    );
  run("node", ["scripts/bench.ts", "--scale", "sample"], { WENMING_CHROMIUM: chromium });
}

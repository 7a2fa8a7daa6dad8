/**
 * npm test: every test, on a fresh machine too.
 *  1. finds a usable Chromium (Playwright's own, or Debian's /usr/bin/chromium;
 *     installs Debian's chromium and fonts-noto-cjk with apt when run as root,
 *     otherwise says exactly what to install);
 *  2. runs the code checks (npm run check) and the unit and integration tests (Vitest, with
 *     coverage thresholds for src/lib and src/primitives);
 *  3. builds the sample site for a fixed as-of date (AS_OF=2026-11-22) into
 *     .test-site/ and runs the browser tests (Playwright) against it;
 *  4. runs the benchmark at sample scale as a smoke test (npm run bench -- --scale sample).
 * `--e2e-only` skips step 2.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const e2eOnly = process.argv.includes("--e2e-only");
const TEST_AS_OF = "2026-11-22";

function run(cmd: string, args: string[], env: Record<string, string> = {}): void {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function has(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

async function playwrightBrowser(): Promise<string | undefined> {
  try {
    const { chromium } = await import("@playwright/test");
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function hasCjkFont(): boolean {
  return spawnSync("sh", ["-c", "fc-list :lang=zh | grep -q ."], { stdio: "ignore" }).status === 0;
}

async function findChromium(): Promise<string> {
  const fromEnv = process.env["WENMING_CHROMIUM"];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (await playwrightBrowser()) return "";
  const debian = "/usr/bin/chromium";
  const root = process.getuid?.() === 0;
  if ((!existsSync(debian) || !hasCjkFont()) && root && has("apt-get")) {
    console.log("未找到可用的 Chromium 或中文字体，正在安装 Debian 的 chromium 和 fonts-noto-cjk …");
    run("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk"]);
  }
  if (existsSync(debian)) {
    if (!hasCjkFont()) console.warn("警告：没有中文字体，截图中的中文会显示为方框。请安装 fonts-noto-cjk。");
    return debian;
  }
  console.error(
    "找不到可用的 Chromium。请任选其一：\n" +
      "  - Debian/Ubuntu（root）：apt-get install -y chromium fonts-noto-cjk\n" +
      "  - 可联网的开发机：npx playwright install chromium\n" +
      "  - 或设置 WENMING_CHROMIUM=/path/to/chromium",
  );
  process.exit(1);
}

const chromium = await findChromium();
if (!e2eOnly) {
  run("npm", ["run", "check"]);
  run("vitest", ["run", "--coverage"], { WENMING_CHROMIUM: chromium });
}
run("node", ["scripts/build.ts"], { AS_OF: TEST_AS_OF, WENMING_OUT: ".test-site" });
run("playwright", ["test"], { WENMING_CHROMIUM: chromium, WENMING_TEST_SITE: ".test-site" });
// The workbench: its own server on a copy of the content, one worker (the steps share one content repository).
run("playwright", ["test", "-c", "playwright.studio.config.ts"], { WENMING_CHROMIUM: chromium });
if (!e2eOnly) run("node", ["scripts/bench.ts", "--scale", "sample"], { WENMING_CHROMIUM: chromium });

/**
 * Finds a Chromium for the handbook's PDFs (npm run build) and the browser
 * tests (npm test): WENMING_CHROMIUM, Debian's /usr/bin/chromium with Chinese
 * fonts, or Playwright's own browser. As root with apt it installs Debian's
 * chromium and fonts-noto-cjk when none of them is usable; otherwise it says
 * exactly what to install.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Whether `cmd` is on the PATH. */
export function has(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

async function playwrightBrowser(): Promise<string | undefined> {
  try {
    const { chromium } = await import("playwright-core");
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const DEBIAN = "/usr/bin/chromium";

function hasCjkFont(): boolean {
  return spawnSync("sh", ["-c", "fc-list :lang=zh | grep -q ."], { stdio: "ignore" }).status === 0;
}

/**
 * The path of a usable Chromium; throws with the install instructions when
 * there is none. `pdfTools`: the tests also need poppler (pdfinfo, pdffonts,
 * pdftotext), qpdf and Ghostscript to check the handbook's and posters' PDFs.
 */
export async function findChromium(options: { pdfTools?: boolean } = {}): Promise<string> {
  const root = process.getuid?.() === 0;
  if (options.pdfTools && !(has("pdfinfo") && has("qpdf") && has("gs"))) {
    if (!root || !has("apt-get")) throw new Error("测试需要 poppler、qpdf 和 Ghostscript 检查 PDF：请安装 poppler-utils qpdf ghostscript（apt-get install -y poppler-utils qpdf ghostscript）");
    console.log("正在安装 poppler-utils、qpdf 和 ghostscript（检查 PDF 用）…");
    if (spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils qpdf ghostscript"], { stdio: "inherit" }).status !== 0)
      throw new Error("安装 poppler-utils、qpdf 和 ghostscript 失败，请查看上面 apt-get 的输出");
  }
  const fromEnv = process.env["WENMING_CHROMIUM"];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  // Debian's first: asking Playwright where its own browser is loads its client, ≈ 0.5 s of every build's start.
  if (existsSync(DEBIAN) && hasCjkFont()) return DEBIAN;
  const own = await playwrightBrowser();
  if (own) return own;
  if (root && has("apt-get")) {
    console.log("未找到可用的 Chromium 或中文字体，正在安装 Debian 的 chromium 和 fonts-noto-cjk …");
    const r = spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk"], { stdio: "inherit" });
    if (r.status !== 0) throw new Error("安装 chromium 和 fonts-noto-cjk 失败，请查看上面 apt-get 的输出");
  }
  if (existsSync(DEBIAN)) {
    if (!hasCjkFont()) console.warn("警告：没有中文字体，截图中的中文会显示为方框。请安装 fonts-noto-cjk。");
    return DEBIAN;
  }
  throw new Error(
    "找不到可用的 Chromium（用于排版市民文明手册 PDF 和浏览器测试）。请任选其一：\n" +
      "  - Debian/Ubuntu（root）：apt-get install -y chromium fonts-noto-cjk\n" +
      "  - 可联网的开发机：npx playwright install chromium\n" +
      "  - 或设置 WENMING_CHROMIUM=/path/to/chromium",
  );
}

/**
 * Checks on the built output, run last in every build: a sitemap of the
 * indexable pages, then a scan for personal data across every published file
 * (search index included) and a check of all internal links and anchors. Any
 * finding fails the build, and the build script then keeps the last good dist/.
 */
import type { AstroIntegration } from "astro";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { checkLinks } from "../lib/checks/links.ts";
import type { Leak } from "../lib/checks/personal-data-scan.ts";
import { buildSitemap } from "../lib/checks/sitemap.ts";
import { cachePath, getContent } from "../lib/content/cached.ts";
import { checkCreditCode } from "../lib/integrity/credit-code.ts";

export function outputChecks(): AstroIntegration {
  return {
    name: "wenming-output-checks",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const started = performance.now();
        const root = fileURLToPath(dir);
        const { site, integrity } = await getContent();
        const sitemap = await buildSitemap(root, site.siteUrl);
        await writeFile(join(root, "sitemap.xml"), sitemap.xml);
        await writeFile(join(root, "robots.txt"), `User-agent: *\nAllow: /\nSitemap: ${new URL("/sitemap.xml", site.siteUrl).href}\n`);

        const cleanFile = cachePath("clean-files.json");
        const clean = new Set<string>(existsSync(cleanFile) ? (JSON.parse(await readFile(cleanFile, "utf8")) as string[]) : []);
        // The two checks read every page; run the scan on a worker thread beside the link check.
        const scan = new Promise<{ leaks: Leak[]; clean: string[] }>((done, fail) => {
          const allowed = integrity.flatMap((e) => (e.creditCode && checkCreditCode(e.creditCode).ok ? [e.creditCode] : []));
          const worker = new Worker(new URL("../lib/checks/scan-worker.ts", import.meta.url), { workerData: { root, clean: [...clean], allowed } });
          worker.once("message", done);
          worker.once("error", fail);
        });
        const skipImages = process.env["SKIP_POSTERS"] === "1";
        const [{ leaks, clean: stillClean }, broken] = await Promise.all([scan, checkLinks(root, skipImages ? { skip: (p) => p.startsWith("/posters/") || p.startsWith("/og/") } : {})]);
        await mkdir(dirname(cleanFile), { recursive: true });
        await writeFile(cleanFile, JSON.stringify(stillClean));
        if (leaks.length > 0) {
          throw new Error(`发布内容中发现个人信息，已停止发布：\n${leaks.map((l) => `  - ${l.file} · ${l.kind === "id" ? "完整身份证号" : "手机号码"} ${l.masked}`).join("\n")}`);
        }
        if (broken.length > 0) {
          throw new Error(
            `发现 ${broken.length} 个失效链接：\n${broken
              .slice(0, 50)
              .map((b) => `  - ${b.page} → ${b.href}：${b.problem}`)
              .join("\n")}`,
          );
        }
        logger.info(`输出检查通过：网站地图 ${sitemap.count} 页，无个人信息泄露，无失效链接（${((performance.now() - started) / 1000).toFixed(1)} s）`);
      },
    },
  };
}

/**
 * Renders every ad's posters and every page's share image into the build
 * output when the build finishes, through the render cache (unchanged images
 * are copied, not rendered), and packs each ad's files into one ZIP.
 * SKIP_POSTERS=1 turns it off for quick builds.
 */
import type { AstroIntegration } from "astro";
import { zipSync } from "fflate";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { getContent } from "../lib/content/cached.ts";
import { resolveAsOf } from "../lib/dates.ts";
import { buildJobs } from "../lib/poster/jobs.ts";
import { renderJobs } from "../lib/poster/pool.ts";
import { urls } from "../lib/site/urls.ts";

export const POSTER_CACHE = resolve(process.env["WENMING_CACHE"] ?? "node_modules/.cache/wenming", "posters");

export function posters(): AstroIntegration {
  return {
    name: "wenming-posters",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        if (process.env["SKIP_POSTERS"] === "1") {
          logger.warn("SKIP_POSTERS=1：跳过海报和分享图生成（仅用于快速预览，不要部署此版本）");
          return;
        }
        const started = performance.now();
        const out = fileURLToPath(dir);
        const content = await getContent();
        const jobs = buildJobs(content, resolveAsOf());
        const result = await renderJobs(jobs, out, POSTER_CACHE);
        if (result.errors.length > 0) throw new Error(`海报生成失败：\n${[...new Set(result.errors)].map((e) => `  - ${e}`).join("\n")}`);
        for (const ad of content.ads) {
          const folder = join(out, "posters", ad.id);
          const files: Record<string, Uint8Array> = {};
          for (const name of (await readdir(folder)).sort()) if (!name.endsWith(".zip")) files[name] = await readFile(join(folder, name));
          await writeFile(join(out, urls.posterArchive(ad.id).slice(1)), zipSync(files, { level: 0, mtime: new Date("2020-01-01T00:00:00Z") }));
        }
        logger.info(`海报与分享图：共 ${jobs.length} 个，新生成 ${result.rendered} 个，缓存复用 ${result.cached} 个（${((performance.now() - started) / 1000).toFixed(1)} s）`);
      },
    },
  };
}

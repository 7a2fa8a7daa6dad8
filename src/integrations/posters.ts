/**
 * Renders every ad's posters and every page's share image into the build
 * output when the build finishes, through the render cache (unchanged images
 * are copied, not rendered), and packs each ad's files into one ZIP.
 * SKIP_POSTERS=1 turns it off for quick builds.
 */
import type { AstroIntegration } from "astro";
import { zipSync } from "fflate";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cachePath, getContent } from "../lib/content/cached.ts";
import { resolveAsOf } from "../lib/dates.ts";
import { buildJobs, type PosterJob } from "../lib/poster/jobs.ts";
import { cacheFiles, placeFile, renderJobs, type PoolResult } from "../lib/poster/pool.ts";
import { urls } from "../lib/site/urls.ts";

export const POSTER_CACHE = cachePath("posters");

/** One ZIP per ad with all its files, cached under the keys of its members. */
async function writeArchives(jobs: readonly PosterJob[], out: string): Promise<void> {
  const byAd = new Map<string, PosterJob[]>();
  for (const job of jobs) {
    const ad = job.paths[0]?.startsWith("posters/") ? job.paths[0].split("/")[1] : undefined;
    if (ad) byAd.set(ad, [...(byAd.get(ad) ?? []), job]);
  }
  for (const [ad, members] of byAd) {
    const key = createHash("sha256")
      .update(members.flatMap((j) => cacheFiles(POSTER_CACHE, j)).join("|"))
      .digest("hex")
      .slice(0, 32);
    const cached = join(POSTER_CACHE, `${key}.zip`);
    if (!existsSync(cached)) {
      const files: Record<string, Uint8Array> = {};
      for (const j of members) for (const [i, file] of cacheFiles(POSTER_CACHE, j).entries()) files[basename(j.paths[i] ?? file)] = await readFile(file);
      await writeFile(cached, zipSync(files, { level: 0, mtime: new Date("2020-01-01T00:00:00Z") }));
    }
    await placeFile(cached, join(out, urls.posterArchive(ad).slice(1)));
  }
}

export function posters(): AstroIntegration {
  let early: Promise<PoolResult | undefined> | undefined;
  const skip = () => process.env["SKIP_POSTERS"] === "1";
  return {
    name: "wenming-posters",
    hooks: {
      // Posters need only content, not pages: start rendering into the cache while Astro generates
      // pages, so both cores stay busy for the whole build.
      "astro:build:start": () => {
        if (skip()) return;
        early = getContent()
          .then((content) => renderJobs(buildJobs(content, resolveAsOf()), undefined, POSTER_CACHE))
          .catch(() => undefined);
      },
      "astro:build:done": async ({ dir, logger }) => {
        if (skip()) {
          logger.warn("SKIP_POSTERS=1：跳过海报和分享图生成（仅用于快速预览，不要部署此版本）");
          return;
        }
        const started = performance.now();
        const first = await early;
        const out = fileURLToPath(dir);
        const content = await getContent();
        const jobs = buildJobs(content, resolveAsOf());
        const result = await renderJobs(jobs, out, POSTER_CACHE);
        if (result.errors.length > 0) throw new Error(`海报生成失败：\n${[...new Set(result.errors)].map((e) => `  - ${e}`).join("\n")}`);
        await writeArchives(jobs, out);
        const rendered = (first?.rendered ?? 0) + result.rendered;
        logger.info(
          `海报与分享图：共 ${jobs.length} 个，新渲染 ${rendered} 个（多数在生成页面的同时完成），缓存复用 ${jobs.length - rendered} 个（${((performance.now() - started) / 1000).toFixed(1)} s）`,
        );
      },
    },
  };
}

/**
 * Every ad's posters and every page's share image, rendered through the cache
 * (unchanged images are copied, not rendered) from the start of the build,
 * placed into the output at its end with one ZIP per ad.
 * SKIP_POSTERS=1 turns it off for quick builds.
 */
import type { StageLogger } from "./build-output.ts";
import { zipSync } from "fflate";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { cachePath, getContent } from "../lib/content/cached.ts";
import { resolveAsOf } from "../primitives/dates.ts";
import { buildJobs, type PosterJob } from "../lib/poster/jobs.ts";
import { placeFile } from "../lib/build/files.ts";
import { cacheFiles, renderJobs, type PoolResult } from "../lib/poster/pool.ts";
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
    placeFile(cached, join(out, urls.posterArchive(ad).slice(1)));
  }
}

const skipped = () => process.env["SKIP_POSTERS"] === "1";
let early: Promise<PoolResult | undefined> | undefined;
let stopEarly: AbortController | undefined;

/**
 * Starts rendering every poster and share image into the cache in
 * low-priority renderer processes (pool.ts). Posters need only content, not
 * pages: called as the build starts, they render while Astro syncs content and
 * generates pages, on the CPU those leave. `cores` limits the renderers (one
 * raster thread: ≈ 1.1 GB at 5x, against ≈ 1.5 GB with two).
 */
export function startPosters(options: { cores?: number } = {}): void {
  if (skipped() || early) return;
  const stop = (stopEarly = new AbortController()).signal;
  early = getContent()
    .then((content) => renderJobs(buildJobs(content, resolveAsOf()), undefined, POSTER_CACHE, { ...options, stop }))
    // Errors are reported by placePosters, which renders whatever is still missing.
    .catch(() => undefined);
}

/**
 * Astro's process of a two-process build, once its pages are written: the
 * renders started beside them (if any) take no new poster, finish the ones
 * in hand, and the process says how many it made. The build script renders
 * the rest with every core once this process has ended, and places them all
 * (placePosters, which finds these in the cache).
 */
export async function stopEarlyPosters(logger: StageLogger): Promise<void> {
  if (!early) return;
  stopEarly?.abort();
  const result = await early;
  early = undefined;
  logger.info(`海报与分享图：生成页面的同时新渲染 ${result?.rendered ?? 0} 个，其余在本进程结束后渲染`);
}

/** Waits for the renders, renders what is still missing, and puts every image and ZIP into the site. */
export async function placePosters(out: string, logger: StageLogger): Promise<void> {
  if (skipped()) {
    logger.warn("SKIP_POSTERS=1：跳过海报和分享图生成（仅用于快速预览，不要部署此版本）");
    return;
  }
  const started = performance.now();
  // This build's early renders, taken once: a warm build process (scripts/build.ts) builds again, and its
  // next build must start its own.
  const pending = early;
  early = undefined;
  const first = await pending;
  const content = await getContent();
  const jobs = buildJobs(content, resolveAsOf());
  const result = await renderJobs(jobs, out, POSTER_CACHE);
  if (result.errors.length > 0) throw new Error(`海报生成失败：\n${[...new Set(result.errors)].map((e) => `  - ${e}`).join("\n")}`);
  await writeArchives(jobs, out);
  const rendered = (first?.rendered ?? 0) + result.rendered;
  logger.info(
    `海报与分享图：共 ${jobs.length} 个，新渲染 ${rendered} 个${first && first.rendered * 2 > rendered ? "（多数在生成页面的同时完成）" : ""}，缓存复用 ${jobs.length - rendered} 个（${((performance.now() - started) / 1000).toFixed(1)} s）`,
  );
}

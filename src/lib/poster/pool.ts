/**
 * Renders many poster jobs on a pool of worker threads (one per core), via
 * the render cache: cached images are copied, only new ones are rendered.
 */
import { existsSync } from "node:fs";
import { copyFile, link, mkdir, rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { jobKey } from "./cache.ts";
import type { PosterJob } from "./jobs.ts";

/** Where a job's output lives in the cache. */
export function cacheFile(cacheDir: string, job: PosterJob): string {
  const ext = job.path.slice(job.path.indexOf(".", job.path.lastIndexOf("/")));
  return join(cacheDir, `${jobKey(job)}${ext}`);
}

export interface PoolResult {
  rendered: number;
  cached: number;
  errors: string[];
}

/** Puts a cached file into the site: a hard link when possible (instant, no extra disk), a copy otherwise. */
export async function placeFile(file: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await rm(target, { force: true });
  try {
    await link(file, target);
  } catch {
    await copyFile(file, target);
  }
}

/**
 * Renders `jobs` through the cache in `cacheDir` and places the files under
 * `outDir`; without `outDir` it only fills the cache (used to render while
 * Astro is still generating pages).
 */
export async function renderJobs(jobs: readonly PosterJob[], outDir: string | undefined, cacheDir: string, onProgress?: (done: number, total: number) => void): Promise<PoolResult> {
  const result: PoolResult = { rendered: 0, cached: 0, errors: [] };
  const todo: { job: PosterJob; file: string }[] = [];
  let done = 0;
  const place = async (file: string, job: PosterJob) => {
    if (outDir) await placeFile(file, join(outDir, job.path));
  };
  for (const job of jobs) {
    const file = cacheFile(cacheDir, job);
    if (existsSync(file)) {
      await place(file, job);
      result.cached++;
      onProgress?.(++done, jobs.length);
    } else todo.push({ job, file });
  }
  if (todo.length === 0) return result;
  const count = Math.max(1, Math.min(availableParallelism(), todo.length, Number(process.env["POSTER_WORKERS"] ?? 8)));
  const workers = Array.from({ length: count }, () => new Worker(new URL("./worker.ts", import.meta.url)));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              const item = todo[next];
              if (!item) return resolve();
              const id = next++;
              worker.postMessage({ id, job: item.job, file: item.file });
            };
            worker.on("message", async (msg: { id: number; error?: string }) => {
              const item = todo[msg.id];
              if (msg.error) result.errors.push(msg.error);
              else if (item) {
                await place(item.file, item.job);
                result.rendered++;
              }
              onProgress?.(++done, jobs.length);
              send();
            });
            worker.on("error", reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return result;
}

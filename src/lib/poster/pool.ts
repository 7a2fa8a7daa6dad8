/**
 * Renders many poster jobs on a pool of worker threads (one per core), via
 * the render cache: cached images are copied, only new ones are rendered.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { jobKey } from "./cache.ts";
import type { PosterJob } from "./jobs.ts";

/** Where a job's outputs live in the cache, one file per format. */
export function cacheFiles(cacheDir: string, job: PosterJob): string[] {
  const key = jobKey(job);
  return job.paths.map((path) => join(cacheDir, `${key}${path.slice(path.indexOf(".", path.lastIndexOf("/")))}`));
}

export interface PoolResult {
  rendered: number;
  cached: number;
  errors: string[];
}

/**
 * Puts a cached file into the site: a hard link when possible (instant, no
 * extra disk), a copy otherwise. Synchronous: builds place thousands of files
 * (the search index alone has ~15,000 at city scale), and each would cost
 * four thread-pool round trips with fs/promises.
 */
export function placeFile(file: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  rmSync(target, { force: true });
  try {
    linkSync(file, target);
  } catch {
    copyFileSync(file, target);
  }
}

/**
 * Renders `jobs` through the cache in `cacheDir` and places the files under
 * `outDir`; without `outDir` it only fills the cache (used to render while
 * Astro is still generating pages).
 */
export async function renderJobs(jobs: readonly PosterJob[], outDir: string | undefined, cacheDir: string, options: { workers?: number } = {}): Promise<PoolResult> {
  const result: PoolResult = { rendered: 0, cached: 0, errors: [] };
  const todo: { job: PosterJob; files: string[] }[] = [];
  const place = (files: string[], job: PosterJob) => {
    if (outDir) for (const [i, file] of files.entries()) placeFile(file, join(outDir, job.paths[i] ?? ""));
  };
  for (const job of jobs) {
    const files = cacheFiles(cacheDir, job);
    if (files.every((f) => existsSync(f))) {
      place(files, job);
      result.cached++;
    } else todo.push({ job, files });
  }
  if (todo.length === 0) return result;
  const count = Math.max(1, Math.min(options.workers ?? availableParallelism(), todo.length));
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
              worker.postMessage({ id, job: item.job, files: item.files });
            };
            worker.on("message", (msg: { id: number; error?: string }) => {
              const item = todo[msg.id];
              if (msg.error) result.errors.push(msg.error);
              else if (item) {
                place(item.files, item.job);
                result.rendered++;
              }
              send();
            });
            worker.on("error", reject);
            // A worker that dies without an error (killed, out of memory) must not leave the build waiting.
            worker.once("exit", (code) => reject(new Error(`海报渲染线程意外退出（退出码 ${code}）`)));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return result;
}

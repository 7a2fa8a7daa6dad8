/**
 * Renders many poster jobs on a pool of child processes (with two raster
 * threads each: poolShape) at low CPU priority, via the render cache: cached
 * images are copied, only new ones are rendered.
 *
 * Processes rather than threads, for the priority: a build is CPU-bound on two
 * cores, and rendering (≈ 100 CPU seconds for a city's ads) must take only the
 * CPU that page generation and the search indexer leave idle, or it delays
 * them. A thread's nice value would not reach the rasteriser and encoder, which
 * run on libuv's thread pool, shared by the whole process.
 */
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, setPriority } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { posterProcessEnv } from "../build/allocators.ts";
import { LOW_PRIORITY } from "../build/priority.ts";
import { placeFile } from "../build/files.ts";
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
 * How `cores` are used: renderer processes of two raster threads each, both
 * fed by the process's one layout thread (Satori is ≈ 6 ms of a poster's
 * ≈ 25 ms). Against one process per core this holds one set of fonts and one
 * layout heap per two cores — city: renderers' peak 2.1 → 1.4 GB, for the
 * same CPU and ≈ 10 % longer alone, which the build's page generation hides
 * (docs/performance.md).
 */
export function poolShape(cores: number): { renderers: number; threads: number } {
  return cores <= 1 ? { renderers: 1, threads: 1 } : { renderers: Math.floor(cores / 2), threads: 2 };
}

/**
 * Renders `jobs` through the cache in `cacheDir` and places the files under
 * `outDir`; without `outDir` it only fills the cache (used to render while
 * Astro is still generating pages). Once `stop` is aborted no job is started:
 * the renderers finish the ones in hand and the result counts what was done.
 */
export async function renderJobs(jobs: readonly PosterJob[], outDir: string | undefined, cacheDir: string, options: { cores?: number; stop?: AbortSignal } = {}): Promise<PoolResult> {
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
  if (todo.length === 0 || options.stop?.aborted) return result;
  const { renderers, threads } = poolShape(options.cores ?? availableParallelism());
  const count = Math.max(1, Math.min(renderers, todo.length));
  const script = fileURLToPath(new URL("./worker.ts", import.meta.url));
  // The renderers' allocator settings (../build/allocators.ts).
  const env = posterProcessEnv(process.env);
  const children = Array.from({ length: count }, () => fork(script, [`--raster-threads=${threads}`], { stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced", env }));
  let next = 0;
  try {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve, reject) => {
            try {
              setPriority(child.pid ?? 0, LOW_PRIORITY);
            } catch {
              // Not allowed here: render at normal priority.
            }
            // One job in flight per raster thread; the renderer is done when it has no job left to take or answer.
            let inFlight = 0;
            const send = () => {
              const item = options.stop?.aborted ? undefined : todo[next];
              if (!item) {
                if (inFlight === 0) resolve();
                return;
              }
              const id = next++;
              inFlight++;
              child.send({ id, job: item.job, files: item.files });
            };
            child.on("message", (msg: { id: number; error?: string }) => {
              inFlight--;
              const item = todo[msg.id];
              if (msg.error) result.errors.push(msg.error);
              else if (item) {
                place(item.files, item.job);
                result.rendered++;
              }
              send();
            });
            child.on("error", reject);
            // A renderer that dies (killed, out of memory) must not leave the build waiting.
            child.once("exit", (code, signal) => reject(new Error(`海报渲染进程意外退出（${signal ?? `退出码 ${code}`}）`)));
            for (let i = 0; i < threads; i++) send();
          }),
      ),
    );
  } finally {
    for (const child of children) child.kill();
  }
  return result;
}

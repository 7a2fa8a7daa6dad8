/** Worker thread: renders poster jobs sent by the pool and writes them to the cache. */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { parentPort } from "node:worker_threads";
import { renderPoster } from "./render.ts";
import { findSize } from "./sizes.ts";
import type { PosterJob } from "./jobs.ts";

parentPort?.on("message", async (msg: { id: number; job: PosterJob; file: string }) => {
  try {
    const size = findSize(msg.job.size);
    if (!size) throw new Error(`未知尺寸：${msg.job.size}`);
    const data = await renderPoster(msg.job.input, size, msg.job.format);
    await mkdir(dirname(msg.file), { recursive: true });
    const tmp = `${msg.file}.${process.pid}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, msg.file);
    parentPort?.postMessage({ id: msg.id, bytes: data.length });
  } catch (error) {
    parentPort?.postMessage({ id: msg.id, error: error instanceof Error ? error.message : String(error) });
  }
});

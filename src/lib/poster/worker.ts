/** Renderer process: renders poster jobs sent by the pool (pool.ts) and writes them to the cache. */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import sharp from "sharp";
import { renderPosterFormats, setRasterThreads } from "./render.ts";
import { findSize } from "./sizes.ts";
import type { PosterJob } from "./jobs.ts";

// The pool already runs one raster thread per core; libvips threads on top only add overhead
// (A3 JPEG: twice the CPU time for half the wall time).
sharp.concurrency(1);

// Raster threads beside this layout thread, as the pool asks (pool.ts, poolShape).
setRasterThreads(Number(/^--raster-threads=(\d+)$/.exec(process.argv[2] ?? "")?.[1] ?? 1));

process.on("message", (msg: { id: number; job: PosterJob; files: string[] }) => void render(msg));

async function render(msg: { id: number; job: PosterJob; files: string[] }): Promise<void> {
  try {
    const size = findSize(msg.job.size);
    if (!size) throw new Error(`未知尺寸：${msg.job.size}`);
    const outputs = await renderPosterFormats(msg.job.input, size, msg.job.formats);
    for (const [i, file] of msg.files.entries()) {
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, outputs[i] ?? Buffer.alloc(0));
      await rename(tmp, file);
    }
    process.send?.({ id: msg.id });
  } catch (error) {
    // A poster error is for staff as it is; anything else also carries where it came from, shown with WENMING_LOG=debug.
    const detail = error instanceof Error && error.name !== "PosterError" ? `\n    （${error.name}: ${error.message}${error.cause instanceof Error ? `；原因：${error.cause.message}` : ""}）` : "";
    process.send?.({ id: msg.id, error: `${error instanceof Error ? error.message : String(error)}${process.env["WENMING_LOG"] === "debug" ? detail : ""}` });
  }
}

// A renderer whose build has gone (stopped, crashed) stops too.
process.on("disconnect", () => process.exit(0));

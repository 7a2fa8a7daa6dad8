/** The raster thread: draws and encodes the rasters render.ts sends (./raster.ts), one message per poster size. */
import { parentPort } from "node:worker_threads";
import sharp from "sharp";
import { rasterAndEncode, type RasterJob } from "./raster.ts";

// libvips' operation cache can never hit here (every raster is new pixels); keeping and looking up its entries only
// costs: without it one 1080×1920 photo poster took 20.5 instead of 24 ms (medians of three alternating runs), and
// the build's posters the same CPU (docs/performance.md). The setting is the process's.
sharp.cache(false);

export interface RasterRequest {
  id: number;
  job: RasterJob;
}

export type RasterReply = { id: number; outputs: Uint8Array[] } | { id: number; error: { name: string; message: string; stack?: string | undefined } };

parentPort?.on("message", (req: RasterRequest) => void answer(req));

async function answer({ id, job }: RasterRequest): Promise<void> {
  try {
    const outputs = await rasterAndEncode(job);
    // Copied into plain ArrayBuffers that move to the main thread without a second copy.
    const moved = outputs.map((b) => new Uint8Array(b));
    parentPort?.postMessage(
      { id, outputs: moved } satisfies RasterReply,
      moved.map((u) => u.buffer),
    );
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort?.postMessage({ id, error: { name: e.name, message: e.message, stack: e.stack } } satisfies RasterReply);
  }
}

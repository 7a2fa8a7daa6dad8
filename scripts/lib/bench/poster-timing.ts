/**
 * Times our renderer in a process of its own, as the build's renderers run
 * it (their environment: posterProcessEnv): the bench process also holds Playwright, the
 * corpus and the builds' results, and V8's full collections (which a
 * poster's pixels bring on every few posters) take longer in a larger heap.
 * Chromium is timed in its own processes too. Run by compareWithChromium
 * (./chromium-posters.ts) with fork(); answers once over IPC and exits.
 */
import { renderPoster } from "../../../src/lib/poster/render.ts";
import { findSize } from "../../../src/lib/poster/sizes.ts";
import type { PosterInput } from "../../../src/lib/poster/templates.ts";
import { timeMedian, variantOf, type TimingRequest } from "./poster-variants.ts";

process.once("message", (req: TimingRequest) => void time(req));

async function time(req: TimingRequest): Promise<void> {
  try {
    const phone = findSize(req.phone);
    const a3 = findSize(req.a3);
    if (!phone || !a3) throw new Error(`unknown size ${req.phone} or ${req.a3}`);
    const input: PosterInput = req.input;
    const pngMs = await timeMedian((i) => renderPoster(variantOf(input, i), phone, "png"), req.runs, req.warmups);
    const a3Ms = await timeMedian((i) => renderPoster(variantOf(input, i), a3, "jpg"), req.a3Runs, 1);
    process.send?.({ pngMs, a3Ms });
  } catch (error) {
    process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  process.disconnect?.();
}

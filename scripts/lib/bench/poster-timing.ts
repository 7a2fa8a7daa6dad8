/**
 * Times our renderer in a process of its own, as the build's renderers run
 * it (their environment: posterProcessEnv): the bench process also holds Playwright, the
 * corpus and the builds' results, and V8's full collections (which a
 * poster's pixels bring on every few posters) take longer in a larger heap.
 * Chromium is timed in its own processes too. Started by compareWithChromium
 * (./chromium-posters.ts) with fork(): it answers one poster per request, so
 * that the two renderers take turns and each timed poster of ours has a
 * Chromium poster beside it in the same minute of this machine.
 */
import { renderPoster } from "../../../src/lib/poster/render.ts";
import { findSize } from "../../../src/lib/poster/sizes.ts";
import { variantOf, type TimingReply, type TimingRequest, type TimingSetup } from "./poster-variants.ts";

let setup: TimingSetup | undefined;

process.on("message", (message: TimingSetup | TimingRequest) => void answer(message));
// The bench is done with us (or gone).
process.once("disconnect", () => process.exit(0));

async function answer(message: TimingSetup | TimingRequest): Promise<void> {
  if ("input" in message) {
    setup = message;
    return;
  }
  const reply = (r: TimingReply) => process.send?.(r);
  try {
    if (!setup) throw new Error("poster timing: no setup before the first request");
    const size = findSize(message.kind === "png" ? setup.phone : setup.a3);
    if (!size) throw new Error(`unknown size ${message.kind === "png" ? setup.phone : setup.a3}`);
    const t = performance.now();
    await renderPoster(variantOf(setup.input, message.i), size, message.kind === "png" ? "png" : "jpg");
    reply({ id: message.id, ms: performance.now() - t });
  } catch (error) {
    reply({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

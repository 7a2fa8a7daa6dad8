import { loadContent } from "./src/lib/content/load.ts";
import { buildJobs } from "./src/lib/poster/jobs.ts";
import { renderPosterFormats } from "./src/lib/poster/render.ts";
import { findSize } from "./src/lib/poster/sizes.ts";
const c = await loadContent("/tmp/bc/content", "2026-11-22");
const jobs = buildJobs(c, "2026-11-22");
console.log("jobs", jobs.length, "share", jobs.filter((j) => j.size === "share").length);
const bySize = new Map<string, number[]>();
const sample = [...jobs.filter((j) => j.size !== "share").slice(0, 27), ...jobs.filter((j) => j.size === "share").slice(0, 20)];
await renderPosterFormats(sample[0]!.input, findSize(sample[0]!.size)!, sample[0]!.formats);
for (const j of sample) {
  const t = performance.now();
  await renderPosterFormats(j.input, findSize(j.size)!, j.formats);
  bySize.set(j.size + ":" + j.formats.join("+"), [...(bySize.get(j.size + ":" + j.formats.join("+")) ?? []), performance.now() - t]);
}
for (const [k, v] of bySize) console.log(k, (v.reduce((a, b) => a + b, 0) / v.length).toFixed(0), "ms");

/**
 * Workbench latencies (the workbench issue's figures): a poster preview
 * redrawn after a keystroke, a saved change checked by the loader and
 * committed, and that change visible in 预览 (the preview build).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadContent } from "../../../src/lib/content/load.ts";
import { adInput } from "../../../src/lib/poster/jobs.ts";
import { renderPreviewPng } from "../../../src/lib/poster/render.ts";
import { findSize } from "../../../src/lib/poster/sizes.ts";
import { ContentStore } from "../../../src/studio/store.ts";
import { median, runMeasured } from "./measure.ts";

export async function measureStudio(content: string, env: Record<string, string>, asOf: string): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const loaded = await loadContent(content, asOf);
  const phone = findSize("phone");
  if (!phone) throw new Error("no phone size");
  // Each keystroke changes the slogan: nothing is cached between drawings.
  const times: number[] = [];
  for (let i = 0; i < 12; i++) {
    const ad = { slogan: `文明城市 人人共建${"第".repeat(i % 4)}`, theme: "讲文明树新风" as const, template: "slogan" as const, focus: { x: 50, y: 50 } };
    const input = adInput({ ...loaded, ads: [{ id: "studio", file: "", data: ad }] }, "studio");
    const t = performance.now();
    await renderPreviewPng(input, phone, 540);
    if (i >= 2) times.push(performance.now() - t);
  }
  figures["studioPosterPreviewMs"] = median(times);

  const store = new ContentStore(content);
  await store.ensureRepository();
  const dir = join(content, "good-people", "people");
  const first = readdirSync(dir).sort()[0] ?? "";
  const rel = `good-people/people/${first}`;
  const text = readFileSync(join(dir, first), "utf8");
  let t = performance.now();
  const saved = await store.save(new Map([[rel, Buffer.from(`${text.trimEnd()}\n\n（工作台基准测试补充的一段事迹。）\n`)]]), "基准测试：修改一位好人的事迹", { name: "基准测试" }, asOf);
  if (!saved.ok) throw new Error(`bench save refused: ${saved.problems.map((p) => p.message).join("; ")}`);
  figures["studioSaveSeconds"] = (performance.now() - t) / 1000;
  t = performance.now();
  const preview = await runMeasured(process.execPath, ["scripts/build.ts"], { ...env, WENMING_PREVIEW: "1" });
  if (preview.code !== 0) throw new Error("bench preview build failed");
  figures["studioPreviewBuildSeconds"] = (performance.now() - t) / 1000;
  figures["studioSaveToPreviewSeconds"] = figures["studioSaveSeconds"] + figures["studioPreviewBuildSeconds"];
  return figures;
}

/**
 * Workbench latencies (the workbench issue's figures): a poster preview
 * redrawn after a keystroke, a saved change checked by the loader and
 * committed, and that change visible in 预览 (the preview build, in the
 * process the workbench keeps between 预览 builds: the first one after the
 * workbench starts, and the next) — and one 黑榜 entry corrected, saved and
 * built by that process: the correction the performance issue is about, the
 * way staff make it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadContent } from "../../../src/lib/content/load.ts";
import { adInput } from "../../../src/lib/poster/jobs.ts";
import { renderPreviewPng } from "../../../src/lib/poster/render.ts";
import { findSize } from "../../../src/lib/poster/sizes.ts";
import { WarmBuilder } from "../../../src/lib/build/warm-builder.ts";
import { ContentStore } from "../../../src/studio/store.ts";
import { median } from "./measure.ts";

/** The first row of a list CSV with its reason (the eighth column) marked `mark`: one entry corrected. */
export function correctFirstEntry(csv: string, mark: string): string {
  const corrected = csv.replace(/(\n[^,\n]+,[^,\n]+,[^,\n]+,[^,\n]*,[^,\n]*,[^,\n]*,[^,\n]*,)([^,\n]+)/, `$1$2${mark}`);
  if (corrected === csv) throw new Error("bench: no list row to correct");
  return corrected;
}

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
  const save = async (line: string): Promise<number> => {
    const text = readFileSync(join(dir, first), "utf8");
    const t = performance.now();
    const saved = await store.save(new Map([[rel, Buffer.from(`${text.trimEnd()}\n\n${line}\n`)]]), "基准测试：修改一位好人的事迹", { name: "基准测试" }, asOf);
    if (!saved.ok) throw new Error(`bench save refused: ${saved.problems.map((p) => p.message).join("; ")}`);
    return (performance.now() - t) / 1000;
  };
  // 预览 as the workbench builds it: in the process it keeps between builds, started when staff open the 预览 page.
  const builder = new WarmBuilder({ cwd: process.cwd(), env: { ...env, WENMING_PREVIEW: "1" } });
  const preview = async (): Promise<number> => {
    const t = performance.now();
    const code = await builder.build(asOf, () => undefined);
    if (code !== 0) throw new Error("bench preview build failed");
    return (performance.now() - t) / 1000;
  };
  try {
    builder.warm();
    figures["studioSaveSeconds"] = await save("（工作台基准测试补充的一段事迹。）");
    figures["studioFirstPreviewBuildSeconds"] = await preview();
    // The next correction: saved, and built by the process kept from the first preview.
    figures["studioNextSaveSeconds"] = await save("（工作台基准测试的第二处补充。）");
    figures["studioPreviewBuildSeconds"] = await preview();
    // One 黑榜 entry corrected through the workbench, and built by the same process.
    const lists = join(content, "integrity", "black");
    const csv = `integrity/black/${readdirSync(lists).sort().at(-1) ?? ""}`;
    const t = performance.now();
    const corrected = await store.save(
      new Map([[csv, Buffer.from(correctFirstEntry(readFileSync(join(content, csv), "utf8"), "（工作台更正）"))]]),
      "基准测试：更正一条黑榜记录",
      { name: "基准测试" },
      asOf,
    );
    if (!corrected.ok) throw new Error(`bench save refused: ${corrected.problems.map((p) => p.message).join("; ")}`);
    figures["studioEntrySaveSeconds"] = (performance.now() - t) / 1000;
    figures["studioEntryPreviewBuildSeconds"] = await preview();
  } finally {
    builder.close();
  }
  figures["studioSaveToPreviewSeconds"] = figures["studioNextSaveSeconds"] + figures["studioPreviewBuildSeconds"];
  figures["studioFirstSaveToPreviewSeconds"] = figures["studioSaveSeconds"] + figures["studioFirstPreviewBuildSeconds"];
  figures["studioEntrySaveToPreviewSeconds"] = figures["studioEntrySaveSeconds"] + figures["studioEntryPreviewBuildSeconds"];
  return figures;
}

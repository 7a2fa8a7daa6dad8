/**
 * npm run bench -- --scale sample|quarter|city|5x|10x
 * Generates a seeded corpus at the scale, builds it exactly as production
 * does (pages, search index, posters, output checks), then measures rebuilds,
 * poster throughput, page weights and the first search in headless Chromium.
 * Prints a table and, last, one line of JSON. Ratios compare against
 * baselines measured in the same run (see docs/performance.md).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { renderPoster } from "../src/lib/poster/render.ts";
import { findSize } from "../src/lib/poster/sizes.ts";
import type { PosterInput } from "../src/lib/poster/templates.ts";
import { imageRefOf } from "../src/lib/content/images.ts";
import { compareWithChromium } from "./lib/bench/chromium-posters.ts";
import { SCALES, writeCorpus } from "./lib/bench/corpus.ts";
import { brotli, median, runMeasured, stages } from "./lib/bench/measure.ts";
import { correctFirstEntry, measureStudio } from "./lib/bench/studio.ts";
import { buildHugo, countPages, hugoVersion, writeHugoSite } from "./lib/bench/hugo.ts";
import { loadContent } from "../src/lib/content/load.ts";
import { publishFolder } from "../src/lib/build/files.ts";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "sample" },
    keep: { type: "boolean", default: false },
    "no-browser": { type: "boolean", default: false },
    "cold-only": { type: "boolean", default: false },
  },
});
const scale = values.scale;
if (!SCALES[scale]) {
  console.error(`未知规模 ${scale}；可用：${Object.keys(SCALES).join("、")}`);
  process.exit(2);
}
const AS_OF = "2026-11-22";
/** scripts/build.ts's exit status when content is over its memory limit. */
const STOPPED_AT_LIMIT = 3;
const work = mkdtempSync(join(tmpdir(), `wenming-bench-${scale}-`));
const content = join(work, "content");
const out = join(work, "dist");
const cache = join(work, "cache");
const env = { AS_OF, WENMING_CONTENT: content, WENMING_OUT: out, WENMING_CACHE: cache, ASTRO_TELEMETRY_DISABLED: "1" };
const figures: Record<string, number | string> = { scale, date: new Date().toISOString().slice(0, 10), cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
const log = (s: string) => console.log(s);

log(`wenming bench · scale ${scale} · ${work}`);
let t = performance.now();
writeCorpus(content, scale, AS_OF);
figures["corpusSeconds"] = (performance.now() - t) / 1000;

/**
 * Waits until the sites that earlier builds replaced are deleted: scripts/build.ts deletes them in the background
 * after it has finished (a city site, ≈ 67,000 files and folders, takes ≈ 6 s here), and a build started meanwhile
 * was ≈ 6 s slower for it (docs/performance.md). Each build is then timed on a machine doing nothing else, as a
 * clerk's next correction, minutes after the last, would run. Returns the seconds waited.
 */
async function afterEarlierDeletions(limitSeconds = 300): Promise<number> {
  const started = performance.now();
  // A replaced site is deleted (.trash-) or emptied for the next build's folders (.emptying-) in the background.
  while (readdirSync(work).some((name) => name.includes(".trash-") || name.includes(".emptying-")) && performance.now() - started < limitSeconds * 1000) await new Promise((r) => setTimeout(r, 200));
  return (performance.now() - started) / 1000;
}

async function build(label: string, overrides: Record<string, string> = {}) {
  log(`\n— ${label}`);
  const waited = await afterEarlierDeletions();
  if (waited > 0.5) log(`  (waited ${waited.toFixed(1)} s for the site the last build replaced to be deleted or emptied)`);
  const r = await runMeasured(process.execPath, ["scripts/build.ts"], { ...env, ...overrides });
  if (r.code === STOPPED_AT_LIMIT) {
    // The build refused or stopped at its memory limit (src/lib/build/capacity.ts): a result at the largest scales, not a crash.
    const said = r.lines.map((l) => l.text).filter((t) => /内存上限|构建已停止|超过上限|构建没有开始|没有发布/.test(t));
    log(`  stopped at the memory limit after ${r.seconds.toFixed(1)} s (peak RSS ${(r.peakRss / 2 ** 30).toFixed(2)} GiB):\n  ${said.join("\n  ")}`);
    console.log(JSON.stringify({ ...figures, stoppedAtLimit: label, seconds: r.seconds, peakRssGiB: r.peakRss / 2 ** 30, message: said.join("\n") }));
    process.exit(0);
  }
  if (r.code !== 0) {
    const tail = r.lines
      .slice(-30)
      .map((l) => l.text)
      .join("\n");
    const oom = /heap out of memory|ENOMEM|Killed|memory/i.test(tail);
    console.error(`构建失败（${label}）${oom ? "：疑似内存不足（Pagefind 或 Node 堆）。" : ""}\n${tail}`);
    console.log(JSON.stringify({ ...figures, failed: label, reason: oom ? "memory" : "build error" }));
    process.exit(1);
  }
  log(`  ${r.seconds.toFixed(1)} s, ${r.cpuSeconds.toFixed(0)} CPU s, ${r.stealSeconds.toFixed(0)} s stolen by the host, peak RSS ${(r.peakRss / 2 ** 30).toFixed(2)} GiB`);
  mkdirSync("bench-results", { recursive: true });
  writeFileSync(join("bench-results", `${scale}-${label.replace(/\W+/g, "-")}.log`), r.lines.map((l) => `${l.t.toFixed(1).padStart(7)}  ${l.text}`).join("\n"));
  return r;
}

// Cold build, no caches.
const cold = await build("cold build");
figures["coldSeconds"] = cold.seconds;
figures["coldPeakRssGiB"] = cold.peakRss / 2 ** 30;
figures["coldCpuSeconds"] = cold.cpuSeconds;
figures["coldStealSeconds"] = cold.stealSeconds;
for (const [k, v] of Object.entries(stages(cold))) {
  figures[`stage_${k}`] = v.seconds;
  figures[`stageCpu_${k}`] = v.cpu;
}

// Same-run baselines for the cold build (issue 18): the same build without posters, and Hugo building the same
// pages (no search, posters or checks) when Debian's hugo is installed.
const bare = await build("cold build, SKIP_POSTERS=1", {
  SKIP_POSTERS: "1",
  WENMING_OUT: join(work, "dist-no-posters"),
  WENMING_CACHE: join(work, "cache-no-posters"),
  WENMING_ASTRO_CACHE: join(work, "astro-no-posters"),
});
figures["coldNoPostersSeconds"] = bare.seconds;
figures["coldNoPostersPeakRssGiB"] = bare.peakRss / 2 ** 30;
// --cold-only (for the 5x stress scale): one cold build and its output, no rebuilds or poster timings.
const coldOnly = values["cold-only"];
const hugo = hugoVersion();
if (hugo) {
  log(`\n— Hugo baseline (${hugo.split(" ").slice(0, 2).join(" ")})`);
  const site = join(work, "hugo");
  const css = readdirSync(join(out, "_astro"))
    .filter((f) => f.endsWith(".css"))
    .map((f) => readFileSync(join(out, "_astro", f), "utf8"))
    .join("\n");
  writeHugoSite(site, await loadContent(content, AS_OF), css);
  const h = await buildHugo(site, join(work, "dist-hugo"));
  if (h.code !== 0)
    figures["hugoError"] = h.lines
      .map((l) => l.text)
      .join(" ")
      .slice(0, 300);
  else {
    figures["hugoSeconds"] = h.seconds;
    figures["hugoCpuSeconds"] = h.cpuSeconds;
    figures["hugoPeakRssGiB"] = h.peakRss / 2 ** 30;
    figures["hugoPages"] = countPages(join(work, "dist-hugo"));
    figures["coldVsHugo"] = cold.seconds / h.seconds;
    figures["coldNoPostersVsHugo"] = bare.seconds / h.seconds;
    log(`  ${h.seconds.toFixed(1)} s, ${h.cpuSeconds.toFixed(0)} CPU s, ${figures["hugoPages"]} pages`);
    if (!coldOnly) await inMemory(site);
  }
} else figures["hugoError"] = "hugo 未安装（apt-get install -y hugo）";
// Deleted after Hugo's builds (whether or not they succeeded): on this VM's disk a build right after a large deletion spent up to 2.5× the kernel time
// making its folders (docs/performance.md, 2026-12-05).
rmSync(join(work, "dist-no-posters"), { recursive: true, force: true });
rmSync(join(work, "dist-hugo"), { recursive: true, force: true });

/**
 * Both baselines again with every output in memory (tmpfs), where the machine has it on another file system: on a
 * virtual disk, making tens of thousands of folders can be most of Hugo's build and varies from run to run with the
 * disk, which the ratio to Hugo would otherwise measure. The build without posters, since the posters' renders are
 * no file system's work.
 */
async function inMemory(hugoSite: string): Promise<void> {
  const memory = "/dev/shm";
  if (!existsSync(memory) || statSync(memory).dev === statSync(work).dev) return;
  const dir = mkdtempSync(join(memory, `wenming-bench-${scale}-`));
  try {
    const ours = await build("cold build, SKIP_POSTERS=1, into memory", {
      SKIP_POSTERS: "1",
      WENMING_OUT: join(dir, "dist"),
      WENMING_CACHE: join(dir, "cache"),
      WENMING_ASTRO_CACHE: join(dir, "astro"),
    });
    log("\n— Hugo baseline, into memory");
    const h = await buildHugo(hugoSite, join(dir, "dist-hugo"));
    if (h.code !== 0) return;
    log(`  ${h.seconds.toFixed(1)} s, ${h.cpuSeconds.toFixed(0)} CPU s`);
    figures["coldNoPostersMemorySeconds"] = ours.seconds;
    figures["hugoMemorySeconds"] = h.seconds;
    figures["coldNoPostersVsHugoMemory"] = ours.seconds / h.seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!coldOnly) {
  // Rebuild with nothing changed.
  const warm = await build("rebuild, nothing changed");
  figures["rebuildSeconds"] = warm.seconds;
  figures["rebuildRatio"] = warm.seconds / cold.seconds;

  // Rebuild after changing one integrity entry.
  const csvDir = join(content, "integrity", "black");
  const csv = join(csvDir, readdirSync(csvDir).sort().at(-1) ?? "");
  const text = readFileSync(csv, "utf8");
  writeFileSync(csv, correctFirstEntry(text, "（已更正）"));
  const one = await build("rebuild, one integrity entry changed");
  figures["oneChangeSeconds"] = one.seconds;
  figures["oneChangeRatio"] = one.seconds / cold.seconds;

  // The workbench's 发布 to a folder after that build (files.ts: publishFolder): the first publication, and the
  // next one (into the emptied folders of the site it replaces); baseline: copying the site, as 发布 did before.
  log("\n— publishing to a folder");
  const www = join(work, "www");
  t = performance.now();
  await publishFolder(out, www);
  figures["publishFirstSeconds"] = (performance.now() - t) / 1000;
  await afterEarlierDeletions();
  t = performance.now();
  await publishFolder(out, www);
  figures["publishSeconds"] = (performance.now() - t) / 1000;
  t = performance.now();
  cpSync(out, join(work, "www-copy"), { recursive: true });
  figures["copySiteSeconds"] = (performance.now() - t) / 1000;
  figures["publishVsCopy"] = Number(figures["publishSeconds"]) / Number(figures["copySiteSeconds"]);
  for (const name of readdirSync(work)) if (name.startsWith("www")) rmSync(join(work, name), { recursive: true, force: true });
  log(`  first ${Number(figures["publishFirstSeconds"]).toFixed(2)} s, next ${Number(figures["publishSeconds"]).toFixed(2)} s; copying the site ${Number(figures["copySiteSeconds"]).toFixed(2)} s`);

  // Poster throughput, warm, one process; baseline: encoding a blank canvas of the same size.
  log("\n— posters");
  const identity = { city: "示例市", signature: "示例市文明办 宣", emblem: "文明", primary: "#A8201A", accent: "#8A5A00" };
  const input: PosterInput = { name: "bench", template: "slogan", slogan: "文明交通 从我做起", sub: "礼让斑马线 出行戴头盔", qrUrl: "https://wenming.example.gov.cn/ads/bench/", identity };
  const phone = findSize("phone");
  const a3 = findSize("a3");
  if (!phone || !a3) throw new Error("sizes missing");
  for (let i = 0; i < 3; i++) await renderPoster(input, phone, "png");
  const N = 40;
  t = performance.now();
  for (let i = 0; i < N; i++) await renderPoster({ ...input, sub: `礼让斑马线 第${i}号` }, phone, "png");
  figures["posterPngPerSecondSequential"] = N / ((performance.now() - t) / 1000);
  // One process, three posters in flight: layout and rasterising (Skia) on the main thread overlap with cropping and encoding (libvips) on the thread pool.
  t = performance.now();
  let next = 0;
  await Promise.all(
    [0, 1, 2].map(async () => {
      while (next < N) await renderPoster({ ...input, sub: `礼让斑马线 第${next++}号` }, phone, "png");
    }),
  );
  figures["posterPngPerSecond"] = N / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let i = 0; i < N; i++)
    await sharp({ create: { width: 1080, height: 1920, channels: 4, background: "#a8201a" } })
      .png({ compressionLevel: 3 })
      .toBuffer();
  figures["baselineBlankPngPerSecond"] = N / ((performance.now() - t) / 1000);
  await renderPoster(input, a3, "jpg");
  t = performance.now();
  for (let i = 0; i < 3; i++) await renderPoster({ ...input, sub: `A3 ${i}` }, a3, "jpg");
  figures["a3JpegSeconds"] = (performance.now() - t) / 3000;
  // With a photo: the image-led design, its picture cropped per size (a 4000×3000 "camera" JPEG).
  const photoFile = join(work, "bench-photo.jpg");
  await sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="3000"><rect width="4000" height="3000" fill="#4a90c2"/><circle cx="2600" cy="1100" r="500" fill="#f5d142"/><rect y="2000" width="4000" height="1000" fill="#2f6b2f"/></svg>',
    ),
  )
    .jpeg({ quality: 90 })
    .toFile(photoFile);
  const photoInput: PosterInput = { ...input, template: "photo", image: await imageRefOf(photoFile, { x: 60, y: 40 }), credit: "摄影：示例" };
  for (let i = 0; i < 3; i++) await renderPoster(photoInput, phone, "png");
  t = performance.now();
  next = 0;
  await Promise.all(
    [0, 1, 2].map(async () => {
      while (next < N) await renderPoster({ ...photoInput, sub: `礼让斑马线 第${next++}号` }, phone, "png");
    }),
  );
  figures["photoPosterPngPerSecond"] = N / ((performance.now() - t) / 1000);
  figures["photoPosterVsBlank"] = Number(figures["photoPosterPngPerSecond"]) / Number(figures["baselineBlankPngPerSecond"]);
  figures["posterVsBlank"] = Number(figures["posterPngPerSecond"]) / Number(figures["baselineBlankPngPerSecond"]);
  if (!values["no-browser"]) {
    try {
      const c = await compareWithChromium(photoInput, phone, a3);
      Object.assign(figures, {
        chromiumPngMs: c.chromiumPngMs,
        oursPngMs: c.oursPngMs,
        chromiumA3Ms: c.chromiumA3Ms,
        oursA3Ms: c.oursA3Ms,
        chromiumPngRatio: c.chromiumPngMs / c.oursPngMs,
        chromiumA3Ratio: c.chromiumA3Ms / c.oursA3Ms,
      });
    } catch (error) {
      figures["chromiumError"] = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    }
  }
  log(
    `  ${Number(figures["posterPngPerSecond"]).toFixed(1)} posters/s (blank-canvas baseline ${Number(figures["baselineBlankPngPerSecond"]).toFixed(1)}/s), A3 JPEG ${Number(figures["a3JpegSeconds"]).toFixed(2)} s`,
  );
}

// Page weights: HTML + CSS + JS, brotli, per page type.
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}
const TYPES: [string, RegExp][] = [
  ["person", /^good-people\/[^/]+\/index\.html$/],
  ["guide", /^etiquette\/[^/]+\/index\.html$/],
  ["convention", /^conventions\/[^/]+\/index\.html$/],
  ["entry", /^integrity\/(red|black)\/[\d-]+\/index\.html$/],
  ["list", /^integrity\/(red|black)\/(index\.html|page\/\d+\/index\.html)$/],
  ["ad", /^ads\/[^/]+\/index\.html$/],
  ["search", /^search\/index\.html$/],
];
const all = files(out).map((f) => f.slice(out.length + 1));
const assetCache = new Map<string, { bytes: number; js: boolean }>();
const asset = (url: string) => {
  let a = assetCache.get(url);
  if (!a) {
    const file = join(out, url);
    a = { bytes: existsSync(file) ? brotli(readFileSync(file)) : 0, js: url.endsWith(".js") };
    assetCache.set(url, a);
  }
  return a;
};
const weights: Record<string, { median: number; max: number; jsMax: number; n: number }> = {};
for (const [type, re] of TYPES) {
  const pages = all.filter((p) => re.test(p)).slice(0, 300);
  const sizes: number[] = [];
  const js: number[] = [];
  for (const p of pages) {
    const html = readFileSync(join(out, p), "utf8");
    const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="(\/_astro\/[^"]+)"/g)].map((m) => m[1] ?? "");
    const a = refs.map(asset);
    sizes.push(brotli(html) + a.reduce((s, x) => s + x.bytes, 0));
    js.push(a.filter((x) => x.js).reduce((s, x) => s + x.bytes, 0));
  }
  weights[type] = { median: median(sizes), max: Math.max(...sizes), jsMax: Math.max(...js), n: pages.length };
  figures[`bytes_${type}_median`] = median(sizes);
  figures[`bytes_${type}_max`] = Math.max(...sizes);
  figures[`js_${type}_max`] = Math.max(...js);
}
const dirSize = (d: string): number => readdirSync(d, { withFileTypes: true }).reduce((s, e) => s + (e.isDirectory() ? dirSize(join(d, e.name)) : statSync(join(d, e.name)).size), 0);
figures["searchIndexBytes"] = dirSize(join(out, "pagefind"));
figures["pagesBuilt"] = all.filter((p) => p.endsWith(".html")).length;

// First search in headless Chromium, against astro preview of the built site.
if (!values["no-browser"]) {
  const chromium = process.env["WENMING_CHROMIUM"] ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const { firstSearch } = await import("./lib/bench/search.ts");
  const query = readFileSync(join(content, "good-people", "people", readdirSync(join(content, "good-people", "people")).sort()[0] ?? ""), "utf8").match(/name: (.+)/)?.[1] ?? "文明";
  try {
    const s = await firstSearch(out, query, chromium);
    figures["searchQuery"] = query;
    figures["searchFirstQueryBytes"] = s.bytes;
    figures["searchQueryOnlyBytes"] = s.queryBytes;
    figures["searchFirstResultsMs"] = s.ms;
    figures["searchFirstResultsDriverMs"] = s.driverMs;
    figures["searchArrivedBytesAtResults"] = s.arrivedBytesAtResults;
    figures["searchArrivedBytes"] = s.arrivedBytes;
    figures["searchArrivedMs"] = s.arrivedMs;
    figures["searchResults"] = s.results;
  } catch (error) {
    figures["searchError"] = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  }
}

// Workbench latencies, on the content as it now is (committed to its own repository in the bench folder).
if (!coldOnly) Object.assign(figures, await measureStudio(content, env, AS_OF));

// Table
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const row = (name: string, value: string, floor = "") => log(`| ${name.padEnd(44)} | ${value.padStart(16)} | ${floor.padEnd(22)} |`);
log(`\n| figure${" ".repeat(38)} | value${" ".repeat(11)} | floor (city)           |`);
log(`|${"-".repeat(46)}|${"-".repeat(18)}|${"-".repeat(24)}|`);
row("pages built", String(figures["pagesBuilt"]));
row("cold build", `${cold.seconds.toFixed(1)} s`, "≤ 150 s");
row("cold build CPU time (process tree)", `${cold.cpuSeconds.toFixed(0)} s`, "÷ 2 cores: wall floor");
row("  CPU time stolen by the VM host meanwhile", `${cold.stealSeconds.toFixed(0)} s`);
row("cold build peak RSS (process tree)", `${(cold.peakRss / 2 ** 30).toFixed(2)} GiB`, "≤ 4 GiB at 5x");
for (const k of ["contentSync", "pages", "searchIndex", "posters", "outputChecks"])
  row(`  stage: ${k} (wall, CPU)`, `${Number(figures[`stage_${k}`]).toFixed(1)} s, ${Number(figures[`stageCpu_${k}`]).toFixed(0)} s`);
row("cold build, SKIP_POSTERS=1", `${bare.seconds.toFixed(1)} s`);
if (figures["hugoSeconds"] !== undefined) {
  row(`Hugo, same content (${figures["hugoPages"]} pages)`, `${Number(figures["hugoSeconds"]).toFixed(1)} s`);
  row("  cold build ÷ Hugo", `${Number(figures["coldVsHugo"]).toFixed(1)}×`, "≤ 2.5×");
  row("  SKIP_POSTERS=1 ÷ Hugo", `${Number(figures["coldNoPostersVsHugo"]).toFixed(1)}×`, "≤ 2×");
  if (figures["hugoMemorySeconds"] !== undefined) {
    row("  both into memory: SKIP_POSTERS=1; Hugo", `${Number(figures["coldNoPostersMemorySeconds"]).toFixed(1)} s; ${Number(figures["hugoMemorySeconds"]).toFixed(1)} s`);
    row("  SKIP_POSTERS=1 ÷ Hugo, both into memory", `${Number(figures["coldNoPostersVsHugoMemory"]).toFixed(1)}×`, "(no disk)");
  }
} else row("Hugo baseline", `skipped: ${figures["hugoError"]}`);
if (!coldOnly) {
  row("rebuild, nothing changed", `${Number(figures["rebuildSeconds"]).toFixed(1)} s (${(100 * Number(figures["rebuildRatio"])).toFixed(0)} %)`, "≤ 40 % of cold");
  row("rebuild, one entry changed", `${Number(figures["oneChangeSeconds"]).toFixed(1)} s (${(100 * Number(figures["oneChangeRatio"])).toFixed(0)} %)`, "≤ 15 % of cold");
  row(
    "  then 发布 to a folder (workbench)",
    `${Number(figures["publishSeconds"]).toFixed(1)} s (${(100 * Number(figures["publishVsCopy"])).toFixed(0)} % of a copy)`,
    "first: " + `${Number(figures["publishFirstSeconds"]).toFixed(1)} s`,
  );
  row("posters 1080×1920 PNG, warm, 3 in flight", `${Number(figures["posterPngPerSecond"]).toFixed(1)} /s`, "≥ 20 /s");
  row("  one at a time", `${Number(figures["posterPngPerSecondSequential"]).toFixed(1)} /s`);
  row("  baseline: blank canvas PNG", `${Number(figures["baselineBlankPngPerSecond"]).toFixed(1)} /s`);
  row("  ÷ blank canvas", `${(100 * Number(figures["posterVsBlank"])).toFixed(0)} %`, "≥ 90 %");
  row("photo design 1080×1920 PNG, 3 in flight", `${Number(figures["photoPosterPngPerSecond"]).toFixed(1)} /s`);
  row("  ÷ blank canvas", `${(100 * Number(figures["photoPosterVsBlank"])).toFixed(0)} %`, "≥ 90 %");
  if (figures["chromiumPngRatio"] !== undefined) {
    row(
      "Chromium ÷ ours, 1080×1920 PNG, with photo",
      `${Number(figures["chromiumPngRatio"]).toFixed(1)}× (${Number(figures["chromiumPngMs"]).toFixed(0)} / ${Number(figures["oursPngMs"]).toFixed(0)} ms)`,
      "≥ 3×",
    );
    row(
      "Chromium ÷ ours, A3 300 dpi JPEG, with photo",
      `${Number(figures["chromiumA3Ratio"]).toFixed(1)}× (${Number(figures["chromiumA3Ms"]).toFixed(0)} / ${Number(figures["oursA3Ms"]).toFixed(0)} ms)`,
      "> 1×",
    );
  } else row("Chromium baseline", `skipped: ${figures["chromiumError"] ?? "--no-browser"}`);
  row("A3 300 dpi JPEG", `${Number(figures["a3JpegSeconds"]).toFixed(2)} s`, "≤ 1.5 s");
  row("workbench: poster preview 1080×1920, warm", `${Number(figures["studioPosterPreviewMs"]).toFixed(0)} ms`, "≤ 300 ms");
  row("workbench: save (loader check + commit)", `${Number(figures["studioSaveSeconds"]).toFixed(1)} s`);
  row("workbench: saved change → 预览 built", `${Number(figures["studioSaveToPreviewSeconds"]).toFixed(1)} s`, "≤ 2 s (sample)");
  row("  the first 预览 after the workbench starts", `${Number(figures["studioFirstSaveToPreviewSeconds"]).toFixed(1)} s`);
  const ofCold = (key: string) => `${Number(figures[key]).toFixed(1)} s (${((Number(figures[key]) / cold.seconds) * 100).toFixed(0)} %)`;
  row("workbench: one 黑榜 entry saved → 预览 built", ofCold("studioEntrySaveToPreviewSeconds"), "≤ 15 % of cold");
  row("  of which the 预览 build", ofCold("studioEntryPreviewBuildSeconds"));
}
for (const [type, w] of Object.entries(weights)) row(`page ${type} (brotli, n=${w.n}) median / max`, `${kb(w.median)} / ${kb(w.max)}`, type === "search" ? "" : "≤ 30 KB");
for (const [type, w] of Object.entries(weights)) row(`  JS on ${type} page (brotli, max)`, kb(w.jsMax), ["list", "ad", "entry"].includes(type) ? "≤ 5 KB" : "(read-aloud/search)");
row("search index", `${(Number(figures["searchIndexBytes"]) / 2 ** 20).toFixed(2)} MB`);
if (figures["searchFirstQueryBytes"] !== undefined) {
  row(`first search: page + engine + query "${figures["searchQuery"]}"`, kb(Number(figures["searchFirstQueryBytes"])), "≤ 250 KB (5x: 400)");
  row("  of which the query itself", kb(Number(figures["searchQueryOnlyBytes"])));
  row("first search, ms from Enter to the first result drawn", `${Number(figures["searchFirstResultsMs"]).toFixed(0)} ms`, "≤ 300 ms");
  row("  as the test driver saw it (typing, key press, polling)", `${Number(figures["searchFirstResultsDriverMs"]).toFixed(0)} ms`);
  row("from a header search box: bytes at results / at idle", `${kb(Number(figures["searchArrivedBytesAtResults"]))} / ${kb(Number(figures["searchArrivedBytes"]))}`);
  row("from a header search box: ms to results (page load included)", `${Number(figures["searchArrivedMs"]).toFixed(0)} ms`);
} else if (figures["searchError"]) row("first search", `skipped: ${figures["searchError"]}`);

mkdirSync("bench-results", { recursive: true });
writeFileSync(join("bench-results", `${scale}.json`), `${JSON.stringify(figures, null, 2)}\n`);
if (!values.keep) rmSync(work, { recursive: true, force: true });
console.log(JSON.stringify(figures));

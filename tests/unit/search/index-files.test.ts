import { afterAll, describe, expect, it } from "vitest";
import * as pagefind from "pagefind";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { cachedIndex, INDEX_CHUNK_SIZE, indexFolder, type IndexGroup } from "../../../src/lib/search/index-files.ts";
import { cachedListIndex, listIndexName, type ListIndexInput } from "../../../src/lib/search/list-index-files.ts";

const cache = mkdtempSync(join(tmpdir(), "wenming-index-cache-"));
afterAll(async () => {
  await pagefind.close();
  rmSync(cache, { recursive: true, force: true });
});

const record = (id: number, reason: string): ListIndexInput => ({
  url: `/integrity/black/${id}/`,
  title: `示例市某某商贸有限公司${id}`,
  section: "黑榜",
  date: "2026-11-02",
  year: "2026",
  text: `示例市某某商贸有限公司${id}。${reason}`,
  own: `示例市某某商贸有限公司${id}`,
});
const base = [record(1, "拖欠农民工工资"), record(2, "欠缴税款 128 万元"), record(3, "虚假宣传")];

/** Every record's text in a lists' index folder. */
const recordsText = (folder: string): string =>
  readdirSync(join(folder, "r"))
    .map((f) => readFileSync(join(folder, "r", f), "utf8"))
    .join("\n");

/** Runs the worker that makes the lists' index beside Astro (src/lib/search/index-worker.ts) to its end. */
function runIndexWorker(records: ListIndexInput[], into = cache): Promise<number> {
  const worker = new Worker(new URL("../../../src/lib/search/index-worker.ts", import.meta.url), { workerData: { records, cache: into } });
  return new Promise((done, fail) => {
    worker.once("error", fail);
    worker.once("exit", done);
  });
}

describe("the lists' index in the cache (made beside Astro or in the index stage)", () => {
  it("is taken from the cache only when made from exactly the same records", async () => {
    const first = await cachedListIndex(base, cache);
    expect(first.built).toBe(true);
    expect(await cachedListIndex(base, cache)).toEqual({ ...first, built: false });
    // Each change an index stage can meet, one at a time: the cache must not answer for any of them.
    const changes: [string, ListIndexInput[]][] = [
      ["a record's text", [base[0]!, record(2, "欠缴税款 129 万元"), base[2]!]],
      ["a record removed (expired)", [base[0]!, base[2]!]],
      ["a record added", [...base, record(4, "无证经营")]],
      ["two records swapped", [base[1]!, base[0]!, base[2]!]],
      ["a record's date", [base[0]!, { ...base[1]!, date: "2026-11-03" }, base[2]!]],
      ["a record's year", [base[0]!, base[1]!, { ...base[2]!, year: "2025" }]],
      ["a record's list", [base[0]!, base[1]!, { ...base[2]!, section: "红榜" }]],
      ["a record's link", [base[0]!, { ...base[1]!, url: "/integrity/black/9/" }, base[2]!]],
      ["a subject's own words", [base[0]!, { ...base[1]!, own: "另一家公司" }, base[2]!]],
    ];
    for (const [change, records] of changes) {
      expect(listIndexName(records), change).not.toBe(first.name);
      const made = await cachedListIndex(records, cache);
      expect(made.built, change).toBe(true);
      if (change === "a record's text") expect(recordsText(made.folder)).toContain("129");
      // Only the current index is kept: the earlier one is gone, so it cannot be published by mistake.
      expect(readdirSync(join(cache, "lists")), change).toEqual([made.name]);
    }
  });

  it("made by the worker is the one the index stage then takes", async () => {
    const records = [...base, record(5, "食品安全违法")];
    expect(await runIndexWorker(records)).toBe(0);
    const taken = await cachedListIndex(records, cache);
    expect(taken.built).toBe(false);
    expect(recordsText(taken.folder)).toContain("食品安全违法");
    // A worker that fails (here: its cache is under a file) ends with the error; the index stage then makes the index itself.
    const other = [...base, record(6, "无证经营")];
    await expect(runIndexWorker(other, join(taken.folder, "meta.json", "cache"))).rejects.toThrow(/ENOTDIR/);
    expect(await cachedListIndex(other, cache)).toMatchObject({ built: true });
  });
});

/** The pages' index of these documents. */
const pages = (documents: IndexGroup["documents"]): IndexGroup => ({ name: "pages", documents });
const doc = (id: number, text: string) => ({ url: `/news/${id}/`, title: `通知${id}`, main: `<main data-pagefind-body><h1>通知${id}</h1><p>${text}</p></main>` });

describe("the pages' index in the cache", () => {
  it("is taken from the cache only when made from exactly the same pages", async () => {
    const docs = [doc(1, "文明交通"), doc(2, "垃圾分类")];
    const first = await cachedIndex(pages(docs), cache);
    expect(first.built).toBe(true);
    expect(await cachedIndex(pages(docs), cache)).toEqual({ folder: first.folder, built: false });
    for (const [change, changed] of [
      ["a page's text", [doc(1, "文明交通"), doc(2, "光盘行动")]],
      ["a page removed", [doc(1, "文明交通")]],
      ["a page's title", [doc(1, "文明交通"), { ...doc(2, "垃圾分类"), title: "公告" }]],
    ] as const) {
      expect(indexFolder(pages([...changed]), cache), change).not.toBe(first.folder);
      expect((await cachedIndex(pages([...changed]), cache)).built, change).toBe(true);
    }
  });
});

describe("an index's word chunks", () => {
  it("hold about INDEX_CHUNK_SIZE word positions each, so a query fetches small chunks (Pagefind's own size is 20,000)", async () => {
    // 100 pages of ≈ 180 words: ≈ 18,000 word positions, one chunk at Pagefind's own size.
    const reasons = ["拖欠农民工工资", "欠缴税款", "虚假宣传", "无证经营", "食品安全违法", "价格欺诈", "偷税漏税", "违规排污"];
    const docs = Array.from({ length: 100 }, (_, i) => doc(1000 + i, Array.from({ length: 12 }, (_, j) => `${reasons[(i + j) % reasons.length]}第${i * 12 + j}次`).join("，")));
    const { folder } = await cachedIndex(pages(docs), cache);
    const chunks = readdirSync(join(folder, "index"));
    expect(chunks.length).toBeGreaterThanOrEqual(Math.floor(18_000 / INDEX_CHUNK_SIZE / 2));
    expect(INDEX_CHUNK_SIZE).toBeLessThanOrEqual(5000);
  });
});

describe("background work's priority", () => {
  it("lowers the calling thread and every process it starts, and nothing else", async () => {
    const niceOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
    const script = `
      const { lowerThisThread } = await import(${JSON.stringify(new URL("../../../src/lib/build/priority.ts", import.meta.url).href)});
      const { execFileSync } = await import("node:child_process");
      const { parentPort } = await import("node:worker_threads");
      const lowered = lowerThisThread();
      parentPort.postMessage({ lowered, child: execFileSync("cat", ["/proc/self/stat"], { encoding: "utf8" }) });`;
    const worker = new Worker(script, { eval: true });
    const { lowered, child } = await new Promise<{ lowered: boolean; child: string }>((done) => worker.once("message", done));
    await worker.terminate();
    expect(lowered).toBe(true);
    expect(niceOf(child)).toBe(10);
    // The thread that started the worker, and what it starts, keep their priority.
    expect(niceOf(execFileSync("cat", ["/proc/self/stat"], { encoding: "utf8" }))).toBe(niceOf(readFileSync("/proc/thread-self/stat", "utf8")));
    expect(niceOf(readFileSync("/proc/thread-self/stat", "utf8"))).toBeLessThan(10);
  });
});

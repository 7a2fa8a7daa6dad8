import { afterAll, describe, expect, it } from "vitest";
import * as pagefind from "pagefind";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { gunzipSync } from "node:zlib";
import { cachedIndex, INDEX_CHUNK_SIZE, indexFolder, type IndexGroup, type SearchRecord } from "../../../src/lib/search/index-files.ts";
import { listIndex } from "../../../src/lib/search/indexes.ts";

const cache = mkdtempSync(join(tmpdir(), "wenming-index-cache-"));
afterAll(async () => {
  await pagefind.close();
  rmSync(cache, { recursive: true, force: true });
});

const record = (id: number, reason: string): SearchRecord => ({
  url: `/integrity/black/${id}/`,
  content: `示例市某某商贸有限公司${id}。${reason}`,
  language: "zh-cn",
  meta: { title: `示例市某某商贸有限公司${id}`, section: "黑榜", date: "2026-11-02" },
  filters: { 年份: ["2026"] },
});
const black = (records: SearchRecord[]): IndexGroup => ({ name: "black", path: listIndex("black"), documents: [], records, filters: { 栏目: "黑榜" } });
const base = [record(1, "拖欠农民工工资"), record(2, "欠缴税款 128 万元"), record(3, "虚假宣传")];

/** Every fragment's text in an index folder (Pagefind gzips them). */
function fragmentsText(folder: string): string {
  return readdirSync(join(folder, "fragment"))
    .map((f) => gunzipSync(readFileSync(join(folder, "fragment", f))).toString("utf8"))
    .join("\n");
}

/** Runs the worker that makes indexes beside Astro (src/lib/search/index-worker.ts) to its end. */
function runIndexWorker(groups: IndexGroup[], into = cache): Promise<number> {
  const worker = new Worker(new URL("../../../src/lib/search/index-worker.ts", import.meta.url), { workerData: { groups, cache: into } });
  return new Promise((done, fail) => {
    worker.once("error", fail);
    worker.once("exit", done);
  });
}

describe("search indexes in the cache (made beside Astro or in the index stage)", () => {
  it("are taken from the cache only when made from exactly the same records", async () => {
    const first = await cachedIndex(black(base), cache);
    expect(first.built).toBe(true);
    expect(await cachedIndex(black(base), cache)).toEqual({ folder: first.folder, built: false });
    // Each change an index stage can meet, one at a time: the cache must not answer for any of them.
    const changes: [string, SearchRecord[]][] = [
      ["a record's text", [base[0]!, record(2, "欠缴税款 129 万元"), base[2]!]],
      ["a record removed (expired)", [base[0]!, base[2]!]],
      ["a record added", [...base, record(4, "无证经营")]],
      ["two records swapped", [base[1]!, base[0]!, base[2]!]],
      ["a record's date", [base[0]!, { ...base[1]!, meta: { ...base[1]!.meta, date: "2026-11-03" } }, base[2]!]],
      ["a record's year filter", [base[0]!, { ...base[1]!, filters: { 年份: ["2025"] } }, base[2]!]],
    ];
    for (const [change, records] of changes) {
      expect(indexFolder(black(records), cache), change).not.toBe(first.folder);
      const made = await cachedIndex(black(records), cache);
      expect(made.built, change).toBe(true);
      if (change === "a record's text") expect(fragmentsText(made.folder)).toContain("129");
      // Only the current index of a group is kept: the earlier one is gone, so it cannot be published by mistake.
      expect(readdirSync(join(cache, "black")), change).toEqual([made.folder.split("/").pop()]);
    }
  });

  it("made by the worker are the ones the index stage then takes", async () => {
    const records = [...base, record(5, "食品安全违法")];
    expect(await runIndexWorker([black(records)])).toBe(0);
    const taken = await cachedIndex(black(records), cache);
    expect(taken.built).toBe(false);
    expect(fragmentsText(taken.folder)).toContain("食品\u200B安全\u200B违法");
    // A worker that fails (here: its cache is under a file) ends with the error; the index stage then makes the index itself.
    const other = [...base, record(6, "无证经营")];
    await expect(runIndexWorker([black(other)], join(taken.folder, "pagefind-entry.json", "cache"))).rejects.toThrow(/ENOTDIR/);
    expect(await cachedIndex(black(other), cache)).toMatchObject({ built: true });
  });
});

describe("an index's word chunks", () => {
  it("hold about INDEX_CHUNK_SIZE word positions each, so a query fetches small chunks (Pagefind's own size is 20,000)", async () => {
    // 100 records of ≈ 180 words: ≈ 18,000 word positions, one chunk at Pagefind's own size.
    const reasons = ["拖欠农民工工资", "欠缴税款", "虚假宣传", "无证经营", "食品安全违法", "价格欺诈", "偷税漏税", "违规排污"];
    const records = Array.from({ length: 100 }, (_, i) => record(1000 + i, Array.from({ length: 12 }, (_, j) => `${reasons[(i + j) % reasons.length]}第${i * 12 + j}次`).join("，")));
    const { folder } = await cachedIndex(black(records), cache);
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

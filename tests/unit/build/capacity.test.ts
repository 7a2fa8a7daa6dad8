/**
 * The build's memory limit (src/lib/build/capacity.ts): where the limit comes
 * from, when content is refused before a build starts, and the stop of a
 * build that grows past it — each with a message that names the limit.
 */
import { describe, expect, it, vi } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BASE_BYTES, capacityProblem, contentCounts, estimatePeakBytes, memoryBudget, PER_ITEM_BYTES, roughItemCount, separateStages, watchMemory } from "../../../src/lib/build/capacity.ts";
import { loadContent } from "../../../src/lib/content/load.ts";
import { writeCorpus } from "../../../scripts/lib/bench/corpus.ts";

const GiB = 2 ** 30;
const counts = (entries: number, people = entries / 10): [string, number][] => [
  ["红黑榜条目", entries],
  ["好人", people],
  ["新闻公告", 0],
];

describe("the memory budget", () => {
  it.each([
    ["8", 8],
    ["0.5", 0.5],
    ["64", 64],
  ])("WENMING_MEMORY_GIB=%s is %f GiB, and says where it comes from", (raw, expected) => {
    const b = memoryBudget({ WENMING_MEMORY_GIB: raw }, 16 * GiB);
    expect(b.bytes).toBe(expected * GiB);
    expect(b.source).toContain("WENMING_MEMORY_GIB");
  });
  it("defaults to 90 % of the machine, naming the machine's memory and the variable", () => {
    const b = memoryBudget({}, 16 * GiB);
    expect(b.bytes).toBeCloseTo(14.4 * GiB, 0);
    expect(b.source).toBe("本机内存 16.0 GiB 的 90%，可用环境变量 WENMING_MEMORY_GIB 调整");
  });
  it.each(["0", "-2", "八", "4GB"])("refuses WENMING_MEMORY_GIB=%s, naming what it got and what it expects", (raw) => {
    expect(() => memoryBudget({ WENMING_MEMORY_GIB: raw }, 16 * GiB)).toThrow(`环境变量 WENMING_MEMORY_GIB 应为正数（单位 GiB，例如 8），收到“${raw}”`);
  });
});

describe("one process or two", () => {
  const items = (c: [string, number][]) => c.reduce((n, [, k]) => n + k, 0);
  it.each([
    ["sample", counts(200, 40), false],
    ["city", counts(20_000, 4_160), false],
    ["5x", counts(100_000, 20_800), true],
    ["10x", counts(200_000, 41_600), true],
  ])("by default %s builds in two processes: %s", (_, c, two) => {
    expect(separateStages(items(c), {})).toBe(two);
    expect(separateStages(items(c), { WENMING_BUILD_STAGES: "auto" })).toBe(two);
    expect(separateStages(items(c), { WENMING_BUILD_STAGES: "" })).toBe(two);
  });
  it.each([
    [24_000, 8, false],
    [24_000, 3.5, true],
    [2_000, 3.5, false],
  ])("%i items against a %f GiB limit: two processes = %s (where one would not fit, two are tried)", (n, limit, two) => {
    expect(separateStages(n, {}, limit * GiB)).toBe(two);
  });
  it.each([
    ["one", false],
    ["two", true],
  ])("WENMING_BUILD_STAGES=%s decides at any size", (raw, two) => {
    for (const n of [0, 24_000, 240_000]) expect(separateStages(n, { WENMING_BUILD_STAGES: raw })).toBe(two);
  });
  it.each(["2", "ONE", "split", "true"])("refuses WENMING_BUILD_STAGES=%s, naming what it got and what it expects", (raw) => {
    expect(() => separateStages(10, { WENMING_BUILD_STAGES: raw })).toThrow(`环境变量 WENMING_BUILD_STAGES 应为 one、two 或 auto（按内容规模自动选择），收到“${raw}”`);
  });
  it("counts a content folder's items without reading it as content: CSV rows, one per other text file", () => {
    const root = mkdtempSync(join(tmpdir(), "wenming-rough-"));
    mkdirSync(join(root, "integrity", "red"), { recursive: true });
    mkdirSync(join(root, "good-people", "people"), { recursive: true });
    writeFileSync(join(root, "integrity", "red", "2026-10.csv"), "header\na\nb\nc\n");
    writeFileSync(join(root, "integrity", "red", "2026-11.csv"), "header\na\nb");
    writeFileSync(join(root, "integrity", "red", "empty.csv"), "");
    for (const name of ["p-1.md", "p-2.md", "g.mdx", "site.yaml", "b.yml", "photo.jpg", "notes.txt"]) writeFileSync(join(root, "good-people", "people", name), "x");
    expect(roughItemCount(root)).toBe(3 + 2 + 5);
    expect(roughItemCount(join(root, "missing"))).toBe(0);
  });
  it("counts the benchmark's quarter corpus within 5 % of its checked content, and chooses as the checked count would", async () => {
    const root = join(mkdtempSync(join(tmpdir(), "wenming-rough-")), "content");
    writeCorpus(root, "quarter", "2026-11-22");
    const checked = items(contentCounts(await loadContent(root, "2026-11-22")));
    expect(Math.abs(roughItemCount(root) - checked) / checked).toBeLessThan(0.05);
    for (const times of [1, 4, 20]) expect(separateStages(roughItemCount(root) * times, {})).toBe(separateStages(checked * times, {}));
  }, 60_000);
});

describe("content that would not fit", () => {
  it.each([
    ["sample", 3.18, counts(200, 40)],
    ["city", 3.71, counts(20_000, 4_160)],
    ["5x", 5.13, counts(100_000, 20_800)],
    ["10x", 8.66, counts(200_000, 41_600)],
  ])("the estimate at %s is at or above its measured peak (%f GiB), and within 1 GiB of it", (_, measured, c) => {
    const estimate = estimatePeakBytes(c) / GiB;
    expect(estimate).toBeGreaterThanOrEqual(measured);
    expect(estimate - measured).toBeLessThan(1);
  });
  it.each([
    ["sample", 1.96, counts(200, 40)],
    ["5x", 3.63, counts(100_000, 20_800)],
    ["10x", 6.75, counts(200_000, 41_600)],
  ])("in two processes, the estimate at %s is at or above its measured peak (%f GiB), and within 1 GiB of it", (_, measured, c) => {
    const estimate = estimatePeakBytes(c, true) / GiB;
    expect(estimate).toBeGreaterThanOrEqual(measured);
    expect(estimate - measured).toBeLessThan(1);
  });
  it("in two processes, 5x starts under a 4 GiB limit, and the estimate never passes one process's", () => {
    expect(capacityProblem(counts(100_000, 20_800), { bytes: 4 * GiB, source: "测试" }, true)).toBeUndefined();
    expect(capacityProblem(counts(100_000, 20_800), { bytes: 4 * GiB, source: "测试" }, false)).toBeDefined();
    for (const n of [0, 1_000, 30_000, 121_000, 242_000, 1_000_000]) expect(estimatePeakBytes(counts(n), true)).toBeLessThanOrEqual(estimatePeakBytes(counts(n), false));
  });
  it("grows with every kind of content alike", () => {
    expect(estimatePeakBytes([["好人", 1000]]) - estimatePeakBytes([["红黑榜条目", 0]])).toBeCloseTo(1000 * PER_ITEM_BYTES, 0);
    expect(estimatePeakBytes([])).toBe(BASE_BYTES);
  });
  it.each([
    [20_000, 8, false],
    [200_000, 8, true],
    [200_000, 24, false],
    [1_000_000, 24, true],
  ])("%i list entries against %i GiB: refused = %s", (entries, budget, refused) => {
    const problem = capacityProblem(counts(entries), { bytes: budget * GiB, source: "测试" });
    expect(problem !== undefined).toBe(refused);
  });
  it("the refusal names the content, the estimate, the limit and its source, and what to do", () => {
    const problem = capacityProblem(counts(200_000, 20_000), { bytes: 4 * GiB, source: "环境变量 WENMING_MEMORY_GIB 的设置" }) ?? "";
    expect(problem).toContain("共 220,000 项内容（红黑榜条目 200,000、好人 20,000）");
    expect(problem).toMatch(/预计构建时内存峰值约 \d+\.\d GiB，超过上限 4\.0 GiB（环境变量 WENMING_MEMORY_GIB 的设置）/);
    expect(problem).toContain("构建没有开始，线上网站没有改变");
    expect(problem).toContain("调高 WENMING_MEMORY_GIB");
  });
});

describe("a build that grows past the limit", () => {
  it("is stopped once, with the memory it reached and the limit", () => {
    vi.useFakeTimers();
    try {
      const readings = [1, 2, 3, 5, 6].map((g) => g * GiB);
      const stops: string[] = [];
      watchMemory({ bytes: 4 * GiB, source: "测试上限" }, (m) => stops.push(m), { usage: () => readings.shift() ?? 7 * GiB, everyMs: 100 });
      vi.advanceTimersByTime(300);
      expect(stops).toEqual([]);
      vi.advanceTimersByTime(1000);
      expect(stops).toHaveLength(1);
      expect(stops[0]).toContain("构建已停止：内存用量达到 5.0 GiB，超过上限 4.0 GiB（测试上限）");
      expect(stops[0]).toContain("没有发布任何内容");
    } finally {
      vi.useRealTimers();
    }
  });
  it("is left alone under the limit, and can be stopped watching", () => {
    vi.useFakeTimers();
    try {
      const stops: string[] = [];
      const stop = watchMemory({ bytes: 4 * GiB, source: "测试" }, (m) => stops.push(m), { usage: () => 3.9 * GiB, everyMs: 100 });
      vi.advanceTimersByTime(10_000);
      stop();
      expect(stops).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});

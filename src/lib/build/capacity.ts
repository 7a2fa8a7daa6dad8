/**
 * How much memory a build may use, and what happens at the limit: a build
 * that would not fit stops before it starts, and one that grows past the
 * limit stops at once — in both cases with a message naming the limit and
 * nothing published — instead of being killed by the system (or taking the
 * machine's other services with it) half an hour in.
 *
 * The estimate lies at or above every measured peak of a full build (process
 * tree: Astro, Pagefind, poster renderers, Chromium for the handbook) on the
 * benchmark corpora (docs/performance.md, 2026-12-03), one for each way a
 * build runs (separateStages). In one process: 3.2 GiB for the sample
 * site, 3.7 GiB at city scale (24,000 items), 5.1 GiB at 5x (121,000 items),
 * 8.7 GiB at 10x (242,000 items). Growth quickens with size (15 MB per 1,000
 * items from city to 5x, 29 MB from 5x to 10x): one straight line over all four
 * overestimates 5x by ≈ 1 GiB.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { totalmem } from "node:os";
import type { SiteContent } from "../content/load.ts";
import { treeUsage } from "./process-tree.ts";

const GiB = 2 ** 30;

/** Peak memory of a build with almost no content. */
export const BASE_BYTES = 3.3 * GiB;
/** Peak memory per item of content (list entry, person, news item, activity, …). */
export const PER_ITEM_BYTES = (23.5 * 2 ** 20) / 1000;
/** Share of the machine's memory a build may use by default: the rest is for the system and the workbench. */
export const DEFAULT_SHARE = 0.9;

export interface Budget {
  bytes: number;
  /** Where the figure comes from, in staff language. */
  source: string;
}

/** The memory a cgroup (container) may use, when it is limited. */
function cgroupLimit(): number | undefined {
  for (const file of ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"]) {
    try {
      const n = Number(readFileSync(file, "utf8").trim());
      if (Number.isFinite(n) && n > 0 && n < 2 ** 60) return n;
    } catch (error) {
      // Not a container, or cgroup v1 against v2: the other file, or no limit.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return undefined;
}

export const gib = (bytes: number): string => `${(bytes / GiB).toFixed(1)} GiB`;

/** WENMING_MEMORY_GIB, or 90 % of the machine's (or container's) memory. */
export function memoryBudget(env: NodeJS.ProcessEnv = process.env, machine = Math.min(totalmem(), cgroupLimit() ?? Infinity)): Budget {
  const raw = env["WENMING_MEMORY_GIB"];
  if (raw !== undefined && raw !== "") {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`环境变量 WENMING_MEMORY_GIB 应为正数（单位 GiB，例如 8），收到“${raw}”`);
    return { bytes: n * GiB, source: "环境变量 WENMING_MEMORY_GIB 的设置" };
  }
  return { bytes: machine * DEFAULT_SHARE, source: `本机内存 ${gib(machine)} 的 ${Math.round(DEFAULT_SHARE * 100)}%，可用环境变量 WENMING_MEMORY_GIB 调整` };
}

/** What a build holds in memory, by kind, for the estimate and the message. */
export function contentCounts(c: Pick<SiteContent, "integrity" | "people" | "news" | "activities" | "conventions" | "guides" | "ads" | "questions">): [string, number][] {
  return [
    ["红黑榜条目", c.integrity.length],
    ["好人", c.people.length],
    ["新闻公告", c.news.length],
    ["志愿活动", c.activities.length],
    ["文明公约", c.conventions.length],
    ["礼仪指南", c.guides.length],
    ["公益广告", c.ads.length],
    ["应知应会题目", c.questions.length],
  ];
}

/**
 * The same for a build in two processes (separateStages), whose peak is its
 * largest part: the handbook's Chromium beside Astro's process before the
 * pages, Astro's process alone when page generation starts, or Pagefind
 * beside the build script holding the content. Measured (2026-12-03): 1.96 GiB
 * for the sample site, 3.63 GiB at 5x, 6.75 GiB at 10x. The line passes
 * 3.9 GiB at 5x (so that 5x starts under a 4 GiB limit) and grows as fast as
 * one process did from 5x to 10x (29 MB per 1,000 items), above a floor that
 * covers the handbook's Chromium.
 */
const TWO_STAGE_FLOOR_BYTES = 2.5 * GiB;
const TWO_STAGE_AT_5X = { items: 121_000, bytes: 3.9 * GiB };
const TWO_STAGE_PER_ITEM_BYTES = (29 * 2 ** 20) / 1000;

export function estimatePeakBytes(counts: readonly [string, number][], twoStages = false): number {
  const items = counts.reduce((n, [, k]) => n + k, 0);
  const one = BASE_BYTES + PER_ITEM_BYTES * items;
  if (!twoStages) return one;
  // Never above one process: two run the same parts, fewer of them at once.
  return Math.min(one, Math.max(TWO_STAGE_FLOOR_BYTES, TWO_STAGE_AT_5X.bytes + TWO_STAGE_PER_ITEM_BYTES * (items - TWO_STAGE_AT_5X.items)));
}

/**
 * Above this estimate a build runs Astro in a process of its own, which
 * prints the handbook before its pages, renders posters beside them with one
 * raster thread once its memory peak has passed, and ends once they are
 * written, before the rest of the posters and the search index are made:
 * Astro's process (2.3–3.6 GB at its peak at 5x, ≈ 2.2 GB from then to its
 * end) is then never beside Pagefind (≈ 2.8 GB) or the handbook's Chromium.
 * Below it, one process: the content is read once instead of twice (≈ 2 s at
 * city scale), and posters render beside the pages with every core.
 */
export const SEPARATE_STAGES_ABOVE_BYTES = 4 * GiB;

/**
 * How many items a content folder holds, roughly and without reading them as
 * content: a CSV's data rows, one per other text file (a person, a news item,
 * a guide…). Enough to choose one process or two before anything is loaded —
 * loading the content first would leave it resident (V8 keeps the freed
 * memory) beside Astro's process for the whole page stage.
 */
export function roughItemCount(contentRoot: string): number {
  let items = 0;
  // No folder: the content check says so, in staff language.
  if (!existsSync(contentRoot)) return 0;
  for (const entry of readdirSync(contentRoot, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    if (entry.name.endsWith(".csv")) {
      const text = readFileSync(join(entry.parentPath, entry.name), "utf8");
      let lines = 0;
      for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines++;
      items += Math.max(0, lines - (text.endsWith("\n") ? 1 : 0));
    } else if (/\.(md|mdx|ya?ml)$/.test(entry.name)) items++;
  }
  return items;
}

/** WENMING_BUILD_STAGE in Astro's own process, when the search index, the checks and the posters not yet rendered come after it (scripts/build.ts). */
export const PAGES_STAGE_ONLY = "pages";

/**
 * Whether a build runs Astro in its own process: above SEPARATE_STAGES_ABOVE_BYTES, or where one process
 * would not fit in the memory budget (WENMING_BUILD_STAGES=one|two overrides the size rule).
 */
export function separateStages(items: number, env: NodeJS.ProcessEnv = process.env, budgetBytes = Infinity): boolean {
  const raw = env["WENMING_BUILD_STAGES"];
  if (raw === "one") return false;
  if (raw === "two") return true;
  if (raw !== undefined && raw !== "" && raw !== "auto") throw new Error(`环境变量 WENMING_BUILD_STAGES 应为 one、two 或 auto（按内容规模自动选择），收到“${raw}”`);
  return estimatePeakBytes([["", items]]) > Math.min(SEPARATE_STAGES_ABOVE_BYTES, budgetBytes);
}

const number = (n: number) => n.toLocaleString("en-US");

/** Undefined when the content should fit in the budget; otherwise why the build does not start. */
export function capacityProblem(counts: readonly [string, number][], budget: Budget, twoStages = false): string | undefined {
  const estimate = estimatePeakBytes(counts, twoStages);
  if (estimate <= budget.bytes) return undefined;
  const total = counts.reduce((n, [, k]) => n + k, 0);
  const parts = counts
    .filter(([, k]) => k > 0)
    .map(([name, k]) => `${name} ${number(k)}`)
    .join("、");
  return [
    `内容规模超出构建的内存上限：共 ${number(total)} 项内容（${parts}），预计构建时内存峰值约 ${gib(estimate)}，超过上限 ${gib(budget.bytes)}（${budget.source}）。`,
    "构建没有开始，线上网站没有改变。",
    "可以：在内存更大的机器上构建；把已过公示期、不再公示的名单条目归档移出 content/；或在确认本机内存足够时调高 WENMING_MEMORY_GIB。",
  ].join("\n");
}

/** The message when a running build passes the limit. */
export function overBudgetMessage(rss: number, budget: Budget): string {
  return [
    `构建已停止：内存用量达到 ${gib(rss)}，超过上限 ${gib(budget.bytes)}（${budget.source}）。`,
    "没有发布任何内容，线上网站没有改变。",
    "可以：在内存更大的机器上构建；把已过公示期、不再公示的名单条目归档移出 content/；或在确认本机内存足够时调高 WENMING_MEMORY_GIB。",
  ].join("\n");
}

/** Checks the build's memory (its whole process tree) every `everyMs`, and calls `over` once with the message when it passes the budget. */
export function watchMemory(budget: Budget, over: (message: string) => void, options: { usage?: () => number; everyMs?: number } = {}): () => void {
  const usage = options.usage ?? (() => treeUsage(process.pid).rss);
  const timer = setInterval(() => {
    const rss = usage();
    if (rss <= budget.bytes) return;
    clearInterval(timer);
    over(overBudgetMessage(rss, budget));
  }, options.everyMs ?? 1000);
  timer.unref();
  return () => clearInterval(timer);
}

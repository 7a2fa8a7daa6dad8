/**
 * Builds the Pagefind search index of a built site through Pagefind's Node
 * API, and fails the build on any Pagefind error (the ready-made integration
 * only logs). Only `data-pagefind-body` regions are
 * indexed; pages that are not published as of the build date have none.
 * Text is pre-segmented for Chinese (see src/lib/search/segment.ts), and
 * list entries are indexed as records from the published data, one index per
 * list beside the pages' index (see listGroups).
 */
import type { StageLogger } from "./build-output.ts";
import * as pagefind from "pagefind";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { pagePath, siteFiles, sitePages } from "../lib/checks/site-files.ts";
import { cachePath, getContent } from "../lib/content/cached.ts";
import { resolveAsOf } from "../primitives/dates.ts";
import { detached } from "../primitives/text.ts";
import { publishedEntries } from "../lib/integrity/listing.ts";
import type { IntegrityEntry } from "../schemas/integrity.ts";
import { LISTS, type ListKind } from "../primitives/integrity-terms.ts";
import { placeFile } from "../lib/build/files.ts";
import { cachedIndex, isCached, type IndexGroup, type SearchRecord } from "../lib/search/index-files.ts";
import { INDEX_MANIFEST, listIndex, PAGES_INDEX, type MergedIndex } from "../lib/search/indexes.ts";
import { urls } from "../lib/site/urls.ts";

/** Section names of the two lists, as in the 栏目 filter. */
const LIST_SECTION = { red: "红榜", black: "黑榜" } as const;

/** Integrity entry pages are indexed from the data instead (see below). */
const ENTRY_PAGE = /^\/integrity\/(red|black)\/[\d-]+\/$/;

/** A list entry as a small search record, built from the data its page shows. */
function entryRecord(list: ListKind, e: IntegrityEntry): SearchRecord {
  const content = [e.subjectName, e.subjectType, e.creditCode, e.reason, e.authority, e.docNumber, e.status === "异议处理中" ? e.status : ""].filter(Boolean).join("。");
  return {
    url: urls.entry(list, e.id),
    content,
    language: "zh-cn",
    meta: { title: e.subjectName, section: LIST_SECTION[list], date: e.listedOn },
    // Every filter value is fetched with the first search: 栏目, the same for the whole list, is given to
    // the list's index when it is merged (INDEX_MANIFEST) instead of stored with each record.
    filters: { 年份: [e.listedOn.slice(0, 4)] },
  };
}

const SEARCH_CACHE = cachePath("search");

/**
 * The site is searched through separate Pagefind indexes merged in the browser
 * (src/scripts/search.ts; folders in src/lib/search/indexes.ts): the pages,
 * which change rarely, and each list's records, which change daily. Each index
 * is cached under the hash of its own inputs (cachedIndex), so correcting one
 * list entry re-indexes only that list — and the lists, made from the checked
 * content rather than from pages, are indexed on a worker thread while Astro
 * builds the pages (startListIndexes).
 */

/** The lists' indexes of a build: each list's entries published as of `asOf`, as records. */
function listGroups(integrity: readonly IntegrityEntry[], asOf: string): IndexGroup[] {
  return LISTS.map((list) => ({
    name: list,
    path: listIndex(list),
    documents: [],
    records: publishedEntries(integrity, list, asOf).map((e) => entryRecord(list, e)),
    filters: { 栏目: LIST_SECTION[list] },
  }));
}

/** The lists' indexes being made beside the pages: resolves to the lists made, or to why they could not be. */
let early: Promise<{ made: string[] } | { failed: string }> | undefined;

/**
 * Starts making the lists' indexes that the search cache does not have on a
 * worker thread with a Pagefind service of its own, beside Astro's page stage
 * (one core does most of Astro's work). The index stage waits for it and
 * then takes every index from the cache by the hash of its inputs, so an
 * index made here is used only when it was made from exactly what that stage
 * would index; one that failed or is missing is made there (which reports
 * any error of its own), and the stage says why it was not made here.
 */
export function startListIndexes(): void {
  early = (early ?? Promise.resolve())
    .then(async () => {
      const { integrity } = await getContent();
      const groups = listGroups(integrity, resolveAsOf()).filter((g) => g.records.length > 0 && !isCached(g, SEARCH_CACHE));
      if (groups.length > 0)
        await new Promise<void>((done, fail) => {
          const worker = new Worker(new URL("../lib/search/index-worker.ts", import.meta.url), { workerData: { groups, cache: SEARCH_CACHE } });
          worker.once("error", fail);
          worker.once("exit", (code) => (code === 0 ? done() : fail(new Error(`exit code ${code}`))));
        });
      return groups.map((g) => g.name);
    })
    .then(
      (made) => ({ made }),
      (error: unknown) => ({ failed: error instanceof Error ? error.message : "原因不明" }),
    );
}

/** Indexes the built site in `site` (whose files are `files`, when listed already) and writes the indexes to `site`/pagefind. */
export async function buildSearchIndex(site: string, logger: StageLogger, files?: readonly string[]): Promise<void> {
  const started = performance.now();
  // What gets indexed: the <main> of each indexable page, and the published list entries.
  const documents: IndexGroup["documents"] = [];
  for (const rel of sitePages(site, files)) {
    const url = pagePath(rel);
    if (ENTRY_PAGE.test(url)) continue;
    // Synchronous: thousands of small files, and fs/promises pays several thread-pool round trips for each.
    const html = readFileSync(join(site, rel), "utf8");
    const main = /<main\b[^>]*data-pagefind-body[\s\S]*<\/main>/.exec(html)?.[0];
    // Copies: a match would keep the whole page alive until every page is indexed (see detached).
    if (main) documents.push({ url, main: detached(main), title: detached(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "") });
  }
  if (documents.length === 0) throw new Error("Pagefind 没有找到可索引的页面（data-pagefind-body）");
  const { integrity } = await getContent();
  const groups: IndexGroup[] = [{ name: "pages", path: PAGES_INDEX, documents, records: [] }, ...listGroups(integrity, resolveAsOf())].filter((g) => g.documents.length + g.records.length > 0);

  // One index at a time: Pagefind's service uses every core for one index, and three at once were slower
  // (city: 12–16 s against 11–12 s) and held more memory at their peak.
  const indexes: (IndexGroup & { folder: string; built: boolean })[] = [];
  let madeBeside: string[] = [];
  try {
    // The lists' indexes made beside Astro (startListIndexes) are in the cache by now, if they could be made.
    const beside = await early;
    early = undefined;
    if (beside && "failed" in beside) logger.warn(`名单的搜索索引未能在生成页面的同时建好，改在此时建立：${beside.failed}`);
    else if (beside) madeBeside = beside.made;
    for (const g of groups) indexes.push({ ...g, ...(await cachedIndex(g, SEARCH_CACHE)) });
  } finally {
    // A build process kept between builds (scripts/build.ts, the workbench's 预览) keeps Pagefind's service too:
    // starting it is ≈ 0.2 s of a small site's build. Each index is made and deleted in it, so nothing carries over.
    if (process.env["WENMING_BUILD_SERVICE"] !== "1") await pagefind.close();
  }
  for (const { folder, path } of indexes) {
    const dir = join(site, path);
    for (const rel of siteFiles(folder)) placeFile(join(folder, rel), join(dir, rel));
  }
  const merged: MergedIndex[] = groups.flatMap((g) => (g.filters ? [{ path: g.path, filters: g.filters }] : []));
  await writeFile(join(site, INDEX_MANIFEST), `${JSON.stringify(merged)}\n`);
  const built = indexes.filter((g) => g.built).map((g) => g.name);
  const records = groups.reduce((n, g) => n + g.records.length, 0);
  // Said as it happened: an index made beside the pages was made for this build, not reused.
  const made = [...(built.length ? [`重建 ${built.join("、")}`] : []), ...(madeBeside.length ? [`${madeBeside.join("、")} 已与页面同时建好`] : [])];
  logger.info(`搜索索引：${documents.length} 个页面、${records} 个名单条目，${made.length ? made.join("，") : "全部沿用缓存"}（${((performance.now() - started) / 1000).toFixed(1)} s）`);
}

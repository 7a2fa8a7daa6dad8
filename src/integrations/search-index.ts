/**
 * Builds the Pagefind search index of a built site through Pagefind's Node
 * API, and fails the build on any Pagefind error (the ready-made integration
 * only logs). Only `data-pagefind-body` regions are
 * indexed; pages that are not published as of the build date have none.
 * Text is pre-segmented for Chinese (see src/lib/search/segment.ts). List
 * entries are indexed from the published data into the lists' own index
 * (src/lib/search/list-index.ts), not by Pagefind.
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
import { cachedIndex, type IndexGroup } from "../lib/search/index-files.ts";
import { cachedListIndex, isListIndexCached, listIndexName, type ListIndexInput } from "../lib/search/list-index-files.ts";
import { LISTS_INDEX } from "../lib/search/list-index.ts";
import { INDEX_MANIFEST, PAGES_INDEX, type IndexManifest } from "../lib/search/indexes.ts";
import { urls } from "../lib/site/urls.ts";

/** Section names of the two lists, as in the 栏目 filter. */
const LIST_SECTION = { red: "红榜", black: "黑榜" } as const;

/** Integrity entry pages are indexed from the data instead (see below). */
const ENTRY_PAGE = /^\/integrity\/(red|black)\/[\d-]+\/$/;

/** A list entry as the lists' index holds it, built from the data its page shows. */
function entryRecord(list: ListKind, e: IntegrityEntry): ListIndexInput {
  const text = [e.subjectName, e.subjectType, e.creditCode, e.reason, e.authority, e.docNumber, e.status === "异议处理中" ? e.status : ""].filter(Boolean).join("。");
  return {
    url: urls.entry(list, e.id),
    title: e.subjectName,
    section: LIST_SECTION[list],
    date: e.listedOn,
    year: e.listedOn.slice(0, 4),
    text,
    own: [e.subjectName, e.creditCode].filter(Boolean).join(" "),
  };
}

const SEARCH_CACHE = cachePath("search");

/**
 * The site is searched through two indexes merged in the browser
 * (src/scripts/search.ts; folders in src/lib/search/indexes.ts): the pages'
 * (Pagefind), which change rarely, and the lists' (list-index.ts), which
 * change daily. Each is cached under the hash of its own inputs, so
 * correcting one list entry re-indexes only the lists — and the lists, made
 * from the checked content rather than from pages, are indexed on a worker
 * thread while Astro builds the pages (startListIndexes).
 */

/** The lists' records of a build: each list's entries published as of `asOf`, list by list, newest first. */
function listRecords(integrity: readonly IntegrityEntry[], asOf: string): ListIndexInput[] {
  return LISTS.flatMap((list) => publishedEntries(integrity, list, asOf).map((e) => entryRecord(list, e)));
}

/** The lists' index being made beside the pages: resolves to whether it was made there, or to why it could not be. */
let early: Promise<{ made: boolean } | { failed: string }> | undefined;

/**
 * Starts making the lists' index, unless the search cache has it, on a worker
 * thread beside Astro's page stage (one core does most of Astro's work). The
 * index stage waits for it and then takes the index from the cache by the
 * hash of its records, so an index made here is used only when it was made
 * from exactly what that stage would index; one that failed or is missing is
 * made there (which reports any error of its own), and the stage says why it
 * was not made here.
 */
export function startListIndexes(): void {
  early = (early ?? Promise.resolve())
    .then(async () => {
      const { integrity } = await getContent();
      const records = listRecords(integrity, resolveAsOf());
      if (records.length === 0 || isListIndexCached(listIndexName(records), SEARCH_CACHE)) return false;
      await new Promise<void>((done, fail) => {
        const worker = new Worker(new URL("../lib/search/index-worker.ts", import.meta.url), { workerData: { records, cache: SEARCH_CACHE } });
        worker.once("error", fail);
        worker.once("exit", (code) => (code === 0 ? done() : fail(new Error(`exit code ${code}`))));
      });
      return true;
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
  const records = listRecords(integrity, resolveAsOf());

  let pages: { folder: string; built: boolean };
  let madeBeside = false;
  try {
    // The lists' index made beside Astro (startListIndexes) is in the cache by now, if it could be made.
    const beside = await early;
    early = undefined;
    if (beside && "failed" in beside) logger.warn(`名单的搜索索引未能在生成页面的同时建好，改在此时建立：${beside.failed}`);
    else if (beside) madeBeside = beside.made;
    pages = await cachedIndex({ name: "pages", documents }, SEARCH_CACHE);
  } finally {
    // A build process kept between builds (scripts/build.ts, the workbench's 预览) keeps Pagefind's service too:
    // starting it is ≈ 0.2 s of a small site's build. Each index is made and deleted in it, so nothing carries over.
    if (process.env["WENMING_BUILD_SERVICE"] !== "1") await pagefind.close();
  }
  const lists = records.length > 0 ? await cachedListIndex(records, SEARCH_CACHE) : undefined;
  const placed = [{ folder: pages.folder, dir: join(site, PAGES_INDEX) }, ...(lists ? [{ folder: lists.folder, dir: join(site, LISTS_INDEX, lists.name) }] : [])];
  for (const { folder, dir } of placed) for (const rel of siteFiles(folder)) placeFile(join(folder, rel), join(dir, rel));
  const manifest: IndexManifest = { lists: lists ? `${LISTS_INDEX}${lists.name}/` : null };
  await writeFile(join(site, INDEX_MANIFEST), `${JSON.stringify(manifest)}\n`);
  // Said as it happened: an index made beside the pages was made for this build, not reused.
  const made = [...(pages.built ? ["重建页面索引"] : []), ...(lists?.built ? ["重建名单索引"] : []), ...(madeBeside ? ["名单索引已与页面同时建好"] : [])];
  logger.info(`搜索索引：${documents.length} 个页面、${records.length} 个名单条目，${made.length ? made.join("，") : "全部沿用缓存"}（${((performance.now() - started) / 1000).toFixed(1)} s）`);
}

/**
 * Builds the Pagefind search index of a built site through Pagefind's Node
 * API, and fails the build on any Pagefind error (the ready-made integration
 * only logs). Only `data-pagefind-body` regions are
 * indexed; pages that are not published as of the build date have none.
 * Text is pre-segmented for Chinese (see src/lib/search/segment.ts), and
 * list entries are indexed as records from the published data, one index per
 * list beside the pages' index (see IndexGroup).
 */
import type { StageLogger } from "./build-output.ts";
import * as pagefind from "pagefind";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pagePath, siteFiles, sitePages } from "../lib/checks/site-files.ts";
import { cachePath, getContent } from "../lib/content/cached.ts";
import { resolveAsOf } from "../primitives/dates.ts";
import { detached } from "../primitives/text.ts";
import { publishedEntries } from "../lib/integrity/listing.ts";
import type { IntegrityEntry } from "../schemas/integrity.ts";
import { LISTS, type ListKind } from "../primitives/integrity-terms.ts";
import { packageVersion } from "../lib/package-version.ts";
import { placeFile } from "../lib/build/files.ts";
import { segmentChinese, segmentHtmlForIndex } from "../lib/search/segment.ts";
import { INDEX_MANIFEST, listIndex, PAGES_INDEX, type MergedIndex } from "../lib/search/indexes.ts";
import { urls } from "../lib/site/urls.ts";

/** Section names of the two lists, as in the 栏目 filter. */
const LIST_SECTION = { red: "红榜", black: "黑榜" } as const;

/** Integrity entry pages are indexed from the data instead (see below). */
const ENTRY_PAGE = /^\/integrity\/(red|black)\/[\d-]+\/$/;

/** A list entry as a small search record, built from the data its page shows. */
function entryRecord(list: ListKind, e: IntegrityEntry) {
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
 * is cached under the hash of its own inputs, so correcting one list entry
 * re-indexes only that list.
 */
/** One index: where it goes under /pagefind/, and what it holds. */
interface IndexGroup {
  /** Cache folder and log name. */
  name: string;
  /** Published folder (src/lib/search/indexes.ts). */
  path: string;
  documents: { url: string; main: string; title: string }[];
  records: ReturnType<typeof entryRecord>[];
  /** A merged index's filters for all its records (the lists' 栏目). */
  filters?: Record<string, string>;
}

/** Files a merged index does not need: the browser runs the primary index's script, worker and WebAssembly for all. */
const PRIMARY_ONLY = /^(pagefind\.js|pagefind-worker\.js|wasm\..*\.pagefind)$/;

/** Pagefind's ready-made UIs: the site's own search (src/scripts/search.ts) loads only pagefind.js. */
const PREBUILT_UI = /^pagefind-(component-ui|modular-ui|ui|highlight)\./;

/**
 * Writes an index's files, taken from Pagefind in memory (getFiles), into
 * `dir`: every file complete when this returns. Pagefind's own writeFiles
 * resolved before its files were written — files were seen empty after it,
 * the index's entry file among them, which would publish a search that finds
 * nothing. The ready-made UIs are not written, nor a merged index's own
 * engine files; an empty or missing file is an error.
 */
function writeIndexFiles(files: readonly { path: string; content: Uint8Array }[], dir: string, merged: boolean): void {
  // Synchronous, and each folder made once: thousands of small files (a fragment per record), for which
  // fs/promises pays several thread-pool round trips each (city, red list: 2.1 s → 0.5 s).
  const made = new Set<string>();
  for (const { path, content } of files) {
    const rel = path.replace(/^\/+/, "");
    if (rel === "" || rel.split("/").some((p) => p === ".." || p === ".")) throw new Error(`Pagefind 给出了不在索引目录内的文件：${path}`);
    if (PREBUILT_UI.test(rel) || (merged && PRIMARY_ONLY.test(rel))) continue;
    if (content.length === 0) throw new Error(`Pagefind 生成了空文件 ${rel}，搜索索引不完整`);
    const folder = dirname(join(dir, rel));
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(join(dir, rel), content);
  }
  if (!existsSync(join(dir, "pagefind-entry.json"))) throw new Error("Pagefind 没有生成 pagefind-entry.json，搜索索引不完整");
}

/** Writes one group's index into the cache (if not there yet) and returns its cached folder. */
async function cachedIndex(group: IndexGroup): Promise<{ folder: string; built: boolean }> {
  // The index is a pure function of these inputs: reuse the last one when they are unchanged.
  // "files-in-memory": indexes written by Pagefind's writeFiles before are not reused (one could be incomplete).
  // A line of JSON per document or record (JSON has no raw line break), not one string of them all: the pages'
  // documents are ≈ 40 MB of text at city scale, ≈ 200 MB at 5x.
  const hash = createHash("sha256").update(`${JSON.stringify([packageVersion("pagefind"), "files-in-memory", "by-line", group.name])}\n`);
  for (const part of [...group.documents, ...group.records]) hash.update(`${JSON.stringify(part)}\n`);
  const key = hash.digest("hex").slice(0, 32);
  const groupCache = join(SEARCH_CACHE, group.name);
  const folder = join(groupCache, key);
  if (existsSync(join(folder, "pagefind-entry.json"))) return { folder, built: false };
  const tmp = `${groupCache}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  const { index, errors } = await pagefind.createIndex({});
  if (!index || errors.length) throw new Error(`Pagefind 无法创建索引：${errors.join("；")}`);
  // The Pagefind service handles requests concurrently; keeping several in flight
  // hides the round trip of each call (tens of thousands of small records).
  const adds: (() => Promise<{ errors: string[] }>)[] = [
    ...group.documents.map((d) => () => index.addHTMLFile({ url: d.url, content: `<html lang="zh-CN"><head><title>${d.title}</title></head><body>${segmentHtmlForIndex(d.main)}</body></html>` })),
    ...group.records.map((r) => () => index.addCustomRecord({ ...r, content: segmentChinese(r.content) })),
  ];
  let next = 0;
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let add = adds[next++]; add; add = adds[next++]) failures.push(...(await add()).errors);
    }),
  );
  if (failures.length) throw new Error(`Pagefind 索引出错：${failures.slice(0, 5).join("；")}`);
  const built = await index.getFiles();
  if (built.errors.length) throw new Error(`Pagefind 生成索引出错：${built.errors.join("；")}`);
  await index.deleteIndex();
  writeIndexFiles(built.files, tmp, group.path !== PAGES_INDEX);
  // Only the current index of each group is kept.
  await rm(groupCache, { recursive: true, force: true });
  await mkdir(groupCache, { recursive: true });
  await rename(tmp, folder);
  return { folder, built: true };
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
  const asOf = resolveAsOf();
  const { integrity } = await getContent();
  const groups: IndexGroup[] = [
    { name: "pages", path: PAGES_INDEX, documents, records: [] },
    ...LISTS.map((list) => ({
      name: list,
      path: listIndex(list),
      documents: [],
      records: publishedEntries(integrity, list, asOf).map((e) => entryRecord(list, e)),
      filters: { 栏目: LIST_SECTION[list] },
    })),
  ].filter((g) => g.documents.length + g.records.length > 0);

  // One index at a time: Pagefind's service uses every core for one index, and three at once were slower
  // (city: 12–16 s against 11–12 s) and held more memory at their peak.
  const indexes: (IndexGroup & { folder: string; built: boolean })[] = [];
  try {
    for (const g of groups) indexes.push({ ...g, ...(await cachedIndex(g)) });
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
  logger.info(`搜索索引：${documents.length} 个页面、${records} 个名单条目，${built.length ? `重建 ${built.join("、")}` : "全部沿用缓存"}（${((performance.now() - started) / 1000).toFixed(1)} s）`);
}

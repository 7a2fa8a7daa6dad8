/**
 * The pages' Pagefind index made from their documents, written into the
 * search cache under the hash of what it was made from (cachedIndex), for the
 * build's index stage (src/integrations/search-index.ts). The lists have an
 * index of their own (list-index.ts).
 */
import * as pagefind from "pagefind";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packageVersion } from "../package-version.ts";
import { makeCachedFolder, writeFiles } from "./cache-folder.ts";
import { segmentHtmlForIndex } from "./segment.ts";

/** The pages' index: its name in the cache, and what it holds. */
export interface IndexGroup {
  /** Cache folder and log name. */
  name: string;
  documents: { url: string; main: string; title: string }[];
}

/**
 * How many word positions a chunk of a Pagefind word index holds. A query fetches the whole chunk of each of its
 * words in each index, and the browser's Pagefind splits a Chinese name into one-character words: with Pagefind's
 * 20,000 the first search of a three-character name fetched nine chunks of ≈ 15 KB at city scale. Smaller chunks
 * cost the first search a few bytes each in the index's metadata (a word range and a hash); 2,500 was the lowest
 * total measured (docs/performance.md, 2026-12-04 late night: 336 → 223 KB). Pagefind reads it from its
 * environment (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE) when it starts; a test checks it still does.
 */
export const INDEX_CHUNK_SIZE = 2500;
const CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE";

/** Pagefind's ready-made UIs: the site's own search (src/scripts/search.ts) loads only pagefind.js. */
const PREBUILT_UI = /^pagefind-(component-ui|modular-ui|ui|highlight)\./;

/**
 * Writes an index's files, taken from Pagefind in memory (getFiles), into
 * `dir`: every file complete when this returns. Pagefind's own writeFiles
 * resolved before its files were written — files were seen empty after it,
 * the index's entry file among them, which would publish a search that finds
 * nothing. The ready-made UIs are not written; an empty or missing file is
 * an error.
 */
function writeIndexFiles(files: readonly { path: string; content: Uint8Array }[], dir: string): void {
  const written: [string, Uint8Array][] = [];
  for (const { path, content } of files) {
    const rel = path.replace(/^\/+/, "");
    if (rel === "" || rel.split("/").some((p) => p === ".." || p === ".")) throw new Error(`Pagefind 给出了不在索引目录内的文件：${path}`);
    if (PREBUILT_UI.test(rel)) continue;
    if (content.length === 0) throw new Error(`Pagefind 生成了空文件 ${rel}，搜索索引不完整`);
    written.push([rel, content]);
  }
  writeFiles(dir, written);
  if (!existsSync(join(dir, "pagefind-entry.json"))) throw new Error("Pagefind 没有生成 pagefind-entry.json，搜索索引不完整");
}

/** How pages are segmented for the index: part of its hash, so an index segmented by other code is never reused. */
const SEGMENTER_CODE = readFileSync(new URL("./segment.ts", import.meta.url), "utf8");

/** Where a group's index is cached in `cache`: a folder named by the hash of everything the index is made from. */
export function indexFolder(group: IndexGroup, cache: string): string {
  // "files-in-memory": indexes written by Pagefind's writeFiles before are not reused (one could be incomplete).
  // A line of JSON per document or record (JSON has no raw line break), not one string of them all: the pages'
  // documents are ≈ 40 MB of text at city scale, ≈ 200 MB at 5x.
  const hash = createHash("sha256").update(`${JSON.stringify([packageVersion("pagefind"), "files-in-memory", "by-line", INDEX_CHUNK_SIZE, group.name, SEGMENTER_CODE])}\n`);
  for (const part of group.documents) hash.update(`${JSON.stringify(part)}\n`);
  return join(cache, group.name, hash.digest("hex").slice(0, 32));
}

/** Whether the cache `cache` holds the group's index made from these very inputs (a complete one: moved in once written). */
export function isCached(group: IndexGroup, cache: string, folder = indexFolder(group, cache)): boolean {
  return existsSync(join(folder, "pagefind-entry.json"));
}

/** Per index, each page's text as last segmented for it (pageSegmenter), in a build process kept between builds. */
const segmentedBefore = new Map<string, Map<string, string>>();

/**
 * How the pages of index `name` are segmented for Pagefind (segmentHtmlForIndex). In a build process kept
 * between builds (the workbench's 预览, WENMING_BUILD_SERVICE=1), a page whose text the last index of that name
 * segmented is not segmented again: a story edit makes the pages' index again, and segmenting its 3,952 pages
 * is 2–2.4 s at city. Only the texts this index uses are kept for the next (≈ 50 MB at city); a one-off build
 * keeps none (a large build's memory is what limits it).
 */
export function pageSegmenter(name: string, kept = process.env["WENMING_BUILD_SERVICE"] === "1", segment = segmentHtmlForIndex): (main: string) => string {
  if (!kept) return segment;
  const before = segmentedBefore.get(name);
  const now = new Map<string, string>();
  segmentedBefore.set(name, now);
  return (main) => {
    const text = now.get(main) ?? before?.get(main) ?? segment(main);
    now.set(main, text);
    return text;
  };
}

/**
 * The group's index in the search cache `cache`, made now unless the cache
 * has it from the same inputs; `built` says which. The index is a pure
 * function of them, so a folder found there is what making it would give.
 */
export async function cachedIndex(group: IndexGroup, cache: string): Promise<{ folder: string; built: boolean }> {
  const folder = indexFolder(group, cache);
  if (isCached(group, cache, folder)) return { folder, built: false };
  // Only the current index of each group is kept.
  await makeCachedFolder(folder, (tmp) => makeIndex(group, tmp));
  return { folder, built: true };
}

/** Makes the group's index with Pagefind and writes its files into `dir`. */
async function makeIndex(group: IndexGroup, dir: string): Promise<void> {
  // Pagefind's service inherits this process's environment when createIndex first starts it.
  process.env[CHUNK_SIZE_VARIABLE] = String(INDEX_CHUNK_SIZE);
  const { index, errors } = await pagefind.createIndex({});
  if (!index || errors.length) throw new Error(`Pagefind 无法创建索引：${errors.join("；")}`);
  const segment = pageSegmenter(group.name);
  // The Pagefind service handles requests concurrently; keeping several in flight
  // hides the round trip of each call (thousands of pages).
  const adds = group.documents.map((d) => () => index.addHTMLFile({ url: d.url, content: `<html lang="zh-CN"><head><title>${d.title}</title></head><body>${segment(d.main)}</body></html>` }));
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
  writeIndexFiles(built.files, dir);
}

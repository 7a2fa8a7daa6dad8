/**
 * Writes the lists' search index (layout in list-index.ts) into the search
 * cache, in a folder named by the hash of what it is made from, which is also
 * the folder it is published in — so a cached index is exactly what making it
 * again would give, and browsers may keep its files forever.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { makeCachedFolder, writeFiles } from "./cache-folder.ts";
import { encodePostings, recordFile, RECORDS_PER_FILE, shardOf, textWords, TITLE, wordKeys, type ListIndexMeta, type ListRecord, type RecordRange } from "./list-index.ts";

/** A published list entry as indexed: what its result shows, the words found in it, and its subject's own. */
export interface ListIndexInput extends ListRecord {
  year: string;
  /** The subject's name and credit code: a query found in them ranks the entry first. */
  own: string;
}

/**
 * The code that makes the index and the browser's code that reads it: part of
 * the index's hash, so no index cached by other code is ever published.
 */
const CODE = [new URL("./list-index.ts", import.meta.url), new URL(import.meta.url)].map((file) => readFileSync(file, "utf8")).join("\n");
/** About how many bytes of postings a shard file holds: a query fetches one shard a word. */
const SHARD_BYTES = 4096;

/** The index's folder name: the hash of its code and records, in order. */
export function listIndexName(records: readonly ListIndexInput[]): string {
  const hash = createHash("sha256").update(`${CODE}\n`);
  for (const r of records) hash.update(`${JSON.stringify(r)}\n`);
  return hash.digest("hex").slice(0, 20);
}

/** Every file of the index, by its path in the index's folder. Records come grouped by list and year, each group newest first. */
export function listIndexFiles(records: readonly ListIndexInput[]): Map<string, string> {
  const count = records.length;
  const ranges: RecordRange[] = [];
  const postings = new Map<string, number[]>();
  const add = (key: string, n: number) => {
    const list = postings.get(key);
    if (list === undefined) postings.set(key, [n]);
    else if (list[list.length - 1] !== n) list.push(n);
  };
  const files = new Map<string, string>();
  records.forEach((r, n) => {
    const last = ranges[ranges.length - 1];
    if (last && last.section === r.section && last.year === r.year && last.end === n) last.end = n + 1;
    else if (ranges.some((g) => g.section === r.section && g.year === r.year)) throw new Error(`内部错误：名单记录未按栏目和年份排列（${r.section} ${r.year}）`);
    else ranges.push({ section: r.section, year: r.year, start: n, end: n + 1 });
    for (const w of textWords(r.text)) for (const key of wordKeys(w)) add(key, n);
    for (const w of textWords(r.own)) for (const key of wordKeys(w)) add(TITLE + key, n);
  });
  for (let first = 0; first < count; first += RECORDS_PER_FILE) {
    const shown = records.slice(first, first + RECORDS_PER_FILE).map((r): ListRecord => ({ url: r.url, title: r.title, section: r.section, date: r.date, text: r.text }));
    files.set(recordFile(first).file, JSON.stringify(shown));
  }
  const encoded = [...postings].map(([key, list]) => [key, encodePostings(list, count)] as const);
  const total = encoded.reduce((sum, [key, value]) => sum + key.length * 3 + value.length, 0);
  // A power of two, so the shard count changes seldom as lists grow.
  const shards = 2 ** Math.max(0, Math.ceil(Math.log2(Math.max(1, total / SHARD_BYTES))));
  const byShard = Array.from({ length: shards }, (): Record<string, string> => ({}));
  // A title word is found in the shard of its word, so one shard answers both.
  for (const [key, value] of encoded) byShard[shardOf(key.startsWith(TITLE) ? key.slice(TITLE.length) : key, shards)]![key] = value;
  byShard.forEach((words, n) => files.set(`w/${n}.json`, JSON.stringify(words)));
  const meta: ListIndexMeta = { version: 1, count, shards, ranges };
  files.set("meta.json", JSON.stringify(meta));
  return files;
}

/**
 * The index of these records in the search cache `cache` (made now unless the
 * cache has it): its folder, its name (the folder it is published in) and
 * whether it was made now.
 */
export async function cachedListIndex(records: readonly ListIndexInput[], cache: string): Promise<{ folder: string; name: string; built: boolean }> {
  const name = listIndexName(records);
  const folder = listIndexFolder(name, cache);
  if (isListIndexCached(name, cache)) return { folder, name, built: false };
  // Only the current index is kept.
  await makeCachedFolder(folder, (tmp) => writeFiles(tmp, listIndexFiles(records)));
  return { folder, name, built: true };
}

const listIndexFolder = (name: string, cache: string) => join(cache, "lists", name);

/** Whether the search cache `cache` holds the lists' index named `name` (listIndexName), complete: it is moved in whole. */
export function isListIndexCached(name: string, cache: string): boolean {
  return existsSync(join(listIndexFolder(name, cache), "meta.json"));
}

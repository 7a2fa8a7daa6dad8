/**
 * The lists' search index: every published list entry, searched word by word
 * in the browser with exact results and counts, fetching only what a query
 * needs. Shared by the build (list-index-files.ts) and the search page
 * (src/scripts/search.ts), so both cut text into the same words.
 *
 * Why not Pagefind, which indexes the site's pages: Pagefind fetches a
 * metadata table of every record of an index with the first search (≥ 4.5
 * bytes a record: a 7-digit hash and a word count), so 58,886 entries at 5x
 * cost 340 KB before any result; and grouping entries into fewer records
 * matches groups whose entries hold the query's words between them (a company
 * name matched 73–1,221 groups of 16 where 6–14 entries hold it), so results
 * and counts would stop being exact (docs/performance.md, 2026-12-05).
 *
 * Layout, under LISTS_INDEX<hash>/ (a folder named by what it holds, so every
 * file in it may be cached forever):
 *   meta.json        ListIndexMeta: the number of records, of word shards, and
 *                    which records make each list and year
 *   w/<shard>.json   { word: postings } for the words hashed to the shard;
 *                    a subject's own words (name, credit code) again as
 *                    TITLE + word, which ranks those records first
 *   r/<n>.json       ListRecords n × RECORDS_PER_FILE onwards (an array), fetched
 *                    when one of them is shown: results come mostly in record
 *                    order, and a file a record made 59,000 files at 5x
 * Records are numbered list by list, newest first, so each list, and each
 * year within it, is one run of numbers.
 */
import { PAGES_INDEX } from "./indexes.ts";

export const LISTS_INDEX = `${PAGES_INDEX}lists/`;

/** Prefix of a word of the subject's own (name, credit code) in a shard. */
export const TITLE = "t:";

/** A run of records that share a list (栏目) and a year (年份). */
export interface RecordRange {
  section: string;
  year: string;
  start: number;
  end: number;
}

export interface ListIndexMeta {
  version: 1;
  count: number;
  shards: number;
  ranges: RecordRange[];
}

/** How many records a record file holds. */
export const RECORDS_PER_FILE = 8;

/** The record file holding record `n`, and its place in it. */
export const recordFile = (n: number): { file: string; at: number } => ({ file: `r/${Math.floor(n / RECORDS_PER_FILE)}.json`, at: n % RECORDS_PER_FILE });

/** One list entry as a search result shows it. */
export interface ListRecord {
  url: string;
  title: string;
  section: string;
  date: string;
  text: string;
}

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** The words of a text as the browser segments a query: word-like segments, lower-cased, each once, in order. */
export function textWords(text: string): string[] {
  const words = new Set<string>();
  for (const s of segmenter.segment(text)) if (s.isWordLike) words.add(s.segment.toLocaleLowerCase());
  return [...words];
}

const HAN = /\p{Script=Han}/u;
/** The longest part of a Chinese word indexed (whole words are indexed whatever their length). */
const LONGEST_PART = 12;
/**
 * The longest beginning of a word of letters and digits indexed: shorter than
 * a mobile number (11 digits), so no beginning of a credit code can look like
 * one to the site's scan for personal data.
 */
const LONGEST_BEGINNING = 10;

/**
 * What a word of an entry is found by: a query word finds an entry when it is
 * one of the keys of one of the entry's words — the whole word; for Chinese
 * every part of it (公司 and 有限 find 有限公司), for letters and digits its
 * first 1 to 10 characters (a credit code or document number typed in part),
 * as Pagefind finds pages.
 */
export function wordKeys(word: string): string[] {
  const chars = [...word];
  const keys = new Set<string>();
  if (chars.some((c) => HAN.test(c))) {
    for (let i = 0; i < chars.length; i++) for (let j = i + 1; j <= Math.min(chars.length, i + LONGEST_PART); j++) keys.add(chars.slice(i, j).join(""));
  } else for (let j = 1; j <= Math.min(chars.length, LONGEST_BEGINNING); j++) keys.add(chars.slice(0, j).join(""));
  keys.add(word);
  return [...keys];
}

/** Which shard file holds a word (FNV-1a over its UTF-16 code units). */
export function shardOf(word: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193) >>> 0;
  return h % shards;
}

function varints(values: Iterable<number>): number[] {
  const out: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.push(v);
  }
  return out;
}

/** Gaps between the ascending numbers, less one (0 for neighbours), the first from -1. */
function* gaps(sorted: readonly number[]): Generator<number> {
  let last = -1;
  for (const n of sorted) {
    yield n - last - 1;
    last = n;
  }
}

/**
 * Base64 with its ten digits replaced by signs: the built site is scanned for
 * ID and mobile numbers (src/lib/checks/personal-data-scan.ts), and a run of
 * digits in encoded postings must never look like one.
 */
const DIGITS_AS = "-_.~!*'(),";
const toText = (bytes: readonly number[] | Uint8Array): string => {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/[0-9]/g, (d) => DIGITS_AS[Number(d)]!);
};
const fromText = (text: string): string => atob(text.replace(/[-_.~!*'(),]/g, (c) => String(DIGITS_AS.indexOf(c))));

/**
 * The records holding a word (ascending, each < count) as the shortest of three
 * encodings, in base64 without digits (toText) after a letter naming it: "m" the members' gaps, "c" the
 * gaps of the records without the word (a word most records hold), "b" one
 * bit a record.
 */
export function encodePostings(sorted: readonly number[], count: number): string {
  const bitsetLength = Math.ceil(count / 8);
  const members = varints(gaps(sorted));
  // Most words are held by a few records: their gaps are shorter than any bitset (and made without one).
  if (members.length <= bitsetLength && sorted.length * 2 <= count) return `m${toText(members)}`;
  let best: [string, number[] | Uint8Array] = ["m", members];
  if (sorted.length * 2 > count) {
    const others: number[] = [];
    for (let n = 0, i = 0; n < count; n++) {
      if (sorted[i] === n) i++;
      else others.push(n);
    }
    const complement = varints(gaps(others));
    if (complement.length < best[1].length) best = ["c", complement];
  }
  if (bitsetLength < best[1].length) {
    const bits = new Uint8Array(bitsetLength);
    for (const n of sorted) bits[n >> 3]! |= 1 << (n & 7);
    best = ["b", bits];
  }
  return best[0] + toText(best[1]);
}

/** A word's postings as one flag a record (1: the record holds the word). */
export function decodePostings(encoded: string, count: number): Uint8Array {
  const raw = fromText(encoded.slice(1));
  const flags = new Uint8Array(count);
  const letter = encoded[0];
  if (letter === "b") {
    for (let n = 0; n < count; n++) flags[n] = (raw.charCodeAt(n >> 3) >> (n & 7)) & 1;
    return flags;
  }
  if (letter !== "m" && letter !== "c") throw new Error(`名单搜索索引的编码无法识别：${letter ?? "（空）"}`);
  if (letter === "c") flags.fill(1);
  let n = -1;
  let value = 0;
  let shift = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw.charCodeAt(i);
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b & 0x80) continue;
    n += value + 1;
    if (n >= count) throw new Error("名单搜索索引的记录号超出范围");
    flags[n] = letter === "m" ? 1 : 0;
    value = 0;
    shift = 0;
  }
  return flags;
}

/** Filters chosen by the reader, by filter key (src/lib/search/filters.ts), each a set of accepted values. */
export type ChosenFilters = Partial<Record<string, readonly string[]>>;

/** What a search of the lists found: record numbers, those matched by the subject's own words first. */
export interface ListMatches {
  /** Every record holding every word and passing the filters, in the order shown. */
  records: number[];
  /** Of which the first `byTitle` hold every word in the subject's name or credit code. */
  byTitle: number;
  /** Per filter key and value, the records holding every word, before filtering (as Pagefind's totalFilters). */
  counts: Record<string, Record<string, number>>;
  /** The query's words no record holds. */
  unknown: string[];
}

/** Filters the lists' records do not have: a reader who chose one of these is shown no list entry. */
const NOT_ON_LISTS = ["类别", "地区"];

/**
 * Searches the lists: a record is found when each word of the query (`words`,
 * as textWords gives them) is a key (wordKeys) of one of its words. `shard`
 * returns a shard file's keys.
 */
export async function searchLists(meta: ListIndexMeta, words: readonly string[], filters: ChosenFilters, shard: (n: number) => Promise<Record<string, string>>): Promise<ListMatches> {
  const none: ListMatches = { records: [], byTitle: 0, counts: {}, unknown: [] };
  if (words.length === 0 || meta.count === 0) return { ...none, unknown: [...words] };
  const files = await Promise.all([...new Set(words.map((w) => shardOf(w, meta.shards)))].map(async (n) => [n, await shard(n)] as const));
  const byShard = new Map(files);
  const postings = (key: string, word: string) => byShard.get(shardOf(word, meta.shards))?.[key];
  const unknown = words.filter((w) => postings(w, w) === undefined);
  if (unknown.length > 0) return { ...none, unknown };
  const all = new Uint8Array(meta.count).fill(1);
  const title = new Uint8Array(meta.count).fill(1);
  for (const w of words) {
    const inText = decodePostings(postings(w, w)!, meta.count);
    const own = postings(TITLE + w, w);
    const inTitle = own === undefined ? undefined : decodePostings(own, meta.count);
    for (let n = 0; n < meta.count; n++) {
      all[n]! &= inText[n]!;
      title[n]! &= inTitle?.[n] ?? 0;
    }
  }
  const counts: Record<string, Record<string, number>> = { 栏目: {}, 年份: {} };
  const first: number[] = [];
  const rest: number[] = [];
  const accepts = (key: string, value: string) => !filters[key]?.length || filters[key].includes(value);
  const excluded = NOT_ON_LISTS.some((key) => filters[key]?.length);
  for (const range of meta.ranges) {
    let found = 0;
    const shown = !excluded && accepts("栏目", range.section) && accepts("年份", range.year);
    for (let n = range.start; n < range.end; n++) {
      if (!all[n]) continue;
      found++;
      if (shown) (title[n] ? first : rest).push(n);
    }
    if (found === 0) continue;
    counts["栏目"]![range.section] = (counts["栏目"]![range.section] ?? 0) + found;
    counts["年份"]![range.year] = (counts["年份"]![range.year] ?? 0) + found;
  }
  return { records: [...first, ...rest], byTitle: first.length, counts, unknown: [] };
}

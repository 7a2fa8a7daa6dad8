/**
 * What the integrity pages, feeds, open data and search show, derived from
 * validated entries and the as-of date. Pages, JSON, CSV and Atom all call
 * these functions, so a stopped entry disappears from all of them at once.
 */
import type { IsoDate } from "../../primitives/dates.ts";
import { publicationState } from "./publication.ts";
import { csvText } from "./csv.ts";
import type { IntegrityEntry } from "../../schemas/integrity.ts";
import type { ListKind } from "../../primitives/integrity-terms.ts";

export const PAGE_SIZE = 50;

/** Filter dimensions of a list page, with their Chinese labels. */
export const DIMENSIONS = [
  { key: "type", label: "主体类型", value: (e: IntegrityEntry) => e.subjectType },
  { key: "authority", label: "认定部门", value: (e: IntegrityEntry) => e.authority },
  { key: "severity", label: "严重程度", value: (e: IntegrityEntry) => e.severity ?? "" },
  { key: "year", label: "列入年份", value: (e: IntegrityEntry) => e.listedOn.slice(0, 4) },
] as const;

export type DimensionKey = (typeof DIMENSIONS)[number]["key"];

/** Newest decision first; ties by id so the order is reproducible. */
export function byListedDesc(a: IntegrityEntry, b: IntegrityEntry): number {
  return b.listedOn.localeCompare(a.listedOn) || a.id.localeCompare(b.id);
}

/** Entries of `list` published on `asOf`, newest first. */
export function publishedEntries(entries: readonly IntegrityEntry[], list: ListKind, asOf: IsoDate): IntegrityEntry[] {
  return entries.filter((e) => e.list === list && publicationState(e, asOf).published).sort(byListedDesc);
}

/** Values of a dimension with their counts, most frequent first. */
export function facetCounts(entries: readonly IntegrityEntry[], key: DimensionKey): { value: string; count: number }[] {
  const dim = DIMENSIONS.find((d) => d.key === key);
  const counts = new Map<string, number>();
  for (const e of entries) {
    const v = dim?.value(e) ?? "";
    if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, "zh-CN"));
}

/** What every page of a list shows: its published entries and the counts of each filter value. */
export interface ListView {
  all: IntegrityEntry[];
  facets: Record<DimensionKey, { value: string; count: number }[]>;
}

/**
 * What every page of a list shows of the whole list: how many entries are published and each filter value with its
 * count. A list page is given this and its own entries, nothing else of the list: its cache key is made of exactly
 * these (listPageKey in collections.ts).
 */
export interface ListShape {
  total: number;
  facets: ListView["facets"];
}

export function buildListView(entries: readonly IntegrityEntry[], list: ListKind, asOf: IsoDate): ListView {
  const all = publishedEntries(entries, list, asOf);
  const facets = Object.fromEntries(DIMENSIONS.map((d) => [d.key, facetCounts(all, d.key)])) as ListView["facets"];
  return { all, facets };
}

/** Splits items into pages of `size`; always at least one (possibly empty) page. */
export function paginate<T>(items: readonly T[], size = PAGE_SIZE): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length ? pages : [[]];
}

/** "2026-11" → "2026年第11期" */
export function batchTitle(batch: string): string {
  const [y, m] = batch.split("-");
  return `${y}年第${Number(m)}期`;
}

export interface ListEvent {
  kind: "listed" | "stopped";
  date: IsoDate;
  entry: IntegrityEntry;
}

/**
 * Listing and stop events of a list up to `asOf`, newest first. A stop event
 * never carries the subject: feeds render it without name or personal data.
 */
export function listEvents(entries: readonly IntegrityEntry[], list: ListKind, asOf: IsoDate): ListEvent[] {
  const events: ListEvent[] = [];
  for (const e of entries) {
    if (e.list !== list) continue;
    const state = publicationState(e, asOf);
    if (state.published) events.push({ kind: "listed", date: e.listedOn, entry: e });
    else events.push({ kind: "stopped", date: state.stoppedOn, entry: e });
  }
  return events.sort((a, b) => b.date.localeCompare(a.date) || a.entry.id.localeCompare(b.entry.id));
}

/** Columns of the open-data CSV/JSON, in order. Only published entries are exported. */
export const OPEN_DATA_FIELDS = [
  ["id", "编号"],
  ["subjectName", "主体名称"],
  ["subjectType", "主体类型"],
  ["creditCode", "统一社会信用代码"],
  ["legalRep", "法定代表人"],
  ["idNumberMasked", "身份证号（脱敏）"],
  ["reason", "列入事由"],
  ["basis", "认定依据"],
  ["authority", "认定部门"],
  ["docNumber", "决定文书文号"],
  ["listedOn", "列入日期"],
  ["severity", "严重程度"],
  ["publicUntil", "公示截止日期"],
  ["status", "状态"],
  ["batch", "批次"],
] as const satisfies readonly (readonly [keyof IntegrityEntry, string])[];

/** The open-data CSV (UTF-8 with BOM so Excel opens Chinese correctly), guarded against formula injection. */
export function toCsv(entries: readonly IntegrityEntry[]): string {
  const head = OPEN_DATA_FIELDS.map(([, label]) => label);
  const rows = entries.map((e) => OPEN_DATA_FIELDS.map(([key]) => String(e[key] ?? "")));
  return `\uFEFF${csvText([head, ...rows], { guardFormulas: true, newline: "\r\n" })}`;
}

/**
 * The collections as pages use them, loaded once per build (getCollection per
 * page is slow, astro#16297) together with the build's as-of date.
 */
import { createHash } from "node:crypto";
import { getCollection, type CollectionEntry } from "astro:content";
import { resolveAsOf } from "./primitives/dates.ts";
import { buildListView, paginate, type ListShape, type ListView } from "./lib/integrity/listing.ts";
import type { IntegrityEntry } from "./schemas/integrity.ts";
import type { ListKind } from "./primitives/integrity-terms.ts";
import { batchState, type ShownBatch } from "./lib/good-people/notice.ts";
import { goodPeopleFacets, sortBatches, visiblePeople } from "./lib/good-people/roll.ts";
import { groupDigest, pageKey, type BuildStamp } from "./lib/site/cache-key.ts";
import { splitByDate } from "./lib/volunteer/activities.ts";
import { handbookChapters, type Chapter } from "./lib/handbook/chapters.ts";
import { getContent } from "./lib/content/cached.ts";
import { listsDigest, sourceKey } from "./lib/content/digest.ts";
import { entryKey } from "./primitives/integrity-terms.ts";

export const asOf = resolveAsOf();

const [siteEntries, conventionEntries, guideEntries, batchEntries, peopleEntries, adEntries, storedListsEntries, content, newsEntries, activityEntries, questionEntries, handbookEntries] =
  await Promise.all([
    getCollection("site"),
    getCollection("conventions"),
    getCollection("etiquette"),
    getCollection("batches"),
    getCollection("goodPeople"),
    getCollection("ads"),
    getCollection("integrity"),
    // The content the collections' loaders checked and stored, in this process (getContent shares one load).
    getContent(),
    getCollection("news"),
    getCollection("volunteer"),
    getCollection("quiz"),
    getCollection("handbook"),
  ]);

const siteEntry = siteEntries[0];
if (!siteEntry) throw new Error("content/site.yaml 未加载");
export const site = siteEntry.data;
export const conventions = conventionEntries.sort((a, b) => b.data.adopted.localeCompare(a.data.adopted));
export const guides = guideEntries.sort((a, b) => a.data.scene.localeCompare(b.data.scene, "zh-CN"));
/** Batches shown on the as-of day, newest first, each with its notice state (see lib/good-people/notice.ts). */
export const batches: ShownBatch[] = sortBatches(batchEntries.map((b) => ({ ...b.data, state: batchState(b.data, asOf) })));
export const people: CollectionEntry<"goodPeople">[] = peopleEntries;
export const shownPeople = visiblePeople(peopleEntries);
export const ads = adEntries;
/**
 * The lists' entries on the as-of day, as checked, each with its source digest and the loader version, from which
 * the cache keys of its pages are made. The store holds one entry for them all (content.config.ts): its digest must
 * be theirs.
 */
const storedLists = storedListsEntries[0];
if (!storedLists || String(storedLists.digest) !== `${listsDigest(content)}.${storedLists.data.version}`) throw new Error("内部错误：名单条目与内容检查的结果不一致");
const integrityEntries = content.integrity.map((data) => {
  const source = content.digests.get(sourceKey("integrity", entryKey(data)));
  if (source === undefined) throw new Error(`内部错误：名单条目 ${entryKey(data)} 没有来源摘要`);
  return { id: entryKey(data), data, digest: `${source}.${storedLists.data.version}` };
});
export const integrity: IntegrityEntry[] = integrityEntries.map((e) => e.data);
/** News and notices published on the as-of day, newest first. */
export const news = newsEntries.sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id));
/** A notice whose deadline has passed on the as-of day is marked 已截止. */
export const isClosed = (n: CollectionEntry<"news">) => n.data.deadline !== undefined && n.data.deadline < asOf;
export const activities = activityEntries;
/** Upcoming activities soonest first; past ones newest first. */
export const { upcoming, past } = splitByDate(activityEntries, asOf);
/** The question bank in file order. */
export const questions = questionEntries;
export const handbook = handbookEntries[0]?.data;
/** The handbook's chapters for its reading pages (the printed booklet uses the same model). */
export const handbookReading: Chapter[] = handbook
  ? handbookChapters({
      handbook,
      conventions: conventions.map((c) => ({ id: c.id, ...c.data })),
      guides: guides.map((g) => ({ id: g.id, data: g.data })),
      questions: questionEntries.map((q) => q.data),
    })
  : [];
/** List entries with their source digests, for the cache keys of entry pages. */
export const integritySources = integrityEntries;

/** The as-of date and site settings: part of every page's cache key. */
export const stamp: BuildStamp = { asOf, site: String(siteEntry.digest) };
/**
 * Every good person and batch as one source, for the pages that list people across batches (batches, rolls,
 * categories, regions, the 好人榜's front page): any change to good people re-renders them. Person pages have
 * their own key (personKey).
 */
const goodPeopleSource = { digest: groupDigest([...peopleEntries, ...batchEntries]) };
/** Cache key of every page that lists good people: batches, rolls, categories, regions. */
export const goodPeopleKey = pageKey(stamp, goodPeopleSource);

/** Every person of each batch (shown or not), by batch id: a person's page lists the others of their batch and category. */
const peopleOfBatch = Map.groupBy(peopleEntries, (p) => p.data.batch);

/**
 * Cache key of a person's page: the person, their batch (its title and notice state) and every person of that
 * batch (the page lists the batch's other people of the same category, by name and region, if shown). A change to
 * one person re-renders the pages of their batch — ≈ 24 at city — and not all 2,000; a person moved to another
 * batch changes both batches' people.
 */
export function personKey(p: CollectionEntry<"goodPeople">): string {
  const batch = batchEntries.find((b) => b.id === p.data.batch);
  if (!batch) throw new Error(`内部错误：${p.id} 的批次 ${p.data.batch} 没有来源摘要`);
  return pageKey(stamp, p, batch, { digest: groupDigest(peopleOfBatch.get(p.data.batch) ?? []) });
}

/** The paths of a batch's pages (its list and its printable roll): each shows the batch's people and notice state. */
export const batchPaths = () => batches.map((batch) => ({ params: { batch: batch.id }, props: { batch }, cacheKey: goodPeopleKey }));

/** Cache key of the news listings (a category, a page of the archive): each shows many items and their counts. */
export const newsListKey = pageKey(stamp, { digest: groupDigest(newsEntries) });
/** Cache key of the activity listings (category, station, past): many activities, split by the as-of date (in the stamp). */
export const activitiesListKey = pageKey(stamp, { digest: groupDigest(activityEntries) });
/** Every ad as one source: ad theme pages list them, and guides and conventions show their posters and slogans. */
const adsSource = { digest: groupDigest(adEntries) };
/** Cache key of the ad theme pages: a theme's ads and the other themes. */
export const adsListKey = pageKey(stamp, adsSource);
/** Cache key of an ad's page: its slogans, sizes and files. */
export const adKey = (ad: CollectionEntry<"ads">) => pageKey(stamp, ad);
const conventionsSource = { digest: groupDigest(conventionEntries) };
const guidesSource = { digest: groupDigest(guideEntries) };
/**
 * Cache key of a guide's page: the guide, the convention articles it quotes
 * (any convention changing re-renders every guide page: ≈ 200 at city) and the
 * ads whose posters it shows.
 */
export const guideKey = (guide: CollectionEntry<"etiquette">) => pageKey(stamp, guide, conventionsSource, adsSource);
/** Cache key of a convention's page: the convention, its related guides' titles and its related ads. */
export const conventionKey = (convention: CollectionEntry<"conventions">) => pageKey(stamp, convention, guidesSource, adsSource);

/** Each list entry's source digest, by entryKey. */
const entrySources = new Map(integrityEntries.map((e) => [e.id, e.digest]));

const listShapes = new Map<ListKind, { shape: ListShape; digest: string }>();

/** What every page of a list shows of the whole list (ListShape), with its digest; derived from every entry of the list and the as-of date. */
function shapeOf(list: ListKind): { shape: ListShape; digest: string } {
  let known = listShapes.get(list);
  if (!known) {
    const { all, facets } = listView(list);
    const shape: ListShape = { total: all.length, facets };
    known = { shape, digest: createHash("sha256").update(JSON.stringify(shape)).digest("base64url") };
    listShapes.set(list, known);
  }
  return known;
}

/** What every page of a list shows of the whole list: the only part of the list, besides its own entries, that a list page is given. */
export const listShape = (list: ListKind): ListShape => shapeOf(list).shape;

/**
 * Cache key of one page of a list (its first page, a further page, a filter's page, a batch): such a page is given
 * the list's shape (listShape), where it is (`position`: its number, the number of pages, its total) and its own
 * `entries`, each keyed by its source digest, in the order shown. Correcting one entry re-renders the pages that
 * show it (≈ ten of a city's ≈ 500 black-list pages); an entry added, removed, ended or moved between filter
 * values changes the shape and re-renders them all.
 */
export function listPageKey(list: ListKind, entries: readonly IntegrityEntry[], position: string): string {
  const shown = entries.map((e) => {
    const digest = entrySources.get(entryKey(e));
    if (digest === undefined) throw new Error(`内部错误：名单条目 ${entryKey(e)} 没有来源摘要`);
    return { digest };
  });
  return pageKey(stamp, { digest: shapeOf(list).digest }, { digest: position }, ...shown);
}

/**
 * The pages of a list's `entries` (the whole list, or the entries of one filter value: `where`), 50 a page, each
 * with what it shows and its cache key.
 */
export function listPages(list: ListKind, entries: readonly IntegrityEntry[], where: string) {
  const pages = paginate(entries);
  return pages.map((shown, i) => ({
    entries: shown,
    page: i + 1,
    pages: pages.length,
    total: entries.length,
    cacheKey: listPageKey(list, shown, `${where} ${i + 1}/${pages.length} of ${entries.length}`),
  }));
}

/** The pages of a whole list (its first page and the further ones). */
export const wholeListPages = (list: ListKind) => listPages(list, listView(list).all, "all");

const listViews = new Map<ListKind, ListView>();

/** A list's published entries and facet counts, computed once per build (every list page shows them). */
export function listView(list: ListKind): ListView {
  let view = listViews.get(list);
  if (!view) {
    view = buildListView(integrity, list, asOf);
    listViews.set(list, view);
  }
  return view;
}

/** Browse counts of the good people shown (by batch, category and region), for every page with the filters. */
export const peopleFacets = goodPeopleFacets(shownPeople, batches);

export function guideById(id: string) {
  return guideEntries.find((g) => g.id === id);
}
export function adById(id: string) {
  return adEntries.find((a) => a.id === id);
}
export function conventionById(id: string) {
  return conventionEntries.find((c) => c.id === id);
}
export function batchById(id: string) {
  return batches.find((b) => b.id === id);
}

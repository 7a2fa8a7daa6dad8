// Search page: Pagefind's JS API for the pages and the lists' own index
// (src/lib/search/list-index.ts) for list entries, with our own accessible UI.
// The query lives in the URL (?q=…&section=…), so a search can be shared,
// reloaded and gone back to.
import { cleanExcerpt, hasMatch, markedText, markedParts, queryWords } from "../lib/search/results.ts";
import { SEARCH_FILTERS } from "../lib/search/filters.ts";
import { INDEX_MANIFEST, PAGES_INDEX, type IndexManifest } from "../lib/search/indexes.ts";
import { recordFile, searchLists, type ListIndexMeta, type ListMatches, type ListRecord } from "../lib/search/list-index.ts";

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
interface PagefindResult {
  id: string;
  data: () => Promise<PagefindResultData>;
}
interface PagefindSearch {
  results: PagefindResult[];
  totalFilters?: Record<string, Record<string, number>>;
  filters?: Record<string, Record<string, number>>;
}
interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (q: string, o?: { filters?: Record<string, string[]> }) => Promise<PagefindSearch | null>;
  filters: () => Promise<Record<string, Record<string, number>>>;
}

const PAGE = 10;
const form = document.querySelector<HTMLFormElement>("[data-search-form]");
const input = document.querySelector<HTMLInputElement>("#search-q");
const status = document.querySelector<HTMLElement>("[data-search-status]");
const list = document.querySelector<HTMLOListElement>("[data-search-results]");
const more = document.querySelector<HTMLButtonElement>("[data-search-more]");
const empty = document.querySelector<HTMLElement>("[data-search-empty]");
const filterBox = document.querySelector<HTMLElement>("[data-search-filters]");
const filterToggle = document.querySelector<HTMLButtonElement>("[data-search-filter-toggle]");

/** The lists' index of this build: its folder, its table, and the files fetched from it (each once). */
interface Lists {
  base: string;
  meta: ListIndexMeta;
  shards: Map<number, Promise<Record<string, string>>>;
  /** Record files by name (recordFile). */
  records: Map<string, Promise<ListRecord[]>>;
}

/** A result as shown: a page found by Pagefind, or a list entry by its record number. */
type Result = { page: PagefindResult } | { record: number };

/** What a result shows: its link, title, section and date, and an excerpt with the query's words marked. */
interface Shown {
  url: string;
  title: string;
  meta: string;
  /** Pagefind's excerpt (HTML with <mark>), or a list entry's text cut into parts, marked or not. */
  excerpt: string | { text: string; marked: boolean }[];
}

let loading: Promise<{ pf: Pagefind; lists: Lists | null }> | undefined;
let results: Result[] = [];
let shown = 0;
let run = 0;

/** What `make` gives for `key`, made once however often it is asked for. */
function once<K, V>(made: { get: (key: K) => V | undefined; set: (key: K, value: V) => unknown }, key: K, make: () => V): V {
  let value = made.get(key);
  if (value === undefined) made.set(key, (value = make()));
  return value;
}

const json = async <T>(url: string): Promise<T> => {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json() as Promise<T>;
};

/**
 * Loads the pages' engine with its index's table and the lists' index table,
 * once: the preload and the first search share one promise. A failure stays
 * until the page is reloaded.
 */
function load(): Promise<{ pf: Pagefind; lists: Lists | null }> {
  loading ??= (async () => {
    const url = `${PAGES_INDEX}pagefind.js`;
    const [pf, lists] = await Promise.all([
      (async () => {
        const engine = (await import(/* @vite-ignore */ url)) as Pagefind;
        await engine.options({ excerptLength: 40 });
        // Its table of pages and its WebAssembly now, while the reader types, not after Enter.
        await engine.init();
        return engine;
      })(),
      json<IndexManifest>(INDEX_MANIFEST).then(async ({ lists: base }) => (base ? { base, meta: await json<ListIndexMeta>(`${base}meta.json`), shards: new Map(), records: new Map() } : null)),
    ]);
    return { pf, lists };
  })();
  return loading;
}

/** Searches the lists' index (none: nothing found). */
function listMatches(lists: Lists | null, q: string, filters: Record<string, string[]>): Promise<ListMatches> {
  if (!lists) return Promise.resolve({ records: [], byTitle: 0, counts: {}, unknown: queryWords(q) });
  return searchLists(lists.meta, queryWords(q), filters, (n) => once(lists.shards, n, () => json(`${lists.base}w/${n}.json`)));
}

/** A page's fragment, fetched once however often it is asked for. */
const fragments = new WeakMap<PagefindResult, Promise<PagefindResultData>>();
const dataOf = (page: PagefindResult): Promise<PagefindResultData> => once(fragments, page, () => page.data());

/** What a result shows; a list entry's record is fetched once. */
async function shownOf(result: Result, lists: Lists | null, words: readonly string[]): Promise<Shown> {
  if ("page" in result) {
    const d = await dataOf(result.page);
    return { url: d.url, title: cleanExcerpt(d.meta["title"] ?? d.url), meta: [d.meta["section"], d.meta["date"]].filter(Boolean).join(" · "), excerpt: cleanExcerpt(d.excerpt) };
  }
  if (!lists) throw new Error("名单索引未载入");
  const { file, at } = recordFile(result.record);
  const r = (await once(lists.records, file, () => json<ListRecord[]>(`${lists.base}${file}`)))[at];
  if (!r) throw new Error(`名单索引缺少记录 ${result.record}`);
  return { url: r.url, title: r.title, meta: [r.section, r.date].join(" · "), excerpt: markedParts(r.text, words) };
}

let filterIndex: Promise<unknown> | undefined;
/** Whether the reader has asked for the filters (or arrived with one chosen): they stay open for later searches. */
let filtersOpen = false;

/**
 * The filter boxes with their counts. Counts need every filter's values
 * (≈ 45 KB at city scale, more than the results of a search), which most
 * searches never use: they are fetched when the reader opens the filters,
 * or arrives with one chosen — and always after the results are drawn.
 */
async function showFilters(current: number, pf: Pagefind, q: string, filters: Record<string, string[]>, listCounts: ListMatches["counts"]) {
  const chosen = Object.values(filters).flat().length;
  if (filterToggle) {
    filterToggle.hidden = false;
    filterToggle.textContent = `按栏目、类别、地区、年份筛选${chosen ? `（已选 ${chosen} 项）` : ""}`;
    filterToggle.setAttribute("aria-expanded", String(filtersOpen));
  }
  if (!filtersOpen) {
    if (filterBox) filterBox.hidden = true;
    return;
  }
  filterIndex ??= pf.filters();
  await filterIndex;
  const counted = await pf.search(q, chosen ? { filters } : {});
  if (current !== run || !filtersOpen) return;
  // The lists' counts are exact and made with the search: they are added to the pages'.
  const counts: Record<string, Record<string, number>> = structuredClone(counted?.totalFilters ?? {});
  for (const [key, values] of Object.entries(listCounts)) for (const [value, n] of Object.entries(values)) (counts[key] ??= {})[value] = (counts[key][value] ?? 0) + n;
  renderFilters(counts, filters);
  if (filterBox && filterBox.childElementCount === 0) {
    const note = document.createElement("p");
    note.textContent = "这些结果同属一个栏目、类别、地区和年份，无需再筛选。";
    filterBox.append(note);
    filterBox.hidden = false;
  }
}

function params() {
  const p = new URLSearchParams(location.search);
  const filters: Record<string, string[]> = {};
  for (const f of SEARCH_FILTERS) if (p.getAll(f.param).length) filters[f.key] = p.getAll(f.param);
  return { q: (p.get("q") ?? "").trim(), filters };
}

function renderFilters(counts: Record<string, Record<string, number>>, selected: Record<string, string[]>) {
  if (!filterBox) return;
  filterBox.replaceChildren();
  for (const f of SEARCH_FILTERS) {
    const values = Object.entries(counts[f.key] ?? {}).filter(([, n]) => n > 0);
    if (values.length < 2 && !selected[f.key]) continue;
    const fieldset = document.createElement("fieldset");
    fieldset.className = "search-sections";
    const legend = document.createElement("legend");
    legend.textContent = f.legend;
    fieldset.append(legend);
    for (const [value, count] of values.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "zh-CN"))) {
      const label = document.createElement("label");
      label.className = "filter-option";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = f.param;
      box.value = value;
      box.checked = selected[f.key]?.includes(value) ?? false;
      box.addEventListener("change", () => {
        const p = new URLSearchParams();
        p.set("q", input?.value.trim() ?? "");
        for (const c of filterBox.querySelectorAll<HTMLInputElement>("input:checked")) p.append(c.name, c.value);
        history.replaceState(null, "", `?${p.toString()}`);
        void execute();
      });
      label.append(box, ` ${value}（${count}）`);
      fieldset.append(label);
    }
    filterBox.append(fieldset);
  }
  filterBox.hidden = filterBox.childElementCount === 0;
}

/** Draws the next page of results; `fetched` is what that page shows when the caller has it already. */
async function showMore(current: number, fetched?: Shown[]) {
  const slice = results.slice(shown, shown + PAGE);
  let data = fetched;
  if (!data) {
    const { lists } = await load();
    data = await Promise.all(slice.map((r) => shownOf(r, lists, queryWords(params().q))));
  }
  if (current !== run || !list) return;
  for (const d of data) {
    const li = document.createElement("li");
    li.className = "search-result";
    const h = document.createElement("h2");
    const a = document.createElement("a");
    a.href = d.url;
    a.textContent = d.title;
    h.append(a);
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = d.meta;
    const excerpt = document.createElement("p");
    // Pagefind's excerpt is its own escaped HTML; a list entry's text is only ever set as text.
    if (typeof d.excerpt === "string") excerpt.innerHTML = d.excerpt;
    else
      for (const part of d.excerpt) {
        if (!part.marked) excerpt.append(part.text);
        else excerpt.appendChild(document.createElement("mark")).textContent = part.text;
      }
    li.append(h, meta, excerpt);
    list.append(li);
  }
  shown += slice.length;
  if (more) more.hidden = shown >= results.length;
}

async function execute() {
  const current = ++run;
  const { q, filters } = params();
  if (input) input.value = q;
  list?.replaceChildren();
  if (empty) empty.hidden = true;
  if (more) more.hidden = true;
  if (filterToggle) filterToggle.hidden = true;
  shown = 0;
  if (!q) {
    if (status) status.textContent = "";
    return;
  }
  if (status) status.textContent = "正在搜索…";
  let pf: Pagefind;
  let lists: Lists | null;
  try {
    ({ pf, lists } = await load());
  } catch {
    if (current === run && status) status.textContent = "搜索暂时无法使用，请稍后刷新页面再试";
    return;
  }
  try {
    await searchAndShow(current, q, filters, pf, lists);
  } catch {
    // A file of an index that could not be fetched (the network, or a site replaced meanwhile).
    if (current === run && status) status.textContent = "搜索暂时无法使用，请稍后刷新页面再试";
  }
}

/** Searches both indexes for `q` and draws the first page of results, the count, and the filters if open. */
async function searchAndShow(current: number, q: string, filters: Record<string, string[]>, pf: Pagefind, lists: Lists | null) {
  const words = queryWords(q);
  const [search, found] = await Promise.all([pf.search(q, Object.keys(filters).length ? { filters } : {}), listMatches(lists, q, filters)]);
  if (current !== run) return;
  let pages = search?.results ?? [];
  // Pagefind drops unknown words silently, so "纺织公司" would find every 公司. Every word
  // of the query must be known: a word highlighted in the top results is; any other word
  // is searched alone, and is unknown when that search highlights nothing.
  // The first page's fragments are fetched at once (one round trip, not two): its first five answer that.
  // (The lists' index finds only entries holding every word: it needs no such check.)
  const ordered = (): Result[] => [
    ...found.records.slice(0, found.byTitle).map((record) => ({ record })),
    ...pages.map((page) => ({ page })),
    ...found.records.slice(found.byTitle).map((record) => ({ record })),
  ];
  const [firstPage, topPages] = await Promise.all([
    Promise.all(
      ordered()
        .slice(0, PAGE)
        .map((r) => shownOf(r, lists, words)),
    ),
    Promise.all(pages.slice(0, 5).map(dataOf)),
  ]);
  const highlighted = topPages.map((d) => markedText(d.excerpt)).join(" ");
  const unknown: string[] = [];
  for (const word of words) {
    // Only pages can be wrongly found; with none, a word matters only for saying why nothing was.
    if (highlighted.includes(word) || (pages.length === 0 && found.records.length > 0)) continue;
    const alone = await pf.search(word);
    const check = await Promise.all((alone?.results ?? []).slice(0, 3).map(dataOf));
    if (!check.some((d) => hasMatch(d.excerpt))) unknown.push(word);
  }
  if (current !== run) return;
  const pagesDropped = unknown.length > 0 && pages.length > 0;
  if (unknown.length > 0) pages = [];
  results = ordered();
  if (results.length === 0) {
    renderFilters({}, filters);
    // Unknown to both: no page and no list entry holds the word.
    const nowhere = unknown.filter((w) => found.unknown.includes(w));
    if (status) status.textContent = nowhere.length > 0 ? `没有找到包含“${nowhere.join("”“")}”的内容` : `没有找到与“${q}”相关的内容`;
    if (empty) empty.hidden = false;
    return;
  }
  // The results are drawn before the count is announced: a reader (or a screen reader) told "找到" finds them there.
  await showMore(current, pagesDropped ? undefined : firstPage);
  if (current !== run) return;
  if (status) status.textContent = `找到 ${results.length} 条与“${q}”相关的结果`;
  await showFilters(current, pf, q, filters, found.counts);
}

more?.addEventListener("click", () => void showMore(run));
filterToggle?.addEventListener("click", () => {
  filtersOpen = !filtersOpen;
  const { q, filters } = params();
  if (loading) void loading.then(async ({ pf, lists }) => showFilters(run, pf, q, filters, (await listMatches(lists, q, filters)).counts)).catch(() => undefined);
});
form?.addEventListener("submit", (event) => {
  event.preventDefault();
  const q = input?.value.trim() ?? "";
  history.pushState(null, "", q ? `?q=${encodeURIComponent(q)}` : location.pathname);
  void execute();
});
/** A search opened with a filter chosen (a shared link, a reload, the back button) shows the filters. */
const arrive = () => {
  filtersOpen ||= Object.keys(params().filters).length > 0;
  void execute();
};
window.addEventListener("popstate", arrive);
arrive();
// The search page is for searching: fetch the search engine while the reader types.
if (!params().q) load().catch(() => undefined);

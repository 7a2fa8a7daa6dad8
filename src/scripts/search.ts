// Search page: Pagefind's JS API with our own accessible UI. The query lives in
// the URL (?q=…&section=…), so a search can be shared, reloaded and gone back to.
import { cleanExcerpt, hasMatch, markedText, queryWords } from "../lib/search/results.ts";
import { SEARCH_FILTERS } from "../lib/search/filters.ts";
import { INDEX_MANIFEST, PAGES_INDEX, type MergedIndex } from "../lib/search/indexes.ts";

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
  mergeIndex: (path: string, o?: Record<string, unknown>) => Promise<void>;
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

let loading: Promise<Pagefind> | undefined;
let results: PagefindResult[] = [];
let shown = 0;
let run = 0;

/**
 * Loads the engine and merges every list's index into the pages' index, once:
 * the preload and the first search share one promise, so no index is merged
 * twice (which would show each of its results twice). A failure stays until
 * the page is reloaded.
 */
function load(): Promise<Pagefind> {
  loading ??= (async () => {
    const url = `${PAGES_INDEX}pagefind.js`;
    // The pages' index is primary; each list's records are an index of their own (src/integrations/search-index.ts).
    const [engine, merged] = await Promise.all([
      import(/* @vite-ignore */ url) as Promise<Pagefind>,
      fetch(INDEX_MANIFEST).then((r) => (r.ok ? (r.json() as Promise<MergedIndex[]>) : Promise.reject(new Error(`search indexes: HTTP ${r.status}`)))),
    ]);
    const options = { excerptLength: 40 };
    await engine.options(options);
    // A list's 栏目 is given to all its records here rather than stored with each of them.
    for (const { path, filters } of merged) await engine.mergeIndex(path, { ...options, mergeFilter: filters });
    return engine;
  })();
  return loading;
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
async function showFilters(current: number, pf: Pagefind, q: string, filters: Record<string, string[]>) {
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
  renderFilters(counted?.totalFilters ?? {}, filters);
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

/** Draws the next page of results; `fetched` is the data of that page when the caller has it already. */
async function showMore(current: number, fetched?: PagefindResultData[]) {
  const slice = results.slice(shown, shown + PAGE);
  const data = fetched ?? (await Promise.all(slice.map((r) => r.data())));
  if (current !== run || !list) return;
  for (const d of data) {
    const li = document.createElement("li");
    li.className = "search-result";
    const h = document.createElement("h2");
    const a = document.createElement("a");
    a.href = d.url;
    a.textContent = cleanExcerpt(d.meta["title"] ?? d.url);
    h.append(a);
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = [d.meta["section"], d.meta["date"]].filter(Boolean).join(" · ");
    const excerpt = document.createElement("p");
    excerpt.innerHTML = cleanExcerpt(d.excerpt);
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
  try {
    pf = await load();
  } catch {
    if (current === run && status) status.textContent = "搜索暂时无法使用，请稍后刷新页面再试";
    return;
  }
  const search = await pf.search(q, Object.keys(filters).length ? { filters } : {});
  if (current !== run) return;
  results = search?.results ?? [];
  // Pagefind drops unknown words silently, so "纺织公司" would find every 公司. Every word
  // of the query must be known: a word highlighted in the top results is; any other word
  // is searched alone, and is unknown when that search highlights nothing.
  // The first page's fragments are fetched at once (one round trip, not two): its first five answer that.
  const firstPage = await Promise.all(results.slice(0, PAGE).map((r) => r.data()));
  const highlighted = firstPage
    .slice(0, 5)
    .map((d) => markedText(d.excerpt))
    .join(" ");
  const unknown: string[] = [];
  for (const word of queryWords(q)) {
    if (highlighted.includes(word)) continue;
    const alone = await pf.search(word);
    const check = await Promise.all((alone?.results ?? []).slice(0, 3).map((r) => r.data()));
    if (!check.some((d) => hasMatch(d.excerpt))) unknown.push(word);
  }
  if (current !== run) return;
  if (unknown.length > 0) results = [];
  if (results.length === 0) {
    renderFilters({}, filters);
    if (status) status.textContent = unknown.length > 0 ? `没有找到包含“${unknown.join("”“")}”的内容` : `没有找到与“${q}”相关的内容`;
    if (empty) empty.hidden = false;
    return;
  }
  // The results are drawn before the count is announced: a reader (or a screen reader) told "找到" finds them there.
  await showMore(current, firstPage);
  if (current !== run) return;
  if (status) status.textContent = `找到 ${results.length} 条与“${q}”相关的结果`;
  await showFilters(current, pf, q, filters);
}

more?.addEventListener("click", () => void showMore(run));
filterToggle?.addEventListener("click", () => {
  filtersOpen = !filtersOpen;
  const { q, filters } = params();
  if (loading) void loading.then((pf) => showFilters(run, pf, q, filters)).catch(() => undefined);
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

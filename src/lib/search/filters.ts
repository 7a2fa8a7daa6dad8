/**
 * The search filters readers are offered (src/scripts/search.ts), and the only
 * filters pages put into Pagefind's index: a filter nobody can choose is
 * weight without use. List entries have 栏目 (their list) and 年份 only, counted
 * by the lists' own index (list-index.ts: searchLists).
 */
export const SEARCH_FILTERS = [
  { key: "栏目", param: "section", legend: "栏目" },
  { key: "类别", param: "category", legend: "类别" },
  { key: "地区", param: "region", legend: "地区" },
  { key: "年份", param: "year", legend: "年份" },
] as const;

export type SearchFilter = (typeof SEARCH_FILTERS)[number]["key"];

/** A page's own filters (栏目 is the page's section). */
export type PageFilters = Partial<Record<Exclude<SearchFilter, "栏目">, string>>;

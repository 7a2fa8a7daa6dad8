/**
 * Every URL the site publishes, built in one place so pages, feeds, search,
 * posters and tests agree. URLs are permanent: they are built from stable ids,
 * never from positions in a list.
 */
import type { Category } from "../../schemas/good-people.ts";
import type { ListKind } from "../../primitives/integrity-terms.ts";

/** Pinyin slugs of the five categories, for readable URLs. */
export const CATEGORY_SLUGS: Record<Category, string> = {
  助人为乐: "zhuren-weile",
  见义勇为: "jianyi-yongwei",
  诚实守信: "chengshi-shouxin",
  敬业奉献: "jingye-fengxian",
  孝老爱亲: "xiaolao-aiqin",
};

export const urls = {
  home: () => "/",
  theme: () => "/theme.css",
  conventions: () => "/conventions/",
  convention: (id: string) => `/conventions/${id}/`,
  article: (id: string, n: number) => `/conventions/${id}/#article-${n}`,
  etiquette: () => "/etiquette/",
  guide: (id: string) => `/etiquette/${id}/`,
  goodPeople: () => "/good-people/",
  person: (id: string) => `/good-people/${id}/`,
  batch: (id: string) => `/good-people/batch/${id}/`,
  batchRoll: (id: string) => `/good-people/batch/${id}/roll/`,
  category: (c: Category) => `/good-people/category/${CATEGORY_SLUGS[c]}/`,
  region: (r: string) => `/good-people/region/${encodeURIComponent(r)}/`,
  integrity: () => "/integrity/",
  list: (list: ListKind, page = 1) => (page > 1 ? `/integrity/${list}/page/${page}/` : `/integrity/${list}/`),
  listFilter: (list: ListKind, dimension: string, value: string, page = 1) => `/integrity/${list}/${dimension}/${encodeURIComponent(value)}/${page > 1 ? `page/${page}/` : ""}`,
  listBatch: (list: ListKind, batch: string) => `/integrity/${list}/batch/${batch}/`,
  entry: (list: ListKind, id: string) => `/integrity/${list}/${id}/`,
  listJson: (list: ListKind) => `/integrity/${list}.json`,
  listCsv: (list: ListKind) => `/integrity/${list}.csv`,
  listFeed: (list: ListKind) => `/integrity/${list}/feed.xml`,
  ads: () => "/ads/",
  ad: (id: string) => `/ads/${id}/`,
  poster: (id: string, size: string, ext: string) => `/posters/${id}/${id}-${size}.${ext}`,
  posterArchive: (id: string) => `/posters/${id}/${id}-all.zip`,
  share: (key: string) => `/og/${key}.png`,
  search: (q?: string) => (q ? `/search/?q=${encodeURIComponent(q)}` : "/search/"),
  feed: () => "/feed.xml",
};

/**
 * Every URL the site publishes, built in one place so pages, feeds, search,
 * posters and tests agree. URLs are permanent: they are built from stable ids,
 * never from positions in a list.
 */
import type { Category } from "../../schemas/good-people.ts";
import type { ListKind } from "../../primitives/integrity-terms.ts";
import type { NewsCategory } from "../../schemas/news.ts";
import type { ActivityCategory } from "../../schemas/volunteer.ts";

/** Pinyin slugs of the five categories, for readable URLs. */
export const CATEGORY_SLUGS: Record<Category, string> = {
  助人为乐: "zhuren-weile",
  见义勇为: "jianyi-yongwei",
  诚实守信: "chengshi-shouxin",
  敬业奉献: "jingye-fengxian",
  孝老爱亲: "xiaolao-aiqin",
};

/** Pinyin slugs of the news categories. */
export const NEWS_CATEGORY_SLUGS: Record<NewsCategory, string> = { 工作动态: "gongzuo-dongtai", 通知公告: "tongzhi-gonggao", 媒体报道: "meiti-baodao" };

/** Pinyin slugs of the volunteer service categories. */
export const ACTIVITY_CATEGORY_SLUGS: Record<ActivityCategory, string> = {
  文明交通: "wenming-jiaotong",
  环境保护: "huanjing-baohu",
  关爱老幼: "guanai-laoyou",
  扶残助困: "fucan-zhukun",
  文明宣传: "wenming-xuanchuan",
  社区服务: "shequ-fuwu",
  文化惠民: "wenhua-huimin",
  应急救护: "yingji-jiuhu",
};

const paged = (base: string, page: number) => (page > 1 ? `${base}page/${page}/` : base);

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
  adTheme: (theme: string) => `/ads/theme/${encodeURIComponent(theme)}/`,
  poster: (id: string, size: string, ext: string) => `/posters/${id}/${id}-${size}.${ext}`,
  posterArchive: (id: string) => `/posters/${id}/${id}-all.zip`,
  share: (key: string) => `/og/${key}.png`,
  /** The site's logo as published (src/pages/site-logo.[ext].ts). */
  logo: (ext: string) => `/site-logo.${ext}`,
  search: (q?: string) => (q ? `/search/?q=${encodeURIComponent(q)}` : "/search/"),
  feed: () => "/feed.xml",
  news: (page = 1) => paged("/news/", page),
  newsCategory: (c: NewsCategory, page = 1) => paged(`/news/category/${NEWS_CATEGORY_SLUGS[c]}/`, page),
  newsItem: (id: string) => `/news/${id}/`,
  /** Spaces are the one character an attachment's name may keep (src/studio/uploads.ts) that a URL may not hold as it is. */
  newsFile: (file: string) => `/news/${file.replaceAll(" ", "%20")}`,
  newsFeed: () => "/news/feed.xml",
  volunteer: () => "/volunteer/",
  volunteerPast: (page = 1) => paged("/volunteer/past/", page),
  volunteerCategory: (c: ActivityCategory) => `/volunteer/category/${ACTIVITY_CATEGORY_SLUGS[c]}/`,
  volunteerStation: (station: string) => `/volunteer/station/${encodeURIComponent(station)}/`,
  activity: (id: string) => `/volunteer/${id}/`,
  activityIcs: (id: string) => `/volunteer/${id}.ics`,
  volunteerIcs: () => "/volunteer/upcoming.ics",
  quiz: () => "/quiz/",
  quizAnswers: () => "/quiz/answers/",
  quizBank: () => "/quiz/bank.json",
  handbook: () => "/handbook/",
  handbookChapter: (id: string) => `/handbook/${id}/`,
  handbookPdf: () => "/handbook/pdf/shimin-wenming-shouce.pdf",
  handbookPrintPdf: () => "/handbook/pdf/shimin-wenming-shouce-print.pdf",
};

/** News list pages: all items and one list per category, 20 to a page (newest first, as given). */
import { NEWS_CATEGORIES, type NewsCategory } from "../../schemas/news.ts";
import { paginate } from "../integrity/listing.ts";
import { NEWS_CATEGORY_SLUGS } from "../site/urls.ts";

export const NEWS_PAGE_SIZE = 20;

export interface NewsPage<T> {
  /** The route's rest parameter: undefined for /news/, "category/<slug>/page/2" and so on. */
  path: string | undefined;
  category: NewsCategory | undefined;
  entries: T[];
  page: number;
  pages: number;
  total: number;
}

/** Every list page; a category without items still has its (empty) first page, so its link never breaks. */
export function newsPages<T extends { data: { category: NewsCategory } }>(items: readonly T[]): NewsPage<T>[] {
  const views: [NewsCategory | undefined, T[]][] = [[undefined, [...items]], ...NEWS_CATEGORIES.map((c): [NewsCategory, T[]] => [c, items.filter((n) => n.data.category === c)])];
  return views.flatMap(([category, list]) => {
    const pages = list.length > 0 ? paginate(list, NEWS_PAGE_SIZE) : [[]];
    return pages.map((entries, i) => {
      const base = category ? `category/${NEWS_CATEGORY_SLUGS[category]}` : "";
      const path = [base, i > 0 ? `page/${i + 1}` : ""].filter(Boolean).join("/") || undefined;
      return { path, category, entries, page: i + 1, pages: pages.length, total: list.length };
    });
  });
}

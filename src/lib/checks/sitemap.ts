/** sitemap.xml of the indexable pages: every page except those marked noindex (stop notices, filters, page 2+). */
import { pagePath } from "./site-files.ts";

/** True when a built page may appear in the sitemap. */
export function isIndexable(rel: string, html: string): boolean {
  return rel.endsWith("index.html") && !html.includes('<meta name="robots" content="noindex"');
}

/** The sitemap of the given pages (paths of their index.html files, relative to the site root). */
export function sitemapXml(pages: readonly string[], siteUrl: string): { xml: string; count: number } {
  const urls = pages.map((rel) => new URL(pagePath(rel).split("/").map(encodeURIComponent).join("/"), siteUrl).href);
  urls.sort();
  const body = urls.map((u) => `<url><loc>${u.replace(/&/g, "&amp;")}</loc></url>`).join("\n");
  return { xml: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`, count: urls.length };
}

/** sitemap.xml from the built pages, leaving out pages marked noindex (stop notices, filters, page 2+). */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sitePages } from "./site-files.ts";

export async function buildSitemap(root: string, siteUrl: string): Promise<{ xml: string; count: number }> {
  const urls: string[] = [];
  for (const rel of await sitePages(root)) {
    if (!rel.endsWith("index.html")) continue;
    const html = await readFile(join(root, rel), "utf8");
    if (html.includes('<meta name="robots" content="noindex"')) continue;
    const path = `/${rel.replace(/index\.html$/, "")}`;
    urls.push(new URL(path.split("/").map(encodeURIComponent).join("/").replace(/%2F/g, "/"), siteUrl).href);
  }
  urls.sort();
  const body = urls.map((u) => `<url><loc>${u.replace(/&/g, "&amp;")}</loc></url>`).join("\n");
  return { xml: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`, count: urls.length };
}

/** sitemap.xml from the built pages, leaving out pages marked noindex (stop notices, filters, page 2+). */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name === "index.html") yield path;
  }
}

export async function buildSitemap(root: string, siteUrl: string): Promise<{ xml: string; count: number }> {
  const urls: string[] = [];
  for await (const file of htmlFiles(root)) {
    const html = await readFile(file, "utf8");
    if (html.includes('<meta name="robots" content="noindex"')) continue;
    const path = `/${relative(root, file).replace(/index\.html$/, "")}`;
    urls.push(new URL(path.split("/").map(encodeURIComponent).join("/").replace(/%2F/g, "/"), siteUrl).href);
  }
  urls.sort();
  const body = urls.map((u) => `<url><loc>${u.replace(/&/g, "&amp;")}</loc></url>`).join("\n");
  return { xml: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`, count: urls.length };
}

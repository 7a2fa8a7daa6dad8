/** Files of a built site, as paths relative to its root with forward slashes. */
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";

/** Folders of generated assets, never pages. */
export const ASSET_DIRS = ["_astro", "pagefind", "posters", "og"];

export async function siteFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)).replace(/\\/g, "/"));
}

/** URL path of a built page: about/index.html → /about/ */
export function pagePath(rel: string): string {
  return `/${rel.replace(/index\.html$/, "")}`;
}

/** True for a built HTML page (a file outside the asset folders). */
export function isPage(rel: string): boolean {
  return rel.endsWith(".html") && !ASSET_DIRS.includes(rel.split("/")[0] ?? "");
}

/** The HTML pages of a site, sorted. */
export async function sitePages(root: string): Promise<string[]> {
  return (await siteFiles(root)).filter(isPage).sort();
}

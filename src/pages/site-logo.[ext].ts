/**
 * The site's logo for the header (src/layouts/Base.astro): published from
 * content/images/ without its metadata (src/lib/site/logo.ts). A site
 * without a logo has no such file.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { site } from "../collections.ts";
import { getContent } from "../lib/content/cached.ts";
import { logoKind, publishedLogo } from "../lib/site/logo.ts";

export const getStaticPaths = (() => (site.logo ? [{ params: { ext: logoKind(site.logo).ext } }] : [])) satisfies GetStaticPaths;

export const GET: APIRoute = async () => {
  const logo = site.logo ?? "";
  const { root } = await getContent();
  const bytes = await publishedLogo(logo, await readFile(join(root, logo)));
  return new Response(new Uint8Array(bytes), { headers: { "Content-Type": logoKind(logo).type } });
};

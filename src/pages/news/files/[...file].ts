/** Attachments of published news items, served as they are in content/news/files/ (checked by content when loaded). */
import type { APIRoute, GetStaticPaths } from "astro";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { news } from "../../../collections.ts";
import { contentRoot } from "../../../lib/content/cached.ts";

export const getStaticPaths = (() => {
  const files = new Set(news.flatMap((n) => n.data.attachments.map((a) => a.file.slice("files/".length))));
  return [...files].map((file) => ({ params: { file } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => new Response(await readFile(join(contentRoot(), "news", "files", String(params["file"]))));

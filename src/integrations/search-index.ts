/**
 * Builds the Pagefind search index when the build finishes, through
 * Pagefind's Node API, and fails the build on any Pagefind error (the
 * ready-made integration only logs). Only `data-pagefind-body` regions are
 * indexed; pages that are not published as of the build date have none.
 * Text is pre-segmented for Chinese (see src/lib/search/segment.ts).
 */
import type { AstroIntegration } from "astro";
import * as pagefind from "pagefind";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { segmentHtmlForIndex } from "../lib/search/segment.ts";

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!["_astro", "pagefind", "posters", "og"].includes(entry.name)) yield* htmlFiles(path);
    } else if (entry.name.endsWith(".html")) yield path;
  }
}

export function searchIndex(): AstroIntegration {
  return {
    name: "wenming-search-index",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const started = performance.now();
        const site = fileURLToPath(dir);
        try {
          const { index, errors } = await pagefind.createIndex({});
          if (!index || errors.length) throw new Error(`Pagefind 无法创建索引：${errors.join("；")}`);
          let pages = 0;
          for await (const file of htmlFiles(site)) {
            const html = await readFile(file, "utf8");
            if (!html.includes("data-pagefind-body")) continue;
            const url = `/${relative(site, file).replace(/index\.html$/, "")}`;
            const added = await index.addHTMLFile({ url, content: segmentHtmlForIndex(html) });
            if (added.errors.length) throw new Error(`Pagefind 索引页面 ${url} 出错：${added.errors.join("；")}`);
            pages++;
          }
          if (pages === 0) throw new Error("Pagefind 没有找到可索引的页面（data-pagefind-body）");
          const written = await index.writeFiles({ outputPath: join(site, "pagefind") });
          if (written.errors.length) throw new Error(`Pagefind 写入索引出错：${written.errors.join("；")}`);
          logger.info(`搜索索引：${pages} 个页面（${((performance.now() - started) / 1000).toFixed(1)} s）`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}

/**
 * Builds the Pagefind search index when the build finishes, through
 * Pagefind's Node API, and fails the build on any Pagefind error (the
 * ready-made integration only logs). Only `data-pagefind-body` regions are
 * indexed; pages that are not published as of the build date have none.
 */
import type { AstroIntegration } from "astro";
import * as pagefind from "pagefind";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

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
          const added = await index.addDirectory({ path: site });
          if (added.errors.length) throw new Error(`Pagefind 索引页面出错：${added.errors.join("；")}`);
          if (added.page_count === 0) throw new Error("Pagefind 没有找到可索引的页面（data-pagefind-body）");
          const written = await index.writeFiles({ outputPath: join(site, "pagefind") });
          if (written.errors.length) throw new Error(`Pagefind 写入索引出错：${written.errors.join("；")}`);
          logger.info(`搜索索引：${added.page_count} 个页面（${((performance.now() - started) / 1000).toFixed(1)} s）`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}

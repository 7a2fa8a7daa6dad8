/**
 * Everything a build adds to Astro's pages, in one place so the order is
 * explicit: posters render on worker threads from the start of the build;
 * when the pages are written, Pagefind indexes them on the main thread while
 * the posters are placed and a worker scans the site (personal data, links);
 * last, the search index itself is scanned and any finding fails the build.
 */
import type { AstroIntegration } from "astro";
import { fileURLToPath } from "node:url";
import { finishChecks, scanSite } from "./output-checks.ts";
import { placePosters, startPosters } from "./posters.ts";
import { buildSearchIndex } from "./search-index.ts";

export function buildOutput(): AstroIntegration {
  return {
    name: "wenming-build-output",
    hooks: {
      "astro:config:setup": ({ command }) => {
        if (command === "build") startPosters();
      },
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const [, scan] = await Promise.all([buildSearchIndex(root, logger.fork("wenming-search-index")), placePosters(root, logger.fork("wenming-posters")).then(() => scanSite(root))]);
        await finishChecks(root, scan, logger.fork("wenming-output-checks"));
      },
    },
  };
}

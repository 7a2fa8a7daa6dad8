/**
 * Everything a build adds to Astro's pages, in one place so the order is
 * explicit: posters render in low-priority processes from the start of the
 * build, on the CPU that page generation leaves; when the pages are written,
 * a worker scans the site (personal data, links) while the posters left
 * finish and are placed, then Pagefind indexes the pages (not beside the
 * renderers: memory), and the handbook's PDFs are placed; last, the
 * search index itself is scanned, links to images are checked, and any
 * finding fails the build.
 */
import type { AstroIntegration } from "astro";
import { fileURLToPath } from "node:url";
import { finishChecks, scanSite } from "./output-checks.ts";
import { placeHandbook, startHandbook } from "./handbook.ts";
import { placePosters, startPosters } from "./posters.ts";
import { buildSearchIndex } from "./search-index.ts";

export function buildOutput(): AstroIntegration {
  return {
    name: "wenming-build-output",
    hooks: {
      "astro:config:setup": ({ command }) => {
        if (command === "build") {
          startPosters();
          startHandbook();
        }
      },
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        // The posters left to render, then Pagefind: each keeps both cores busy, and together the renderers
        // (≈ 1 GB at 5x) and Pagefind building the pages' index (≈ 2.8 GB) made the build's peak.
        const [scan] = await Promise.all([
          scanSite(root),
          placePosters(root, logger.fork("wenming-posters")).then(() => buildSearchIndex(root, logger.fork("wenming-search-index"))),
          placeHandbook(root, logger.fork("wenming-handbook")),
        ]);
        await finishChecks(root, scan, logger.fork("wenming-output-checks"));
      },
    },
  };
}

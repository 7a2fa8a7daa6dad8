/**
 * Everything a build adds to Astro's pages, in one place so the order is
 * explicit: posters render in low-priority processes from the start of the
 * build, on the CPU that page generation leaves; when the pages are written,
 * Pagefind indexes them on the main thread while a worker scans the site
 * (personal data, links) and the posters and the handbook's PDFs finish and
 * are placed; last, the
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
        const [scan] = await Promise.all([
          scanSite(root),
          buildSearchIndex(root, logger.fork("wenming-search-index")),
          placePosters(root, logger.fork("wenming-posters")),
          placeHandbook(root, logger.fork("wenming-handbook")),
        ]);
        await finishChecks(root, scan, logger.fork("wenming-output-checks"));
      },
    },
  };
}

/**
 * Everything a build adds to Astro's pages, in one place so the order is
 * explicit: posters render in low-priority processes from the start of the
 * build, on the CPU that page generation leaves; when the pages are written,
 * a worker scans the site (personal data, links) while the posters left
 * finish and are placed, then Pagefind indexes the pages (not beside the
 * renderers: memory), and the handbook's PDFs are placed; last, the
 * search index itself is scanned, links to images are checked, and any
 * finding fails the build.
 *
 * A large build runs in two processes (scripts/build.ts, capacity.ts:
 * separateStages): Astro's process prints the handbook into its cache, writes
 * the pages and ends, and the rest (finishSite) then runs in the build
 * script's own process, posters included. At 5x, Astro's process peaks at
 * ≈ 3.2 GB when page generation starts and keeps ≈ 1.8 GB to its end, the
 * renderers grow to ≈ 1.4 GB and Pagefind to ≈ 2.8 GB: neither is then beside
 * Astro's process.
 */
import type { AstroIntegration, AstroIntegrationLogger } from "astro";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { finishChecks, scanSite } from "./output-checks.ts";
import { placeHandbook, startHandbook } from "./handbook.ts";
import { placePosters, startPosters } from "./posters.ts";
import { buildSearchIndex } from "./search-index.ts";
import { PAGES_STAGE_ONLY } from "../lib/build/capacity.ts";

/** What the build's stages print with: Astro's logger in Astro's process, a look-alike after it (stageLogger). */
export type StageLogger = Pick<AstroIntegrationLogger, "info" | "warn">;

const pagesStageOnly = () => process.env["WENMING_BUILD_STAGE"] === PAGES_STAGE_ONLY;

/**
 * Posters, handbook, search index and checks of a site whose pages are
 * written: in Astro's process, or after it (`afterAstro`), where nothing has
 * started the posters yet and the handbook was printed before the pages
 * (scripts/build.ts: its Chromium, ≈ 2 GB with its helpers at 5x, and the
 * cover's renderer are then not beside the renderers or Pagefind).
 */
export async function finishSite(root: string, logger: (label: string) => StageLogger, afterAstro = false): Promise<void> {
  // The posters left to render, then Pagefind: each keeps both cores busy, and together the renderers
  // (≈ 1.4 GB at 5x) and Pagefind building the pages' index (≈ 2.8 GB) made the build's peak.
  const [scan] = await Promise.all([
    scanSite(root),
    placePosters(root, logger("wenming-posters")).then(() => {
      // After Astro's process, this one's heap holds the renderers' garbage: collected now, the index's
      // documents reuse that memory instead of growing the process beside Pagefind (≈ 0.6 GB at 5x).
      if (afterAstro) collectGarbage();
      return buildSearchIndex(root, logger("wenming-search-index"));
    }),
    placeHandbook(root, logger("wenming-handbook")),
  ]);
  await finishChecks(root, scan, logger("wenming-output-checks"));
}

/** A full garbage collection now (V8 otherwise lets garbage grow the heap while the machine has room). */
function collectGarbage(): void {
  // The way Jest collects between test files: the flag only makes the function reachable.
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** Prints as Astro's integration logger does (time, label, message), for the stage after Astro's process. */
export function stageLogger(label: string): StageLogger {
  const line = (message: string) => `${new Date().toTimeString().slice(0, 8)} [${label}] ${message}`;
  return { info: (message) => console.log(line(message)), warn: (message) => console.warn(line(message)) };
}

export function buildOutput(): AstroIntegration {
  return {
    name: "wenming-build-output",
    hooks: {
      "astro:config:setup": ({ command }) => {
        if (command === "build" && !pagesStageOnly()) {
          startPosters();
          startHandbook();
        }
      },
      "astro:build:done": async ({ dir, logger }) => {
        if (!pagesStageOnly()) await finishSite(fileURLToPath(dir), (label) => logger.fork(label));
      },
    },
  };
}

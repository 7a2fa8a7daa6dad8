/**
 * Everything a build adds to Astro's pages, in one place so the order is
 * explicit: posters render in low-priority processes from the start of the
 * build, on the CPU that page generation leaves, and so do the lists' search
 * indexes when the build is one process (startListIndexes: they are made
 * from the content, not from pages); when the pages are written,
 * a worker scans the site (personal data, links) while the posters left
 * finish and are placed, then Pagefind indexes the pages (not beside the
 * renderers: memory), and the handbook's PDFs are placed; last, the
 * search index itself is scanned, links to images are checked, and any
 * finding fails the build.
 *
 * A large build runs in two processes (scripts/build.ts, capacity.ts:
 * separateStages): Astro's process prints the handbook into its cache and
 * writes the pages, rendering posters into their cache beside them once its
 * memory peak has passed (startPostersAfterPeak, one raster thread), and ends;
 * the rest (finishSite: the posters still missing, with every core) then runs
 * in the build script's own process. Pagefind (≈ 2.8 GB at 5x) is never
 * beside Astro's process.
 */
import type { AstroIntegration, AstroIntegrationLogger } from "astro";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { finishChecks, PROJECT_ROOT, scanSite, startSiteScan, type StartedScan } from "./output-checks.ts";
import { placeHandbook, startHandbook } from "./handbook.ts";
import { placePosters, startPosters, stopEarlyPosters } from "./posters.ts";
import { buildSearchIndex, startListIndexes } from "./search-index.ts";
import { PAGES_STAGE_ONLY } from "../lib/build/capacity.ts";
import { cancelFirstPage, onFirstPage } from "../lib/build/generation.ts";
import { removeEmptyFolders } from "../lib/build/files.ts";
import { siteTree } from "../lib/checks/site-files.ts";
import { currentKeeping, startKeeping } from "../lib/build/kept-pages.ts";

/** What the build's stages print with: Astro's logger in Astro's process, a look-alike after it (stageLogger). */
export type StageLogger = Pick<AstroIntegrationLogger, "info" | "warn">;

const pagesStageOnly = () => process.env["WENMING_BUILD_STAGE"] === PAGES_STAGE_ONLY;

/**
 * Posters, handbook, search index and checks of a site whose pages are
 * written: in Astro's process, or after it (`afterAstro`), where Astro's
 * process has printed the handbook before its pages (scripts/build.ts: its
 * Chromium, ≈ 2 GB with its helpers at 5x, is then beside nothing else) and
 * rendered some posters beside them; the rest are rendered here. `startedScan`:
 * the output scan's thread, when started already (startSiteScan).
 */
export async function finishSite(root: string, logger: (label: string) => StageLogger, afterAstro = false, startedScan?: StartedScan): Promise<void> {
  // The posters left to render, then Pagefind: each keeps both cores busy, and together the renderers
  // (≈ 1.4 GB at 5x) and Pagefind building the pages' index (≈ 2.8 GB) made the build's peak.
  // One listing of the pages' site serves the scan, the index's pages and the tidying up after them.
  const tree = siteTree(root);
  const [scan] = await Promise.all([
    scanSite(root, tree.files, startedScan),
    placePosters(root, logger("wenming-posters")).then(() => {
      // After Astro's process, this one's heap holds the garbage of reading the content and listing the
      // posters: collected now, the index's documents reuse that memory instead of growing the process
      // beside Pagefind (≈ 0.6 GB at 5x).
      if (afterAstro) collectGarbage();
      return buildSearchIndex(root, logger("wenming-search-index"), tree.files);
    }),
    placeHandbook(root, logger("wenming-handbook")),
  ]);
  // A site built into the emptied folders of an older one (scripts/build.ts) keeps the folders of pages since removed.
  removeEmptyFolders(root, tree);
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

/** Seconds without a new memory peak, after the first page, before Astro's process is past its peak. */
const PEAK_PASSED_SECONDS = 10;

/**
 * Watches this process's memory from the start of Astro's build and, once
 * page generation has begun and the memory has set no new peak for
 * PEAK_PASSED_SECONDS, starts the posters beside the pages with one raster
 * thread; returns the stop. At 5x, Astro's process is ≈ 2.4–3.2 GB at its
 * peak, a few seconds after the first page, and ≈ 2.2 GB from then to its
 * end; a renderer grows to ≈ 1.5 GB with two raster threads (3.9 GiB with
 * Astro's process) and ≈ 1.1 GB with one (3.6 GiB, as much as the build's
 * later stage), which keeps the core that page generation leaves busy.
 */
function startPostersAfterPeak(): () => void {
  let peak = 0;
  let peakAt = 0;
  let generating = false;
  onFirstPage(() => (generating = true));
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) [peak, peakAt] = [rss, performance.now()];
    if (generating && performance.now() - peakAt >= PEAK_PASSED_SECONDS * 1000) {
      clearInterval(timer);
      startPosters({ cores: 1 });
    }
  }, 500);
  timer.unref();
  return () => {
    clearInterval(timer);
    cancelFirstPage();
  };
}

/** Before anything reads the pages: the pages this build kept are linked in from the published site (kept-pages.ts). */
function placeKeptPages(root: string, logger: StageLogger): void {
  const keeping = currentKeeping();
  if (!keeping) return;
  const { kept, rendered } = keeping.place(root);
  logger.info(`页面：沿用已发布的 ${kept} 页，重新生成 ${rendered} 页（其余页面由 Astro 的缓存恢复或重新生成）`);
}

export function buildOutput(): AstroIntegration {
  let stopWatching = () => {};
  return {
    name: "wenming-build-output",
    hooks: {
      "astro:config:setup": ({ command }) => {
        if (command === "build" && !pagesStageOnly()) {
          startPosters();
          startHandbook();
        }
      },
      "astro:build:start": () => {
        startKeeping(PROJECT_ROOT);
        if (pagesStageOnly()) stopWatching = startPostersAfterPeak();
        // In one process, the lists are indexed beside the pages; in two, Pagefind is never beside Astro's process (memory).
        else startListIndexes();
      },
      "astro:build:done": async ({ dir, logger }) => {
        if (!pagesStageOnly()) {
          // The scan's thread reads the last build's findings (≈ 1 s at city) while the kept pages are placed.
          // A build that fails ends it: in the 预览 process kept between builds, it would wait for its files forever.
          const scan = await startSiteScan();
          try {
            placeKeptPages(fileURLToPath(dir), logger.fork("wenming-pages"));
            return await finishSite(fileURLToPath(dir), (label) => logger.fork(label), false, scan);
          } catch (error) {
            scan.thread.cancel();
            throw error;
          }
        }
        placeKeptPages(fileURLToPath(dir), logger.fork("wenming-pages"));
        stopWatching();
        await stopEarlyPosters(logger.fork("wenming-posters"));
      },
    },
  };
}

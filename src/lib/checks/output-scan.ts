/**
 * One pass over a built site: every published file is read once, scanned for
 * personal data, and each page's links are checked against the site's files.
 * Runs on a worker thread (scan-worker.ts) beside the search indexer.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LinkChecker, type AnchorLink, type LinkProblem, type PendingLink } from "./links.ts";
import { isScanned, scanFile, type Leak } from "./personal-data-scan.ts";
import { isIndexable } from "./sitemap.ts";
import { isPage, siteFiles } from "./site-files.ts";

export interface OutputScanOptions {
  root: string;
  /** Files to read, relative to `root`. */
  files: string[];
  /** Every file of the site, for resolving links; without it links are not checked. */
  siteFiles?: string[];
  /** The site's public origin, so that absolute links to it (share images) are checked too. */
  origin?: string;
  /** Link paths with these prefixes are not checked (images left out by SKIP_POSTERS=1). */
  skipLinkPrefixes?: string[];
  /** Link paths with these prefixes are returned as pending (folders still being written). */
  pendingLinkPrefixes?: string[];
  /** Hashes of contents found clean by an earlier build. */
  clean: string[];
  /** Exact values published on purpose (credit codes). */
  allowed: string[];
}

export interface OutputScan {
  leaks: Leak[];
  links: LinkProblem[];
  anchors: AnchorLink[];
  pending: PendingLink[];
  /** Pages for the sitemap (links checked only). */
  indexable: string[];
  /** Hashes of the clean files among `files`. */
  clean: string[];
}

export function scanOutput(options: OutputScanOptions): OutputScan {
  const skip = options.skipLinkPrefixes ?? [];
  const later = options.pendingLinkPrefixes ?? [];
  const checker = options.siteFiles
    ? new LinkChecker(new Set(options.siteFiles), {
        skip: (p) => skip.some((s) => p.startsWith(s)),
        pending: (p) => later.some((s) => p.startsWith(s)),
        ...(options.origin ? { origin: options.origin } : {}),
      })
    : undefined;
  const clean = new Set(options.clean);
  const allowed = new Set(options.allowed);
  const seen = new Set<string>();
  const result: OutputScan = { leaks: [], links: [], anchors: [], pending: [], indexable: [], clean: [] };
  for (const rel of [...options.files].sort()) {
    const page = checker !== undefined && isPage(rel);
    if (!page && !isScanned(rel)) continue;
    // Synchronous reads: this runs on its own thread, and one read per file without the thread-pool
    // round trips of fs/promises (open, stat, read, close) halves the wall time of the scan.
    const bytes = readFileSync(join(options.root, rel));
    result.leaks.push(...scanFile(rel, bytes, clean, allowed, seen));
    if (page) {
      const html = bytes.toString("utf8");
      if (isIndexable(rel, html)) result.indexable.push(rel);
      const found = checker.page(rel, html);
      result.links.push(...found.problems);
      result.anchors.push(...found.anchors);
      result.pending.push(...found.pending);
    }
  }
  result.clean = [...clean].filter((h) => seen.has(h));
  return result;
}

/**
 * Scans every file under `root` for personal data (see scanFile). The `clean`
 * set is updated to exactly this scan's clean files.
 */
export function scanForPersonalData(root: string, clean: Set<string> = new Set(), allowed: ReadonlySet<string> = new Set()): Leak[] {
  const scan = scanOutput({ root, files: siteFiles(root), clean: [...clean], allowed: [...allowed] });
  clean.clear();
  for (const hash of scan.clean) clean.add(hash);
  return scan.leaks;
}

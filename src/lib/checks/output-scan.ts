/**
 * One pass over a built site: every published file is read once, scanned for
 * personal data, and each page's links are checked against the site's files.
 * Runs on a worker thread (scan-worker.ts) beside the search indexer.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileIdentity } from "../build/files.ts";
import { assetsOf } from "../build/kept-pages.ts";
import { LinkChecker, readLinks, type AnchorLink, type LinkProblem, type PageLinks, type PendingLink } from "./links.ts";
import { isScanned, isUploadedDocument, scanBytes, scanDocument, type Leak } from "./personal-data-scan.ts";
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
  /** Link paths matching these are returned as pending too (pictures of _astro/, some of which are removed after the scan). */
  pendingLinkPatterns?: RegExp[];
  /** Hashes of contents found clean by an earlier build. */
  clean: string[];
  /** What an earlier build's scan found in files that are still the same files (FileFinding), by file. */
  findings?: Record<string, FileFinding> | undefined;
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
  /** This scan's findings in the clean files among `files`, for the next build's. */
  findings: Record<string, FileFinding>;
  /** Every file of Astro's `_astro/` folder the scanned files refer to (removeUnreferencedImages publishes no other picture). */
  assets: string[];
}

/**
 * What the scan found in one file that nothing but its bytes decides: no
 * personal data at all (only such files have one), whether it belongs in the
 * sitemap, and a page's links before they are resolved. A later scan takes it
 * instead of reading the file while the file is the very same file (inode,
 * size, modification time: fileIdentity) — a page kept from the published
 * site, an index file or poster linked from a cache — and resolves the links
 * against that build's files. A file that is not the same file but has the
 * same bytes (its hash: a page Astro restored from its cache) is read and
 * hashed, and its links are not parsed again.
 */
export interface FileFinding {
  id: string;
  hash: string;
  indexable?: true;
  links?: PageLinks;
  /** The files of `_astro/` it refers to (a page's pictures and styles, a style sheet's fonts). */
  assets?: string[];
}

/** Files that may refer to files of `_astro/`: pages, style sheets, scripts, data, feeds, drawings. */
const REFERRER = /\.(html|css|js|mjs|json|xml|svg|webmanifest|txt)$/;

export async function scanOutput(options: OutputScanOptions): Promise<OutputScan> {
  const skip = options.skipLinkPrefixes ?? [];
  const later = options.pendingLinkPrefixes ?? [];
  const laterPatterns = options.pendingLinkPatterns ?? [];
  const checker = options.siteFiles
    ? new LinkChecker(new Set(options.siteFiles), {
        skip: (p) => skip.some((s) => p.startsWith(s)),
        pending: (p) => later.some((s) => p.startsWith(s)) || laterPatterns.some((re) => re.test(p)),
        ...(options.origin ? { origin: options.origin } : {}),
      })
    : undefined;
  const clean = new Set(options.clean);
  const allowed = new Set(options.allowed);
  const seen = new Set<string>();
  const result: OutputScan = { leaks: [], links: [], anchors: [], pending: [], indexable: [], clean: [], findings: {}, assets: [] };
  const assets = new Set<string>();
  const known = options.findings ?? {};
  // Every page's links are kept until the scan ends (its findings): the same link on many pages is kept once
  // (city: 800,000 links, 34,000 different; at 5x this is hundreds of megabytes beside Pagefind otherwise).
  const links = new Map<string, PageLinks["refs"][number]>();
  const shared = (found: PageLinks): PageLinks => {
    found.refs = found.refs.map((ref) => {
      const key = ref.join("\n");
      const same = links.get(key);
      if (same) return same;
      links.set(key, ref);
      return ref;
    });
    return found;
  };
  // Likewise the files of _astro/ (every page refers to the same style sheets and scripts).
  const named = new Map<string, string>();
  const intern = (asset: string) => named.get(asset) ?? (named.set(asset, asset), asset);
  for (const rel of [...options.files].sort()) {
    const page = checker !== undefined && isPage(rel);
    if (!page && !isScanned(rel)) continue;
    const path = join(options.root, rel);
    const id = fileIdentity(path);
    // An earlier build's finding, while the file is still the very same file (and a page's has its links).
    let finding = known[rel]?.id === id && (!page || known[rel]?.links) ? known[rel] : undefined;
    if (finding) {
      seen.add(finding.hash);
      result.findings[rel] = finding;
    } else {
      // Synchronous reads: this runs on its own thread, and one read per file without the thread-pool
      // round trips of fs/promises (open, stat, read, close) halves the wall time of the scan.
      const bytes = readFileSync(path);
      const scanned = scanBytes(rel, bytes, clean, allowed, seen);
      result.leaks.push(...scanned.leaks);
      if (!scanned.clean && isUploadedDocument(rel)) {
        // Its text read as the content check reads it; clean (remembered by its hash) only when nothing at all is found.
        const document = await scanDocument(rel, bytes, allowed);
        result.leaks.push(...document.leaks);
        if (document.clean) {
          clean.add(scanned.hash);
          scanned.clean = true;
        }
      }
      const before = known[rel];
      if (before?.hash === scanned.hash && (!page || before.links)) {
        // The same bytes in another file (a page Astro restored from its cache, an index file rebuilt the same):
        // what its bytes decide is what they decided before.
        finding = { ...before, id: id ?? "" };
      } else {
        const text = page || REFERRER.test(rel) ? bytes.toString("utf8") : "";
        const referred = text ? assetsOf(text).map(intern) : [];
        finding = {
          id: id ?? "",
          hash: scanned.hash,
          ...(page && isIndexable(rel, text) ? { indexable: true as const } : {}),
          ...(page ? { links: shared(readLinks(rel, text, options.origin)) } : {}),
          ...(referred.length ? { assets: referred } : {}),
        };
      }
      // Remembered only for a file with no personal data at all, and the same file after it was read as before.
      if (scanned.clean && id !== undefined && fileIdentity(path) === id) result.findings[rel] = finding;
    }
    for (const asset of finding.assets ?? []) assets.add(asset);
    if (page) {
      if (finding.indexable) result.indexable.push(rel);
      const found = checker.check(rel, finding.links ?? { problems: [], refs: [] });
      result.links.push(...found.problems);
      result.anchors.push(...found.anchors);
      result.pending.push(...found.pending);
    }
  }
  result.clean = [...clean].filter((h) => seen.has(h));
  result.assets = [...assets];
  return result;
}

/**
 * Scans every file under `root` for personal data (see scanFile). The `clean`
 * set is updated to exactly this scan's clean files.
 */
export async function scanForPersonalData(root: string, clean: Set<string> = new Set(), allowed: ReadonlySet<string> = new Set()): Promise<Leak[]> {
  const scan = await scanOutput({ root, files: siteFiles(root), clean: [...clean], allowed: [...allowed] });
  clean.clear();
  for (const hash of scan.clean) clean.add(hash);
  return scan.leaks;
}

/**
 * Findings as saved: a city's pages have ≈ 800,000 links but ≈ 34,000
 * different ones (navigation, footer), so each link is stored once and a
 * page's links as their numbers. Per file: identity, content hash, whether it
 * is indexable, and for a page its link numbers and its own problems.
 */
interface SavedFindings {
  stamp: string;
  refs: PageLinks["refs"];
  /** Files of `_astro/` referred to, each once (every page refers to the same style sheets). */
  assets: string[];
  files: Record<string, [id: string, hash: string, indexable: 0 | 1, refs: number[] | null, problems: LinkProblem[] | null, assets: number[] | null]>;
}

/** Findings saved by saveFindings with the same stamp (the scanning code and the site's origin), else none. */
export function loadFindings(file: string, stamp: string): Record<string, FileFinding> | undefined {
  let saved: SavedFindings;
  try {
    saved = JSON.parse(readFileSync(file, "utf8")) as SavedFindings;
  } catch {
    return undefined;
  }
  if (saved.stamp !== stamp) return undefined;
  const findings: Record<string, FileFinding> = {};
  for (const [rel, [id, hash, indexable, refs, problems, assets]] of Object.entries(saved.files)) {
    const finding: FileFinding = { id, hash, ...(indexable ? { indexable: true as const } : {}) };
    if (assets) {
      finding.assets = assets.map((i) => saved.assets[i] ?? "");
      // A damaged file is not half trusted.
      if (finding.assets.includes("")) return undefined;
    }
    if (refs) {
      const links: PageLinks = { problems: problems ?? [], refs: [] };
      for (const i of refs) {
        const ref = saved.refs[i];
        // A damaged file is not half trusted.
        if (!ref) return undefined;
        links.refs.push(ref);
      }
      finding.links = links;
    }
    findings[rel] = finding;
  }
  return findings;
}

/** Saves a scan's findings for the next build's (written whole, then renamed: never half a file). */
export function saveFindings(file: string, stamp: string, findings: Record<string, FileFinding>): void {
  const saved: SavedFindings = { stamp, refs: [], assets: [], files: {} };
  const numbers = new Map<string, number>();
  const assetNumbers = new Map<string, number>();
  const numberOf = <T>(table: T[], seen: Map<string, number>, key: string, value: T) => {
    let n = seen.get(key);
    if (n === undefined) {
      n = table.push(value) - 1;
      seen.set(key, n);
    }
    return n;
  };
  for (const [rel, { id, hash, indexable, links, assets }] of Object.entries(findings)) {
    saved.files[rel] = [
      id,
      hash,
      indexable ? 1 : 0,
      links ? links.refs.map((ref) => numberOf(saved.refs, numbers, ref.join("\n"), ref)) : null,
      links?.problems.length ? links.problems : null,
      assets ? assets.map((asset) => numberOf(saved.assets, assetNumbers, asset, asset)) : null,
    ];
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(saved));
  renameSync(`${file}.tmp`, file);
}

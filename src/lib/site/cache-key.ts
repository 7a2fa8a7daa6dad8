/**
 * Keys for Astro's incremental build. A page is re-rendered only when its key
 * changes, so a key is built from digests of content sources alone (see
 * src/lib/content/digest.ts: file bytes, referenced images, derived data) —
 * never from fields a page picks, which a page could forget. Every key
 * includes the build's stamp: the as-of date and the site settings the layout
 * renders. Code, templates and library versions are Astro's part of the key
 * (each route's module graph and the lockfile).
 */
import { createHash } from "node:crypto";

/** What every page depends on: the as-of date and the digest of the site settings. */
export interface BuildStamp {
  asOf: string;
  site: string;
}

/** Anything with a source digest: collection entries and source groups. */
export interface Sourced {
  digest?: string | number | undefined;
}

/** Cache key of a page that renders `sources`; a source without a digest is refused, not ignored. */
export function pageKey(stamp: BuildStamp, ...sources: readonly Sourced[]): string {
  const hash = createHash("sha256").update(`${stamp.asOf}|${stamp.site}`);
  for (const s of sources) {
    if (s.digest === undefined || s.digest === "") throw new Error("内部错误：页面缓存键缺少内容来源摘要");
    hash.update(`|${String(s.digest)}`);
  }
  return hash.digest("base64url");
}

/** One digest for a group of sources (e.g. every good person and batch), order-independent. */
export function groupDigest(sources: readonly Sourced[]): string {
  const digests = sources.map((s) => {
    if (s.digest === undefined) throw new Error("内部错误：内容来源缺少摘要");
    return String(s.digest);
  });
  return createHash("sha256").update(digests.sort().join("|")).digest("base64url");
}

/**
 * One load of the content per process and as-of date: the Astro loaders,
 * pages and integrations of one build share it instead of re-reading files.
 */
import { resolve } from "node:path";
import { resolveAsOf, type IsoDate } from "../../primitives/dates.ts";
import type { SiteContent } from "./load.ts";

/**
 * Shared through globalThis: the content config runs in Vite's module runner
 * and the integrations in Node, each with its own copy of this module; one
 * load (≈ 4 s for a city's 20,000 list entries) serves both.
 */
const SHARED = Symbol.for("wenming.content");
const cache: Map<string, Promise<SiteContent>> = ((globalThis as { [SHARED]?: Map<string, Promise<SiteContent>> })[SHARED] ??= new Map());

/** Content folder: `WENMING_CONTENT` (used by tests and the benchmark) or ./content. */
export function contentRoot(): string {
  return resolve(process.env["WENMING_CONTENT"] ?? "content");
}

export function getContent(root: string = contentRoot(), asOf: IsoDate = resolveAsOf()): Promise<SiteContent> {
  const key = `${root}|${asOf}`;
  let promise = cache.get(key);
  if (!promise) {
    // Imported here: the build loads the content before Astro starts, so the content config (run in Vite's module
    // runner, which transforms every module it imports, in every build) finds it loaded and need not import the loader.
    promise = import("./load.ts").then(({ loadContent }) => loadContent(root, asOf));
    cache.set(key, promise);
  }
  return promise;
}

/** Drops every loaded content: the next getContent reads the files again (a warm build process, between builds). */
export function forgetContent(): void {
  cache.clear();
}

/** Where builds keep their caches (posters, search index, scanned files): `WENMING_CACHE` or node_modules/.cache/wenming. */
export function cachePath(...parts: string[]): string {
  return resolve(process.env["WENMING_CACHE"] ?? "node_modules/.cache/wenming", ...parts);
}

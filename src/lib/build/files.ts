/** Placing cached build outputs into the site being built. */
import { copyFileSync, linkSync, mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Puts a cached file into the site: a hard link when possible (instant, no
 * extra disk), a copy otherwise. Synchronous: builds place thousands of files
 * (the search index alone has ~15,000 at city scale), and each would cost
 * four thread-pool round trips with fs/promises.
 */
export function placeFile(file: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  rmSync(target, { force: true });
  try {
    linkSync(file, target);
  } catch {
    copyFileSync(file, target);
  }
}

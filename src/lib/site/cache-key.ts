/**
 * Keys for Astro's incremental build: a page is re-rendered only when the key
 * changes, so a key covers everything the page shows — its own data, the site
 * settings in the layout, and the as-of date.
 */
import { createHash } from "node:crypto";

export function pageKey(...parts: unknown[]): string {
  return createHash("sha1").update(JSON.stringify(parts)).digest("base64url");
}

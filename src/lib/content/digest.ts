/**
 * Digests of content sources. A digest covers everything a content item
 * renders from: the raw bytes of its file (front matter and body alike), the
 * bytes of files it references (photos), and the data the loader derived
 * from them. Page cache keys are built only from these digests
 * (src/lib/site/cache-key.ts), so no field, body or image can change without
 * changing the key of every page that shows it.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { packageVersion } from "../package-version.ts";
import type { IntegrityEntry } from "../../schemas/integrity.ts";
import { entryKey } from "../../primitives/integrity-terms.ts";

/** One digest over several parts; each part is length-prefixed so ("ab","c") ≠ ("a","bc"). */
export function digestOf(...parts: readonly (string | Uint8Array | undefined)[]): string {
  return digestOfAll(parts);
}

/** digestOf for any number of parts: a list of a whole site's items is too long to spread into a call's arguments. */
export function digestOfAll(parts: Iterable<string | Uint8Array | undefined>): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    const bytes = part === undefined ? new Uint8Array() : typeof part === "string" ? Buffer.from(part, "utf8") : part;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest("base64url").slice(0, 32);
}

/** Key under which a content item's digest is recorded: collection name and id. */
export function sourceKey(collection: string, id: string): string {
  return `${collection}/${id}`;
}

/** Id of the one stored entry of the lists (content.config.ts), whose digest is listsDigest's. */
export const LISTS_ENTRY = "lists";

/**
 * The lists' entries as one digest: each entry's key and source digest, in
 * the order the content has them (an entry added, removed, changed or moved
 * changes it).
 */
export function listsDigest(content: { integrity: readonly Pick<IntegrityEntry, "list" | "id">[]; digests: ReadonlyMap<string, string> }): string {
  return digestOfAll(content.integrity.map((e) => `${entryKey(e)}=${content.digests.get(sourceKey("integrity", entryKey(e))) ?? ""}`));
}

let version: string | undefined;

/**
 * What turns checked content into a stored entry besides the content itself: the schemas (parseData), the content
 * config and Astro's Markdown pipeline (renderMarkdown, configured in astro.config.mjs). A stored entry is reused
 * across builds only under the same source digest and the same loader version, so a changed schema default or
 * Markdown setting re-stores every entry.
 */
export function loaderVersion(): string {
  if (!version) {
    const src = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
    const hash = createHash("sha256");
    const files = [
      ...readdirSync(join(src, "schemas"), { recursive: true, encoding: "utf8" }).map((f) => join(src, "schemas", f)),
      join(src, "content.config.ts"),
      join(src, "..", "astro.config.mjs"),
    ].filter((f) => /\.(ts|mjs)$/.test(f));
    for (const file of files.sort()) hash.update(`${file.slice(src.length)}\0`).update(readFileSync(file));
    for (const pkg of ["astro", "@astrojs/mdx", "zod"]) hash.update(`${pkg}@${packageVersion(pkg)}`);
    version = hash.digest("base64url").slice(0, 12);
  }
  return version;
}

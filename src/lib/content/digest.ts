/**
 * Digests of content sources. A digest covers everything a content item
 * renders from: the raw bytes of its file (front matter and body alike), the
 * bytes of files it references (photos), and the data the loader derived
 * from them. Page cache keys are built only from these digests
 * (src/lib/site/cache-key.ts), so no field, body or image can change without
 * changing the key of every page that shows it.
 */
import { createHash } from "node:crypto";

/** One digest over several parts; each part is length-prefixed so ("ab","c") ≠ ("a","bc"). */
export function digestOf(...parts: readonly (string | Uint8Array | undefined)[]): string {
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

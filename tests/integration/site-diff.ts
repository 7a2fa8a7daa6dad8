/**
 * Compares two built sites file by file, and folder by folder. Declared exceptions, and only these:
 * Pagefind writes its filter files and metadata in hash-map order, so their
 * bytes (and the hashed names that point at them) differ between two cold
 * builds of the same content; they are compared by their decoded bytes as a
 * multiset. Everything else — pages, feeds, open data, sitemap, share images,
 * posters, PDFs, ZIPs, search fragments and word index — must be identical.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";

/** Every file of a site, and every folder (with a trailing slash: a folder left empty is published too). */
function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() || e.isDirectory())
    .map((e) => `${relative(root, join(e.parentPath, e.name))}${e.isDirectory() ? "/" : ""}`)
    .sort();
}

/** Pagefind files whose names and bytes depend on hash-map order (the pages' index; the lists' own index is ordered). */
const UNORDERED = /^pagefind\/(filter\/.*\.pf_filter|pagefind\..*\.pf_meta|pagefind-entry\.json)$/;

/** Just enough CBOR (RFC 8949: integers, strings, arrays, maps) to read Pagefind's files. */
function decodeCbor(bytes: Uint8Array): unknown {
  let at = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = (info: number): number => {
    if (info < 24) return info;
    const size = 1 << (info - 24);
    const v = size === 1 ? view.getUint8(at) : size === 2 ? view.getUint16(at) : size === 4 ? view.getUint32(at) : Number(view.getBigUint64(at));
    at += size;
    return v;
  };
  const item = (): unknown => {
    const head = bytes[at++] ?? 0;
    const major = head >> 5;
    const n = length(head & 31);
    switch (major) {
      case 0:
        return n;
      case 1:
        return -1 - n;
      case 2:
      case 3: {
        const chunk = bytes.subarray(at, at + n);
        at += n;
        return major === 3 ? new TextDecoder().decode(chunk) : [...chunk];
      }
      case 4:
        return Array.from({ length: n }, item);
      case 5:
        return Array.from({ length: n }, () => [item(), item()]);
      default:
        throw new Error(`unexpected CBOR major type ${major}`);
    }
  };
  return item();
}

/**
 * Pagefind's unordered files, made comparable: decoded, hashed file names
 * replaced by a placeholder, and every list sorted (filter values and the
 * pages under each are sets; so are the chunk and filter lists of the metadata).
 */
function canonical(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/^(zh-cn|en)_[0-9a-f]{7,}$/, "$1_#");
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  return value;
}

function unorderedSignature(root: string, rel: string): string {
  const raw = readFileSync(join(root, rel));
  if (rel.endsWith(".json")) return JSON.stringify(canonical(JSON.parse(raw.toString("utf8"))));
  const bytes = gunzipSync(raw);
  const signature = "pagefind_dcd";
  return JSON.stringify(canonical(decodeCbor(bytes.subarray(signature.length))));
}

/** Differences between two built sites, as readable lines; empty when they are the same. */
export function siteDifferences(a: string, b: string): string[] {
  const fa = files(a);
  const fb = files(b);
  const differences: string[] = [];
  const inA = new Set(fa);
  const inB = new Set(fb);
  for (const f of fa) if (!inB.has(f) && !UNORDERED.test(f)) differences.push(`only in the incremental build: ${f}`);
  for (const f of fb) if (!inA.has(f) && !UNORDERED.test(f)) differences.push(`only in the cold build: ${f}`);
  for (const f of fa) {
    if (!inB.has(f) || UNORDERED.test(f) || f.endsWith("/")) continue;
    if (!readFileSync(join(a, f)).equals(readFileSync(join(b, f)))) differences.push(`differs: ${f}`);
  }
  const sig = (root: string, list: string[]) =>
    list
      .filter((f) => UNORDERED.test(f))
      .map((f) => unorderedSignature(root, f))
      .sort();
  if (JSON.stringify(sig(a, fa)) !== JSON.stringify(sig(b, fb))) differences.push("differs: Pagefind filters or metadata");
  return differences;
}

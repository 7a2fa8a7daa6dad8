/**
 * Scans a built site for full ID numbers and mobile numbers in every text
 * file it publishes — HTML, JSON, CSV, XML and the (gzipped) search index —
 * so personal data that slipped past content checks never goes live.
 */
import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { findPersonalData } from "../integrity/personal-data.ts";

const TEXT = new Set([".html", ".json", ".csv", ".xml", ".txt", ".svg", ".js", ".webmanifest"]);
const PAGEFIND = new Set([".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"]);

export interface Leak {
  file: string;
  kind: "id" | "mobile";
  /** The number with its middle hidden, so the report itself does not leak it. */
  masked: string;
}

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

function decode(bytes: Buffer, ext: string): string | undefined {
  if (TEXT.has(ext)) return bytes.toString("utf8");
  if (PAGEFIND.has(ext)) {
    try {
      // Pagefind files are gzip streams that start with a "pagefind_dcd" signature.
      return gunzipSync(bytes).toString("utf8");
    } catch {
      return bytes.toString("utf8");
    }
  }
  return undefined;
}

export async function scanForPersonalData(root: string): Promise<Leak[]> {
  const leaks: Leak[] = [];
  for await (const path of files(root)) {
    const text = decode(await readFile(path), extname(path));
    if (text === undefined) continue;
    for (const hit of findPersonalData(text)) {
      leaks.push({ file: relative(root, path), kind: hit.kind, masked: `${hit.value.slice(0, 3)}…${hit.value.slice(-2)}` });
    }
  }
  return leaks;
}

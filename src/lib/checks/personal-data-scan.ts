/**
 * Scans a built site for full ID numbers and mobile numbers in every text
 * file it publishes — HTML, JSON, CSV, XML and the (gzipped) search index —
 * so personal data that slipped past content checks never goes live.
 */
import { createHash } from "node:crypto";
import { extname } from "node:path";
import { gunzipSync } from "node:zlib";
import { findPersonalData } from "../integrity/personal-data.ts";
import { attachmentPersonalData, attachmentText } from "../content/attachment-text.ts";
import { ATTACHMENT_EXTENSION } from "../../schemas/news.ts";

const TEXT = new Set([".html", ".css", ".json", ".csv", ".xml", ".txt", ".svg", ".js", ".mjs", ".webmanifest"]);
const PAGEFIND = new Set([".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"]);

export interface Leak {
  file: string;
  /** A full ID or mobile number, or a published document whose text cannot be read (so was not checked). */
  kind: "id" | "mobile" | "unreadable";
  /** The number with its middle hidden, so the report itself does not leak it; why, for an unreadable document. */
  masked: string;
}

/** Where notices' attachments are published (src/pages/news/files/[...file].ts), in folders of their own or not. */
const ATTACHMENTS = "news/files/";

/** True for a published file that is a document uploaded by staff (scanned by its text: scanDocument). */
export function isUploadedDocument(rel: string): boolean {
  return rel.startsWith(ATTACHMENTS) && ATTACHMENT_EXTENSION.test(rel);
}

/** A number with its middle hidden, so the report itself does not leak it. */
const hidden = (value: string) => `${value.slice(0, 3)}…${value.slice(-2)}`;

/**
 * Personal data in a published document (an attachment), read as the content check reads it; a document that
 * cannot be read is a finding too: nothing unchecked is published. `clean` as for scanBytes: nothing found at all,
 * not even an allowed value (the next build may not allow it).
 */
export async function scanDocument(rel: string, bytes: Buffer, allowed: ReadonlySet<string>): Promise<{ leaks: Leak[]; clean: boolean }> {
  const text = await attachmentText(rel, bytes);
  if ("problem" in text) return { leaks: [{ file: rel, kind: "unreadable", masked: text.problem }], clean: false };
  const all = attachmentPersonalData(text.parts);
  const leaks = all.filter((hit) => !(hit.kind === "id" && allowed.has(hit.value))).map((hit): Leak => ({ file: rel, kind: hit.kind, masked: `${hidden(hit.value)}（${hit.place || "正文"}）` }));
  return { leaks, clean: all.length === 0 };
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

/** True for files the scan reads: text we publish, Pagefind's index files and uploaded documents. */
export function isScanned(rel: string): boolean {
  const ext = extname(rel);
  return TEXT.has(ext) || PAGEFIND.has(ext) || isUploadedDocument(rel);
}

/**
 * Personal data in one published file. `clean` holds hashes of contents found
 * clean before; a file with such content is skipped, and a clean file's hash
 * is added — only when it has no match at all, not when its only matches were
 * allowed (the allowed values change from build to build).
 */
export function scanFile(rel: string, bytes: Buffer, clean: Set<string>, allowed: ReadonlySet<string>, seen?: Set<string>): Leak[] {
  return isScanned(rel) ? scanBytes(rel, bytes, clean, allowed, seen).leaks : [];
}

/** scanFile for a file it scans, with the content's hash and whether the content is clean (no match at all). */
export function scanBytes(rel: string, bytes: Buffer, clean: Set<string>, allowed: ReadonlySet<string>, seen?: Set<string>): { leaks: Leak[]; clean: boolean; hash: string } {
  const hash = createHash("sha1").update(bytes).digest("base64");
  seen?.add(hash);
  if (clean.has(hash)) return { leaks: [], clean: true, hash };
  const text = decode(bytes, extname(rel));
  if (text === undefined) return { leaks: [], clean: false, hash };
  const all = findPersonalData(text);
  const hits = all.filter((hit) => !(hit.kind === "id" && allowed.has(hit.value)));
  // Clean for any build only when nothing was let through: a value allowed now (an entry's credit code) may not be next time.
  if (all.length === 0) clean.add(hash);
  return { leaks: hits.map((hit) => ({ file: rel, kind: hit.kind, masked: hidden(hit.value) })), clean: all.length === 0, hash };
}

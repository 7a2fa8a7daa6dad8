/**
 * The loader's work on one file — a document parsed, scanned and checked
 * against its schema; a list batch read and its rows checked — is a pure
 * function of the file's bytes, its name and the options it is checked with.
 * Its result is remembered under a hash of all of them, so a load after a
 * one-entry correction parses and checks that one file again, not all 25,000
 * (≈ 2 of a city load's 4 s). Every file is still read, and every check that
 * spans files (duplicates, references, the ledger) runs on every load.
 *
 * Remembered in the process (the workbench checks each save against the whole
 * content; its 预览 process builds again and again) and, where a build asks
 * (useMemoFile), in its cache between processes, under a stamp of the code
 * (kept-pages.ts: codeStamp): a changed schema or check never answers from an
 * older result. Values are kept serialized, so every load gets objects of its
 * own, and only those the last load used are kept.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { deserialize, serialize } from "node:v8";
import { todayInShanghai } from "../../primitives/dates.ts";

interface Memo {
  values: Map<string, Buffer>;
  /** Answers from remembered results, and results computed, since the last prune. */
  hits: number;
  misses: number;
  /** Keys asked for since the last prune. */
  used: Set<string>;
  /** Where a build keeps them between processes, and the code they were made by. */
  file?: { path: string; stamp: string } | undefined;
}

/** Shared through globalThis, like the loaded content (cached.ts): Vite's module runner has copies of this module. */
const SHARED = Symbol.for("wenming.content-memo");
const memo: Memo = ((globalThis as { [SHARED]?: Memo })[SHARED] ??= { values: new Map(), used: new Set(), hits: 0, misses: 0 });

/** A step's name and its inputs: each part length-prefixed, so no two different lists of parts hash alike. */
function keyOf(step: string, parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  // Schemas and list checks refuse dates after the real today.
  for (const part of [step, todayInShanghai(), ...parts]) {
    const bytes = typeof part === "string" ? Buffer.from(part) : part;
    hash.update(`${bytes.length}:`).update(bytes);
  }
  return hash.digest("base64url");
}

function lookUp<T>(key: string): { value: T } | undefined {
  memo.used.add(key);
  const kept = memo.values.get(key);
  if (!kept) {
    memo.misses++;
    return undefined;
  }
  memo.hits++;
  return { value: deserialize(kept) as T };
}

function keep(key: string, value: unknown): void {
  try {
    memo.values.set(key, serialize(value));
  } catch {
    // A value that cannot be serialized is simply computed every time.
  }
}

/**
 * `compute()`, or what it returned before for the same `step` and `parts`.
 * `step` names one call site (one schema, one check); `parts` must hold every
 * input `compute` reads — the file's name and text, the as-of date — and
 * `compute` nothing else (the real today is part of every key).
 */
export function rememberSync<T>(step: string, parts: readonly (string | Uint8Array)[], compute: () => T): T {
  const key = keyOf(step, parts);
  const hit = lookUp<T>(key);
  if (hit) return hit.value;
  const value = compute();
  keep(key, value);
  return value;
}

/** rememberSync for a check that reads asynchronously (a workbook's parts). */
export async function remember<T>(step: string, parts: readonly (string | Uint8Array)[], compute: () => Promise<T>): Promise<T> {
  const key = keyOf(step, parts);
  const hit = lookUp<T>(key);
  if (hit) return hit.value;
  const value = await compute();
  keep(key, value);
  return value;
}

/**
 * Drops what no load asked for since the last prune (a file's earlier
 * versions); called after each load. Returns how many files' checks that load
 * took from memory and how many it ran.
 */
export function pruneMemo(): { remembered: number; checked: number } {
  for (const key of memo.values.keys()) if (!memo.used.has(key)) memo.values.delete(key);
  memo.used.clear();
  const counts = { remembered: memo.hits, checked: memo.misses };
  memo.hits = memo.misses = 0;
  return counts;
}

/**
 * Keeps the results in `path` between processes, for code stamped `stamp`:
 * reads what an earlier build of the same code left there (anything else —
 * another stamp, a damaged file — is ignored), and saveMemoFile writes them back.
 */
export function useMemoFile(path: string, stamp: string): void {
  memo.file = { path, stamp };
  if (memo.values.size > 0 || !existsSync(path)) return;
  try {
    const saved = deserialize(readFileSync(path)) as { stamp?: unknown; values?: unknown };
    if (saved.stamp !== stamp || !(saved.values instanceof Map)) return;
    for (const [key, value] of saved.values as Map<unknown, unknown>) if (typeof key === "string" && Buffer.isBuffer(value)) memo.values.set(key, value);
  } catch {
    memo.values.clear();
  }
}

/** Writes the results the last load used to the file named by useMemoFile (after a load that passed). */
export function saveMemoFile(): void {
  if (!memo.file) return;
  const { path, stamp } = memo.file;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, serialize({ stamp, values: memo.values }));
  renameSync(tmp, path);
}

/** Forgets every result (tests). */
export function clearMemo(): void {
  memo.values.clear();
  memo.used.clear();
  memo.hits = memo.misses = 0;
  memo.file = undefined;
}

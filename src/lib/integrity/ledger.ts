/**
 * The record of every list entry ever published: `content/integrity/published-ids.txt`,
 * one `<list>/<id>` per line. A published entry keeps its URL forever, so a
 * row can never be deleted once its id is here: staff mark it 已移出 (with
 * 移出日期 and 移出事由) and its page then says publication stopped. Imports
 * add the ids they write; a build adds the ids it publishes (rows typed in
 * by hand). The file holds ids only — no names, no personal data.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const LEDGER_FILE = join("integrity", "published-ids.txt");

const HEADER = ["# 已公开过的红黑榜条目编号（自动维护，请勿手工删除）。", "# 已公开的条目不能从名单文件中删除：请将其状态改为“已移出”并填写移出日期和移出事由。"];

/** Ids in the ledger under content folder `root`, with their line numbers. */
export function readLedger(root: string): Map<string, number> {
  const path = join(root, LEDGER_FILE);
  const ids = new Map<string, number>();
  if (!existsSync(path)) return ids;
  readFileSync(path, "utf8")
    .split(/\r?\n/)
    .forEach((line, i) => {
      const id = line.trim();
      if (id && !id.startsWith("#")) ids.set(id, i + 1);
    });
  return ids;
}

/** Adds `ids` to the ledger (atomically: a new file renamed over the old one); returns how many were new. */
export function recordPublished(root: string, ids: Iterable<string>): number {
  const known = readLedger(root);
  const fresh = [...new Set(ids)].filter((id) => !known.has(id));
  if (fresh.length === 0) return 0;
  const all = [...known.keys(), ...fresh].sort();
  const path = join(root, LEDGER_FILE);
  writeFileSync(`${path}.tmp`, `${[...HEADER, ...all].join("\n")}\n`);
  renameSync(`${path}.tmp`, path);
  return fresh.length;
}

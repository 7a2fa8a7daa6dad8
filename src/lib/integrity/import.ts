/**
 * Planning an import of a department's list file into the content: the
 * rows get permanent ids (batch + sequence, continuing after the batch's
 * existing rows), are checked against themselves and against the lists
 * already in content (the same decision twice is refused, naming both
 * places), and the batch file's new text is prepared. Nothing is written
 * here: `lists:import` and the workbench both write the plan only when it
 * has no problems, so the two can never check differently.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { IntegrityEntry } from "../../schemas/integrity.ts";
import type { IsoDate } from "../../primitives/dates.ts";
import type { ListKind } from "../../primitives/integrity-terms.ts";
import { formatProblem } from "../content/problems.ts";
import { toContentCsv } from "./csv.ts";
import { entryKey } from "../../primitives/integrity-terms.ts";
import { loadLists } from "./lists.ts";
import { parseCsvText, type Table } from "./read-table.ts";
import { decisionKey, formatRowProblem, validateRows, type RowProblem } from "./validate.ts";

export interface ImportPlan {
  /** Relative to the content folder: integrity/<list>/<batch>.csv. */
  target: string;
  entries: IntegrityEntry[];
  /** Row of each entry in the department's file. */
  entryRows: number[];
  /** Problems of single rows (row, field, message). */
  rowProblems: RowProblem[];
  /** Problems of the file as a whole, and of the lists already in content. */
  fileProblems: string[];
  /** The batch file's text after the import (existing rows unchanged, new rows after them). */
  csv: string;
  /** Rows the batch file had before. */
  keptRows: number;
}

export function planProblems(plan: ImportPlan): string[] {
  return [...plan.fileProblems, ...plan.rowProblems.map(formatRowProblem)];
}

export async function planImport(content: string, table: Table, list: ListKind, batch: string, asOf: IsoDate): Promise<ImportPlan> {
  const existing = existsSync(join(content, "integrity")) ? await loadLists(content, asOf) : undefined;
  const target = join("integrity", list, `${batch}.csv`);
  const prefix = `${batch}-`;
  const used = (existing?.entries ?? []).filter((e) => e.list === list && e.id.startsWith(prefix)).map((e) => Number(e.id.slice(prefix.length)) || 0);
  let next = used.reduce((a, b) => Math.max(a, b), 0) + 1;
  // Rows from departments carry no ids yet: give each a permanent one, batch + sequence.
  const rows = table.rows.map((r) => ({ ...r, values: { ...r.values, id: r.values.id || `${prefix}${String(next++).padStart(3, "0")}` } }));
  const { entries, rows: entryRows, problems } = validateRows(rows, { list, batch, asOf, mode: "import", columns: new Set([...table.columns, "id"]) });
  const rowProblems = [...problems];
  const fileProblems = [...table.problems];
  if (existing) {
    const listed = new Map(existing.entries.filter((e) => e.list === list).map((e) => [decisionKey(e), e]));
    entries.forEach((e, i) => {
      const before = listed.get(decisionKey(e));
      const where = before && existing.sources.get(entryKey(before));
      if (before && where)
        rowProblems.push({ row: entryRows[i] ?? 0, field: "决定文书文号", message: `重复条目：同一主体和文号已在 ${where.file} 第 ${where.row} 行（编号 ${before.id}）列入，这份报送可能已经导入过` });
      if (existing.sources.has(entryKey(e))) rowProblems.push({ row: entryRows[i] ?? 0, field: "编号", message: `编号“${e.id}”已被使用` });
    });
    if (existing.problems.length > 0) fileProblems.push(...existing.problems.map((p) => `现有名单文件有问题，请先修正后再导入：${formatProblem(p)}`));
  }
  // The batch's existing rows stay exactly as they are; the new rows follow them.
  const path = join(content, target);
  const kept = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  const keptRows = kept === undefined ? 0 : parseCsvText(kept).rows.length;
  const csv = kept === undefined ? toContentCsv(entries) : `${kept.replace(/\n?$/, "\n")}${toContentCsv(entries).split("\n").slice(1).join("\n")}`;
  return { target, entries, entryRows, rowProblems, fileProblems, csv, keptRows };
}

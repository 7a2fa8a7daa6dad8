/**
 * Reads the integrity-list content files (`content/integrity/<list>/<YYYY-MM>.csv`)
 * and checks them together: every row against the rules (validate.ts), ids
 * unique within a list, one subject and decision document at most once in a
 * list across all batches, and no id that was ever published missing (the
 * ledger, ledger.ts). Used by the build and by lists:import, so an import is
 * checked against exactly what the build will accept.
 */
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { IsoDate } from "../../primitives/dates.ts";
import type { ContentProblem } from "../content/problems.ts";
import { readLedger, LEDGER_FILE } from "./ledger.ts";
import { readListBytes } from "./read-table.ts";
import { remember } from "../content/memo.ts";
import { decisionKey, formatRowProblem, validateRows } from "./validate.ts";
import type { IntegrityEntry } from "../../schemas/integrity.ts";
import { entryKey, LISTS, type ListKind } from "../../primitives/integrity-terms.ts";

/** Where an entry came from: the file as staff see it (content/…) and its row. */
export interface EntrySource {
  file: string;
  row: number;
}

export interface ListsContent {
  entries: IntegrityEntry[];
  /** Source of each entry, by `<list>/<id>`. */
  sources: Map<string, EntrySource>;
  problems: ContentProblem[];
}

export const BATCH_FILE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Loads every list file under content folder `root` as of `asOf` (validation only; publication is decided later). */
export async function loadLists(root: string, asOf: IsoDate, shownRoot = basename(root)): Promise<ListsContent> {
  const problems: ContentProblem[] = [];
  const entries: IntegrityEntry[] = [];
  const sources = new Map<string, EntrySource>();
  for (const list of LISTS) {
    const dir = join(root, "integrity", list);
    const names = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile() && !d.name.startsWith(".")) : [];
    const decisions = new Map<string, { source: EntrySource; id: string }>();
    for (const { name } of names.sort((a, b) => a.name.localeCompare(b.name))) {
      const shown = join(shownRoot, "integrity", list, name);
      const batch = basename(name, extname(name));
      if (extname(name).toLowerCase() !== ".csv") {
        problems.push({ file: shown, message: `不支持的文件类型 ${extname(name) || "（无扩展名）"}：名单文件应为 CSV（UTF-8），请用 npm run lists:import 导入 Excel 表格` });
        continue;
      }
      if (!BATCH_FILE.test(batch)) {
        problems.push({ file: shown, field: "文件名", message: `批次文件名应为 YYYY-MM.csv，如 2026-11.csv，收到 ${name}` });
        continue;
      }
      const bytes = await readFile(join(dir, name));
      // A batch file's own reading and checks, remembered by its bytes (memo.ts); duplicates across files are judged below.
      const { table, result } = await remember("list-batch", [shown, list, batch, asOf, bytes], async () => {
        const table = await readListBytes(bytes, extname(name));
        return { table: { problems: table.problems, notes: table.notes }, result: validateRows(table.rows, { list, batch, asOf, mode: "content", columns: table.columns }) };
      });
      for (const message of table.problems) problems.push({ file: shown, message });
      for (const message of table.notes) problems.push({ file: shown, message: `${message}；内容文件必须是 UTF-8 编码并使用标准列名，请用 npm run lists:import 导入` });
      for (const p of result.problems) problems.push({ file: shown, line: p.row, field: p.field, message: formatRowProblem(p).replace(/^第 \d+ 行 · [^·]+ · /, "") });
      result.entries.forEach((e, i) => {
        const source = { file: shown, row: result.rows[i] ?? 0 };
        const key = entryKey(e);
        const previous = sources.get(key);
        if (previous) {
          problems.push({ file: shown, line: source.row, field: "编号", message: `编号重复：“${e.id}”已在 ${previous.file} 第 ${previous.row} 行使用，每条应有唯一编号` });
          return;
        }
        const decision = decisions.get(decisionKey(e));
        if (decision) {
          problems.push({
            file: shown,
            line: source.row,
            field: "决定文书文号",
            message: `重复条目：同一主体“${e.subjectName}”和文号“${e.docNumber}”已在 ${decision.source.file} 第 ${decision.source.row} 行（编号 ${decision.id}）列入，同一决定只能公示一次`,
          });
          return;
        }
        decisions.set(decisionKey(e), { source, id: e.id });
        sources.set(key, source);
        entries.push(e);
      });
    }
  }
  // Ids ever published must stay: their URLs are permanent. Only judged when every file was read cleanly.
  if (problems.length === 0) {
    for (const [key, line] of readLedger(root)) {
      if (sources.has(key)) continue;
      const [list, id] = key.split("/") as [ListKind, string];
      problems.push({
        file: join(shownRoot, LEDGER_FILE),
        line,
        field: "编号",
        message: `已公开过的${list === "red" ? "红榜" : "黑榜"}条目“${id}”不在任何名单文件中：已公开的条目不能删除（其网址必须长期有效）。请恢复该行，将状态改为“已移出”，并填写移出日期和移出事由`,
      });
    }
  }
  return { entries, sources, problems };
}

/**
 * Reads a department's list file (CSV in UTF-8 or GBK, or XLSX) into rows of
 * strings keyed by field, each with the row number staff see in their editor.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { readSheet } from "read-excel-file/node";
import { mapHeaders, type FieldKey, type RawRow } from "./columns.ts";

export interface TableRow {
  /** Row number as shown by Excel or a text editor (header is row 1). */
  row: number;
  values: RawRow;
}

export interface Table {
  rows: TableRow[];
  /** Problems with the file as a whole (encoding, headers); empty when fine. */
  problems: string[];
  /** A note for staff, e.g. that the file was read as GBK. */
  notes: string[];
}

/** Decodes CSV bytes: UTF-8 (with or without BOM), otherwise GB18030/GBK. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: "UTF-8" | "GBK" } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ""), encoding: "UTF-8" };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), "gb18030"), encoding: "GBK" };
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

function toTable(grid: { row: number; cells: unknown[] }[]): Table {
  const [head, ...body] = grid;
  if (!head) return { rows: [], problems: ["文件为空：没有表头行"], notes: [] };
  const { keys, problems } = mapHeaders(head.cells.map(cellText));
  const rows: TableRow[] = [];
  for (const line of body) {
    const values: RawRow = {};
    let filled = false;
    line.cells.forEach((cell, i) => {
      const key: FieldKey | undefined = keys[i];
      const text = cellText(cell);
      if (text !== "") filled = true;
      if (key) values[key] = text;
      else if (text !== "" && i >= keys.length) problems.push(`第 ${line.row} 行 · 第 ${i + 1} 列 · 该列没有表头，内容“${text}”无法归入任何字段`);
    });
    if (filled) rows.push({ row: line.row, values });
  }
  return { rows, problems, notes: [] };
}

/** Parses CSV text; row numbers are physical line numbers. */
export function parseCsvText(text: string): Table {
  const records = parse(text, { relax_column_count: true, skip_empty_lines: false, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  return toTable(records.map((r) => ({ row: r.info.lines, cells: r.record })));
}

/** Reads a `.csv` or `.xlsx` file. Throws with a Chinese message for other types. */
export async function readListFile(path: string): Promise<Table> {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") {
    const { text, encoding } = decodeCsv(await readFile(path));
    const table = parseCsvText(text);
    if (encoding === "GBK") table.notes.push("文件不是 UTF-8 编码，已按 GBK（GB18030）读取；请核对中文是否显示正常");
    return table;
  }
  if (ext === ".xlsx") {
    const sheet = await readSheet(path);
    return toTable(sheet.map((cells, i) => ({ row: i + 1, cells })));
  }
  if (ext === ".xls" || ext === ".et" || ext === ".wps") {
    throw new Error(`不支持旧版表格格式 ${ext}：请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV（UTF-8）后再导入`);
  }
  throw new Error(`不支持的文件类型“${ext || "（无扩展名）"}”：请提供 .xlsx 或 .csv 文件`);
}

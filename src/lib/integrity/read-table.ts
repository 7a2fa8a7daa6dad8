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
  /** Fields whose cell was a number cell in the spreadsheet (long numbers there have lost digits). */
  numeric?: FieldKey[];
}

export interface Table {
  rows: TableRow[];
  /** Problems with the file as a whole (encoding, headers); empty when fine. */
  problems: string[];
  /** A note for staff, e.g. that the file was read as GBK. */
  notes: string[];
  /** Fields the file has columns for. */
  columns: Set<FieldKey>;
  /** Headers the checker does not know. */
  unknown?: string[];
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
  // Excel dates arrive as Date objects at midnight UTC.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "string") return value.trim();
  return typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
}

/** Grid rows from a file: cells as read, and whether the file format keeps cell types (XLSX) or not (CSV). */
interface Grid {
  rows: { row: number; cells: unknown[] }[];
  /** CSV: every row must have as many cells as the header. */
  strictWidth: boolean;
}

/** Headers a department uses that the checker does not know, mapped once by staff in the workbench (header → field). */
export type HeaderAliases = ReadonlyMap<string, FieldKey>;

function toTable({ rows: grid, strictWidth }: Grid, aliases?: HeaderAliases): Table {
  const [head, ...body] = grid;
  if (!head || head.cells.every((c) => cellText(c) === "")) return { rows: [], problems: ["文件为空：没有表头行"], notes: [], columns: new Set() };
  const { keys, columns, problems, notes, unknown } = mapHeaders(head.cells.map(cellText), aliases);
  const width = head.cells.length;
  const rows: TableRow[] = [];
  for (const line of body) {
    const values: RawRow = {};
    const numeric: FieldKey[] = [];
    let filled = false;
    line.cells.forEach((cell, i) => {
      const key: FieldKey | undefined = keys[i];
      const text = cellText(cell);
      if (text !== "") filled = true;
      if (key) {
        values[key] = text;
        if (typeof cell === "number") numeric.push(key);
      } else if (text !== "" && i >= keys.length) problems.push(`第 ${line.row} 行 · 第 ${i + 1} 列 · 该列没有表头，内容“${text.slice(0, 20)}”无法归入任何字段`);
    });
    if (!filled) continue;
    // A row with more or fewer cells than the header has shifted columns: its values would land in the wrong fields.
    if (strictWidth && line.cells.length !== width) {
      problems.push(`第 ${line.row} 行 · 该行有 ${line.cells.length} 个单元格，表头有 ${width} 列：可能多了或少了逗号，请核对后重新导出`);
      continue;
    }
    rows.push(numeric.length ? { row: line.row, values, numeric } : { row: line.row, values });
  }
  if (rows.length === 0 && problems.length === 0) problems.push("没有数据行：文件只有表头，请填写名单内容后再导入");
  return { rows, problems, notes, columns, unknown };
}

/** Parses CSV text; row numbers are physical line numbers. */
export function parseCsvText(text: string, aliases?: HeaderAliases): Table {
  const records = parse(text, { relax_column_count: true, skip_empty_lines: false, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  return toTable({ rows: records.map((r) => ({ row: r.info.lines, cells: r.record })), strictWidth: true }, aliases);
}

/** Reads a `.csv` or `.xlsx` file. Throws with a Chinese message for other types. */
export async function readListFile(path: string, aliases?: HeaderAliases): Promise<Table> {
  return readListBytes(await readFile(path), extname(path), aliases);
}

/** Reads the bytes of a `.csv` or `.xlsx` file, `ext` being its extension (e.g. from an upload's name). */
export async function readListBytes(bytes: Buffer, ext: string, aliases?: HeaderAliases): Promise<Table> {
  ext = ext.toLowerCase();
  if (ext === ".csv") {
    const { text, encoding } = decodeCsv(bytes);
    const table = parseCsvText(text, aliases);
    if (encoding === "GBK") table.notes.push("文件不是 UTF-8 编码，已按 GBK（GB18030）读取；请核对中文是否显示正常");
    return table;
  }
  if (ext === ".xlsx") {
    // An .xlsx file is a ZIP archive: anything else named .xlsx is refused by its content, not its name.
    if (bytes.subarray(0, 4).toString("latin1") !== "PK\u0003\u0004") throw new Error("文件内容不是 Excel 表格（.xlsx）：请在 Excel 或 WPS 中另存为 .xlsx 后再上传");
    let sheet;
    try {
      sheet = await readSheet(bytes);
    } catch {
      throw new Error("无法读取这个 .xlsx 文件：文件可能已损坏或不是 Excel 表格，请在 Excel 或 WPS 中重新另存为 .xlsx");
    }
    return toTable({ rows: sheet.map((cells, i) => ({ row: i + 1, cells })), strictWidth: false }, aliases);
  }
  if (ext === ".xls" || ext === ".et" || ext === ".wps") {
    throw new Error(`不支持旧版表格格式 ${ext}：请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV（UTF-8）后再导入`);
  }
  throw new Error(`不支持的文件类型“${ext || "（无扩展名）"}”：请提供 .xlsx 或 .csv 文件`);
}

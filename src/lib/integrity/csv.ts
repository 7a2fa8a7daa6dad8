/**
 * Writing CSV: the one writer for content files (lists:import, the
 * workbench) and open data. Content keeps text exactly as received; only
 * files meant for spreadsheet programs (open data) guard cells that a
 * spreadsheet would run as a formula (= + - @ at the start) with a `'`.
 */
import { FIELDS, type FieldKey } from "./columns.ts";
import type { IntegrityEntry } from "../../schemas/integrity.ts";

export interface CsvOptions {
  guardFormulas: boolean;
  newline?: "\n" | "\r\n";
}

/** One CSV field, quoted when needed. */
export function csvField(value: string, { guardFormulas }: Pick<CsvOptions, "guardFormulas">): string {
  const safe = guardFormulas && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of fields as CSV text, ending with a newline. */
export function csvText(rows: readonly (readonly string[])[], options: CsvOptions): string {
  const nl = options.newline ?? "\n";
  return rows.map((r) => r.map((v) => csvField(v, options)).join(",")).join(nl) + nl;
}

/** The stored value of a field: the masked ID in the 身份证号 column, text otherwise. */
function storedValue(e: IntegrityEntry, key: FieldKey): string {
  return key === "idNumber" ? (e.idNumberMasked ?? "") : String(e[key] ?? "");
}

/** A content file (`content/integrity/<list>/<batch>.csv`) with canonical headers, as the build reads it. */
export function toContentCsv(entries: readonly IntegrityEntry[]): string {
  return csvText([FIELDS.map((f) => f.header), ...entries.map((e) => FIELDS.map((f) => storedValue(e, f.key)))], { guardFormulas: false });
}

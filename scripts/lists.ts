/**
 * Staff CLI for integrity-list files from departments.
 *   npm run lists:check -- <file.xlsx|file.csv> [--list black|red]
 *   npm run lists:import -- <file> --list black --batch 2026-11
 * Prints one Chinese line per problem (第 12 行 · 字段 · 说明) and exits 1 on
 * any; import writes content/integrity/<list>/<batch>.csv only when every row
 * passes, and never changes an existing file.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { resolveAsOf } from "../src/lib/dates.ts";
import { FIELDS, type FieldKey } from "../src/lib/integrity/columns.ts";
import { csvCell } from "../src/lib/integrity/listing.ts";
import { readListFile } from "../src/lib/integrity/read-table.ts";
import { formatRowProblem, LISTS, validateRows, type IntegrityEntry, type ListKind } from "../src/lib/integrity/validate.ts";

const [command, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: { list: { type: "string" }, batch: { type: "string" }, content: { type: "string", default: process.env["WENMING_CONTENT"] ?? "content" } },
});

function fail(message: string): never {
  console.error(`错误：${message}`);
  process.exit(2);
}

const file = positionals[0];
if (!file || (command !== "check" && command !== "import")) fail("用法：npm run lists:check -- <文件>  或  npm run lists:import -- <文件> --list black --batch 2026-11");
if (!existsSync(file)) fail(`找不到文件 ${file}`);
const list = (values.list ?? "black") as ListKind;
if (!LISTS.includes(list)) fail(`--list 应为 red（红榜）或 black（黑榜），收到 ${values.list}`);
const batch = values.batch ?? resolveAsOf().slice(0, 7);
if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(batch)) fail(`--batch 应为 YYYY-MM，如 2026-11，收到 ${batch}`);

let table;
try {
  table = await readListFile(file);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
for (const note of table.notes) console.log(`提示：${note}`);
// Rows from departments carry no ids yet: give each a permanent one, batch + sequence.
const rows = table.rows.map((r, i) => ({ row: r.row, values: { ...r.values, id: r.values.id || `${batch}-${String(i + 1).padStart(3, "0")}` } }));
const { entries, problems } = validateRows(rows, { list, batch, asOf: resolveAsOf(), mode: "import" });
const all = [...table.problems, ...problems.map(formatRowProblem)];
for (const line of all) console.log(line);
if (all.length > 0) {
  console.log(`\n共发现 ${all.length} 个问题，${command === "import" ? "未写入任何文件" : "请修改后重新检查"}。`);
  process.exit(1);
}
if (command === "check") {
  console.log(`检查通过：共 ${entries.length} 条，可以导入。`);
  process.exit(0);
}

const target = join(values.content, "integrity", list, `${batch}.csv`);
if (existsSync(target)) fail(`${target} 已存在：同一期名单不能重复导入，如需更正请直接编辑该文件`);
const value = (e: IntegrityEntry, key: FieldKey) => (key === "idNumber" ? (e.idNumberMasked ?? "") : String(e[key] ?? ""));
const csv = [FIELDS.map((f) => f.header).join(","), ...entries.map((e) => FIELDS.map((f) => csvCell(value(e, f.key))).join(","))].join("\n");
await mkdir(dirname(target), { recursive: true });
await writeFile(target, `${csv}\n`);
console.log(`已导入 ${entries.length} 条到 ${target}（身份证号已脱敏）。运行 npm run build 生成网站。`);

/**
 * Staff CLI for integrity-list files from departments.
 *   npm run lists:check -- <file.xlsx|file.csv> [--list black|red]
 *   npm run lists:import -- <file> --list black --batch 2026-11
 * Prints one Chinese line per problem (第 12 行 · 字段 · 说明) and exits 1 on
 * any. Import checks the rows against themselves and against the lists
 * already in content (the same decision twice is refused, naming both
 * places), then writes content/integrity/<list>/<batch>.csv: a new file, or
 * the batch's file with the new rows added after its existing ones (several
 * reports a month). Nothing is written when any row has a problem.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { resolveAsOf } from "../src/primitives/dates.ts";
import { toContentCsv } from "../src/lib/integrity/csv.ts";
import { recordPublished } from "../src/lib/integrity/ledger.ts";
import { BATCH_FILE, entryKey, loadLists } from "../src/lib/integrity/lists.ts";
import { readListFile } from "../src/lib/integrity/read-table.ts";
import { decisionKey, formatRowProblem, validateRows } from "../src/lib/integrity/validate.ts";
import { LISTS, type ListKind } from "../src/primitives/integrity-terms.ts";
import { formatProblem } from "../src/lib/content/problems.ts";
import { parseCsvText } from "../src/lib/integrity/read-table.ts";

const [command, ...rest] = process.argv.slice(2);

function fail(message: string): never {
  console.error(`错误：${message}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { list: { type: "string" }, batch: { type: "string" }, content: { type: "string", default: process.env["WENMING_CONTENT"] ?? "content" } },
  });
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n用法：npm run lists:check -- <文件>  或  npm run lists:import -- <文件> --list black --batch 2026-11`);
}
const { values, positionals } = parsed;
const file = positionals[0];
if (!file || (command !== "check" && command !== "import")) fail("用法：npm run lists:check -- <文件>  或  npm run lists:import -- <文件> --list black --batch 2026-11");
if (!existsSync(file)) fail(`找不到文件 ${file}`);
const list = (values.list ?? "black") as ListKind;
if (!LISTS.includes(list)) fail(`--list 应为 red（红榜）或 black（黑榜），收到 ${values.list}`);
const batch = values.batch ?? resolveAsOf().slice(0, 7);
if (!BATCH_FILE.test(batch)) fail(`--batch 应为 YYYY-MM，如 2026-11，收到 ${batch}`);
const asOf = resolveAsOf();

let table;
try {
  table = await readListFile(file);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
for (const note of table.notes) console.log(`提示：${note}`);

// What is already in content: ids continue after the batch's last one, and a decision already listed is refused.
const existing = command === "import" || existsSync(join(values.content, "integrity")) ? await loadLists(values.content, asOf) : undefined;
const target = join(values.content, "integrity", list, `${batch}.csv`);
const prefix = `${batch}-`;
const used = (existing?.entries ?? []).filter((e) => e.list === list && e.id.startsWith(prefix)).map((e) => Number(e.id.slice(prefix.length)) || 0);
let next = Math.max(0, ...used) + 1;
// Rows from departments carry no ids yet: give each a permanent one, batch + sequence.
const rows = table.rows.map((r) => ({ ...r, values: { ...r.values, id: r.values.id || `${prefix}${String(next++).padStart(3, "0")}` } }));
const { entries, rows: entryRows, problems } = validateRows(rows, { list, batch, asOf, mode: "import", columns: new Set([...table.columns, "id"]) });
const all = [...table.problems, ...problems.map(formatRowProblem)];
if (existing) {
  const listed = new Map(existing.entries.filter((e) => e.list === list).map((e) => [decisionKey(e), e]));
  entries.forEach((e, i) => {
    const before = listed.get(decisionKey(e));
    const where = before && existing.sources.get(entryKey(before));
    if (before && where)
      all.push(
        formatRowProblem({ row: entryRows[i] ?? 0, field: "决定文书文号", message: `重复条目：同一主体和文号已在 ${where.file} 第 ${where.row} 行（编号 ${before.id}）列入，这份报送可能已经导入过` }),
      );
    if (existing.sources.has(entryKey(e))) all.push(formatRowProblem({ row: entryRows[i] ?? 0, field: "编号", message: `编号“${e.id}”已被使用` }));
  });
}
for (const line of all) console.log(line);
if (all.length > 0) {
  console.log(`\n共发现 ${all.length} 个问题，${command === "import" ? "未写入任何文件" : "请修改后重新检查"}。`);
  process.exit(1);
}
if (command === "check") {
  console.log(`检查通过：共 ${entries.length} 条，可以导入。`);
  process.exit(0);
}
if (existing && existing.problems.length > 0) {
  console.log(existing.problems.map((p) => formatProblem(p)).join("\n"));
  console.log("\n现有名单文件有问题，请先修正后再导入；未写入任何文件。");
  process.exit(1);
}

// The batch's existing rows stay exactly as they are; the new rows follow them.
const kept = existsSync(target) ? readFileSync(target, "utf8") : undefined;
const keptRows = kept === undefined ? 0 : parseCsvText(kept).rows.length;
const csv = kept === undefined ? toContentCsv(entries) : `${kept.replace(/\n?$/, "\n")}${toContentCsv(entries).split("\n").slice(1).join("\n")}`;
await mkdir(dirname(target), { recursive: true });
writeFileSync(`${target}.tmp`, csv);
renameSync(`${target}.tmp`, target);
recordPublished(
  values.content,
  entries.map((e) => entryKey(e)),
);
console.log(
  `已导入 ${entries.length} 条到 ${target}${keptRows ? `（该批次原有 ${keptRows} 条保持不变）` : ""}，编号 ${entries[0]?.id} 至 ${entries.at(-1)?.id}（身份证号已脱敏）。运行 npm run build 生成网站。`,
);

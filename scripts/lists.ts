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
import { existsSync, renameSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { resolveAsOf } from "../src/primitives/dates.ts";
import { recordPublished } from "../src/lib/integrity/ledger.ts";
import { planImport, planProblems } from "../src/lib/integrity/import.ts";
import { BATCH_FILE } from "../src/lib/integrity/lists.ts";
import { readListFile } from "../src/lib/integrity/read-table.ts";
import { entryKey, LISTS, type ListKind } from "../src/primitives/integrity-terms.ts";

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

const plan = await planImport(values.content, table, list, batch, asOf);
const all = planProblems(plan);
for (const line of all) console.log(line);
if (all.length > 0) {
  console.log(`\n共发现 ${all.length} 个问题，${command === "import" ? "未写入任何文件" : "请修改后重新检查"}。`);
  process.exit(1);
}
if (command === "check") {
  console.log(`检查通过：共 ${plan.entries.length} 条，可以导入。`);
  process.exit(0);
}
const { entries, keptRows } = plan;
const target = join(values.content, plan.target);
await mkdir(dirname(target), { recursive: true });
writeFileSync(`${target}.tmp`, plan.csv);
renameSync(`${target}.tmp`, target);
recordPublished(
  values.content,
  entries.map((e) => entryKey(e)),
);
console.log(
  `已导入 ${entries.length} 条到 ${target}${keptRows ? `（该批次原有 ${keptRows} 条保持不变）` : ""}，编号 ${entries[0]?.id} 至 ${entries.at(-1)?.id}（身份证号已脱敏）。运行 npm run build 生成网站。`,
);

/**
 * npm run build: builds the site for the as-of date (AS_OF or today in
 * Asia/Shanghai) into a temporary folder and replaces dist/ only when the
 * build and every check on its output passed, so a failed build leaves the
 * last good site in place.
 */
import { build } from "astro";
import { existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { resolveAsOf } from "../src/lib/dates.ts";

// No network at build time: Astro would otherwise send anonymous usage data.
process.env["ASTRO_TELEMETRY_DISABLED"] = "1";

const asOf = resolveAsOf();
process.env["AS_OF"] = asOf;
const outDir = resolve(process.env["WENMING_OUT"] ?? "dist");
const tmp = `${outDir}.tmp-${process.pid}`;
const old = `${outDir}.old-${process.pid}`;

console.log(`wenming: 构建站点，数据截至 ${asOf}`);
try {
  await build({ outDir: tmp, logLevel: process.env["WENMING_LOG"] === "debug" ? "debug" : "info" });
} catch (error) {
  await rm(tmp, { recursive: true, force: true });
  console.error(`\n构建失败，已保留上一次成功构建的 ${outDir}（如有）。\n`);
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
if (existsSync(outDir)) await rename(outDir, old);
await rename(tmp, outDir);
await rm(old, { recursive: true, force: true });
console.log(`wenming: 已输出到 ${outDir}`);

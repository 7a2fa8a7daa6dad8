/**
 * npm run build: builds the site for the as-of date (AS_OF or today in
 * Asia/Shanghai) into a temporary folder and replaces dist/ only when the
 * build and every check on its output passed, so a failed build leaves the
 * last good site in place.
 */
import { build } from "astro";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { resolveAsOf } from "../src/lib/dates.ts";

// No network at build time: Astro would otherwise send anonymous usage data.
process.env["ASTRO_TELEMETRY_DISABLED"] = "1";

const asOf = resolveAsOf();
process.env["AS_OF"] = asOf;
const outDir = resolve(process.env["WENMING_OUT"] ?? "dist");
// A fixed temporary name: Astro's incremental build cache is keyed by the config, outDir included.
const tmp = `${outDir}.tmp`;
const old = `${outDir}.old`;
await rm(tmp, { recursive: true, force: true });
await rm(old, { recursive: true, force: true });

// Astro keeps a content cache in .astro/; when the content folder changes (tests, the
// benchmark), entries of the previous folder must not leak into this build.
const contentRoot = resolve(process.env["WENMING_CONTENT"] ?? "content");
const marker = resolve("node_modules/.cache/wenming/content-root");
const force = !existsSync(marker) || readFileSync(marker, "utf8") !== contentRoot;

console.log(`wenming: 构建站点，数据截至 ${asOf}`);
try {
  await build({ outDir: tmp, force, logLevel: process.env["WENMING_LOG"] === "debug" ? "debug" : "info" });
  await mkdir(dirname(marker), { recursive: true });
  await writeFile(marker, contentRoot);
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

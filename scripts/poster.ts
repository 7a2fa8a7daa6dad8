/**
 * Staff CLI for posters.
 *   npm run poster -- --slogan "文明交通 从我做起" --sub "…" --template slogan --size all --out posters/
 *   npm run poster -- content/ads/<file>.yaml [--size led,phone] [--out posters/]
 * Chinese messages, a progress bar, a summary of files written; exit code 1
 * on a render error (text that cannot fit, missing glyph), 2 on bad usage.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { getContent } from "../src/lib/content/cached.ts";
import { formatProblem, ContentError } from "../src/lib/content/problems.ts";
import { parseYaml } from "../src/lib/content/yaml.ts";
import { adInput, identityOf } from "../src/lib/poster/jobs.ts";
import { renderPoster } from "../src/lib/poster/render.ts";
import { POSTER_SIZES, type PosterFormat, type PosterSize } from "../src/lib/poster/sizes.ts";
import { PosterError, type PosterInput } from "../src/lib/poster/templates.ts";
import { adSchema, TEMPLATES } from "../src/schemas/ad.ts";

const USAGE = `用法：
  npm run poster -- --slogan "文明交通 从我做起" --sub "礼让斑马线" --template slogan --size all --out posters/
  npm run poster -- content/ads/wenming-jiaotong.yaml --size led,phone
选项：--template ${TEMPLATES.join("|")}（命令行只支持 slogan）  --size all 或 ${POSTER_SIZES.map((s) => s.id).join(",")}
      --format png,webp,jpg,pdf,cmyk.jpg（默认：屏幕尺寸 PNG，街头海报和灯箱 PDF，A3 为 300 dpi JPG；
               另可指定：屏幕尺寸 webp，A3 的 pdf 和印刷厂用 cmyk.jpg）  --qr 二维码网址  --out 输出目录`;

function usage(message: string): never {
  console.error(`错误：${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      slogan: { type: "string" },
      sub: { type: "string" },
      template: { type: "string", default: "slogan" },
      size: { type: "string", default: "all" },
      format: { type: "string" },
      out: { type: "string", default: "posters" },
      qr: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** Node's messages for a bad command line, in staff language. */
function badArguments(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const option = /'([^']+)'/.exec(e.message ?? "")?.[1] ?? "";
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `未知选项 ${option}`;
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `选项 ${option.split(" ")[0] ?? option} 需要一个值`;
  if (e.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `多余的参数 ${option}`;
  return e.message ?? String(error);
}

let parsed;
try {
  parsed = parseOptions();
} catch (error) {
  usage(badArguments(error));
}
const { values, positionals } = parsed;

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function pickSizes(spec: string): PosterSize[] {
  if (spec === "all") return [...POSTER_SIZES];
  const ids = spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !POSTER_SIZES.some((s) => s.id === id));
  if (unknown.length) usage(`未知尺寸 ${unknown.join("、")}；可用尺寸：${POSTER_SIZES.map((s) => `${s.id}（${s.label}）`).join("、")}`);
  return POSTER_SIZES.filter((s) => ids.includes(s.id));
}

let input: PosterInput;
let name: string;
const file = positionals[0];
if (file) {
  const content = await getContent().catch((error: unknown) => {
    if (error instanceof ContentError) usage(`内容检查未通过：\n${error.problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
    throw error;
  });
  const id = basename(file, extname(file));
  if (!content.ads.some((a) => a.id === id)) {
    // A file outside content/ads: validate it on its own (slogan template only).
    const parsed = parseYaml(await readFile(file, "utf8").catch(() => usage(`找不到文件 ${file}`)), adSchema, file);
    if (!parsed.data) usage(parsed.problems.map(formatProblem).join("\n"));
    input = { name: id, template: parsed.data.template, slogan: parsed.data.slogan, sub: parsed.data.sub, identity: identityOf(content) };
  } else input = adInput(content, id);
  name = id;
} else {
  if (!values.slogan) usage("请用 --slogan 提供标语，或给出 content/ads/ 下的广告文件");
  if (values.template !== "slogan") usage(`命令行直接出图只支持 slogan 模板，收到 ${values.template}；etiquette 和 honour 模板请写成 content/ads/ 下的广告文件`);
  const content = await getContent().catch(() => undefined);
  const identity = content ? identityOf(content) : { city: "示例市", signature: "示例市文明办 宣", emblem: "文明", primary: "#A8201A", accent: "#8A5A00" };
  input = { name: "命令行", template: values.template, slogan: values.slogan, sub: values.sub, qrUrl: values.qr, identity };
  name =
    values.slogan
      .replace(/\s+/g, "-")
      .replace(/[^\p{L}\p{N}-]/gu, "")
      .slice(0, 20) || "poster";
}

const sizes = pickSizes(values.size);
const formats = values.format?.split(",").map((f) => f.trim());
// The size's default formats, or exactly the requested ones among those it has (default and on request).
const possible = (size: PosterSize): PosterFormat[] => [...size.formats, ...size.onRequest];
const jobs = sizes.flatMap((size) => (formats ? possible(size).filter((f) => formats.includes(f)) : [...size.formats]).map((format) => ({ size, format })));
if (jobs.length === 0) usage(`所选尺寸没有格式 ${values.format}`);
const outDir = resolve(values.out);
const written: { path: string; bytes: number }[] = [];
const bar = (done: number) => {
  const width = 24;
  const filled = Math.round((done / jobs.length) * width);
  process.stdout.write(`\r生成中 [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${jobs.length}`);
};
bar(0);
for (const [i, { size, format }] of jobs.entries()) {
  try {
    const data = await renderPoster(input, size, format);
    const path = join(outDir, `${name}-${size.id}.${format}`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
    written.push({ path, bytes: data.length });
  } catch (error) {
    process.stdout.write("\n");
    console.error(error instanceof PosterError ? `错误：${error.message}` : `错误：生成 ${size.id} ${format} 失败：${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  bar(i + 1);
}
process.stdout.write("\n");
console.log(`完成：共写入 ${written.length} 个文件到 ${outDir}`);
for (const w of written) console.log(`  ${basename(w.path)}  ${(w.bytes / 1024).toFixed(0)} KB`);

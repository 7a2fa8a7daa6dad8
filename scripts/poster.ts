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
import { ContentError, describeIssue, formatProblem } from "../src/lib/content/problems.ts";
import { parseYaml } from "../src/lib/content/yaml.ts";
import { checkImageFile, imageRefOf, logoOf } from "../src/lib/content/images.ts";
import type { SiteContent } from "../src/lib/content/load.ts";
import { enlargements, MAX_ENLARGEMENT, WARN_ENLARGEMENT } from "../src/lib/poster/images.ts";
import { adInput, adIdentity } from "../src/lib/poster/jobs.ts";
import { layoutPoster } from "../src/lib/poster/layout.ts";
import { renderPoster } from "../src/lib/poster/render.ts";
import { POSTER_SIZES, type PosterFormat, type PosterSize } from "../src/lib/poster/sizes.ts";
import { PosterError, type PosterInput } from "../src/lib/poster/templates.ts";
import { adSchema, TEMPLATE_NAMES, TEMPLATES } from "../src/schemas/ad.ts";
import { siteSchema } from "../src/schemas/site.ts";

const USAGE = `用法：
  npm run poster -- --slogan "文明交通 从我做起" --sub "礼让斑马线" --template slogan --size all --out posters/
  npm run poster -- --slogan "文明祭扫 绿色清明" --template photo --image 照片.jpg --focus 60,40 --palette 清明绿
  npm run poster -- content/ads/wenming-jiaotong.yaml --size led,phone
选项：
  --template   版式：${TEMPLATES.map((t) => `${t}（${TEMPLATE_NAMES[t]}）`).join("、")}
  --image      主图文件（JPG、PNG、WebP 或 SVG），photo 版式必填    --focus 横向%,纵向%  主图裁切焦点，如 60,40
  --credit     图片署名，如 "摄影：张三"                          --logo 标识图片（代替网站设置中的标识）
  --partner-logo 合作单位标识                                    --palette 配色名称（网站设置中的，如 清明绿）
  --colour     自定颜色 #主色[,#强调色]，如 "#1E5B3A,#3D6B1F"（与白字对比度至少 4.5:1）
  --dos / --donts  规范版式的条目，用“；”分隔      --guide 礼仪指南编号（etiquette、rules）   --batch 好人榜批次编号（honour）
  --size all 或 ${POSTER_SIZES.map((s) => s.id).join(",")}
  --format png,webp,jpg,pdf,cmyk.jpg,cmyk.pdf（默认：屏幕尺寸 PNG，街头海报和灯箱 PDF，A3 为 300 dpi JPG；
           另可指定：屏幕尺寸 webp，印刷尺寸的 cmyk.pdf，A3 的 pdf 和 cmyk.jpg）  --qr 二维码网址  --out 输出目录
  给出广告文件时，版式、图片和颜色取自文件，只用 --size、--format、--out。`;

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
      image: { type: "string" },
      focus: { type: "string" },
      credit: { type: "string" },
      logo: { type: "string" },
      "partner-logo": { type: "string" },
      palette: { type: "string" },
      colour: { type: "string" },
      dos: { type: "string" },
      donts: { type: "string" },
      guide: { type: "string" },
      batch: { type: "string" },
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
    input = { name: id, template: parsed.data.template, slogan: parsed.data.slogan, sub: parsed.data.sub, dos: parsed.data.dos, donts: parsed.data.donts, identity: adIdentity(content, parsed.data) };
  } else input = adInput(content, id);
  name = id;
} else {
  if (!values.slogan) usage("请用 --slogan 提供标语，或给出 content/ads/ 下的广告文件");
  const content = await getContent().catch(() => undefined);
  input = await commandLineInput(values, content);
  name =
    values.slogan
      .replace(/\s+/g, "-")
      .replace(/[^\p{L}\p{N}-]/gu, "")
      .slice(0, 20) || "poster";
}

/** A picture file named on the command line, checked like content images (exists, size, no script in an SVG, pixel limit). */
async function pictureFile(option: string, path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  const full = resolve(path);
  const problem = await checkImageFile(dirname(full), basename(full));
  if (problem) usage(`${option}：${problem}`);
  return full;
}

/** The poster input the options describe, checked by the ad schema (the same Chinese messages as content files). */
async function commandLineInput(v: typeof values, content: SiteContent | undefined): Promise<PosterInput> {
  if (!(TEMPLATES as readonly string[]).includes(v.template)) usage(`未知版式 ${v.template}；可用：${TEMPLATES.join("、")}`);
  const image = await pictureFile("--image", v.image);
  const logo = await pictureFile("--logo", v.logo);
  const partner = await pictureFile("--partner-logo", v["partner-logo"]);
  let focus = { x: 50, y: 50 };
  if (v.focus !== undefined) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*[,，]\s*(\d+(?:\.\d+)?)\s*$/.exec(v.focus);
    if (!m || Number(m[1]) > 100 || Number(m[2]) > 100) usage(`--focus 应为“横向%,纵向%”两个 0 到 100 之间的数，如 60,40，收到“${v.focus}”`);
    focus = { x: Number(m[1]), y: Number(m[2]) };
  }
  const items = (list: string | undefined) =>
    list
      ?.split(/[；;]/)
      .map((t) => t.trim())
      .filter(Boolean);
  let colours: { primary: string; accent: string } | undefined;
  if (v.colour !== undefined) {
    const [primary, accent] = v.colour.split(/[,，]/).map((c) => c.trim());
    colours = { primary: primary ?? "", accent: accent ?? primary ?? "" };
  }
  // The schema wants content paths for pictures: a stand-in name says "there is one"; the file itself is the checked path above.
  const raw = {
    slogan: v.slogan,
    sub: v.sub,
    theme: "命令行",
    template: v.template,
    image: image ? "images/命令行.jpg" : undefined,
    focus,
    credit: v.credit,
    palette: v.palette,
    colours,
    dos: items(v.dos),
    donts: items(v.donts),
    guide: v.guide,
    batch: v.batch,
  };
  const parsed = adSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, x]) => x !== undefined)));
  if (!parsed.success) usage(parsed.error.issues.map((i) => `${optionOf(i.path)}：${describeIssue(i, raw)}`).join("\n"));
  const site = content ?? fallbackContent();
  if (v.palette && !site.site.palettes.some((p) => p.name === v.palette)) usage(`未知配色“${v.palette}”；可用：${site.site.palettes.map((p) => p.name).join("、")}`);
  if (v.guide && !site.guides.some((g) => g.id === v.guide)) usage(`找不到礼仪指南“${v.guide}”；可用：${site.guides.map((g) => g.id).join("、") || "（无）"}`);
  if (v.batch && !site.batches.some((b) => b.id === v.batch)) usage(`找不到好人榜批次“${v.batch}”；可用：${site.batches.map((b) => b.id).join("、") || "（无）"}`);
  const ad: SiteContent["ads"][number] = { id: "命令行", file: "", data: parsed.data };
  if (image) ad.image = await imageRefOf(image, focus);
  if (partner) ad.partnerLogo = await logoOf(partner);
  const withLogo = logo ? { ...site, logo: await logoOf(logo) } : site;
  const made = adInput({ ...withLogo, ads: [ad] }, "命令行");
  return { ...made, name: "命令行", qrUrl: v.qr };
}

/** Which option a schema problem is about. */
function optionOf(path: readonly PropertyKey[]): string {
  const key = String(path[0] ?? "");
  return key === "colours" ? "--colour" : key === "image" ? "--image" : key ? `--${key}` : "选项";
}

/** Outside a project folder with content: the sample city's identity and default palettes. */
function fallbackContent(): SiteContent {
  const site = siteSchema.parse({
    city: "示例市",
    title: "示例市文明网",
    issuer: "示例市文明办",
    signature: "示例市文明办 宣",
    siteUrl: "https://wenming.example.gov.cn",
    description: "示例市创建全国文明城市",
    contact: { phone: "0000-0000000", email: "wenming@example.gov.cn", address: "示例市" },
    objection: { phone: "0000-0000000", email: "wenming@example.gov.cn", address: "示例市", hours: "工作日" },
    icp: "示ICP备00000000号",
    psb: "示公网安备00000000000000号",
    siteCode: "0000000000",
    colours: { primary: "#A8201A", accent: "#8A5A00" },
    emblem: "文明",
  });
  return { site, guides: [], batches: [], people: [], ads: [] } as unknown as SiteContent;
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
for (const size of sizes) {
  try {
    for (const e of enlargements(layoutPoster({ ...input, qr: input.qrUrl ? "qr" : undefined }, size).slots, size)) {
      const detail = `图片为 ${e.image.width}×${e.image.height} 像素，尺寸 ${size.id} 需要约 ${e.needed.width}×${e.needed.height} 像素（${e.label}），需放大 ${e.factor.toFixed(1)} 倍`;
      if (e.factor > MAX_ENLARGEMENT) {
        console.error(`错误：${detail}，印出来会明显模糊：请换用更大的原图，或用 --size 去掉该尺寸`);
        process.exit(1);
      }
      if (e.factor > WARN_ENLARGEMENT) console.warn(`警告：${detail}，印刷时可能发虚`);
    }
  } catch (error) {
    if (!(error instanceof PosterError)) throw error;
    console.error(`错误：${error.message}`);
    process.exit(1);
  }
}
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

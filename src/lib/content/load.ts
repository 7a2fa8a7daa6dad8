/**
 * Reads and checks all content under one folder. This is the single source
 * of content for the Astro collections, the build integrations, the CLIs and
 * the tests: every file is parsed, validated against its schema, linted, and
 * cross-checked (references between kinds, duplicate ids). Problems from all
 * files are collected and thrown together as one ContentError.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join, relative } from "node:path";
import { adSchema, type AdData } from "../../schemas/ad.ts";
import { conventionSchema, type Convention } from "../../schemas/convention.ts";
import { etiquetteSchema, type EtiquetteData } from "../../schemas/etiquette.ts";
import { batchesSchema, goodPersonSchema, type Batch, type GoodPersonData } from "../../schemas/good-people.ts";
import { siteSchema, type Site } from "../../schemas/site.ts";
import type { IsoDate } from "../dates.ts";
import { findPersonalData } from "../integrity/personal-data.ts";
import { readListFile } from "../integrity/read-table.ts";
import { formatRowProblem, LISTS, validateRows, type IntegrityEntry } from "../integrity/validate.ts";
import { POSTER_SIZES } from "../poster/sizes.ts";
import { digestOf, sourceKey } from "./digest.ts";
import { checkImageFile } from "./images.ts";
import { lintMarkup } from "./markup-lint.ts";
import { ContentError, type ContentProblem } from "./problems.ts";
import { parseYaml, splitFrontMatter } from "./yaml.ts";

export interface Guide {
  id: string;
  file: string;
  data: EtiquetteData;
  body: string;
}

export interface GoodPerson {
  id: string;
  file: string;
  data: GoodPersonData;
  story: string;
}

export interface Ad {
  id: string;
  file: string;
  data: AdData;
}

export interface SiteContent {
  root: string;
  site: Site;
  conventions: Convention[];
  guides: Guide[];
  batches: Batch[];
  people: GoodPerson[];
  ads: Ad[];
  integrity: IntegrityEntry[];
  /**
   * Digest of each item's sources, keyed by sourceKey(collection, id): file
   * bytes, referenced images and derived data (see digest.ts). Pages build
   * their cache keys from these and nothing else.
   */
  digests: Map<string, string>;
}

interface SourceFile {
  id: string;
  path: string;
  /** Path relative to the content root's parent, as staff see it (content/…). */
  shown: string;
  text: string;
}

/** Lists files of a kind; a file with another extension, or two files with the same id, is a problem. */
async function readKind(root: string, folder: string, exts: readonly string[], problems: ContentProblem[]): Promise<SourceFile[]> {
  const dir = join(root, folder);
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile() && !d.name.startsWith(".")).map((d) => d.name);
  } catch {
    return [];
  }
  const files: SourceFile[] = [];
  const seen = new Map<string, string>();
  for (const name of names.sort()) {
    const ext = extname(name).toLowerCase();
    const shown = join(basename(root), folder, name);
    if (!exts.includes(ext)) {
      problems.push({ file: shown, message: `不支持的文件类型 ${ext || "（无扩展名）"}：此目录只接受 ${exts.join("、")}` });
      continue;
    }
    const id = basename(name, extname(name));
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) {
      problems.push({ file: shown, field: "文件名", message: `文件名“${id}”不能用作网址：应为小写字母、数字和连字符，如 wenming-jiaotong${ext}` });
      continue;
    }
    const previous = seen.get(id);
    if (previous) {
      problems.push({ file: shown, field: "文件名", message: `编号重复：“${id}”已由 ${previous} 使用，每个条目需要唯一的文件名` });
      continue;
    }
    seen.set(id, shown);
    const path = join(dir, name);
    files.push({ id, path, shown, text: await readFile(path, "utf8") });
  }
  return files;
}

/** Full ID numbers and mobile numbers are refused in every content file. */
function scanPersonalData(file: SourceFile, problems: ContentProblem[]): void {
  for (const hit of findPersonalData(file.text)) {
    const line = file.text.slice(0, hit.index).split("\n").length;
    problems.push({ file: file.shown, line, message: hit.kind === "id" ? "含完整身份证号，不得公开：请删除" : "含手机号码，不得公开：请删除或改用单位座机" });
  }
}

/** Loads, validates and cross-checks everything under `root` (the content folder). */
export async function loadContent(root: string, asOf: IsoDate): Promise<SiteContent> {
  const problems: ContentProblem[] = [];
  const digests = new Map<string, string>();
  const shown = (p: string) => join(basename(root), relative(root, p));

  // Site settings
  const sitePath = join(root, "site.yaml");
  let site: Site | undefined;
  try {
    const text = await readFile(sitePath, "utf8");
    const parsed = parseYaml(text, siteSchema, shown(sitePath));
    problems.push(...parsed.problems);
    site = parsed.data;
    digests.set(sourceKey("site", "site"), digestOf(text, JSON.stringify(site)));
  } catch {
    problems.push({ file: shown(sitePath), message: "缺少站点设置文件 site.yaml" });
  }

  // Conventions
  // Ids of every file found, parsed or not: a file with its own problem is not also reported as missing elsewhere.
  const present = { conventions: new Set<string>(), guides: new Set<string>(), ads: new Set<string>() };
  const conventions: Convention[] = [];
  for (const f of await readKind(root, "conventions", [".yaml", ".yml"], problems)) {
    present.conventions.add(f.id);
    scanPersonalData(f, problems);
    const parsed = parseYaml(f.text, conventionSchema, f.shown);
    problems.push(...parsed.problems);
    if (parsed.data) conventions.push({ id: f.id, ...parsed.data });
    digests.set(sourceKey("conventions", f.id), digestOf(f.text, JSON.stringify(parsed.data)));
  }

  // Etiquette guides (MDX)
  const guides: Guide[] = [];
  for (const f of await readKind(root, "etiquette", [".mdx"], problems)) {
    present.guides.add(f.id);
    scanPersonalData(f, problems);
    const split = splitFrontMatter(f.text);
    if (!split) {
      problems.push({ file: f.shown, line: 1, message: "缺少文件头（以 --- 开始和结束的 YAML 段落）" });
      continue;
    }
    const parsed = parseYaml(split.yaml, etiquetteSchema, f.shown, 1);
    problems.push(...parsed.problems);
    for (const p of lintMarkup(split.body, "mdx", split.bodyLine - 1)) problems.push({ file: f.shown, line: p.line, field: "正文", message: p.message });
    if (parsed.data) guides.push({ id: f.id, file: f.path, data: parsed.data, body: split.body });
    digests.set(sourceKey("etiquette", f.id), digestOf(f.text, JSON.stringify(parsed.data)));
  }

  // Good people: batches and people
  const batchesPath = join(root, "good-people", "batches.yaml");
  let batches: Batch[] = [];
  try {
    const text = await readFile(batchesPath, "utf8");
    const parsed = parseYaml(text, batchesSchema, shown(batchesPath));
    problems.push(...parsed.problems);
    batches = parsed.data ?? [];
    for (const b of batches) digests.set(sourceKey("batches", b.id), digestOf(text, JSON.stringify(b)));
    const ids = new Set<string>();
    for (const b of batches) {
      if (ids.has(b.id)) problems.push({ file: shown(batchesPath), field: "id", message: `批次编号重复：“${b.id}”` });
      ids.add(b.id);
    }
  } catch {
    problems.push({ file: shown(batchesPath), message: "缺少好人榜批次文件 batches.yaml" });
  }
  const people: GoodPerson[] = [];
  for (const f of await readKind(root, "good-people/people", [".md"], problems)) {
    scanPersonalData(f, problems);
    const split = splitFrontMatter(f.text);
    if (!split) {
      problems.push({ file: f.shown, line: 1, message: "缺少文件头（以 --- 开始和结束的 YAML 段落）" });
      continue;
    }
    const parsed = parseYaml(split.yaml, goodPersonSchema, f.shown, 1);
    problems.push(...parsed.problems);
    for (const p of lintMarkup(split.body, "md", split.bodyLine - 1)) problems.push({ file: f.shown, line: p.line, field: "事迹", message: p.message });
    let photo: Uint8Array | undefined;
    if (parsed.data?.photo) {
      const problem = await checkImageFile(join(root, "good-people"), parsed.data.photo);
      if (problem) problems.push({ file: f.shown, field: "photo", message: problem });
      else photo = await readFile(join(root, "good-people", parsed.data.photo));
    }
    if (parsed.data) people.push({ id: f.id, file: f.path, data: parsed.data, story: split.body.trim() });
    digests.set(sourceKey("goodPeople", f.id), digestOf(f.text, photo, JSON.stringify(parsed.data)));
  }

  // Ads
  const ads: Ad[] = [];
  for (const f of await readKind(root, "ads", [".yaml", ".yml"], problems)) {
    present.ads.add(f.id);
    scanPersonalData(f, problems);
    const parsed = parseYaml(f.text, adSchema, f.shown);
    problems.push(...parsed.problems);
    if (parsed.data) ads.push({ id: f.id, file: f.path, data: parsed.data });
    digests.set(sourceKey("ads", f.id), digestOf(f.text, JSON.stringify(parsed.data)));
  }

  // Integrity lists: one CSV per batch and list
  const integrity: IntegrityEntry[] = [];
  for (const list of LISTS) {
    const seenIds = new Map<string, string>();
    for (const f of await readKind(root, `integrity/${list}`, [".csv"], problems)) {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(f.id)) {
        problems.push({ file: f.shown, field: "文件名", message: `批次文件名应为 YYYY-MM.csv，如 2026-11.csv，收到 ${basename(f.path)}` });
        continue;
      }
      const table = await readListFile(f.path);
      for (const message of table.problems) problems.push({ file: f.shown, message });
      for (const message of table.notes) problems.push({ file: f.shown, message: `${message}；内容文件必须是 UTF-8 编码，请用 npm run lists:import 导入` });
      const { entries, problems: rowProblems } = validateRows(table.rows, { list, batch: f.id, asOf, mode: "content" });
      for (const p of rowProblems) problems.push({ file: f.shown, line: p.row, field: p.field, message: formatRowProblem(p).replace(/^第 \d+ 行 · [^·]+ · /, "") });
      for (const e of entries) {
        const previous = seenIds.get(e.id);
        if (previous) problems.push({ file: f.shown, field: "编号", message: `编号重复：“${e.id}”已在 ${previous} 使用` });
        seenIds.set(e.id, f.shown);
        integrity.push(e);
        digests.set(sourceKey("integrity", `${e.list}/${e.id}`), digestOf(JSON.stringify(e)));
      }
    }
  }

  // Cross references
  const guideIds = present.guides;
  const adIds = present.ads;
  const batchIds = new Set(batches.map((b) => b.id));
  const conventionById = new Map(conventions.map((c) => [c.id, c]));
  const missing = (file: string, field: string, kind: string, id: string, known: Set<string>) =>
    problems.push({ file, field, message: `引用了不存在的${kind}“${id}”；现有：${[...known].slice(0, 8).join("、") || "（无）"}` });
  for (const g of guides) {
    const file = shown(g.file);
    if (g.data.poster && !adIds.has(g.data.poster)) missing(file, "poster", "公益广告", g.data.poster, adIds);
    for (const m of g.body.matchAll(/<PosterFigure[^>]*\bad="([^"]*)"/g)) if (!adIds.has(m[1] ?? "")) missing(file, "正文 PosterFigure.ad", "公益广告", m[1] ?? "", adIds);
    for (const r of g.data.relatedArticles) {
      const c = conventionById.get(r.convention);
      if (!present.conventions.has(r.convention)) missing(file, "relatedArticles.convention", "公约", r.convention, present.conventions);
      else if (c && r.article > c.articles.length) problems.push({ file, field: "relatedArticles.article", message: `“${c.title}”只有 ${c.articles.length} 条，收到第 ${r.article} 条` });
    }
  }
  for (const c of conventions) {
    const file = join(basename(root), "conventions", `${c.id}.yaml`);
    for (const id of c.relatedGuides) if (!guideIds.has(id)) missing(file, "relatedGuides", "礼仪指南", id, guideIds);
    for (const id of c.relatedAds) if (!adIds.has(id)) missing(file, "relatedAds", "公益广告", id, adIds);
  }
  for (const p of people) if (!batchIds.has(p.data.batch)) missing(shown(p.file), "batch", "好人榜批次", p.data.batch, batchIds);
  for (const a of ads) {
    const file = shown(a.file);
    if (a.data.guide && !guideIds.has(a.data.guide)) missing(file, "guide", "礼仪指南", a.data.guide, guideIds);
    if (a.data.batch && !batchIds.has(a.data.batch)) missing(file, "batch", "好人榜批次", a.data.batch, batchIds);
    for (const s of a.data.sizes ?? []) if (!POSTER_SIZES.some((size) => size.id === s)) problems.push({ file, field: "sizes", message: `未知尺寸“${s}”；可用：${POSTER_SIZES.map((x) => x.id).join("、")}` });
  }

  if (problems.length > 0 || !site) throw new ContentError(problems);
  return { root, site, conventions, guides, batches, people, ads, integrity, digests };
}

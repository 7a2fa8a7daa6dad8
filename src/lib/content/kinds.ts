/**
 * One loader per content kind. Each reads its files, scans them (personal
 * data in any form, invisible characters), validates them against the kind's
 * schema, and records each item's source digest (digest.ts). Problems go into
 * the shared list, so one run reports every problem of every file.
 */
import { access, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { adSchema } from "../../schemas/ad.ts";
import { conventionSchema, type Convention } from "../../schemas/convention.ts";
import { etiquetteSchema, type EtiquetteData } from "../../schemas/etiquette.ts";
import { batchesSchema, goodPersonSchema, type Batch, type GoodPersonData } from "../../schemas/good-people.ts";
import { handbookSchema, type Handbook } from "../../schemas/handbook.ts";
import { newsSchema, type NewsData } from "../../schemas/news.ts";
import { questionBankSchema, type Question } from "../../schemas/quiz.ts";
import { siteSchema, type Site } from "../../schemas/site.ts";
import { volunteerSchema } from "../../schemas/volunteer.ts";
import { attachmentTextCheck, checkAttachment } from "./attachments.ts";
import type { Present } from "./cross-check.ts";
import { digestOf, sourceKey } from "./digest.ts";
import { checkImageFile, imageRefOf, logoOf } from "./images.ts";
import type { ImageRef, Logo } from "../poster/templates.ts";
import type { Activity, Ad, GoodPerson, Guide, NewsItem } from "./load.ts";
import { lintMarkup } from "./markup-lint.ts";
import { rememberSync } from "./memo.ts";
import type { ContentProblem } from "./problems.ts";
import { readKind, readProblem, readText, scanText, type SourceFile } from "./source-files.ts";
import { parseYaml, splitFrontMatter } from "./yaml.ts";

/** What every kind's loader shares. */
export interface LoadContext {
  root: string;
  problems: ContentProblem[];
  digests: Map<string, string>;
  /** Every file found, parsed or not: a file with its own problem is not also reported as missing where it is referenced. */
  present: Present;
  /** What staff should look at without it stopping the build (a scanned attachment no program can read). */
  warnings: string[];
}

/** File names a kind cannot use: the site has pages of its own at those URLs (e.g. /news/page/2/). */
const RESERVED: Record<string, readonly string[]> = { news: ["page", "category", "feed", "files"], volunteer: ["past", "category", "station", "upcoming"], ads: ["theme"] };

/** True (and a problem reported) when a file's name is one its kind reserves. */
function reserved(folder: string, f: SourceFile, problems: ContentProblem[]): boolean {
  const names = RESERVED[folder] ?? [];
  if (!names.includes(f.id)) return false;
  problems.push({ file: f.shown, field: "文件名", message: `文件名“${f.id}”与网站栏目自身的网址冲突，请换一个名称（不能使用 ${names.join("、")}）` });
  return true;
}

/** A YAML file of settings or a list: read, scanned, validated. */
function loadYamlFile<T>(root: string, rel: string, schema: Parameters<typeof parseYaml>[1], missing: string, problems: ContentProblem[]) {
  const shown = join(basename(root), rel);
  let text: string;
  try {
    text = readText(join(root, rel));
  } catch (error) {
    problems.push(readProblem(shown, error, missing));
    return undefined;
  }
  const checked = checkYaml(`yaml-file:${rel}`, { shown, text }, schema);
  problems.push(...checked.problems);
  return { text, data: checked.data as T | undefined, clean: checked.problems.length === 0 };
}

/** A YAML document scanned and validated against `schema`, remembered by `step` (one schema each) and the file (memo.ts). */
function checkYaml<S extends Parameters<typeof parseYaml>[1]>(step: string, file: Pick<SourceFile, "shown" | "text">, schema: S) {
  return rememberSync(step, [file.shown, file.text], () => {
    const found: ContentProblem[] = [];
    scanText(file, found);
    const parsed = parseYaml(file.text, schema, file.shown);
    return { data: parsed.data, problems: [...found, ...parsed.problems] };
  });
}

/**
 * A Markdown/MDX file: front matter against `schema`, body linted; undefined
 * when it has no front matter. `step` names the call site (one schema each):
 * the result is remembered by it and the file (memo.ts).
 */
function loadFrontMatterFile(step: string, f: SourceFile, schema: Parameters<typeof parseYaml>[1], kind: "md" | "mdx", bodyField: string, problems: ContentProblem[]) {
  const checked = rememberSync(`front-matter:${step}`, [f.shown, f.text, kind, bodyField], () => {
    const found: ContentProblem[] = [];
    return { loaded: checkFrontMatterFile(f, schema, kind, bodyField, found), found };
  });
  problems.push(...checked.found);
  return checked.loaded;
}

function checkFrontMatterFile(f: SourceFile, schema: Parameters<typeof parseYaml>[1], kind: "md" | "mdx", bodyField: string, problems: ContentProblem[]) {
  scanText(f, problems, bodyField);
  const split = splitFrontMatter(f.text);
  if (!split) {
    problems.push({ file: f.shown, line: 1, message: "缺少文件头（以 --- 开始和结束的 YAML 段落）" });
    return undefined;
  }
  const parsed = parseYaml(split.yaml, schema, f.shown, 1);
  problems.push(...parsed.problems);
  const lint = lintMarkup(split.body, kind, split.bodyLine - 1);
  for (const p of lint.problems) problems.push({ file: f.shown, line: p.line, field: bodyField, message: p.message });
  return { data: parsed.data, body: split.body, components: lint.components };
}



/** content/site.yaml and the logo it names. */
export async function loadSite(ctx: LoadContext): Promise<{ site?: Site | undefined; logo?: Logo | undefined }> {
  const file = loadYamlFile<Site>(ctx.root, "site.yaml", siteSchema, "缺少站点设置文件 site.yaml", ctx.problems);
  const site = file?.data;
  let logo: Logo | undefined;
  if (site?.logo) {
    const problem = await checkImageFile(ctx.root, site.logo);
    if (problem) ctx.problems.push({ file: join(basename(ctx.root), "site.yaml"), field: "logo", message: problem });
    else logo = await logoOf(join(ctx.root, site.logo));
  }
  if (file && site) ctx.digests.set(sourceKey("site", "site"), digestOf(file.text, logo?.dataUrl, JSON.stringify(site)));
  return { site, logo };
}

/** content/conventions/*.yaml */
export async function loadConventions(ctx: LoadContext): Promise<Convention[]> {
  const conventions: Convention[] = [];
  for (const f of await readKind(ctx.root, "conventions", [".yaml", ".yml"], ctx.problems)) {
    ctx.present.conventions.set(f.id, f.shown);
    const parsed = checkYaml("yaml-item:conventions", f, conventionSchema);
    ctx.problems.push(...parsed.problems);
    if (!parsed.data) continue;
    conventions.push({ id: f.id, ...parsed.data });
    ctx.digests.set(sourceKey("conventions", f.id), digestOf(f.text, JSON.stringify(parsed.data)));
  }
  return conventions;
}

/** content/etiquette/*.mdx, with the ads their bodies show. */
export async function loadGuides(ctx: LoadContext): Promise<Guide[]> {
  const guides: Guide[] = [];
  for (const f of await readKind(ctx.root, "etiquette", [".mdx"], ctx.problems)) {
    ctx.present.guides.add(f.id);
    const loaded = loadFrontMatterFile("etiquette", f, etiquetteSchema, "mdx", "正文", ctx.problems);
    if (!loaded?.data) continue;
    const data = loaded.data as EtiquetteData;
    const posterFigures = loaded.components.filter((c) => c.name === "PosterFigure").map((c) => c.attributes["ad"] ?? "");
    guides.push({ id: f.id, file: f.path, data, body: loaded.body, posterFigures });
    ctx.digests.set(sourceKey("etiquette", f.id), digestOf(f.text, JSON.stringify(data)));
  }
  return guides;
}

/**
 * content/good-people/batches.yaml. `batchIds` is undefined when the file has
 * problems of its own: then every person's batch would look missing, and the
 * file's problem is reported once instead.
 */
export function loadBatches(ctx: LoadContext): { batches: Batch[]; batchIds?: Set<string> | undefined } {
  const rel = "good-people/batches.yaml";
  const file = loadYamlFile<Batch[]>(ctx.root, rel, batchesSchema, `缺少好人榜批次文件 ${rel}`, ctx.problems);
  const batches = file?.data ?? [];
  const batchIds = new Set<string>();
  for (const b of batches) {
    if (batchIds.has(b.id)) ctx.problems.push({ file: join(basename(ctx.root), rel), field: "id", message: `批次编号重复：“${b.id}”` });
    batchIds.add(b.id);
    ctx.digests.set(sourceKey("batches", b.id), digestOf(file?.text, JSON.stringify(b)));
  }
  return { batches, batchIds: file?.clean === true ? batchIds : undefined };
}

/** Where cropping a portrait keeps the view: the upper middle, where faces are. */
const PORTRAIT_FOCUS = { x: 50, y: 35 };

/** content/good-people/people/*.md, their photos part of their digests. */
export async function loadPeople(ctx: LoadContext): Promise<GoodPerson[]> {
  const people: GoodPerson[] = [];
  for (const f of await readKind(ctx.root, "good-people/people", [".md"], ctx.problems)) {
    const loaded = loadFrontMatterFile("good-people", f, goodPersonSchema, "md", "事迹", ctx.problems);
    const data = loaded?.data as GoodPersonData | undefined;
    if (!loaded || !data) continue;
    let photo: ImageRef | undefined;
    if (data.photo) {
      const problem = await checkImageFile(join(ctx.root, "good-people"), data.photo);
      if (problem) ctx.problems.push({ file: f.shown, field: "photo", message: problem });
      // Portraits keep the face in view when cropped square for the honour poster.
      else photo = await imageRefOf(join(ctx.root, "good-people", data.photo), PORTRAIT_FOCUS);
    }
    people.push({ id: f.id, file: f.path, data, story: loaded.body.trim(), ...(photo ? { photo } : {}) });
    ctx.digests.set(sourceKey("goodPeople", f.id), digestOf(f.text, photo?.digest, JSON.stringify(data)));
  }
  return people;
}

/**
 * One item per YAML file in `folder`: each file scanned, validated and its
 * digest recorded under `key`; `found` is told of every file first (a file
 * with its own problem still counts as present where it is referenced).
 */
async function loadYamlItems<S extends Parameters<typeof parseYaml>[1]>(ctx: LoadContext, folder: string, key: string, schema: S, found?: (f: SourceFile) => void) {
  const items: { id: string; file: string; data: NonNullable<ReturnType<typeof parseYaml<S>>["data"]> }[] = [];
  for (const f of await readKind(ctx.root, folder, [".yaml", ".yml"], ctx.problems)) {
    found?.(f);
    if (reserved(folder, f, ctx.problems)) continue;
    const parsed = checkYaml(`yaml-item:${folder}`, f, schema);
    ctx.problems.push(...parsed.problems);
    if (!parsed.data) continue;
    items.push({ id: f.id, file: f.path, data: parsed.data });
    ctx.digests.set(sourceKey(key, f.id), digestOf(f.text, JSON.stringify(parsed.data)));
  }
  return items;
}

/** content/ads/*.yaml, with their main image and partner logo checked and part of their digests. */
export async function loadAds(ctx: LoadContext): Promise<Ad[]> {
  const ads: Ad[] = [];
  for (const item of await loadYamlItems(ctx, "ads", "ads", adSchema, (f) => ctx.present.ads.add(f.id))) {
    const ad: Ad = { ...item };
    const shown = join(basename(ctx.root), "ads", basename(item.file));
    const parts: string[] = [];
    if (item.data.image) {
      const problem = await checkImageFile(ctx.root, item.data.image);
      if (problem) ctx.problems.push({ file: shown, field: "image", message: problem });
      else ad.image = await imageRefOf(join(ctx.root, item.data.image), item.data.focus);
      parts.push(ad.image?.digest ?? "");
    }
    if (item.data.partnerLogo) {
      const problem = await checkImageFile(ctx.root, item.data.partnerLogo);
      if (problem) ctx.problems.push({ file: shown, field: "partnerLogo", message: problem });
      else ad.partnerLogo = await logoOf(join(ctx.root, item.data.partnerLogo));
      parts.push(ad.partnerLogo?.dataUrl ?? "");
    }
    const key = sourceKey("ads", item.id);
    if (parts.length > 0) ctx.digests.set(key, digestOf(ctx.digests.get(key), ...parts));
    ads.push(ad);
  }
  return ads;
}

/** content/news/*.md, with their cover images and attachments part of their digests. */
export async function loadNews(ctx: LoadContext): Promise<NewsItem[]> {
  const items: NewsItem[] = [];
  const folder = join(ctx.root, "news");
  for (const f of await readKind(ctx.root, "news", [".md"], ctx.problems)) {
    if (reserved("news", f, ctx.problems)) continue;
    const loaded = loadFrontMatterFile("news", f, newsSchema, "md", "正文", ctx.problems);
    const data = loaded?.data as NewsData | undefined;
    if (!loaded || !data) continue;
    const parts: (string | Uint8Array)[] = [f.text, JSON.stringify(data)];
    if (data.cover) {
      const problem = await checkImageFile(folder, data.cover);
      if (problem) ctx.problems.push({ file: f.shown, field: "cover", message: problem });
      else parts.push(await readFile(join(folder, data.cover)));
    }
    for (const [i, a] of data.attachments.entries()) {
      const checked = await checkAttachment(folder, a.file);
      const field = `attachments.${i}.file`;
      if ("problem" in checked) {
        ctx.problems.push({ file: f.shown, field, message: checked.problem });
        continue;
      }
      parts.push(checked.bytes);
      const inside = await attachmentTextCheck(a.file, checked.bytes);
      for (const message of inside.problems) ctx.problems.push({ file: f.shown, field, message });
      if (inside.warning) ctx.warnings.push(`${f.shown}：${inside.warning}`);
    }
    items.push({ id: f.id, file: f.path, data, body: loaded.body.trim() });
    ctx.digests.set(sourceKey("news", f.id), digestOf(...parts));
  }
  return items;
}

/** content/volunteer/*.yaml */
export function loadActivities(ctx: LoadContext): Promise<Activity[]> {
  return loadYamlItems(ctx, "volunteer", "volunteer", volunteerSchema);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** content/quiz/questions.yaml: optional (a site without a bank has no self-test); ids unique. */
export async function loadQuiz(ctx: LoadContext): Promise<Question[]> {
  const rel = "quiz/questions.yaml";
  if (!(await exists(join(ctx.root, rel)))) return [];
  const file = loadYamlFile<Question[]>(ctx.root, rel, questionBankSchema, "", ctx.problems);
  const questions = file?.data ?? [];
  const seen = new Set<string>();
  for (const [i, q] of questions.entries()) {
    if (seen.has(q.id)) ctx.problems.push({ file: join(basename(ctx.root), rel), field: `${i}.id`, message: `题目编号重复：“${q.id}”` });
    seen.add(q.id);
    ctx.digests.set(sourceKey("quiz", q.id), digestOf(JSON.stringify(q)));
  }
  return questions;
}

/** content/handbook.yaml: optional (no booklet without it). */
export async function loadHandbook(ctx: LoadContext): Promise<Handbook | undefined> {
  if (!(await exists(join(ctx.root, "handbook.yaml")))) return undefined;
  const file = loadYamlFile<Handbook>(ctx.root, "handbook.yaml", handbookSchema, "", ctx.problems);
  if (file?.data) ctx.digests.set(sourceKey("handbook", "handbook"), digestOf(file.text, JSON.stringify(file.data)));
  return file?.data;
}

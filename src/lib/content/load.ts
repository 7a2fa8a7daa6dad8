/**
 * Reads and checks all content under one folder. This is the single source
 * of content for the Astro collections, the build integrations, the CLIs and
 * the tests: every file is parsed, validated against its schema, scanned for
 * personal data and invisible characters, linted, and cross-checked
 * (references between kinds, duplicate ids, files the build does not know).
 * Problems from all files are collected and thrown together as one
 * ContentError. The result is the content as published on the as-of day
 * (asOfView): what is not yet published is not in it.
 */
import { readdir } from "node:fs/promises";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import sharp from "sharp";
import { adSchema, type AdData } from "../../schemas/ad.ts";
import { conventionSchema, type Convention } from "../../schemas/convention.ts";
import { etiquetteSchema, type EtiquetteData } from "../../schemas/etiquette.ts";
import { batchesSchema, goodPersonSchema, type Batch, type GoodPersonData } from "../../schemas/good-people.ts";
import { siteSchema, type Site } from "../../schemas/site.ts";
import type { IsoDate } from "../../primitives/dates.ts";
import { batchState, isBatchShown } from "../good-people/notice.ts";
import { LEDGER_FILE } from "../integrity/ledger.ts";
import { entryKey, loadLists } from "../integrity/lists.ts";
import type { IntegrityEntry } from "../../schemas/integrity.ts";
import { crossCheck, type Present } from "./cross-check.ts";
import { digestOf, sourceKey } from "./digest.ts";
import { checkPosterGlyphs } from "./glyphs.ts";
import { checkImageFile } from "./images.ts";
import { lintMarkup } from "./markup-lint.ts";
import { ContentError, type ContentProblem } from "./problems.ts";
import { readKind, readProblem, readText, scanText, type SourceFile } from "./source-files.ts";
import { parseYaml, splitFrontMatter } from "./yaml.ts";

export interface Guide {
  id: string;
  file: string;
  data: EtiquetteData;
  body: string;
  /** Ads the body shows with <PosterFigure ad="…">. */
  posterFigures: string[];
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
  /** Things staff should act on that do not stop the build (e.g. a notice period that ended unpublished). */
  warnings: string[];
  /** The office's logo from site settings, ready for the poster renderer. */
  logo?: Logo | undefined;
}

export interface Logo {
  /** A PNG (SVGs rasterised) as a data URL, for posters and share images. */
  dataUrl: string;
  width: number;
  height: number;
}

/** Logos are small and drawn at most a few hundred pixels wide: one PNG serves every poster. */
async function logoOf(path: string): Promise<Logo> {
  const { data, info } = await sharp(path, { density: 300 }).resize({ width: 600, height: 600, fit: "inside", withoutEnlargement: true }).png().toBuffer({ resolveWithObject: true });
  return { dataUrl: `data:image/png;base64,${data.toString("base64")}`, width: info.width, height: info.height };
}

/** What the content folder may hold; anything else is reported rather than silently ignored. */
const LAYOUT: Record<string, readonly string[] | "file"> = {
  "site.yaml": "file",
  conventions: [],
  etiquette: [],
  "good-people": ["batches.yaml", "people", "photos"],
  integrity: ["red", "black", basename(LEDGER_FILE)],
  ads: [],
  /** Site images such as the logo (site.yaml `logo`). */
  images: [],
};
const KNOWN_EXTRA = /^(\.|README(\.md)?$)/i;

async function checkLayout(root: string, problems: ContentProblem[]): Promise<void> {
  const shown = basename(root);
  const kinds = Object.keys(LAYOUT).join("、");
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (KNOWN_EXTRA.test(entry.name)) continue;
    const expected = LAYOUT[entry.name];
    if (!expected) {
      problems.push({ file: join(shown, entry.name), message: `未知的${entry.isDirectory() ? "内容目录" : "文件"}：网站不会发布其中的内容。内容目录只能包含 ${kinds}；如是新栏目，请先联系技术人员添加` });
      continue;
    }
    if (expected === "file" || expected.length === 0 || !entry.isDirectory()) continue;
    for (const inner of await readdir(join(root, entry.name), { withFileTypes: true })) {
      if (!KNOWN_EXTRA.test(inner.name) && !expected.includes(inner.name)) {
        problems.push({ file: join(shown, entry.name, inner.name), message: `未知的${inner.isDirectory() ? "目录" : "文件"}：${join(shown, entry.name)} 只能包含 ${expected.join("、")}` });
      }
    }
  }
}

/** A YAML file of settings or a list: read, scanned, validated. */
async function loadYamlFile<T>(root: string, rel: string, schema: Parameters<typeof parseYaml>[1], missing: string, problems: ContentProblem[]) {
  const shown = join(basename(root), rel);
  let text: string;
  try {
    text = await readText(join(root, rel));
  } catch (error) {
    problems.push(readProblem(shown, error, missing));
    return undefined;
  }
  const before = problems.length;
  scanText({ shown, text }, problems);
  const parsed = parseYaml(text, schema, shown);
  problems.push(...parsed.problems);
  return { text, data: parsed.data as T | undefined, clean: problems.length === before };
}

/** A Markdown/MDX file: front matter against `schema`, body linted; undefined when it has no front matter. */
function loadFrontMatterFile(f: SourceFile, schema: Parameters<typeof parseYaml>[1], kind: "md" | "mdx", bodyField: string, problems: ContentProblem[]) {
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

/** Loads, validates and cross-checks everything under `root` (the content folder), as published on `asOf`. */
export async function loadContent(root: string, asOf: IsoDate): Promise<SiteContent> {
  const problems: ContentProblem[] = [];
  const digests = new Map<string, string>();
  const shown = (rel: string) => join(basename(root), rel);
  try {
    await checkLayout(root, problems);
  } catch (error) {
    throw new ContentError([readProblem(basename(root), error, `找不到内容目录 ${root}`)]);
  }

  const siteFile = await loadYamlFile<Site>(root, "site.yaml", siteSchema, "缺少站点设置文件 site.yaml", problems);
  const site = siteFile?.data;
  let logo: Logo | undefined;
  if (site?.logo) {
    const problem = await checkImageFile(root, site.logo);
    if (problem) problems.push({ file: shown("site.yaml"), field: "logo", message: problem });
    else logo = await logoOf(join(root, site.logo));
  }
  if (siteFile && site) digests.set(sourceKey("site", "site"), digestOf(siteFile.text, logo?.dataUrl, JSON.stringify(site)));

  // Every file found, parsed or not: a file with its own problem is not also reported as missing where it is referenced.
  const present: Present = { conventions: new Map(), guides: new Set(), ads: new Set() };
  const conventions: Convention[] = [];
  for (const f of await readKind(root, "conventions", [".yaml", ".yml"], problems)) {
    present.conventions.set(f.id, f.shown);
    scanText(f, problems);
    const parsed = parseYaml(f.text, conventionSchema, f.shown);
    problems.push(...parsed.problems);
    if (!parsed.data) continue;
    conventions.push({ id: f.id, ...parsed.data });
    digests.set(sourceKey("conventions", f.id), digestOf(f.text, JSON.stringify(parsed.data)));
  }

  const guides: Guide[] = [];
  for (const f of await readKind(root, "etiquette", [".mdx"], problems)) {
    present.guides.add(f.id);
    const loaded = loadFrontMatterFile(f, etiquetteSchema, "mdx", "正文", problems);
    if (!loaded?.data) continue;
    const data = loaded.data as EtiquetteData;
    const posterFigures = loaded.components.filter((c) => c.name === "PosterFigure").map((c) => c.attributes["ad"] ?? "");
    guides.push({ id: f.id, file: f.path, data, body: loaded.body, posterFigures });
    digests.set(sourceKey("etiquette", f.id), digestOf(f.text, JSON.stringify(data)));
  }

  const batchesFile = await loadYamlFile<Batch[]>(root, "good-people/batches.yaml", batchesSchema, "缺少好人榜批次文件 good-people/batches.yaml", problems);
  const batches = batchesFile?.data ?? [];
  const batchIds = new Set<string>();
  for (const b of batches) {
    if (batchIds.has(b.id)) problems.push({ file: shown("good-people/batches.yaml"), field: "id", message: `批次编号重复：“${b.id}”` });
    batchIds.add(b.id);
    digests.set(sourceKey("batches", b.id), digestOf(batchesFile?.text, JSON.stringify(b)));
  }

  const people: GoodPerson[] = [];
  for (const f of await readKind(root, "good-people/people", [".md"], problems)) {
    const loaded = loadFrontMatterFile(f, goodPersonSchema, "md", "事迹", problems);
    const data = loaded?.data as GoodPersonData | undefined;
    if (!loaded || !data) continue;
    let photo: Uint8Array | undefined;
    if (data.photo) {
      const problem = await checkImageFile(join(root, "good-people"), data.photo);
      if (problem) problems.push({ file: f.shown, field: "photo", message: problem });
      else photo = await readFile(join(root, "good-people", data.photo));
    }
    people.push({ id: f.id, file: f.path, data, story: loaded.body.trim() });
    digests.set(sourceKey("goodPeople", f.id), digestOf(f.text, photo, JSON.stringify(data)));
  }

  const ads: Ad[] = [];
  for (const f of await readKind(root, "ads", [".yaml", ".yml"], problems)) {
    present.ads.add(f.id);
    scanText(f, problems);
    const parsed = parseYaml(f.text, adSchema, f.shown);
    problems.push(...parsed.problems);
    if (!parsed.data) continue;
    ads.push({ id: f.id, file: f.path, data: parsed.data });
    digests.set(sourceKey("ads", f.id), digestOf(f.text, JSON.stringify(parsed.data)));
  }

  const lists = await loadLists(root, asOf);
  problems.push(...lists.problems);
  for (const e of lists.entries) digests.set(sourceKey("integrity", entryKey(e)), digestOf(JSON.stringify(e)));

  // A batches.yaml with its own problem would make every person's batch look missing: report it once.
  crossCheck({ root, conventions, guides, batches, people, ads }, present, batchesFile?.clean === true ? batchIds : undefined, problems);

  if (site) checkPosterGlyphs({ root, site, conventions, guides, batches, people, ads }, { site: shown("site.yaml"), batches: shown("good-people/batches.yaml"), conventions: present.conventions }, problems);

  if (problems.length > 0 || !site) throw new ContentError(problems);
  return asOfView({ root, site, conventions, guides, batches, people, ads, integrity: lists.entries, digests, warnings: [], logo }, asOf);
}

/**
 * The content as published on `asOf`: list entries decided after it and
 * batches whose notice has not begun (with their people) are not yet
 * published; a withdrawal dated after it has not happened yet. A notice
 * period that ended without the batch being marked published is a warning.
 */
export function asOfView(content: SiteContent, asOf: IsoDate): SiteContent {
  const warnings = [...content.warnings];
  const shownBatches = content.batches.filter((b) => {
    const state = batchState(b, asOf);
    if (state.kind === "ended") warnings.push(`好人榜批次“${b.title}”（${b.id}）的公示期已于 ${state.end} 结束，但尚未标记为“已发布”：请在 good-people/batches.yaml 中把 status 改为 已发布 并填写 published 日期`);
    return isBatchShown(state);
  });
  const shownIds = new Set(shownBatches.map((b) => b.id));
  const people = content.people
    .filter((p) => shownIds.has(p.data.batch))
    .map((p) => {
      if (!p.data.withdrawn || p.data.withdrawn <= asOf) return p;
      const { withdrawn: _later, ...data } = p.data;
      return { ...p, data };
    });
  return { ...content, batches: shownBatches, people, integrity: content.integrity.filter((e) => e.listedOn <= asOf), warnings };
}

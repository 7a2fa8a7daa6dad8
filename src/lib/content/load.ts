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
import { basename, join } from "node:path";
import type { ImageRef, Logo } from "../poster/templates.ts";
import type { AdData } from "../../schemas/ad.ts";
import type { Convention } from "../../schemas/convention.ts";
import type { EtiquetteData } from "../../schemas/etiquette.ts";
import type { Batch, GoodPersonData } from "../../schemas/good-people.ts";
import type { IntegrityEntry } from "../../schemas/integrity.ts";
import type { Handbook } from "../../schemas/handbook.ts";
import type { NewsData } from "../../schemas/news.ts";
import type { Question } from "../../schemas/quiz.ts";
import type { Site } from "../../schemas/site.ts";
import type { VolunteerData } from "../../schemas/volunteer.ts";
import type { IsoDate } from "../../primitives/dates.ts";
import { batchState, isBatchShown } from "../good-people/notice.ts";
import { LEDGER_FILE } from "../integrity/ledger.ts";
import { entryKey } from "../../primitives/integrity-terms.ts";
import { loadLists } from "../integrity/lists.ts";
import { crossCheck } from "./cross-check.ts";
import { digestOf, sourceKey } from "./digest.ts";
import { checkPosterGlyphs } from "./glyphs.ts";
import { checkPosters } from "../poster/checks.ts";
import { loadActivities, loadAds, loadBatches, loadConventions, loadGuides, loadHandbook, loadNews, loadPeople, loadQuiz, loadSite, type LoadContext } from "./kinds.ts";
import { ContentError, type ContentProblem } from "./problems.ts";
import { readProblem } from "./source-files.ts";
import { pruneMemo } from "./memo.ts";

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
  /** The checked photo, for the honour poster. */
  photo?: ImageRef;
}

export interface Ad {
  id: string;
  file: string;
  data: AdData;
  /** The checked main image and partner logo. */
  image?: ImageRef;
  partnerLogo?: Logo;
}

export interface NewsItem {
  id: string;
  file: string;
  data: NewsData;
  body: string;
}

export interface Activity {
  id: string;
  file: string;
  data: VolunteerData;
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
  news: NewsItem[];
  activities: Activity[];
  questions: Question[];
  handbook?: Handbook | undefined;
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

export type { Logo } from "../poster/templates.ts";

/** What the content folder may hold; anything else is reported rather than silently ignored. */
const LAYOUT: Record<string, readonly string[] | "file"> = {
  "site.yaml": "file",
  conventions: [],
  etiquette: [],
  "good-people": ["batches.yaml", "people", "photos"],
  integrity: ["red", "black", basename(LEDGER_FILE)],
  ads: [],
  /** News items and notices (*.md), with images/ and files/ (attachments). */
  news: [],
  volunteer: [],
  quiz: ["questions.yaml"],
  "handbook.yaml": "file",
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
        const photo = entry.name === "good-people" && /\.(jpe?g|png|webp|svg)$/i.test(inner.name);
        const where = photo ? `照片请放在 ${join(shown, entry.name, "photos")}/ 目录中` : `${join(shown, entry.name)} 只能包含 ${expected.join("、")}`;
        problems.push({ file: join(shown, entry.name, inner.name), message: `未知的${inner.isDirectory() ? "目录" : "文件"}：${where}` });
      }
    }
  }
}

/**
 * Loads, validates and cross-checks everything under `root` (the content
 * folder), as published on `asOf`. Each file's own checks are remembered by
 * its bytes (memo.ts); what no load asked for since the last one is dropped.
 */
export async function loadContent(root: string, asOf: IsoDate): Promise<SiteContent> {
  try {
    return await loadEverything(root, asOf);
  } finally {
    lastLoad = pruneMemo();
  }
}

let lastLoad = { remembered: 0, checked: 0 };

/** How many files the last load took checked from memory (memo.ts), and how many it checked. */
export function lastLoadCounts(): { remembered: number; checked: number } {
  return lastLoad;
}

async function loadEverything(root: string, asOf: IsoDate): Promise<SiteContent> {
  const problems: ContentProblem[] = [];
  const digests = new Map<string, string>();
  const shown = (rel: string) => join(basename(root), rel);
  try {
    await checkLayout(root, problems);
  } catch (error) {
    throw new ContentError([readProblem(basename(root), error, `找不到内容目录 ${root}`)]);
  }

  const ctx: LoadContext = { root, problems, digests, present: { conventions: new Map(), guides: new Set(), ads: new Set() }, warnings: [] };
  const { site, logo } = await loadSite(ctx);
  const conventions = await loadConventions(ctx);
  const guides = await loadGuides(ctx);
  const { batches, batchIds } = loadBatches(ctx);
  const people = await loadPeople(ctx);
  const ads = await loadAds(ctx);
  const news = await loadNews(ctx);
  const activities = await loadActivities(ctx);
  const questions = await loadQuiz(ctx);
  const handbook = await loadHandbook(ctx);
  const present = ctx.present;

  const lists = await loadLists(root, asOf);
  // One by one: a spread of hundreds of thousands (every row of a large list, wrong) would overflow the call stack.
  for (const problem of lists.problems) problems.push(problem);
  for (const e of lists.entries) digests.set(sourceKey("integrity", entryKey(e)), digestOf(JSON.stringify(e)));

  // A batches.yaml with its own problem would make every person's batch look missing: report it once.
  crossCheck({ root, site, conventions, guides, batches, people, ads, questions, handbook }, present, batchIds, problems);

  if (site) checkPosterGlyphs({ root, site, conventions, guides, batches, people, ads }, { site: shown("site.yaml"), batches: shown("good-people/batches.yaml"), conventions: present.conventions }, problems);

  const warnings = ctx.warnings;
  if (site && problems.length === 0) checkPosters({ root, site, logo, ads, guides, people }, problems, warnings);

  if (problems.length > 0 || !site) throw new ContentError(problems);
  return asOfView({ root, site, conventions, guides, batches, people, ads, integrity: lists.entries, news, activities, questions, handbook, digests, warnings, logo }, asOf);
}

/**
 * The content as published on `asOf`: list entries decided after it and
 * batches whose notice has not begun (with their people), news dated later
 * and activities announced later are not yet published; a withdrawal dated after it has not happened yet. A notice
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
  return {
    ...content,
    batches: shownBatches,
    people,
    integrity: content.integrity.filter((e) => e.listedOn <= asOf),
    // News dated later and activities announced later are scheduled, not yet published.
    news: content.news.filter((n) => n.data.date <= asOf),
    activities: content.activities.filter((a) => a.data.published <= asOf),
    warnings,
  };
}

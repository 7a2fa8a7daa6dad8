/**
 * References between content kinds: every id a file names must exist, and
 * every convention article a guide cites must be in that convention. A file
 * that exists but failed its own checks counts as present, so it is reported
 * once, not again wherever it is referenced.
 */
import { basename, join, relative } from "node:path";
import { POSTER_SIZES } from "../poster/sizes.ts";
import type { SiteContent } from "./load.ts";
import type { ContentProblem } from "./problems.ts";

/** Ids of the files found per kind (conventions with the file as staff see it). */
export interface Present {
  conventions: Map<string, string>;
  guides: Set<string>;
  ads: Set<string>;
}

type Checked = Pick<SiteContent, "root" | "conventions" | "guides" | "batches" | "people" | "ads" | "questions" | "handbook"> & { site?: Pick<SiteContent["site"], "featured" | "themes" | "palettes"> | undefined };

/** Adds a problem for each dangling reference; `batchIds` is undefined when batches.yaml could not be read cleanly. */
export function crossCheck(content: Checked, present: Present, batchIds: ReadonlySet<string> | undefined, problems: ContentProblem[]): void {
  const shown = (path: string) => join(basename(content.root), relative(content.root, path));
  const missing = (file: string, field: string, kind: string, id: string, known: Iterable<string>) =>
    problems.push({ file, field, message: `引用了不存在的${kind}“${id}”；现有：${[...known].slice(0, 8).join("、") || "（无）"}` });
  const conventionById = new Map(content.conventions.map((c) => [c.id, c]));
  for (const g of content.guides) {
    const file = shown(g.file);
    if (g.data.poster && !present.ads.has(g.data.poster)) missing(file, "poster", "公益广告", g.data.poster, present.ads);
    for (const ad of g.posterFigures) if (!present.ads.has(ad)) missing(file, "正文 PosterFigure.ad", "公益广告", ad, present.ads);
    for (const r of g.data.relatedArticles) {
      const c = conventionById.get(r.convention);
      if (!present.conventions.has(r.convention)) missing(file, "relatedArticles.convention", "公约", r.convention, present.conventions.keys());
      else if (c && r.article > c.articles.length) problems.push({ file, field: "relatedArticles.article", message: `“${c.title}”只有 ${c.articles.length} 条，收到第 ${r.article} 条` });
    }
  }
  for (const c of content.conventions) {
    const file = present.conventions.get(c.id) ?? c.id;
    for (const id of c.relatedGuides) if (!present.guides.has(id)) missing(file, "relatedGuides", "礼仪指南", id, present.guides);
    for (const id of c.relatedAds) if (!present.ads.has(id)) missing(file, "relatedAds", "公益广告", id, present.ads);
  }
  if (batchIds) for (const p of content.people) if (!batchIds.has(p.data.batch)) missing(shown(p.file), "batch", "好人榜批次", p.data.batch, batchIds);
  for (const a of content.ads) {
    const file = shown(a.file);
    if (a.data.guide && !present.guides.has(a.data.guide)) missing(file, "guide", "礼仪指南", a.data.guide, present.guides);
    if (a.data.batch && batchIds && !batchIds.has(a.data.batch)) missing(file, "batch", "好人榜批次", a.data.batch, batchIds);
    const site = content.site;
    if (site && !site.themes.includes(a.data.theme))
      problems.push({ file, field: "theme", message: `公益广告“${a.id}”的主题“${a.data.theme}”不在网站设置的主题中；可选：${site.themes.join("、")}。如是新主题，请先在 site.yaml 的 themes 中添加` });
    if (site && a.data.palette && !site.palettes.some((p) => p.name === a.data.palette))
      problems.push({ file, field: "palette", message: `公益广告“${a.id}”的配色“${a.data.palette}”不在网站设置的配色中；可选：${site.palettes.map((p) => p.name).join("、")}` });
    for (const s of a.data.sizes ?? []) if (!POSTER_SIZES.some((size) => size.id === s)) problems.push({ file, field: "sizes", message: `未知尺寸“${s}”；可用：${POSTER_SIZES.map((x) => x.id).join("、")}` });
  }
  const bank = join(basename(content.root), "quiz/questions.yaml");
  for (const [i, q] of content.questions.entries()) {
    const field = `${i}.source`;
    const { guide, convention, article = 0 } = q.source;
    if (guide) {
      if (!present.guides.has(guide)) missing(bank, `${field}.guide`, "礼仪指南", guide, present.guides);
      continue;
    }
    if (!convention) continue;
    const c = conventionById.get(convention);
    if (!present.conventions.has(convention)) missing(bank, `${field}.convention`, "公约", convention, present.conventions.keys());
    else if (c && article > c.articles.length) problems.push({ file: bank, field: `${field}.article`, message: `题目“${q.id}”的出处：“${c.title}”只有 ${c.articles.length} 条，收到第 ${article} 条` });
  }
  for (const id of content.site?.featured ?? []) if (!present.ads.has(id)) missing(join(basename(content.root), "site.yaml"), "featured", "公益广告", id, present.ads);
  if (content.handbook && !present.ads.has(content.handbook.cover)) missing(join(basename(content.root), "handbook.yaml"), "cover", "公益广告", content.handbook.cover, present.ads);
}

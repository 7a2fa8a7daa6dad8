/**
 * Characters the poster fonts cannot draw, found at check time in the field
 * that holds them. Satori draws a missing glyph as blank without complaint,
 * so a poster or share card would silently lose text; the build would only
 * find out while rendering. Every text that reaches a poster or share card is
 * checked here, and the problem names the content file and field.
 */
import { basename, join, relative } from "node:path";
import { missingGlyphs, type Family } from "../poster/fonts.ts";
import { codePointLabel } from "../../primitives/text.ts";
import type { SiteContent } from "./load.ts";
import type { ContentProblem } from "./problems.ts";

type Texts = Record<string, string | readonly string[] | undefined>;

function check(file: string, texts: Texts, problems: ContentProblem[], family: Family = "sans"): void {
  for (const [field, value] of Object.entries(texts)) {
    const values = typeof value === "string" ? [value] : (value ?? []);
    values.forEach((text, i) => {
      const missing = missingGlyphs(text, 700, family);
      if (missing.length === 0) return;
      const where = typeof value === "string" ? field : `${field}.${i}`;
      const list = missing.map((c) => `“${c}”（${codePointLabel(c)}）`).join("、");
      problems.push({ file, field: where, message: `含有海报字体无法显示的字符 ${list}：海报和分享图上会缺字，请改用常用字（如生僻姓名可改用同音常用字并在正文说明），或联系技术人员添加字体` });
    });
  }
}

/** Adds a problem for each poster text with a character the fonts lack. */
export function checkPosterGlyphs(content: Pick<SiteContent, "root" | "site" | "conventions" | "guides" | "batches" | "people" | "ads">, files: { site: string; batches: string; conventions: Map<string, string> }, problems: ContentProblem[]): void {
  const shown = (path: string) => join(basename(content.root), relative(content.root, path));
  const s = content.site;
  check(files.site, { city: s.city, title: s.title, description: s.description, signature: s.signature, emblem: s.emblem }, problems);
  for (const c of content.conventions) check(files.conventions.get(c.id) ?? c.id, { title: c.title, issuer: c.issuer }, problems);
  for (const g of content.guides) check(shown(g.file), { title: g.data.title, summary: g.data.summary, dos: g.data.dos, donts: g.data.donts }, problems);
  content.batches.forEach((b, i) => check(files.batches, { [`${i}.title`]: b.title }, problems));
  for (const p of content.people) check(shown(p.file), { name: p.data.name }, problems);
  for (const a of content.ads) {
    const texts = { slogan: a.data.slogan, sub: a.data.sub, credit: a.data.credit, dos: a.data.dos, donts: a.data.donts };
    check(shown(a.file), texts, problems);
    // The traditional design sets its text in the serif face: its coverage counts too.
    if (a.data.template === "traditional") check(shown(a.file), texts, problems, "serif");
  }
}

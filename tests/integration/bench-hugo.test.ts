/**
 * The benchmark's Hugo baseline builds the same pages as wenming: one page per
 * person, list entry, convention, guide, ad, news item and activity, each in
 * wenming's page shell, and the sections paginated 20 to a page.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildHugo, countPages, hugoVersion, writeHugoSite } from "../../scripts/lib/bench/hugo.ts";
import { writeCorpus } from "../../scripts/lib/bench/corpus.ts";
import { loadContent, type SiteContent } from "../../src/lib/content/load.ts";

const AS_OF = "2026-11-22";

describe.skipIf(!hugoVersion())("the Hugo baseline of npm run bench", () => {
  it.each(["sample", "quarter"])("builds a page for every item of the %s corpus, in wenming's shell", async (scale) => {
    const work = mkdtempSync(join(tmpdir(), `wenming-hugo-${scale}-`));
    writeCorpus(join(work, "content"), scale, AS_OF);
    const content: SiteContent = await loadContent(join(work, "content"), AS_OF);
    writeHugoSite(join(work, "site"), content, "body{color:#222}");
    const out = join(work, "out");
    const r = await buildHugo(join(work, "site"), out);
    expect(r.code, r.lines.map((l) => l.text).join("\n")).toBe(0);
    const pages: [string, string][] = [
      ...content.people.map((p): [string, string] => [`good-people/${p.id}`, p.data.name]),
      ...content.integrity.map((e): [string, string] => [`integrity/${e.list}/${e.id}`, e.docNumber]),
      ...content.conventions.map((c): [string, string] => [`conventions/${c.id}`, c.title]),
      ...content.guides.map((g): [string, string] => [`etiquette/${g.id}`, g.data.title]),
      ...content.ads.map((a): [string, string] => [`ads/${a.id}`, a.data.theme]),
      ...content.news.map((n): [string, string] => [`news/${n.id}`, n.data.title]),
      ...content.activities.map((a): [string, string] => [`volunteer/${a.id}`, a.data.place.address]),
    ];
    // Every page of a small corpus, a spread of a larger one.
    const step = Math.max(1, Math.floor(pages.length / 400));
    for (const [path, text] of pages.filter((_, i) => i % step === 0)) {
      const html = readFileSync(join(out, path, "index.html"), "utf8");
      expect(html, path).toContain(text);
      expect(html, path).toContain('aria-label="主导航"');
      expect(html, path).toContain(content.site.issuer);
    }
    // Lists of 20: the last page of the people's list holds the rest.
    const lastPage = Math.ceil(content.people.length / 20);
    if (lastPage > 1) expect(existsSync(join(out, "good-people", "page", String(lastPage), "index.html"))).toBe(true);
    expect(existsSync(join(out, "good-people", "page", String(lastPage + 1), "index.html"))).toBe(false);
    expect(countPages(out)).toBeGreaterThan(pages.length);
  });
});

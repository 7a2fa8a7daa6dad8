import { describe, expect, it } from "vitest";
import { LinkChecker } from "../../../src/lib/checks/links.ts";
import { isIndexable, sitemapXml } from "../../../src/lib/checks/sitemap.ts";
import { atomFeed } from "../../../src/lib/site/atom.ts";
import { groupDigest, pageKey } from "../../../src/lib/site/cache-key.ts";
import { listsDigest } from "../../../src/lib/content/digest.ts";
import { themeCss } from "../../../src/lib/site/theme.ts";
import { urls } from "../../../src/lib/site/urls.ts";
import type { Site } from "../../../src/schemas/site.ts";

describe("urls are permanent paths built from ids", () => {
  it.each([
    [urls.person("zhao-min"), "/good-people/zhao-min/"],
    [urls.category("见义勇为"), "/good-people/category/jianyi-yongwei/"],
    [urls.region("东城区"), "/good-people/region/%E4%B8%9C%E5%9F%8E%E5%8C%BA/"],
    [urls.list("black"), "/integrity/black/"],
    [urls.list("black", 1), "/integrity/black/"],
    [urls.list("red", 3), "/integrity/red/page/3/"],
    [urls.listFilter("black", "authority", "示例市市场监督管理局", 2), "/integrity/black/authority/%E7%A4%BA%E4%BE%8B%E5%B8%82%E5%B8%82%E5%9C%BA%E7%9B%91%E7%9D%A3%E7%AE%A1%E7%90%86%E5%B1%80/page/2/"],
    [urls.entry("black", "2026-11-001"), "/integrity/black/2026-11-001/"],
    [urls.poster("yangquan", "a3", "jpg"), "/posters/yangquan/yangquan-a3.jpg"],
    [urls.search("遛狗 牵绳"), "/search/?q=%E9%81%9B%E7%8B%97%20%E7%89%B5%E7%BB%B3"],
  ])("%s", (url, expected) => expect(url).toBe(expected));
});

const site = { siteUrl: "https://wenming.example.gov.cn", issuer: "示例市文明办 & <宣传>" } as Site;

describe("atom", () => {
  it("escapes every text and dates entries in Shanghai", () => {
    const xml = atomFeed({
      site,
      title: "更新 <1>",
      path: "/feed.xml",
      updated: "2026-11-22",
      items: [{ id: "a&b", title: "“好人”<榜>", path: "/good-people/", date: "2026-11-16", summary: "x & y" }],
    });
    expect(xml).toContain("<title>更新 &lt;1&gt;</title>");
    expect(xml).toContain("<name>示例市文明办 &amp; &lt;宣传&gt;</name>");
    expect(xml).toContain("<id>tag:wenming.example.gov.cn,2026-11-16:a&amp;b</id>");
    expect(xml).toContain("<updated>2026-11-16T00:00:00+08:00</updated>");
    expect(xml).not.toMatch(/<(?!\/?(feed|id|title|link|updated|author|name|entry|summary|\?xml)\b)/);
  });
});

describe("sitemap", () => {
  it("lists indexable pages only, sorted and encoded", () => {
    expect(isIndexable("a/index.html", "<html>")).toBe(true);
    expect(isIndexable("a/index.html", '<meta name="robots" content="noindex">')).toBe(false);
    expect(isIndexable("integrity/black.json", "")).toBe(false);
    const { xml, count } = sitemapXml(["good-people/region/东城区/index.html", "index.html"], "https://wenming.example.gov.cn");
    expect(count).toBe(2);
    expect(xml.indexOf("<url><loc>https://wenming.example.gov.cn/</loc></url>")).toBeGreaterThan(0);
    expect(xml.indexOf("<loc>https://wenming.example.gov.cn/</loc>")).toBeLessThan(xml.indexOf("region"));
    expect(xml).toContain("/good-people/region/%E4%B8%9C%E5%9F%8E%E5%8C%BA/");
  });
});

describe("links, share images included", () => {
  const files = new Set(["index.html", "og/site.png", "a/index.html"]);
  const checker = new LinkChecker(files, { origin: "https://wenming.example.gov.cn" });
  it.each([
    ['<meta property="og:image" content="https://wenming.example.gov.cn/og/site.png">', []],
    ['<meta property="og:image" content="https://wenming.example.gov.cn/og/batch-black-2025-09.png">', ["/og/batch-black-2025-09.png"]],
    ['<meta name="twitter:image" content="https://wenming.example.gov.cn/og/none.png">', ["/og/none.png"]],
    ['<meta name="description" content="https://wenming.example.gov.cn/nothing/">', []],
    ['<link rel="canonical" href="https://wenming.example.gov.cn/a/">', []],
    ['<link rel="canonical" href="https://wenming.example.gov.cn/404/">', ["/404/"]],
    ['<a href="https://other.example/x" rel="noopener">x</a>', []],
  ])("%s", (html, broken) => {
    const found = checker.page("index.html", html).problems.map((p) => new URL(p.href, "https://wenming.example.gov.cn").pathname);
    expect(found).toEqual(broken);
  });
});

describe("page cache keys", () => {
  const stamp = { asOf: "2026-11-22", site: "s1" };
  it("change with any source digest, the as-of date or the settings", () => {
    const key = pageKey(stamp, { digest: "a" }, { digest: "b" });
    expect(pageKey(stamp, { digest: "a" }, { digest: "c" })).not.toBe(key);
    expect(pageKey({ ...stamp, asOf: "2026-11-23" }, { digest: "a" }, { digest: "b" })).not.toBe(key);
    expect(pageKey({ ...stamp, site: "s2" }, { digest: "a" }, { digest: "b" })).not.toBe(key);
    expect(pageKey(stamp, { digest: "a" }, { digest: "b" })).toBe(key);
  });
  it("refuse a source without a digest instead of ignoring it", () => {
    expect(() => pageKey(stamp, { digest: undefined })).toThrow("缺少内容来源摘要");
    expect(() => groupDigest([{ digest: "a" }, {}])).toThrow();
  });
  it("group digests do not depend on order", () => expect(groupDigest([{ digest: "a" }, { digest: "b" }])).toBe(groupDigest([{ digest: "b" }, { digest: "a" }])));
});

describe("the lists' one stored digest (what makes a kept build process evaluate its pages again)", () => {
  type Row = [list: "red" | "black", id: string, digest: string];
  const lists = (rows: readonly Row[]) => ({
    integrity: rows.map(([list, id]) => ({ list, id })),
    digests: new Map(rows.map(([list, id, digest]) => [`integrity/${list}/${id}`, digest])),
  });
  const base: Row[] = [
    ["red", "2026-11-001", "a"],
    ["black", "2026-11-001", "b"],
    ["black", "2026-11-002", "c"],
  ];
  // Each change as an edit of the base rows (the second row is the one edited).
  const edited = (second: Row[]): Row[] => [base[0] as Row, ...second, base[2] as Row];
  it.each([
    ["an entry changed", edited([["black", "2026-11-001", "B"]])],
    ["an entry added", [...base, ["black", "2026-11-003", "d"]] as Row[]],
    ["an entry removed", edited([])],
    ["two entries swapped", [base[0], base[2], base[1]] as Row[]],
    ["an entry moved to the other list", edited([["red", "2026-11-002", "b"]])],
    ["an id and a digest trading places", edited([["black", "2026-11-001b", ""]])],
  ])("changes with %s", (_change, changed) => expect(listsDigest(lists(changed))).not.toBe(listsDigest(lists(base))));
  it("is the same for the same entries", () => expect(listsDigest(lists(base.map((row) => [...row] as Row)))).toBe(listsDigest(lists(base))));
  it("is made for lists of any size (10x: 200,000 entries; a spread into a call's arguments overflowed the stack there)", () => {
    const many = Array.from({ length: 250_000 }, (_, i): Row => [i % 2 ? "red" : "black", `2026-11-${String(i).padStart(6, "0")}`, `d${i}`]);
    const digest = listsDigest(lists(many));
    expect(digest).toMatch(/^[\w-]{32}$/);
    expect(listsDigest(lists(many.slice(0, -1)))).not.toBe(digest);
  });
});

describe("theme", () => {
  it("puts the settings' colours into custom properties that yield to high contrast", () => {
    expect(themeCss({ primary: "#0B5D3B", accent: "#8A5A00" })).toBe(":root:not(.contrast-high){--primary:#0b5d3b;--primary-dark:#08462c;--accent:#8a5a00}:root{--brand:#0b5d3b}\n");
  });
});

/**
 * Pages kept from the published site (src/lib/build/kept-pages.ts): a page is
 * kept only when its code, key and published file are exactly what the last
 * build recorded; every other variant is rendered. The folders of an older
 * site are reused only when they hold no file (files.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assetsOf, codeStamp, KeptPages, nextRecordFile, pageFile, recordFile, type KeptRecord } from "../../../src/lib/build/kept-pages.ts";
import { recycleFolder, removeEmptyFolders, takeSkeleton } from "../../../src/lib/build/files.ts";
import { siteTree } from "../../../src/lib/checks/site-files.ts";

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "wenming-kept-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe("pageFile: where Astro writes a route's page (build.format directory)", () => {
  it.each([
    ["integrity/[list]", { list: "red" }, "integrity/red/index.html"],
    ["integrity/[list]/[id]", { list: "black", id: "2026-11-001" }, "integrity/black/2026-11-001/index.html"],
    ["integrity/[list]/page/[page]", { list: "red", page: "3" }, "integrity/red/page/3/index.html"],
    ["integrity/[list]/[dim]/[value]/[...page]", { list: "black", dim: "authority", value: "示例市交通运输局", page: undefined }, "integrity/black/authority/示例市交通运输局/index.html"],
    ["integrity/[list]/[dim]/[value]/[...page]", { list: "black", dim: "year", value: "2026", page: "page/2" }, "integrity/black/year/2026/page/2/index.html"],
    ["[...path]", { path: undefined }, "index.html"],
  ] as const)("%s with %j → %s", (pattern, params, file) => {
    expect(pageFile(pattern, params)).toBe(file);
  });

  it("refuses a route whose required parameter is missing", () => {
    expect(() => pageFile("integrity/[list]/[id]", { list: "red" })).toThrow(/缺少参数 id/);
  });

  it.each(["..", ".", "../../etc", "a/../../b"])("refuses a parameter leading out of the site (%s)", (value) => {
    expect(() => pageFile("integrity/[list]/[dim]/[value]/[...page]", { list: "red", dim: "authority", value, page: undefined })).toThrow(/不能含 \. 或 \.\. 路径段/);
  });
});

/** A published site with one build's record, as scripts/build.ts leaves it. */
function published(pages: Record<string, string>, stamp = "code-1"): { site: string; record: KeptRecord } {
  const site = join(work, "dist");
  const record: KeptRecord = { stamp, pages: {} };
  for (const [file, key] of Object.entries(pages)) {
    mkdirSync(join(site, file, ".."), { recursive: true });
    writeFileSync(join(site, file), `<p>${key}</p>`);
    const s = statSync(join(site, file), { bigint: true });
    record.pages[file] = { key, id: `${s.ino}:${s.size}:${s.mtimeNs}` };
  }
  writeFileSync(recordFile(site), JSON.stringify(record));
  return { site, record };
}

const PATTERN = "integrity/[list]/[id]";
const path = (id: string, cacheKey: string) => ({ params: { list: "red", id }, props: { id }, cacheKey });
const FILE = (id: string) => `integrity/red/${id}/index.html`;

/** The next build: filter, then "Astro" writes what it was given, then place. */
function rebuild(from: string, stamp: string, paths: ReturnType<typeof path>[]) {
  const keeping = KeptPages.open(from, stamp);
  const render = keeping.filter(PATTERN, paths);
  const site = join(work, "next");
  for (const p of render) {
    mkdirSync(join(site, FILE(p.params.id), ".."), { recursive: true });
    writeFileSync(join(site, FILE(p.params.id)), "<p>rendered</p>");
  }
  const counts = keeping.place(site);
  return { render, counts, site };
}

describe("KeptPages: what a rebuild keeps from the published site", () => {
  it("keeps a page whose code, key and published file are unchanged: a hard link to the published file", () => {
    const { site } = published({ [FILE("a")]: "k1", [FILE("b")]: "k2" });
    const { render, counts, site: next } = rebuild(site, "code-1", [path("a", "k1"), path("b", "k2-changed")]);
    expect(render.map((p) => p.params.id)).toEqual(["b"]);
    expect(render[0]).not.toHaveProperty("cacheKey");
    expect(counts).toEqual({ kept: 1, rendered: 1 });
    expect(statSync(join(next, FILE("a"))).ino).toBe(statSync(join(site, FILE("a"))).ino);
    expect(readFileSync(join(next, FILE("b")), "utf8")).toBe("<p>rendered</p>");
  });

  it.each([
    ["no record of the published site", (site: string) => rmSync(recordFile(site))],
    ["an unreadable record", (site: string) => writeFileSync(recordFile(site), "{")],
    ["the published page edited in place (same size)", (site: string) => writeFileSync(join(site, FILE("a")), "<p>XY</p>")],
    [
      "the published page replaced by another file",
      (site: string) => {
        writeFileSync(join(site, "copy"), readFileSync(join(site, FILE("a"))));
        renameSync(join(site, "copy"), join(site, FILE("a")));
      },
    ],
    ["the published page deleted", (site: string) => rmSync(join(site, FILE("a")))],
    [
      "the published page replaced by a folder",
      (site: string) => {
        rmSync(join(site, FILE("a")));
        mkdirSync(join(site, FILE("a")));
      },
    ],
  ])("renders the page again after %s", async (_what, spoil) => {
    const { site } = published({ [FILE("a")]: "k1" });
    // A file's time has the kernel's tick as its grain (a few ms): an edit is a moment after the build.
    await new Promise((r) => setTimeout(r, 30));
    spoil(site);
    const { render, counts } = rebuild(site, "code-1", [path("a", "k1")]);
    expect(render.map((p) => p.params.id)).toEqual(["a"]);
    expect(counts).toEqual({ kept: 0, rendered: 1 });
  });

  it("renders every page when the code is not the code of the published site", () => {
    const { site } = published({ [FILE("a")]: "k1" });
    expect(rebuild(site, "code-2", [path("a", "k1")]).render).toHaveLength(1);
  });

  it("renders a page whose key is recorded for another file", () => {
    const { site } = published({ [FILE("a")]: "k1" });
    expect(rebuild(site, "code-1", [path("b", "k1")]).render).toHaveLength(1);
  });

  it("records the new site beside it, never in it, with each page's key and identity", () => {
    const { site } = published({ [FILE("a")]: "k1" });
    const { site: next } = rebuild(site, "code-1", [path("a", "k1"), path("c", "k3")]);
    expect(nextRecordFile(`${next}/`)).toBe(`${next}.kept-pages.next.json`);
    expect(readdirSync(next)).toEqual(["integrity"]);
    const record = JSON.parse(readFileSync(nextRecordFile(next), "utf8")) as KeptRecord;
    expect(record.stamp).toBe("code-1");
    expect(Object.keys(record.pages).sort()).toEqual([FILE("a"), FILE("c")]);
    const c = statSync(join(next, FILE("c")), { bigint: true });
    expect(record.pages[FILE("c")]).toEqual({ key: "k3", id: `${c.ino}:${c.size}:${c.mtimeNs}` });
  });

  it("fails the build when a kept page's published file changes between the check and the link", async () => {
    const { site } = published({ [FILE("a")]: "k1" });
    const keeping = KeptPages.open(site, "code-1");
    expect(keeping.filter(PATTERN, [path("a", "k1")])).toEqual([]);
    await new Promise((r) => setTimeout(r, 30));
    writeFileSync(join(site, FILE("a")), "<p>edited by hand</p>");
    expect(() => keeping.place(join(work, "next"))).toThrow(/在构建期间被改动/);
  });

  it("fails the build when a rendered page is not where its record would say", () => {
    const { site } = published({});
    const keeping = KeptPages.open(site, "code-1");
    keeping.filter(PATTERN, [path("x", "k")]);
    mkdirSync(join(work, "next"));
    expect(() => keeping.place(join(work, "next"))).toThrow(/没有生成到预期位置/);
  });

  it("refuses a page without a cache key", () => {
    const keeping = KeptPages.open(join(work, "none"), "code-1");
    expect(() => keeping.filter(PATTERN, [{ params: { list: "red", id: "a" } }])).toThrow(/缺少缓存键/);
  });
});

describe("assetsOf: the files of Astro's _astro/ folder a page refers to", () => {
  it.each([
    ["an image", '<img src="/_astro/zhao-min.DyuQ17lb_Z2dgiKW.webp" alt="">', ["_astro/zhao-min.DyuQ17lb_Z2dgiKW.webp"]],
    [
      "a srcset of several, and a style sheet",
      '<link rel="stylesheet" href="/_astro/Base.C1x2.css"><source srcset="/_astro/a.x_1.webp 1x, /_astro/a.x_2.webp 2x"><img src="/_astro/a.x_1.webp">',
      ["_astro/Base.C1x2.css", "_astro/a.x_1.webp", "_astro/a.x_2.webp"],
    ],
    ["a name written percent-encoded (Chinese, a space)", '<img src="/_astro/%E8%B5%B5%E6%95%8F%20%E7%85%A7%E7%89%87.Ab_Cd.webp">', ["_astro/赵敏 照片.Ab_Cd.webp"]],
    ["an absolute URL of the site", '<meta property="og:image" content="https://wenming.example.cn/_astro/p.Ab_Cd.jpg">', ["_astro/p.Ab_Cd.jpg"]],
    ["none (share images and posters are the build's own)", '<img src="/posters/a/square.png"><meta content="/og/batch-1.png">', []],
    [
      "a name with parentheses, as Windows names a copy",
      '<source srcset="/_astro/IMG_2042%20(1).Dy_Z1.webp 240w, /_astro/IMG_2042%20(1).Dy_Z2.webp 480w"><img src="/_astro/(2)x.Dy_Z3.jpg">',
      ["_astro/IMG_2042 (1).Dy_Z1.webp", "_astro/IMG_2042 (1).Dy_Z2.webp", "_astro/(2)x.Dy_Z3.jpg"],
    ],
    ["a style sheet's url(), with and without quotes", '@font-face{src:url(/_astro/f.D3.woff2) format("woff2"),url("/_astro/g%20(1).D4.woff")}', ["_astro/f.D3.woff2", "_astro/g (1).D4.woff"]],
    ["a path in an attribute's JSON, its quotes written as entities", '<div data-p="{&quot;src&quot;:&quot;/_astro/p.Ab.png&quot;}">', ["_astro/p.Ab.png"]],
  ])("%s", (_what, html, assets) => {
    expect(assetsOf(html)).toEqual(assets);
  });
});

describe("KeptPages for a route whose pages show optimised images (assets)", () => {
  const PERSON = "good-people/[id]";
  const personFile = (id: string) => `good-people/${id}/index.html`;
  const person = (id: string, cacheKey: string) => ({ params: { id }, props: {}, cacheKey });
  const img = (id: string) => `_astro/${id}.DyuQ17lb_Z2dgiKW.webp`;
  /** The picture Vite writes for every imported photo, and Astro deletes once it has resized it for the pages it rendered. */
  const original = (id: string) => `_astro/${id}.DyuQ17lb.jpg`;

  /** A published site of people's pages, each showing its photo; `assets` as the build recorded them (default: the photo). */
  function publishedPeople(ids: string[], assets?: (id: string) => string[] | undefined) {
    const site = join(work, "dist");
    const record: KeptRecord = { stamp: "code-1", pages: {} };
    for (const id of ids) {
      mkdirSync(join(site, personFile(id), ".."), { recursive: true });
      mkdirSync(join(site, "_astro"), { recursive: true });
      writeFileSync(join(site, img(id)), `photo of ${id}`);
      writeFileSync(join(site, personFile(id)), `<img src="/${img(id)}">`);
      const s = statSync(join(site, personFile(id)), { bigint: true });
      const recorded = assets ? assets(id) : [img(id)];
      record.pages[personFile(id)] = { key: `k-${id}`, id: `${s.ino}:${s.size}:${s.mtimeNs}`, ...(recorded ? { assets: recorded } : {}) };
    }
    writeFileSync(recordFile(site), JSON.stringify(record));
    return site;
  }

  /** The next build: what is not kept is "rendered" showing its photo, which "Astro" makes. */
  function rebuildPeople(site: string, paths: ReturnType<typeof person>[]) {
    const keeping = KeptPages.open(site, "code-1");
    const render = keeping.filter(PERSON, paths, { assets: true });
    const next = join(work, "next");
    for (const { params } of render) {
      mkdirSync(join(next, personFile(params.id), ".."), { recursive: true });
      mkdirSync(join(next, "_astro"), { recursive: true });
      writeFileSync(join(next, img(params.id)), `new photo of ${params.id}`);
      writeFileSync(join(next, personFile(params.id)), `<img src="/${img(params.id)}">`);
    }
    const counts = keeping.place(next);
    return { render: render.map((p) => p.params.id), counts, next, record: JSON.parse(readFileSync(nextRecordFile(next), "utf8")) as KeptRecord };
  }

  it("keeps a page with its images, linked from the published site", () => {
    const site = publishedPeople(["a", "b"]);
    const { render, counts, next, record } = rebuildPeople(site, [person("a", "k-a"), person("b", "k-b-changed")]);
    expect(render).toEqual(["b"]);
    expect(counts).toEqual({ kept: 1, rendered: 1 });
    expect(statSync(join(next, img("a"))).ino).toBe(statSync(join(site, img("a"))).ino);
    expect(record.pages[personFile("a")]?.assets).toEqual([img("a")]);
  });

  it("records the images a rendered page shows, read from the page written", () => {
    const site = publishedPeople([]);
    const { record } = rebuildPeople(site, [person("c", "k-c")]);
    expect(record.pages[personFile("c")]?.assets).toEqual([img("c")]);
  });

  it("leaves an image this build made for a page it rendered, and takes no image of a page it did not keep", () => {
    const site = publishedPeople(["a", "b"], (id) => (id === "a" ? [img("a"), img("b")] : [img("b")]));
    const { next } = rebuildPeople(site, [person("a", "k-a"), person("b", "k-b-changed")]);
    // b's image is the one this build made for b's page, not the published one a also referred to.
    expect(readFileSync(join(next, img("b")), "utf8")).toBe("new photo of b");
  });

  it.each([
    ["an image of the page deleted from the published site", (site: string) => rmSync(join(site, img("a"))), undefined],
    ["a record without the page's images (made before its route showed any)", () => undefined, () => undefined],
  ])("renders the page again after %s", (_what, spoil, assets) => {
    const site = publishedPeople(["a"], assets);
    spoil(site);
    const { render, next } = rebuildPeople(site, [person("a", "k-a")]);
    expect(render).toEqual(["a"]);
    expect(readFileSync(join(next, img("a")), "utf8")).toBe("new photo of a");
  });

  it("fails the build when a kept page's image is deleted from the published site between the check and the link", () => {
    const site = publishedPeople(["a"]);
    const keeping = KeptPages.open(site, "code-1");
    expect(keeping.filter(PERSON, [person("a", "k-a")], { assets: true })).toEqual([]);
    rmSync(join(site, img("a")));
    expect(() => keeping.place(join(work, "next"))).toThrow(/_astro\/a\.DyuQ17lb_Z2dgiKW\.webp 在构建期间被删除（页面 good-people\/a\/index\.html 用到它）/);
  });

  /** A rebuild keeping a's page, where Vite wrote the originals of `written` (as it does for every imported picture). */
  function rebuildWithOriginals(site: string, written: string[]) {
    const keeping = KeptPages.open(site, "code-1");
    keeping.filter(PERSON, [person("a", "k-a")], { assets: true });
    const next = join(work, "next");
    mkdirSync(join(next, "_astro"), { recursive: true });
    for (const id of written) writeFileSync(join(next, original(id)), `original of ${id}`);
    writeFileSync(join(next, "_astro/Base.C1x2abcd.css"), "css");
    keeping.place(next);
    return readdirSync(join(next, "_astro")).sort();
  }

  it("removes the original of a picture that only kept pages show, as a build of every page would", () => {
    const site = publishedPeople(["a"]);
    // z's original: no kept page shows z (Astro would resize and delete it, or keep it, for a page it rendered).
    expect(rebuildWithOriginals(site, ["a", "z"])).toEqual(["Base.C1x2abcd.css", "a.DyuQ17lb_Z2dgiKW.webp", "z.DyuQ17lb.jpg"]);
  });

  it("keeps the original of a picture a page shows itself", () => {
    const site = publishedPeople(["a"], (id) => [img(id), original(id)]);
    writeFileSync(join(site, original("a")), "original of a");
    expect(rebuildWithOriginals(site, ["a"])).toEqual(["Base.C1x2abcd.css", "a.DyuQ17lb.jpg", "a.DyuQ17lb_Z2dgiKW.webp"]);
  });

  it("a route without assets records none, and keeps its pages without looking for any", () => {
    const { site } = published({ [FILE("a")]: "k1" });
    const { record } = (() => {
      const r = rebuild(site, "code-1", [path("a", "k1"), path("b", "k2")]);
      return { record: JSON.parse(readFileSync(nextRecordFile(r.site), "utf8")) as KeptRecord };
    })();
    expect(Object.values(record.pages).map((p) => p.assets)).toEqual([undefined, undefined]);
  });
});

describe("codeStamp: the code pages are rendered from", () => {
  function project(): string {
    const root = join(work, "project");
    mkdirSync(join(root, "src", "components"), { recursive: true });
    mkdirSync(join(root, "public"), { recursive: true });
    writeFileSync(join(root, "src", "components", "Card.astro"), "<p>card</p>");
    writeFileSync(join(root, "public", "favicon.svg"), "<svg/>");
    writeFileSync(join(root, "astro.config.mjs"), "export default {}");
    writeFileSync(join(root, "package-lock.json"), "{}");
    return root;
  }

  it.each([
    ["a component", (root: string) => writeFileSync(join(root, "src", "components", "Card.astro"), "<p>card!</p>")],
    ["a new source file", (root: string) => writeFileSync(join(root, "src", "x.ts"), "")],
    ["a public file", (root: string) => writeFileSync(join(root, "public", "favicon.svg"), "<svg />")],
    ["the config", (root: string) => writeFileSync(join(root, "astro.config.mjs"), "export default { a: 1 }")],
    ["the lockfile (a library's version)", (root: string) => writeFileSync(join(root, "package-lock.json"), '{"a":1}')],
  ])("changes with %s", (_what, change) => {
    const root = project();
    const before = codeStamp(root, {});
    change(root);
    expect(codeStamp(root, {})).not.toBe(before);
  });

  it("changes with the build's settings, not with where its stages write or how much it logs", () => {
    const root = project();
    const base = codeStamp(root, { WENMING_CONTENT: "/c" });
    expect(codeStamp(root, { WENMING_CONTENT: "/c", WENMING_PREVIEW: "1" })).not.toBe(base);
    expect(codeStamp(root, { WENMING_CONTENT: "/d" })).not.toBe(base);
    expect(codeStamp(root, { WENMING_CONTENT: "/c", WENMING_LOG: "debug", WENMING_STAGE_OUT: "/tmp/x", WENMING_KEEP_FROM: "/dist", PATH: "/bin" })).toBe(base);
  });
});

describe("the folders of an older site", () => {
  it("removeEmptyFolders removes folders left empty at any depth, and keeps the root and every folder with a file", () => {
    const root = join(work, "site");
    mkdirSync(join(root, "a", "b", "c"), { recursive: true });
    mkdirSync(join(root, "d", "e"), { recursive: true });
    writeFileSync(join(root, "d", "page.html"), "");
    mkdirSync(join(root, "f"));
    expect(removeEmptyFolders(root)).toBe(5);
    expect(readdirSync(root)).toEqual(["d"]);
    expect(readdirSync(join(root, "d"))).toEqual(["page.html"]);
  });

  // Trees as paths: "x/" a folder, anything else a file. `later` is written after the listing (the index, posters).
  const trees: { name: string; tree: string[]; later?: string[] }[] = [
    { name: "nothing empty", tree: ["a/index.html", "b/c/index.html"] },
    { name: "empty at every depth", tree: ["a/b/c/", "d/e/", "d/page.html", "f/", "g/h/i/j/"] },
    { name: "an empty sibling of a page's folder", tree: ["people/1/index.html", "people/2/", "people/3/x/"] },
    { name: "emptied folders given files after the listing", tree: ["posters/a/", "og/", "pagefind/", "p/index.html"], later: ["posters/a/x.png", "pagefind/fragment/f.pf"] },
    { name: "only folders", tree: ["a/", "b/c/", "b/d/e/"] },
    { name: "a file named like a folder's prefix", tree: ["ab/index.html", "a/", "a/b/"] },
  ];
  const make = (root: string, paths: readonly string[]) => {
    for (const p of paths) {
      if (p.endsWith("/")) mkdirSync(join(root, p), { recursive: true });
      else {
        mkdirSync(join(root, p, ".."), { recursive: true });
        writeFileSync(join(root, p), "");
      }
    }
  };
  const listing = (root: string): string[] =>
    readdirSync(root, { recursive: true, withFileTypes: true })
      .map((e) => `${join(e.parentPath, e.name).slice(root.length + 1)}${e.isDirectory() ? "/" : ""}`)
      .sort();

  it.each(trees)("removeEmptyFolders with the build's earlier listing leaves what a visit of every folder leaves: $name", ({ tree, later = [] }) => {
    const visited = join(work, "visited");
    const listed = join(work, "listed");
    for (const root of [visited, listed]) make(root, tree);
    const earlier = siteTree(listed);
    for (const root of [visited, listed]) make(root, later);
    const removedByVisit = removeEmptyFolders(visited);
    expect(removeEmptyFolders(listed, earlier)).toBe(removedByVisit);
    expect(listing(listed)).toEqual(listing(visited));
    // Every file is still there, and no folder without one is left.
    for (const file of [...tree, ...later].filter((p) => !p.endsWith("/"))) expect(existsSync(join(listed, file))).toBe(true);
    for (const folder of listing(listed).filter((p) => p.endsWith("/"))) expect(listing(join(listed, folder)).some((p) => !p.endsWith("/"))).toBe(true);
  });

  it("takeSkeleton takes a tree of folders only, and discards one with any file in it", () => {
    const skeleton = join(work, "dist.skeleton");
    expect(takeSkeleton(skeleton, join(work, "tmp"))).toBe(false);
    mkdirSync(join(skeleton, "a", "b"), { recursive: true });
    expect(takeSkeleton(skeleton, join(work, "tmp"))).toBe(true);
    expect(existsSync(join(work, "tmp", "a", "b"))).toBe(true);
    mkdirSync(join(skeleton, "a", "b"), { recursive: true });
    writeFileSync(join(skeleton, "a", "b", "left.html"), "");
    expect(takeSkeleton(skeleton, join(work, "tmp2"))).toBe(false);
    expect(existsSync(join(work, "tmp2"))).toBe(false);
    expect(existsSync(skeleton)).toBe(false);
  });

  it("recycleFolder empties a replaced site in the background and leaves its folders as the next skeleton", async () => {
    const old = join(work, "dist.old");
    mkdirSync(join(old, "x", "y"), { recursive: true });
    writeFileSync(join(old, "x", "y", "index.html"), "old page");
    writeFileSync(join(old, "top.html"), "old");
    recycleFolder(old, join(work, "dist.skeleton"), join(work, "dist"));
    expect(existsSync(old)).toBe(false);
    for (let i = 0; i < 100 && !existsSync(join(work, "dist.skeleton")); i++) await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(join(work, "dist.skeleton"), { recursive: true }).sort()).toEqual(["x", "x/y"]);
    expect(readdirSync(work).filter((n) => n.includes("emptying"))).toEqual([]);
  });

  it("recycleFolder sweeps a folder left half-emptied by a process stopped more than an hour ago, and leaves a younger one", async () => {
    const stale = join(work, `dist.skeleton.emptying-123-${Date.now() - 2 * 60 * 60 * 1000}`);
    const young = join(work, `dist.skeleton.emptying-124-${Date.now() - 60 * 1000}`);
    for (const dir of [stale, young]) {
      mkdirSync(join(dir, "a"), { recursive: true });
      writeFileSync(join(dir, "a", "index.html"), "left");
    }
    mkdirSync(join(work, "dist"));
    mkdirSync(join(work, "dist.skeleton"));
    recycleFolder(join(work, "dist.old"), join(work, "dist.skeleton"), join(work, "dist"));
    for (let i = 0; i < 100 && readdirSync(work).some((n) => n.includes("trash")); i++) await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(work).sort()).toEqual(["dist", "dist.skeleton", young.slice(work.length + 1)]);
  });

  it("recycleFolder with no replaced site (a first build) makes the new site's folders, without its files, as the next skeleton", async () => {
    const site = join(work, "dist");
    mkdirSync(join(site, "a", "b"), { recursive: true });
    mkdirSync(join(site, "c"), { recursive: true });
    writeFileSync(join(site, "a", "b", "index.html"), "page");
    recycleFolder(join(work, "dist.old"), join(work, "dist.skeleton"), site);
    for (let i = 0; i < 100 && !existsSync(join(work, "dist.skeleton")); i++) await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(join(work, "dist.skeleton"), { recursive: true }).sort()).toEqual(["a", "a/b", "c"]);
    expect(readFileSync(join(site, "a", "b", "index.html"), "utf8")).toBe("page");
    expect(readdirSync(work).filter((n) => n.includes("emptying"))).toEqual([]);
  });
});

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
import { codeStamp, KeptPages, nextRecordFile, pageFile, recordFile, type KeptRecord } from "../../../src/lib/build/kept-pages.ts";
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

/**
 * `npm run build` as staff run it: bad content fails the build with the file
 * and problem named, personal data in the output fails it, and a failed build
 * leaves the last good site in place.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { scanForPersonalData } from "../../src/lib/checks/output-scan.ts";
import { buildSite, contentWith, sampleContent } from "./helpers.ts";
import { docx, FULL_ID, MOBILE, pdf, xlsx } from "../fixtures/documents.ts";

function build(content: string, out: string) {
  const r = buildSite({ content, out, caches: mkdtempSync(join(tmpdir(), "wenming-caches-")), skipPosters: true });
  return { code: r.code, out: r.log };
}

function lastGoodSite(): string {
  const out = join(mkdtempSync(join(tmpdir(), "wenming-out-")), "dist");
  mkdirSync(out);
  writeFileSync(join(out, "index.html"), "last good build");
  return out;
}

describe("a failed build", () => {
  it.each(["dangling-reference", "unparsable-yaml", "duplicate-id", "missing-required-field"])("with bad content (%s) names the file and keeps the last good dist", (fixture) => {
    const out = lastGoodSite();
    const { code, out: log } = build(contentWith(fixture), out);
    expect(code).toBe(1);
    expect(log).toContain(readFileSync(join("tests/fixtures/bad", fixture, "expect.txt"), "utf8").trim());
    expect(log).toContain("已保留上一次成功构建");
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("last good build");
  });

  it("with a mobile number in the site settings names the file, line and setting, before any page is built", () => {
    const content = contentWith("dangling-reference");
    cpSync("content/ads/yangquan.yaml", join(content, "ads/yangquan.yaml"));
    const site = readFileSync(join(content, "site.yaml"), "utf8").replace("phone: 0000-12345678", 'phone: "１３９ １２３４ ５６７８"');
    writeFileSync(join(content, "site.yaml"), site);
    const out = lastGoodSite();
    const { code, out: log } = build(content, out);
    expect(code).toBe(1);
    expect(log).toContain("content/site.yaml:9 · contact.phone · 含手机号码（139…）");
    expect(log).not.toContain("1391234");
    expect(log.indexOf("构建失败")).toBeLessThan(log.indexOf("内容检查未通过"));
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("last good build");
    expect(existsSync(`${out}.tmp`)).toBe(false);
  });
});

/** A folder on another file system than the project's (tmpfs), where the machine has one. */
const otherDisk = existsSync("/dev/shm") && statSync("/dev/shm").dev !== statSync(process.cwd()).dev ? "/dev/shm" : undefined;

describe("a build whose output folder is on another file system than the project", () => {
  // A workbench with --data on a volume of its own (README): Astro bundles the pages in the project and
  // renamed its style sheets into the output folder, which failed with EXDEV before any page was built.
  it.skipIf(!otherDisk).each([
    { stages: "one", how: "in one process" },
    { stages: "two", how: "in two processes" },
  ])("builds and publishes the site ($how) and leaves nothing behind in either place", async ({ stages }) => {
    const parent = mkdtempSync(join(otherDisk ?? tmpdir(), "wenming-other-disk-"));
    const out = join(parent, "dist");
    try {
      const r = buildSite({ content: sampleContent(), out, caches: join(parent, "caches"), skipPosters: true, env: { WENMING_BUILD_STAGES: stages } });
      expect(r.log).not.toContain("EXDEV");
      expect(r.code).toBe(0);
      expect(readFileSync(join(out, "index.html"), "utf8")).toContain("文明");
      expect(readdirSync(join(out, "_astro")).some((f) => f.endsWith(".css"))).toBe(true);
      expect(readdirSync(parent).filter((f) => f.includes("prerender") || f.endsWith(".tmp"))).toEqual([]);
      // (The project's .astro/.prerender is not looked at: the next build of the suite may have linked it already.)
    } finally {
      // The build's helper makes the next build's folders beside the site (files.ts: recycleFolder) after it has
      // ended; removed before it is done, it would leave its folders in memory (tmpfs).
      const end = Date.now() + 20_000;
      while (existsSync(out) && !existsSync(`${out}.skeleton`) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe("a build the machine fails", () => {
  it("says so first, in Chinese, with the path and the system's code, exits with status 1 and leaves the file as it was", () => {
    // The output folder's parent is a file: the build cannot make its folders there (ENOTDIR).
    const parent = join(mkdtempSync(join(tmpdir(), "wenming-machine-")), "a-file");
    writeFileSync(parent, "");
    const { code, out: log } = build(sampleContent(), join(parent, "dist"));
    expect(code).toBe(1);
    const advice = log.split("\n").find((line) => line.endsWith("（系统错误 ENOTDIR）"));
    expect(advice).toMatch(/^路径中应为文件夹的一段是文件（.*a-file.*）：请检查输出、数据或发布目录的设置。/);
    expect(log.indexOf("构建失败")).toBeLessThan(log.indexOf(advice ?? "—"));
    expect(log.indexOf(advice ?? "—")).toBeLessThan(log.indexOf("ENOTDIR:"));
    expect(readFileSync(parent, "utf8")).toBe("");
    // Its own cleanup, which meets the same file, neither crashes the explanation nor hides it.
    expect(log).not.toMatch(/ERR_INVALID_ARG_TYPE|node:internal/);
    expect(log).toContain("（清理临时文件时出错，下次构建会再试：");
  });
});

describe("a build in two processes (Astro's own, then the index and checks)", () => {
  const failing = (where: "pages" | "after") => {
    const caches = mkdtempSync(join(tmpdir(), "wenming-caches-"));
    // Astro's cache folder, or the search index's, is a file: the stage that needs it fails.
    mkdirSync(join(caches, "wenming"), { recursive: true });
    writeFileSync(where === "pages" ? join(caches, "astro") : join(caches, "wenming", "search"), "not a folder");
    const out = lastGoodSite();
    return { out, ...buildSite({ content: sampleContent(), out, caches, skipPosters: true, env: { WENMING_BUILD_STAGES: "two" } }) };
  };
  it.each(["pages", "after"] as const)("failing in its %s stage says so once, keeps the last good site and leaves no temporary folder", (where) => {
    const r = failing(where);
    expect(r.code).toBe(1);
    expect(r.log.split("构建失败，未发布任何内容").length - 1, r.log).toBe(1);
    expect(readFileSync(join(r.out, "index.html"), "utf8")).toBe("last good build");
    expect(existsSync(`${r.out}.tmp`)).toBe(false);
  });
  it("in one process, a failing search index fails the build once and keeps the last good site", () => {
    const caches = mkdtempSync(join(tmpdir(), "wenming-caches-"));
    mkdirSync(join(caches, "wenming"), { recursive: true });
    writeFileSync(join(caches, "wenming", "search"), "not a folder");
    const out = lastGoodSite();
    const r = buildSite({ content: sampleContent(), out, caches, skipPosters: true, env: { WENMING_BUILD_STAGES: "one" } });
    expect(r.code).toBe(1);
    expect(r.log.split("构建失败，未发布任何内容").length - 1, r.log).toBe(1);
    expect(r.log).not.toContain("分两个进程构建");
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("last good build");
    expect(existsSync(`${out}.tmp`)).toBe(false);
  });
  it("a bad WENMING_BUILD_STAGES is named with what was received, before anything is built", () => {
    const out = lastGoodSite();
    const r = buildSite({ content: sampleContent(), out, caches: mkdtempSync(join(tmpdir(), "wenming-caches-")), skipPosters: true, env: { WENMING_BUILD_STAGES: "2" } });
    expect(r.code).toBe(1);
    expect(r.log).toContain("环境变量 WENMING_BUILD_STAGES 应为 one、two 或 auto（按内容规模自动选择），收到“2”");
    expect(r.log).not.toContain("[build]");
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("last good build");
  });
});

describe("a build over the memory limit", () => {
  it.each(["one", "two"])("does not start (in %s process(es)): exit status 3, the limit and the content named once, the last good site kept", (stages) => {
    const out = lastGoodSite();
    const r = buildSite({ content: sampleContent(), out, caches: mkdtempSync(join(tmpdir(), "wenming-caches-")), skipPosters: true, env: { WENMING_MEMORY_GIB: "1", WENMING_BUILD_STAGES: stages } });
    expect(r.log.split("内容规模超出构建的内存上限").length - 1, r.log).toBe(1);
    expect(r.log).not.toContain("[build]");
    expect(r.code).toBe(3);
    expect(r.log).toMatch(/内容规模超出构建的内存上限：共 \d+ 项内容（红黑榜条目 \d+、好人 \d+、/);
    expect(r.log).toContain("超过上限 1.0 GiB（环境变量 WENMING_MEMORY_GIB 的设置）");
    expect(r.log).not.toContain("详细信息");
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("last good build");
    expect(existsSync(`${out}.tmp`)).toBe(false);
  });
  it("a bad limit is named with what was received", () => {
    const r = buildSite({ content: sampleContent(), out: lastGoodSite(), caches: mkdtempSync(join(tmpdir(), "wenming-caches-")), skipPosters: true, env: { WENMING_MEMORY_GIB: "4GB" } });
    expect(r.code).toBe(1);
    expect(r.log).toContain("环境变量 WENMING_MEMORY_GIB 应为正数（单位 GiB，例如 8），收到“4GB”");
  });
});

describe("scanForPersonalData", () => {
  it("finds numbers in HTML, JSON, CSV, feeds and the gzipped search index", async () => {
    const root = mkdtempSync(join(tmpdir(), "wenming-scan-"));
    mkdirSync(join(root, "pagefind", "fragment"), { recursive: true });
    writeFileSync(join(root, "a.html"), "<p>身份证 11010519491231002X</p>");
    writeFileSync(join(root, "b.json"), '{"phone":"13812345678"}');
    writeFileSync(join(root, "c.csv"), "name,id\n张某,110105********002X\n");
    writeFileSync(join(root, "pagefind", "fragment", "x.pf_fragment"), gzipSync(Buffer.from('{"content":"电话 13700001111"}')));
    const leaks = await scanForPersonalData(root);
    expect(leaks.map((l) => `${l.file}:${l.kind}`).sort()).toEqual(["a.html:id", "b.json:mobile", "pagefind/fragment/x.pf_fragment:mobile"]);
  });

  it("finds numbers written in other forms in every kind of published file", async () => {
    const root = mkdtempSync(join(tmpdir(), "wenming-scan-"));
    mkdirSync(join(root, "pagefind", "fragment"), { recursive: true });
    writeFileSync(join(root, "a.html"), "<p>电话 １３９ １２３４ ５６７８</p>");
    writeFileSync(join(root, "b.json"), '{"reason":"身份证 110105-19491231-002X"}');
    writeFileSync(join(root, "c.xml"), "<summary>139\u00AD1234\u00AD5678</summary>");
    writeFileSync(join(root, "pagefind", "fragment", "x.pf_fragment"), gzipSync(Buffer.from('{"content":"手机\u200B139\u200B.\u200B1234\u200B.\u200B5678"}')));
    const leaks = await scanForPersonalData(root);
    expect(leaks.map((l) => `${l.file}:${l.kind}`).sort()).toEqual(["a.html:mobile", "b.json:id", "c.xml:mobile", "pagefind/fragment/x.pf_fragment:mobile"]);
  });

  it("reads the text of published attachments, and stops one it cannot read", async () => {
    const root = mkdtempSync(join(tmpdir(), "wenming-scan-"));
    mkdirSync(join(root, "news", "files"), { recursive: true });
    writeFileSync(join(root, "news/files/名单.pdf"), await pdf([[["志愿者", "1", MOBILE]]]));
    writeFileSync(join(root, "news/files/汇总.xlsx"), xlsx([["身份证号"], [FULL_ID]]));
    writeFileSync(join(root, "news/files/旧表.xls"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    writeFileSync(join(root, "news/files/通知.docx"), docx([["请于 2026-12-10 前报名。"]]));
    const clean = new Set<string>();
    const leaks = await scanForPersonalData(root, clean);
    expect(leaks.map((l) => `${l.file}:${l.kind}:${l.kind === "unreadable" ? "" : l.masked}`).sort()).toEqual([
      "news/files/名单.pdf:mobile:139…78（第 1 页）",
      "news/files/旧表.xls:unreadable:",
      "news/files/汇总.xlsx:id:110…" + FULL_ID.slice(-2) + "（表格中的文字）",
    ]);
    // The clean document is remembered by its bytes; the others are read again next time.
    expect(clean.size).toBe(1);
    expect(await scanForPersonalData(root, clean)).toHaveLength(3);
  });

  it("an attachment clean only because a credit code was allowed is read again: the next build may not allow it", async () => {
    const root = mkdtempSync(join(tmpdir(), "wenming-scan-"));
    mkdirSync(join(root, "news", "files"), { recursive: true });
    const code = "911101198001011769"; // a published credit code that also passes as an ID number
    writeFileSync(join(root, "news/files/名单.docx"), docx([["企业名单", code]]));
    const clean = new Set<string>();
    expect(await scanForPersonalData(root, clean, new Set([code]))).toEqual([]);
    expect(clean.size).toBe(0);
    expect((await scanForPersonalData(root, clean)).map((l) => `${l.file}:${l.kind}`)).toEqual(["news/files/名单.docx:id"]);
  });

  it("accepts exactly the allowed credit codes, also where Pagefind split them", async () => {
    const root = mkdtempSync(join(tmpdir(), "wenming-scan-"));
    mkdirSync(join(root, "pagefind", "fragment"), { recursive: true });
    const code = "911101198001011769"; // a published credit code that also passes as an ID number
    writeFileSync(join(root, "entry.html"), `<dd>${code}</dd>`);
    // What stopped the 5x build: Pagefind stored 919901001003111E0G as 919901001003111 + U+200B + E0G.
    writeFileSync(join(root, "pagefind", "fragment", "y.pf_fragment"), gzipSync(Buffer.from('{"content":"法人\u200B。\u200B919901001003111\u200BE0G"}')));
    writeFileSync(join(root, "other.html"), "<p>911101198001011769 与 11010519491231002X</p>");
    const leaks = await scanForPersonalData(root, new Set(), new Set([code]));
    expect(leaks.map((l) => `${l.file}:${l.kind}:${l.masked}`)).toEqual(["other.html:id:110…2X"]);
  });
});

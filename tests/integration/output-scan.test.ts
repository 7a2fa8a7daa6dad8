/** The output scan on a small built site: links, anchors, pending files, personal data and sitemap pages, in one pass. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { checkAnchors, checkLinks, checkPending } from "../../src/lib/checks/links.ts";
import { loadFindings, saveFindings, scanOutput, type OutputScan } from "../../src/lib/checks/output-scan.ts";
import { siteFiles } from "../../src/lib/checks/site-files.ts";
import { startScanThread } from "../../src/lib/checks/scan-thread.ts";

// Every read is counted (findings spare reading a file that has not changed).
vi.mock("node:fs", async (original) => {
  const fs = await original<typeof import("node:fs")>();
  return { ...fs, readFileSync: vi.fn(fs.readFileSync) };
});

let root: string;
const write = (rel: string, text: string) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
};
const page = (body: string, head = "") => `<!doctype html><html><head>${head}</head><body><a href="#main">跳到正文</a><main id="main">${body}</main></body></html>`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "wenming-output-"));
  write(
    "index.html",
    page(
      '<a href="/conventions/shimin/#第1条">第一条</a> <a href="/good-people/region/东城区/">东城区</a> <a href="/good-people/region/%E8%A5%BF%E5%9F%8E%E5%8C%BA/">西城区</a> <a href="/search/?q=%E6%96%87%E6%98%8E">搜索</a> <img src="/og/site.png" alt="">',
    ),
  );
  write("conventions/shimin/index.html", page('<h2 id="第1条">第一条</h2> <a href="../../">首页</a> <a href="#第2条">第二条</a> <a href="/sitemap.xml">网站地图</a>'));
  write("good-people/region/东城区/index.html", page('<a href="/conventions/shimin/#第9条">不存在的条</a> <a href="https://example.org/">外部</a>', '<meta name="robots" content="noindex">'));
  write("good-people/region/西城区/index.html", page('<a href="/etiquette/missing/">不存在的页面</a> <a href="https://example.org/" rel="noopener">外部</a> <p>电话 13912345678</p>'));
  write("search/index.html", page("<p>搜索</p>"));
  write("og/site.png", "png");
  write("data/list.json", '{"id":"11010519491231002X","code":"911101198001011769"}');
});

describe("links", () => {
  const expected = [
    "/conventions/shimin/ → #第2条：锚点 #第2条 在目标页面中不存在",
    '/good-people/region/东城区/ → https://example.org/：外部链接缺少 rel="noopener"',
    "/good-people/region/西城区/ → /etiquette/missing/：链接指向的页面或文件不存在",
    "/good-people/region/东城区/ → /conventions/shimin/#第9条：锚点 #第9条 在目标页面中不存在",
  ];
  it("checkLinks finds missing pages, anchors on the page and on other pages, and unsafe external links", async () => {
    const problems = await checkLinks(root, { skip: (p) => p === "/sitemap.xml" });
    expect(problems.map((p) => `${p.page} → ${p.href}：${p.problem}`).sort()).toEqual([...expected].sort());
  });

  it("scanOutput finds the same in one pass, keeps files written later pending, and lists sitemap pages", async () => {
    const files = siteFiles(root);
    const scan = await scanOutput({ root, files, siteFiles: files, clean: [], allowed: ["911101198001011769"], pendingLinkPrefixes: ["/sitemap.xml"] });
    const links = [...scan.links, ...(await checkAnchors(root, scan.anchors))];
    expect(links.map((p) => `${p.page} → ${p.href}：${p.problem}`).sort()).toEqual([...expected].sort());
    expect(scan.pending.map((p) => `${p.page} → ${p.path}`)).toEqual(["/conventions/shimin/ → /sitemap.xml"]);
    expect(checkPending(new Set(files), scan.pending)).toHaveLength(1);
    expect(checkPending(new Set([...files, "sitemap.xml"]), scan.pending)).toEqual([]);
    // The ID in the JSON and the mobile number on a page; the allowed credit code is not reported.
    expect(scan.leaks.map((l) => `${l.file}:${l.kind}:${l.masked}`).sort()).toEqual(["data/list.json:id:110…2X", "good-people/region/西城区/index.html:mobile:139…78"]);
    expect(scan.indexable.sort()).toEqual(["conventions/shimin/index.html", "good-people/region/西城区/index.html", "index.html", "search/index.html"]);
  });

  it("keeps links matching a pending pattern for later, and only those", async () => {
    write("pics/index.html", page('<img src="/_astro/p.Ab_Cd.webp" alt=""><img src="/_astro/missing.Ab.png" alt=""><link rel="stylesheet" href="/_astro/gone.css">'));
    try {
      const files = siteFiles(root);
      const scan = await scanOutput({ root, files, siteFiles: files, clean: [], allowed: [], pendingLinkPatterns: [/^\/_astro\/[^/]+\.(png|webp)$/] });
      expect(scan.pending.filter((p) => p.page === "/pics/").map((p) => p.path)).toEqual(["/_astro/p.Ab_Cd.webp", "/_astro/missing.Ab.png"]);
      expect(scan.links.filter((l) => l.page === "/pics/").map((l) => l.href)).toEqual(["/_astro/gone.css"]);
      expect(checkPending(new Set([...files, "_astro/p.Ab_Cd.webp"]), scan.pending).map((l) => l.href)).toEqual(["/_astro/missing.Ab.png"]);
    } finally {
      rmSync(join(root, "pics"), { recursive: true });
    }
  });

  it("skips files found clean before, and reports which are clean now", async () => {
    const files = siteFiles(root);
    const allowed = ["911101198001011769"];
    const first = await scanOutput({ root, files, clean: [], allowed });
    expect(first.clean.length).toBe(files.filter((f) => !f.endsWith(".png")).length - 2);
    const second = await scanOutput({ root, files, clean: first.clean, allowed });
    expect(second.leaks).toHaveLength(2);
    expect(second.clean.sort()).toEqual([...first.clean].sort());
  });

  it("a file clean only because a value was allowed is scanned again: the next build may not allow it", async () => {
    write("data/codes.json", '{"code":"911101198001011769"}');
    try {
      const files = ["data/codes.json"];
      const first = await scanOutput({ root, files, clean: [], allowed: ["911101198001011769"] });
      expect(first.leaks).toEqual([]);
      expect(first.clean).toEqual([]);
      // The entry is gone from the lists (its code no longer allowed); the file is the same.
      const next = await scanOutput({ root, files, clean: first.clean, allowed: [] });
      expect(next.leaks.map((l) => `${l.file}:${l.kind}`)).toEqual(["data/codes.json:id"]);
    } finally {
      rmSync(join(root, "data/codes.json"));
    }
  });
});

describe("findings reused while a file is the same file", () => {
  const pending = ["/sitemap.xml"];
  const scan = async (findings?: OutputScan["findings"], allowed: string[] = []) => {
    const files = siteFiles(root);
    return scanOutput({ root, files, siteFiles: files, clean: [], allowed, pendingLinkPrefixes: pending, findings });
  };
  const lines = (s: OutputScan) => [...s.links.map((p) => `${p.page} → ${p.href}：${p.problem}`), ...s.leaks.map((l) => `${l.file}:${l.kind}`)].sort();
  it("finds the same with the last scan's findings, and has findings only for files with no personal data at all", async () => {
    const first = await scan(undefined, ["911101198001011769"]);
    const second = await scan(first.findings, ["911101198001011769"]);
    expect(lines(second)).toEqual(lines(first));
    expect(second.indexable.sort()).toEqual(first.indexable.sort());
    // The page with a mobile number and the data file (an ID, and an allowed code) are read every time.
    expect(Object.keys(first.findings).sort()).toEqual(["conventions/shimin/index.html", "good-people/region/东城区/index.html", "index.html", "search/index.html"]);
  });

  it("reads no file that is still the very file it found clean, and reads a file again once it is edited", async () => {
    write("extra/index.html", page("<p>电话 00000000000</p>"));
    try {
      const first = await scan();
      expect(first.findings["extra/index.html"]).toBeDefined();
      vi.mocked(readFileSync).mockClear();
      await scan(first.findings);
      const read = vi.mocked(readFileSync).mock.calls.map(([path]) => String(path).slice(root.length + 1));
      expect(read.sort()).toEqual(["data/list.json", "good-people/region/西城区/index.html"]);
      // An edit moves the file's time (on the kernel's tick: a few ms after the scan).
      await new Promise((r) => setTimeout(r, 30));
      write("extra/index.html", page("<p>电话 13912345678</p>"));
      expect((await scan(first.findings)).leaks.map((l) => l.file)).toContain("extra/index.html");
    } finally {
      rmSync(join(root, "extra"), { recursive: true });
    }
  });

  it("resolves a reused page's links against the site as it is now", async () => {
    write("extra/index.html", page('<a href="/gone/">将删除</a>'));
    write("gone/index.html", page("<p>在</p>"));
    try {
      const first = await scan();
      expect(first.links.filter((l) => l.page === "/extra/")).toEqual([]);
      rmSync(join(root, "gone"), { recursive: true });
      const second = await scan(first.findings);
      expect(second.findings["extra/index.html"]).toBe(first.findings["extra/index.html"]);
      expect(second.links.filter((l) => l.page === "/extra/").map((l) => l.problem)).toEqual(["链接指向的页面或文件不存在"]);
    } finally {
      rmSync(join(root, "extra"), { recursive: true });
    }
  });

  // A page written again as a new file (Astro restoring it from its cache): its identity changes, its bytes may not.
  it.each([
    { edit: "the same bytes", html: page('<a href="/search/">搜索</a>'), reused: true, problems: [], leaks: [], indexable: true },
    { edit: "a link to a missing page", html: page('<a href="/nowhere/">搜索</a>'), reused: false, problems: ["/extra/ → /nowhere/"], leaks: [], indexable: true },
    { edit: "a mobile number", html: page('<a href="/search/">13912345678</a>'), reused: false, problems: [], leaks: ["extra/index.html:mobile"], indexable: true },
    { edit: "noindex", html: page('<a href="/search/">搜索</a>', '<meta name="robots" content="noindex">'), reused: false, problems: [], leaks: [], indexable: false },
  ])("a page written again as a new file with $edit: what its bytes decide is reused only for the same bytes", async ({ html, reused, problems, leaks, indexable }) => {
    write("extra/index.html", page('<a href="/search/">搜索</a>'));
    try {
      const first = await scan();
      rmSync(join(root, "extra/index.html"));
      write("extra/index.html", html);
      const second = await scan(first.findings);
      expect(second.findings["extra/index.html"]?.id).not.toBe(first.findings["extra/index.html"]?.id);
      expect(second.findings["extra/index.html"]?.links === first.findings["extra/index.html"]?.links).toBe(reused);
      expect(second.links.filter((l) => l.page === "/extra/").map((l) => `${l.page} → ${l.href}`)).toEqual(problems);
      expect(second.leaks.filter((l) => l.file.startsWith("extra/")).map((l) => `${l.file}:${l.kind}`)).toEqual(leaks);
      expect(second.indexable.includes("extra/index.html")).toBe(indexable);
      // The next scan, from this one's findings, finds the same.
      expect(lines(await scan(second.findings))).toEqual(lines(second));
    } finally {
      rmSync(join(root, "extra"), { recursive: true });
    }
  });

  it("list the files of _astro/ each file refers to, read or reused, so that no other picture is published", async () => {
    write("pic/index.html", page('<img src="/_astro/a.B1.jpg" srcset="/_astro/a.B1_x.webp 480w, /_astro/a.B1_y.webp 800w" alt=""><span data-pagefind-meta="image">/_astro/m.C2.png</span>'));
    write("_astro/s.css", "@font-face{src:url(/_astro/f.D3.woff2)}");
    const file = join(root, "..", `findings-assets-${Date.now()}.json`);
    try {
      const first = await scan();
      const expected = ["_astro/a.B1.jpg", "_astro/a.B1_x.webp", "_astro/a.B1_y.webp", "_astro/m.C2.png", "_astro/f.D3.woff2"];
      expect(first.assets).toEqual(expect.arrayContaining(expected));
      saveFindings(file, "code-a|https://a.example", first.findings);
      const again = await scan(loadFindings(file, "code-a|https://a.example"));
      expect(again.findings["pic/index.html"]?.assets).toEqual(first.findings["pic/index.html"]?.assets);
      expect(again.assets.sort()).toEqual(first.assets.sort());
    } finally {
      rmSync(join(root, "pic"), { recursive: true });
      rmSync(join(root, "_astro"), { recursive: true });
      rmSync(file, { force: true });
    }
  });

  it("are taken only from a scan by the same code for the same origin", async () => {
    const file = join(root, "..", `findings-${Date.now()}.json`);
    saveFindings(file, "code-a|https://a.example", (await scan()).findings);
    expect(Object.keys(loadFindings(file, "code-a|https://a.example") ?? {}).length).toBeGreaterThan(0);
    expect(loadFindings(file, "code-b|https://a.example")).toBeUndefined();
    expect(loadFindings(`${file}.missing`, "code-a|https://a.example")).toBeUndefined();
    rmSync(file);
  });
});

// The build starts the scan's thread before its pages are all placed (build-output.ts), so that it reads the last
// build's findings meanwhile: what it finds must not depend on when it started.
describe("the scan's thread", () => {
  const stamp = "code-a|https://a.example";
  const request = () => {
    const files = siteFiles(root);
    return { root, files, siteFiles: files, clean: [], allowed: [], pendingLinkPrefixes: ["/sitemap.xml"] };
  };
  const lines = (s: OutputScan) => [...s.links.map((p) => `${p.page} → ${p.href}：${p.problem}`), ...s.leaks.map((l) => `${l.file}:${l.kind}`)].sort();

  it("started before a page is written, finds in it what a scan on the main thread finds, and saves its findings after replying", async () => {
    const file = join(root, "..", `thread-findings-${Date.now()}.json`);
    saveFindings(file, stamp, (await scanOutput(request())).findings);
    const thread = startScanThread({ findingsFrom: [file, stamp] });
    write("late/index.html", page('<a href="/nowhere/">迟到</a> <p>电话 13912345678</p>'));
    try {
      const scan = await thread.scan(request());
      const here = await scanOutput({ ...request(), findings: loadFindings(file, stamp) });
      expect(lines(scan)).toEqual(lines(here));
      expect(lines(scan)).toEqual(expect.arrayContaining(["/late/ → /nowhere/：链接指向的页面或文件不存在", "late/index.html:mobile"]));
      expect(scan.indexable.sort()).toEqual(here.indexable.sort());
      await thread.saved;
      expect(Object.keys(loadFindings(`${file}.next`, stamp) ?? {}).sort()).toEqual(Object.keys(here.findings).sort());
      expect(() => thread.scan(request())).toThrow("只扫描一次");
    } finally {
      rmSync(join(root, "late"), { recursive: true });
      rmSync(file, { force: true });
      rmSync(`${file}.next`, { force: true });
    }
  });

  it("cancelled before it is sent the files (its build failed), ends without saving anything", async () => {
    const file = join(root, "..", `thread-cancelled-${Date.now()}.json`);
    saveFindings(file, stamp, (await scanOutput(request())).findings);
    const thread = startScanThread({ findingsFrom: [file, stamp] });
    thread.cancel();
    await expect(thread.saved).rejects.toThrow("输出检查线程意外退出");
    expect(existsSync(`${file}.next`)).toBe(false);
    rmSync(file);
  });

  it("a scan that fails on its thread fails the scan that waits for it, with the thread's error", async () => {
    const thread = startScanThread();
    await expect(thread.scan({ ...request(), files: ["missing/index.html"] })).rejects.toThrow("ENOENT");
    await expect(thread.saved).rejects.toThrow("ENOENT");
  });
});

describe("memory", () => {
  // The scan remembers a few links per page until every page is read; if those were views into the
  // pages (V8 substrings), it would hold the whole site: at 5x scale, gigabytes.
  it("a scan holds none of the pages it has read: 120 pages of 1 MB each, scanned on the build's scan thread with a 48 MB heap", async () => {
    const big = mkdtempSync(join(tmpdir(), "wenming-scan-memory-"));
    const padding = "文明城市共建共享".repeat(64 * 1024);
    const files: string[] = [];
    for (let i = 0; i < 120; i++) {
      const rel = `p/${i}/index.html`;
      const body = `<h2 id="sec">第${i}页</h2><a href="/p/${(i + 1) % 120}/#sec">下一页</a> <a href="/p/${i}/?from=${i}">本页</a> <a href="/pagefind/fragment/x${i}.pf_fragment">索引</a><p>${padding}</p>`;
      mkdirSync(join(big, `p/${i}`), { recursive: true });
      writeFileSync(join(big, rel), page(body));
      files.push(rel);
    }
    const thread = startScanThread({}, { maxOldGenerationSizeMb: 48 });
    const scan = await thread.scan({ root: big, files, siteFiles: files, clean: [], allowed: [], pendingLinkPrefixes: ["/pagefind/"] });
    expect(scan.pending).toHaveLength(120);
    expect(scan.anchors).toHaveLength(120);
    expect(scan.links).toEqual([]);
    expect(await checkAnchors(big, scan.anchors)).toEqual([]);
    rmSync(big, { recursive: true, force: true });
  });
});

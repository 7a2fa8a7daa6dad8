/**
 * Publication truth, content side: every class of wrong, stale or personal
 * content is refused at check time with file, line and field — or, where a
 * date decides, simply not published that day. Each case changes a fresh copy
 * of the sample content and loads it as the build does.
 */
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/lib/content/load.ts";
import { edit, problemsAfter, sampleContent } from "./helpers.ts";

const PERSON = "good-people/people/gao-jianjun.md";
const STORY = "退休钳工高建军在小区门口支起了一个修车摊";

describe("personal data in other forms, in every file and field", () => {
  it.each([
    { where: "a story, full-width digits", change: edit(PERSON, STORY, `${STORY}，电话１３９１２３４５６７８`), expect: "content/good-people/people/gao-jianjun.md:12 · 事迹 · 含手机号码（139…）" },
    { where: "a story, spaced ID", change: edit(PERSON, STORY, `${STORY}（身份证 110105 19491231 002X）`), expect: "content/good-people/people/gao-jianjun.md:12 · 事迹 · 含完整身份证号（110105…）" },
    { where: "a story, soft hyphens", change: edit(PERSON, STORY, `${STORY}，手机 139\u00AD1234\u00AD5678`), expect: "gao-jianjun.md:12 · 事迹 · 含手机号码" },
    { where: "a front-matter summary", change: edit(PERSON, "summary: 高建军在小区门口", "summary: 高建军（139-1234-5678）在小区门口"), expect: "gao-jianjun.md:8 · summary · 含手机号码" },
    { where: "an etiquette body", change: edit("etiquette/kongyan.mdx", "为家人和孩子营造无烟家庭", "为家人和孩子营造无烟家庭，举报 139 1234 5678"), expect: "content/etiquette/kongyan.mdx:" },
    {
      where: "a convention article",
      change: edit("conventions/shimin-gongyue.yaml", "维护社会公共秩序", "维护社会公共秩序，监督电话 13912345678"),
      expect: "content/conventions/shimin-gongyue.yaml:8 · articles.0 · 含手机号码",
    },
    { where: "an ad's sub-line", change: edit("ads/yangquan.yaml", "sub: 文明养犬 邻里和谐", "sub: 文明养犬 咨询 139.1234.5678"), expect: "content/ads/yangquan.yaml:2 · sub · 含手机号码" },
    { where: "a batch title", change: edit("good-people/batches.yaml", "title: 2026年第二批", "title: 2026年第二批 13912345678"), expect: "content/good-people/batches.yaml:8 · 1.title · 含手机号码" },
    {
      where: "a site setting",
      change: edit("site.yaml", "address: 示例市人民路 1 号市民中心 5 楼 512 室", "address: 示例市人民路 1 号 联系人手机 １３９－１２３４－５６７８"),
      expect: "content/site.yaml:15 · objection.address · 含手机号码",
    },
    {
      where: "a list row, dotted mobile",
      change: edit("integrity/black/2026-11.csv", "欠缴税款 128 万元", "欠缴税款 128 万元，联系人 139.1234.5678"),
      expect: "content/integrity/black/2026-11.csv:2 · 列入事由 · 含手机号码",
    },
  ])("in $where", async ({ change, expect: line }) => {
    const problems = await problemsAfter(change);
    expect(problems.join("\n"), problems.join("\n")).toContain(line);
    expect(problems.join("\n")).not.toMatch(/1391234|13912345678/);
  });

  it("in a file name, which becomes a URL", async () => {
    const problems = await problemsAfter((root) => renameSync(join(root, "ads/yangquan.yaml"), join(root, "ads/139-1234-5678.yaml")));
    expect(problems.join("\n")).toContain("content/ads/139-1234-5678.yaml · 文件名 · 文件名含手机号码或身份证号");
  });

  it.each([
    ["a bidi override in a story", edit(PERSON, STORY, `${STORY}\u202E`), "gao-jianjun.md:12 · 事迹 · 含不可见或改变文字方向的字符 U+202E"],
    ["a zero-width space in a story", edit(PERSON, STORY, `高建\u200B军${STORY.slice(3)}`), "gao-jianjun.md:12 · 事迹 · 含不可见或改变文字方向的字符 U+200B"],
    ["a right-to-left mark in an etiquette body", edit("etiquette/kongyan.mdx", "为家人和孩子营造无烟家庭", "为家人和\u200F孩子营造无烟家庭"), "kongyan.mdx"],
  ])("%s is refused", async (_name, change, line) => {
    expect((await problemsAfter(change)).join("\n")).toContain(line);
  });
});

describe("dates in an impossible order", () => {
  it.each([
    [
      "a notice that ends before it starts",
      edit("good-people/batches.yaml", "noticeEnd: 2026-11-25", "noticeEnd: 2026-11-10"),
      "batches.yaml:6 · 0.noticeEnd · 公示结束日期 2026-11-10 早于开始日期 2026-11-16",
    ],
    [
      "a publication before the notice ends",
      edit("good-people/batches.yaml", "  status: 已发布\n  published: 2026-07-10", "  status: 已发布\n  noticeStart: 2026-07-01\n  noticeEnd: 2026-07-15\n  published: 2026-07-10"),
      "published · 发布日期 2026-07-10 早于公示结束日期 2026-07-15",
    ],
    ["a publication date in the future", edit("good-people/batches.yaml", "published: 2026-07-10", "published: 2099-07-10"), "1.published · 日期在未来"],
    ["a batch in notice with a publication date", edit("good-people/batches.yaml", "noticeEnd: 2026-11-25", "noticeEnd: 2026-11-25\n  published: 2026-11-26"), "状态为“公示”时不应填写 published"],
    ["a withdrawal in the future", edit(PERSON, "honours: []", "honours: []\nwithdrawn: 2099-01-01"), "gao-jianjun.md:10 · withdrawn · 日期在未来"],
    ["a convention adopted in the future", edit("conventions/shimin-gongyue.yaml", "adopted: 2024-06-18", "adopted: 2099-06-18"), "shimin-gongyue.yaml:4 · adopted · 日期在未来"],
    ["an etiquette guide updated in the future", edit("etiquette/kongyan.mdx", /updated: .*/, "updated: 2099-01-01"), "kongyan.mdx"],
  ])("%s is refused", async (_name, change, line) => {
    expect((await problemsAfter(change)).join("\n")).toContain(line);
  });
});

describe("the as-of day decides what is published", () => {
  it("a past day: entries decided later are not yet published, and nothing is an error", async () => {
    const c = await loadContent("content", "2026-10-01");
    expect(c.integrity.some((e) => e.listedOn > "2026-10-01")).toBe(false);
    const today = await loadContent("content", "2026-11-22");
    expect(today.integrity.filter((e) => e.listedOn > "2026-10-01").map((e) => e.id)).toEqual(expect.arrayContaining(["2026-11-002", "2026-11-005", "2026-11-008"]));
  });
  it("before its notice starts, a batch and its people are not published", async () => {
    const c = await loadContent("content", "2026-11-15");
    expect(c.batches.map((b) => b.id)).toEqual(["2026-2"]);
    expect(c.people.every((p) => p.data.batch === "2026-2")).toBe(true);
    expect(c.warnings).toEqual([]);
  });
  it("after the notice ends without publication, the build warns naming the batch", async () => {
    const c = await loadContent("content", "2026-11-26");
    expect(c.batches.map((b) => b.id)).toContain("2026-3");
    expect(c.warnings.join("\n")).toContain("好人榜批次“2026年第三批”（2026-3）的公示期已于 2026-11-25 结束，但尚未标记为“已发布”");
  });
  it("a withdrawal dated after the as-of day has not happened yet on that day", async () => {
    const root = sampleContent();
    edit(PERSON, "honours: []", "honours: []\nwithdrawn: 2026-11-20")(root);
    expect((await loadContent(root, "2026-11-19")).people.find((p) => p.id === "gao-jianjun")?.data.withdrawn).toBeUndefined();
    expect((await loadContent(root, "2026-11-22")).people.find((p) => p.id === "gao-jianjun")?.data.withdrawn).toBe("2026-11-20");
  });
});

describe("lists that say a thing twice or lose a thing", () => {
  const BLACK = "integrity/black/2026-11.csv";
  it("a deleted published row is refused: mark it 已移出 instead", async () => {
    const problems = await problemsAfter((root) => {
      const path = join(root, BLACK);
      writeFileSync(path, readFileSync(path, "utf8").replace(/^2026-11-003,.*\n/m, ""));
    });
    expect(problems.join("\n")).toMatch(/content\/integrity\/published-ids\.txt:\d+ · 编号 · 已公开过的黑榜条目“2026-11-003”不在任何名单文件中.*状态改为“已移出”/);
  });
  it("the same decision in two batch files is refused, naming both places", async () => {
    const problems = await problemsAfter((root) => {
      const lines = readFileSync(join(root, BLACK), "utf8").split("\n");
      const copy = (lines[1] ?? "").replace("2026-11-001", "2026-10-001");
      writeFileSync(join(root, "integrity/black/2026-10.csv"), `${lines[0]}\n${copy}\n`);
    });
    expect(problems.join("\n")).toContain(
      "content/integrity/black/2026-11.csv:2 · 决定文书文号 · 重复条目：同一主体“示例市永盛商贸有限公司”和文号“示税稽罚〔2026〕61号”已在 content/integrity/black/2026-10.csv 第 2 行（编号 2026-10-001）列入",
    );
  });
  it("a repeated id across files names both files and rows", async () => {
    const problems = await problemsAfter((root) => {
      const lines = readFileSync(join(root, BLACK), "utf8").split("\n");
      const other = (lines[2] ?? "").replace(/^2026-11-002/, "2026-11-001").replace("示市监罚〔2026〕68号", "示市监罚〔2026〕99号");
      writeFileSync(join(root, "integrity/black/2025-12.csv"), `${lines[0]}\n${other}\n`);
    });
    expect(problems.join("\n")).toContain("content/integrity/black/2026-11.csv:2 · 编号 · 编号重复：“2026-11-001”已在 content/integrity/black/2025-12.csv 第 2 行使用");
  });
});

describe("settings that must do something, content that must not be ignored", () => {
  it.each([
    ["unparsable site.yaml", edit("site.yaml", "city: 示例市", "city: [示例市"), "content/site.yaml:"],
    ["a site setting of the wrong kind", edit("site.yaml", "siteUrl: https://wenming.example.gov.cn", "siteUrl: 文明网"), "content/site.yaml:6 · siteUrl"],
    [
      "a primary colour too light for white text",
      edit("site.yaml", 'primary: "#A8201A"', 'primary: "#F5A0A0"'),
      "content/site.yaml:21 · colours.primary · 对比度不足：#F5A0A0 与浅色 #fff4d6 的对比度为 1.84:1",
    ],
    ["an accent colour too light on white", edit("site.yaml", 'accent: "#8A5A00"', 'accent: "#FFD500"'), "content/site.yaml:22 · colours.accent · 对比度不足"],
    ["a logo that does not exist", edit("site.yaml", "emblem: 文明", "emblem: 文明\nlogo: images/logo.png"), "content/site.yaml · logo · 找不到图片文件"],
    ["a logo outside images/", edit("site.yaml", "emblem: 文明", "emblem: 文明\nlogo: ../logo.png"), "content/site.yaml:24 · logo"],
    ["a missing site.yaml", (root: string) => rmSync(join(root, "site.yaml")), "content/site.yaml · 缺少站点设置文件"],
    ["an unknown content folder", (root: string) => mkdirSync(join(root, "videos")), "content/videos · 未知的内容目录"],
    ["an unknown file beside the batches", (root: string) => writeFileSync(join(root, "good-people", "batch.yaml"), "[]"), "content/good-people/batch.yaml · 未知的文件"],
  ])("%s is reported with file, line and setting", async (_name, change, line) => {
    const problems = await problemsAfter(change);
    expect(problems.join("\n"), problems.join("\n")).toContain(line);
  });

  it("a broken batches.yaml is reported once, not once per person", async () => {
    const problems = await problemsAfter(edit("good-people/batches.yaml", "- id: 2026-2", "- id: 2026-2\n  title: [未闭合"));
    expect(problems.filter((p) => p.includes("batches.yaml"))).toHaveLength(1);
    expect(problems.join("\n")).not.toContain("引用了不存在的好人榜批次");
  });

  it("a readable README and hidden files in the content folder are fine", async () => {
    expect(await problemsAfter((root) => writeFileSync(join(root, "README.md"), "说明") ?? writeFileSync(join(root, ".DS_Store"), ""))).toEqual([]);
  });
});

describe("photo names as they come from phones and staff", () => {
  it.each(["IMG_2041.JPG", "高建军 照片.jpg", "photo (1).PNG", "Portrait.Jpeg", "gao.webp"])("%s is accepted", async (name) => {
    const problems = await problemsAfter((root) => {
      const from = join(root, "good-people/photos/zhao-min.jpg");
      const to = join(root, "good-people/photos", name);
      if (name.endsWith(".webp")) copyFileSync(from, to);
      else renameSync(from, to);
      edit("good-people/people/zhao-min.md", "photo: photos/zhao-min.jpg", `photo: "photos/${name}"`)(root);
      if (name.endsWith(".webp")) appendFileSync(join(root, "README.md"), "");
    });
    // A .webp copy of a JPEG is refused by content, not by name; every other name works.
    if (name.endsWith(".webp")) expect(problems.join("\n")).not.toContain("照片应为");
    else expect(problems).toEqual([]);
  });
  it.each([
    ["an SVG", "photos/zhao-min.svg", "照片应为 JPG、PNG 或 WebP 文件"],
    ["a path out of the folder", "../../package.json.jpg", "应为内容目录内的相对路径"],
    ["a URL", "https://example.com/a.jpg", "应为内容目录内的相对路径"],
    ["a missing file", "photos/nobody.jpg", "找不到图片文件"],
    ["a # in the name", "photos/赵敏#1.jpg", "文件名不能包含 #、?、%"],
    ["a % in the name", "photos/100%.jpg", "文件名不能包含 #、?、%"],
  ])("%s is refused at check time", async (_name, path, message) => {
    const problems = await problemsAfter(edit("good-people/people/zhao-min.md", "photo: photos/zhao-min.jpg", `photo: "${path}"`));
    expect(problems.join("\n")).toContain(`zhao-min.md`);
    expect(problems.join("\n")).toContain(message);
  });
});

describe("characters the poster fonts cannot draw", () => {
  it.each([
    ["an ad slogan", edit("ads/yangquan.yaml", "slogan: 牵好绳 清好便", "slogan: 牵好绳 清好𪚥"), "content/ads/yangquan.yaml · slogan · 含有海报字体无法显示的字符 “𪚥”（U+2A6A5）"],
    ["a person's name", edit(PERSON, "name: 高建军", "name: 高建𪚥"), "content/good-people/people/gao-jianjun.md · name · 含有海报字体无法显示的字符"],
    ["the site's signature", edit("site.yaml", "signature: 示例市文明办 宣", "signature: 示例市𪚥文明办 宣"), "content/site.yaml · signature"],
  ])("in %s are named with file and field", async (_name, change, line) => {
    expect((await problemsAfter(change)).join("\n")).toContain(line);
  });
});

/** Dates and times as staff write them, attachment checks by content, activity ordering, excerpts, the handbook's chapters. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { attachmentProblem, checkAttachment, MAX_ATTACHMENT_BYTES } from "../../../src/lib/content/attachments.ts";
import { handbookChapters } from "../../../src/lib/handbook/chapters.ts";
import { printHtml } from "../../../src/lib/handbook/print-html.ts";
import { cleanExcerpt } from "../../../src/lib/search/results.ts";
import { isUpcoming, splitByDate } from "../../../src/lib/volunteer/activities.ts";
import { formatChineseDateTime, parseDateTime } from "../../../src/primitives/dates.ts";
import { loadContent } from "../../../src/lib/content/load.ts";

describe("parseDateTime", () => {
  it.each([
    ["2026-12-12 09:00", "2026-12-12T09:00:00+08:00"],
    ["2026-12-12T09:00", "2026-12-12T09:00:00+08:00"],
    ["2026-12-12 09:00:30", "2026-12-12T09:00:30+08:00"],
    ["2026-12-12T09:00+08:00", "2026-12-12T09:00:00+08:00"],
    ["2026-12-12T01:00:00Z", "2026-12-12T01:00:00Z"],
    [" 2026-12-12 09:00 ", "2026-12-12T09:00:00+08:00"],
  ])("%j → %s", (text, iso) => {
    expect(parseDateTime(text)).toBe(iso);
  });
  it.each(["2026-12-12", "2026-02-30 09:00", "2026-12-12 24:00", "2026-12-12 9:00", "2026-12-12 09:60", "2026-12-12T09:00+15:00", "明天上午", "2026/12/12 09:00"])("refuses %j", (text) => {
    expect(parseDateTime(text)).toBeUndefined();
  });
  it("shows times in the city's zone whatever offset they were written with", () => {
    expect(formatChineseDateTime("2026-12-12T01:00:00Z")).toBe("2026年12月12日 09:00");
    expect(formatChineseDateTime("2026-12-31T20:00:00+00:00")).toBe("2027年1月1日 04:00");
  });
});

describe("upcoming and past activities", () => {
  const a = (id: string, start: string, end: string) => ({ id, data: { start, end } });
  it.each([
    { end: "2026-11-22T08:00:00+08:00", asOf: "2026-11-22", upcoming: true },
    { end: "2026-11-21T23:59:00+08:00", asOf: "2026-11-22", upcoming: false },
    // 16:30 UTC on the 21st is 00:30 on the 22nd in the city.
    { end: "2026-11-21T16:30:00Z", asOf: "2026-11-22", upcoming: true },
    { end: "2026-11-21T15:30:00Z", asOf: "2026-11-22", upcoming: false },
  ])("ending $end is upcoming on $asOf: $upcoming", ({ end, asOf, upcoming }) => {
    expect(isUpcoming(a("x", "2026-11-01T00:00:00+08:00", end), asOf)).toBe(upcoming);
  });
  it("sorts upcoming soonest first and past newest first, every activity in exactly one list", () => {
    const list = [
      a("c", "2026-12-03T09:00+08:00", "2026-12-03T10:00+08:00"),
      a("a", "2026-11-01T09:00+08:00", "2026-11-01T10:00+08:00"),
      a("b", "2026-12-01T09:00+08:00", "2026-12-01T10:00+08:00"),
      a("d", "2026-10-01T09:00+08:00", "2026-10-01T10:00+08:00"),
    ];
    const { upcoming, past } = splitByDate(list, "2026-11-22");
    expect(upcoming.map((x) => x.id)).toEqual(["b", "c"]);
    expect(past.map((x) => x.id)).toEqual(["a", "d"]);
  });
});

describe("attachments are checked by their bytes", () => {
  const dir = mkdtempSync(join(tmpdir(), "attach-"));
  const put = (name: string, bytes: Uint8Array | string) => {
    writeFileSync(join(dir, name), bytes);
    return name;
  };
  const ooxml = (part: string) => zipSync({ "[Content_Types].xml": strToU8("<Types/>"), [`${part}document.xml`]: strToU8("<x/>") });
  it.each([
    { name: "ok.pdf", bytes: "%PDF-1.7\n...", ok: true },
    { name: "ok.docx", bytes: ooxml("word/"), ok: true },
    { name: "ok.xlsx", bytes: ooxml("xl/"), ok: true },
    { name: "ok.doc", bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), ok: true },
    { name: "exe.pdf", bytes: "MZ\x90\x00", ok: false, why: "内容不是 PDF" },
    { name: "html.pdf", bytes: "<html><script>alert(1)</script></html>", ok: false, why: "内容不是 PDF" },
    { name: "xlsx.docx", bytes: ooxml("xl/"), ok: false, why: "内容不是 Word" },
    { name: "plain.zip.docx", bytes: zipSync({ "a.txt": strToU8("a") }), ok: false, why: "内容不是 Word" },
    { name: "empty.pdf", bytes: "", ok: false, why: "空文件" },
    { name: "script.js", bytes: "alert(1)", ok: false, why: "不支持的附件类型" },
  ])("$name", async ({ name, bytes, ok, why }) => {
    const result = await checkAttachment(dir, put(name, bytes));
    expect("bytes" in result).toBe(ok);
    if (!ok && "problem" in result) expect(result.problem).toContain(why);
    // The same bytes uploaded in the workbench are judged the same way, before they are stored.
    const uploaded = attachmentProblem(name, typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes);
    expect(uploaded === undefined).toBe(ok);
    if (!ok) expect(uploaded).toContain(why);
  });
  it("refuses paths outside the folder and files over the limit", async () => {
    expect(await checkAttachment(dir, "../x.pdf")).toEqual({ problem: expect.stringContaining("超出内容目录") as string });
    put("big.pdf", Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x25));
    expect(await checkAttachment(dir, "big.pdf")).toEqual({ problem: expect.stringContaining("附件过大") as string });
  });
});

describe("search excerpts read as Chinese", () => {
  it.each([
    ["好人榜. 王桂兰", "好人榜。王桂兰"],
    ["结束。. 下一段", "结束。下一段"],
    ["<mark>王桂兰</mark>. 事迹", "<mark>王桂兰</mark>。事迹"],
    ["Hello. World", "Hello. World"],
    ["李\u200B建国", "李建国"],
    ["（第一条）. 诚实", "（第一条）诚实"],
  ])("%j → %j", (raw, shown) => {
    expect(cleanExcerpt(raw)).toBe(shown);
  });
});

describe("the handbook's chapters and print layout", () => {
  it("takes its chapters from the content, in a fixed order, with every convention article and question", async () => {
    const c = await loadContent("content", "2026-11-22");
    if (!c.handbook) throw new Error("sample handbook missing");
    const chapters = handbookChapters({ handbook: c.handbook, conventions: c.conventions, guides: c.guides, questions: c.questions });
    expect(chapters.map((x) => x.title)).toEqual(["致市民", "文明公约", "文明礼仪", "志愿服务指引", "应知应会"]);
    const articles = chapters[1]?.sections.flatMap((s) => s.ordered ?? []) ?? [];
    expect(articles).toHaveLength(c.conventions.reduce((n, x) => n + x.articles.length, 0));
    expect(chapters[2]?.sections).toHaveLength(c.guides.length);
    expect(chapters[4]?.sections[0]?.ordered).toHaveLength(c.questions.length);
    expect(chapters[4]?.sections[0]?.ordered?.[0]).toBe("市民文明公约第一条要求市民遵守的是——宪法和法律法规。");
  });
  it("gives the same chapters whatever order the content comes in (the PDF and the reading pages agree)", async () => {
    const c = await loadContent("content", "2026-11-22");
    if (!c.handbook) throw new Error("sample handbook missing");
    const base = handbookChapters({ handbook: c.handbook, conventions: c.conventions, guides: c.guides, questions: c.questions });
    const reversed = handbookChapters({ handbook: c.handbook, conventions: [...c.conventions].reverse(), guides: [...c.guides].reverse(), questions: c.questions });
    expect(reversed).toEqual(base);
  });
  it("puts each chapter on a named page (its running head) and fills in the contents' page numbers", () => {
    const chapters = [
      { id: "a", title: "甲章", sections: [{ heading: "小节", paragraphs: ["<b>不是标签</b>"] }] },
      { id: "b", title: '乙"章', sections: [] },
    ];
    const html = printHtml(chapters, { title: "手册", edition: "版", issuer: "办", cover: "c.png", fontBase: "f/", pages: [3, 7] });
    expect(html).toContain('@page ch0{@top-center{content:"甲章"}}');
    expect(html).toContain('@page ch1{@top-center{content:"乙\\"章"}}');
    expect(html).toMatch(/<a href="#a">甲章<\/a><span class="dots"><\/span><span class="page">3<\/span>/);
    expect(html).toContain("&lt;b&gt;不是标签&lt;/b&gt;");
    expect(html).toContain("line-break:strict");
    expect(html).toContain('<div class="chapter ch1" id="b">');
  });
});

describe("news list pages", () => {
  it("pages all items and each category 20 to a page; an empty category keeps its first page", async () => {
    const { newsPages } = await import("../../../src/lib/news/listing.ts");
    const items = Array.from({ length: 45 }, (_, i) => ({ id: `n${i}`, data: { category: i % 9 === 0 ? ("通知公告" as const) : ("工作动态" as const) } }));
    const pages = newsPages(items);
    expect(pages.filter((p) => !p.category).map((p) => [p.path, p.entries.length])).toEqual([
      [undefined, 20],
      ["page/2", 20],
      ["page/3", 5],
    ]);
    expect(pages.filter((p) => p.category === "通知公告").map((p) => p.path)).toEqual(["category/tongzhi-gonggao"]);
    const empty = pages.filter((p) => p.category === "媒体报道");
    expect(empty.map((p) => [p.path, p.entries.length, p.total])).toEqual([["category/meiti-baodao", 0, 0]]);
    expect(pages.filter((p) => p.category === "工作动态").reduce((n, p) => n + p.entries.length, 0)).toBe(40);
  });
});

describe("schema.org Event and quiz sources", () => {
  it("describes an activity as an offline, free Event at its station", async () => {
    const { activityJsonLd } = await import("../../../src/lib/volunteer/json-ld.ts");
    const c = await loadContent("content", "2026-11-22");
    const a = c.activities.find((x) => x.id === "2026-12-qinghe-jingtan");
    if (!a) throw new Error("sample activity missing");
    const ld = activityJsonLd(a, "https://w/x/", c.site);
    expect(ld).toMatchObject({ "@type": "Event", startDate: "2026-12-19T08:30:00+08:00", isAccessibleForFree: true, location: { name: "清河镇新时代文明实践所" }, maximumAttendeeCapacity: 50 });
  });
  it("labels and links a question's source: a convention article or a guide", async () => {
    const { withSource } = await import("../../../src/lib/quiz/bank.ts");
    const lookups = { conventionById: () => ({ data: { title: "示例公约" } }), guideById: () => ({ data: { title: "示例指南" } }) };
    const base = { id: "q", type: "单选" as const, question: "问", options: ["甲", "乙"], answer: "A", explanation: "解" };
    expect(withSource({ ...base, source: { convention: "c", article: 3 } }, lookups).source).toEqual({ label: "示例公约 第三条", href: "/conventions/c/#article-3" });
    expect(withSource({ ...base, source: { guide: "g" } }, lookups).source).toEqual({ label: "文明礼仪：示例指南", href: "/etiquette/g/" });
  });
});

describe("small helpers of the new pages", () => {
  it("counts activities by a key, in order of first appearance", async () => {
    const { countBy } = await import("../../../src/lib/volunteer/activities.ts");
    expect([...countBy(["乙", "甲", "乙"], (x) => x)]).toEqual([
      ["乙", 2],
      ["甲", 1],
    ]);
  });
  it("lists the gallery's themes in use, in the order of the site's themes, with 全部 first", async () => {
    const { adThemes } = await import("../../../src/lib/site/ad-themes.ts");
    const links = adThemes([{ data: { theme: "诚信建设" } }, { data: { theme: "文明交通" } }, { data: { theme: "诚信建设" } }], ["文明祭扫", "文明交通", "诚信建设"], true);
    expect(links.map((l) => [l.label, l.count])).toEqual([
      ["全部", 3],
      ["文明交通", 1],
      ["诚信建设", 2],
    ]);
    expect(links[1]?.href).toBe(`/ads/theme/${encodeURIComponent("文明交通")}/`);
  });
  it("tells whether a guide's body already places its poster", async () => {
    const { hasPosterFigure } = await import("../../../src/lib/content/markup-lint.ts");
    expect(hasPosterFigure('正文\n\n<PosterFigure ad="yangquan" />\n', "yangquan")).toBe(true);
    expect(hasPosterFigure('<PosterFigure ad="other" />', "yangquan")).toBe(false);
    expect(hasPosterFigure("没有组件", "yangquan")).toBe(false);
  });
});

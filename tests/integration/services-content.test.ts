/**
 * The new kinds (news, volunteer activities, the question bank, the
 * handbook) to the same standard as the old: each wrong file is refused with
 * file, line and field; what is dated later is simply not published yet.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/lib/content/load.ts";
import { edit, problemsAfter, sampleContent } from "./helpers.ts";

const NOTICE = "news/2026-11-zhiyuanzhe-zhaomu.md";
const ACTIVITY = "volunteer/2026-12-dujulaoren-tanfang.yaml";
const BANK = "quiz/questions.yaml";

describe("bad content in the new kinds is refused with file, line and field", () => {
  it.each([
    { case: "deadline before the date", change: edit(NOTICE, "deadline: 2026-12-20", "deadline: 2026-11-01"), expect: `content/${NOTICE}:6 · deadline · 截止日期 2026-11-01 早于发布日期 2026-11-20` },
    { case: "unknown category", change: edit(NOTICE, "category: 通知公告", "category: 公告"), expect: `content/${NOTICE}:4 · category ·` },
    { case: "attachment outside files/", change: edit(NOTICE, "file: files/zhiyuanzhe-baoming-biao.pdf", "file: ../site.yaml"), expect: `content/${NOTICE}:9 · attachments.0.file ·` },
    { case: "attachment missing", change: edit(NOTICE, "files/zhiyuanzhe-baoming-biao.pdf", "files/meiyou.pdf"), expect: "attachments.0.file · 找不到附件文件“files/meiyou.pdf”" },
    {
      case: "a program renamed .pdf",
      change: (root) => writeFileSync(join(root, "news/files/zhiyuanzhe-baoming-biao.pdf"), Buffer.from("MZ\x90\x00 this is not a pdf")),
      expect: "attachments.0.file · 附件“files/zhiyuanzhe-baoming-biao.pdf”的内容不是 PDF 文件",
    },
    {
      case: "a spreadsheet renamed .docx",
      change: (root) => {
        const xlsx = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "xl/workbook.xml": strToU8("<workbook/>") });
        writeFileSync(join(root, "news/files/biao.docx"), xlsx);
        edit(NOTICE, "files/zhiyuanzhe-baoming-biao.pdf", "files/biao.docx")(root);
      },
      expect: "附件“files/biao.docx”的内容不是 Word（.docx） 文件",
    },
    {
      case: "cover without a description",
      change: edit("news/2026-11-chuangcheng-tuijinhui.md", "coverAlt: 傍晚的城市街景，楼房前是一排绿树\n", ""),
      expect: "coverAlt · 有封面图片时必须填写图片说明",
    },
    { case: "a reserved file name", change: (root) => copyFileSync(join(root, NOTICE), join(root, "news/page.md")), expect: "content/news/page.md · 文件名 · 文件名“page”与网站栏目自身的网址冲突" },
    { case: "phone number in a news body", change: edit(NOTICE, "年满 18 周岁", "联系 13912345678，年满 18 周岁"), expect: `content/${NOTICE}:` },
    {
      case: "end before start",
      change: edit(ACTIVITY, "end: 2026-12-12 11:30", "end: 2026-12-12 08:30"),
      expect: `content/${ACTIVITY}:10 · end · 结束时间 2026-12-12T08:30:00+08:00 应晚于开始时间 2026-12-12T09:00:00+08:00`,
    },
    { case: "not a time", change: edit(ACTIVITY, "start: 2026-12-12 09:00", "start: 2026-12-12 25:00"), expect: `content/${ACTIVITY}:9 · start · 应为真实的日期和时间` },
    { case: "February 30th", change: edit(ACTIVITY, "start: 2026-12-12 09:00", "start: 2026-02-30 09:00"), expect: `${ACTIVITY}:9 · start ·` },
    {
      case: "registration over http",
      change: edit(ACTIVITY, "https://zhiyuan", "http://zhiyuan"),
      expect: `${ACTIVITY}:19 · registration · 格式错误：收到 “http://zhiyuan.example.gov.cn/activity/2…”，应为以 https:// 开头的完整网址`,
    },
    { case: "a volunteer's mobile as contact", change: edit(ACTIVITY, "contact: 0000-12345671", "contact: 139 1234 5678"), expect: `content/${ACTIVITY}:18 · contact · 含手机号码` },
    {
      case: "single choice with two answers",
      change: edit(BANK, "  answer: B\n  explanation: 第一条", "  answer: BC\n  explanation: 第一条"),
      expect: `content/${BANK}:6 · 0.answer · 单选题只能有一个正确答案，收到“BC”`,
    },
    {
      case: "answer beyond the options",
      change: edit(BANK, "  answer: B\n  explanation: 第一条", "  answer: F\n  explanation: 第一条"),
      expect: `content/${BANK}:6 · 0.answer · 答案含“F”，但只有 A 至 D 4 个选项`,
    },
    { case: "multiple choice with one answer", change: edit(BANK, "answer: ABC\n  explanation: 第二条", "answer: A\n  explanation: 第二条"), expect: "1.answer · 多选题应有两个或以上正确答案" },
    {
      case: "source guide missing",
      change: edit(BANK, "source: { guide: jiaotong-lirang }", "source: { guide: meiyou }"),
      expect: `content/${BANK} · 2.source.guide · 引用了不存在的礼仪指南“meiyou”`,
    },
    {
      case: "source article beyond the convention",
      change: edit(BANK, "source: { convention: shimin-gongyue, article: 1 }", "source: { convention: shimin-gongyue, article: 11 }"),
      expect: "0.source.article · 题目“gongyue-shiyong”的出处：“示例市市民文明公约”只有 10 条，收到第 11 条",
    },
    {
      case: "source with both a guide and an article",
      change: edit(BANK, "source: { guide: jiaotong-lirang }", "source: { guide: jiaotong-lirang, convention: shimin-gongyue, article: 3 }"),
      expect: "2.source · 出处应为公约条文（同时填写公约编号和第几条）或礼仪指南编号，二者选一",
    },
    {
      case: "source with a convention but no article",
      change: edit(BANK, "source: { convention: shimin-gongyue, article: 1 }", "source: { convention: shimin-gongyue }"),
      expect: "0.source · 出处应为公约条文",
    },
    { case: "duplicate question id", change: edit(BANK, "- id: gongyue-chengxin", "- id: gongyue-shiyong"), expect: "1.id · 题目编号重复：“gongyue-shiyong”" },
    { case: "handbook cover ad missing", change: edit("handbook.yaml", "cover: jiang-wenming", "cover: meiyou"), expect: "content/handbook.yaml · cover · 引用了不存在的公益广告“meiyou”" },
    {
      case: "featured ad missing",
      change: edit("site.yaml", "featured: [jiang-wenming, wenming-jiaotong]", "featured: [jiang-wenming, meiyou]"),
      expect: "content/site.yaml · featured · 引用了不存在的公益广告“meiyou”",
    },
    { case: "an unknown file in volunteer/", change: (root) => writeFileSync(join(root, "volunteer/notes.txt"), "x"), expect: "content/volunteer/notes.txt · 不支持的文件类型 .txt" },
  ])("$case", async ({ change, expect: expected }) => {
    const problems = await problemsAfter(change);
    expect(
      problems.some((p) => p.includes(expected)),
      problems.join("\n"),
    ).toBe(true);
  });
});

describe("as of the build day", () => {
  it("news dated later and activities announced later are not yet published; they are on their day", async () => {
    const root = sampleContent();
    const before = await loadContent(root, "2026-11-27");
    expect(before.news.map((n) => n.id)).not.toContain("2026-11-dongji-yanlian");
    expect(before.activities.map((a) => a.id)).not.toContain("2026-12-yishu-zhanlan");
    const on = await loadContent(root, "2026-11-28");
    expect(on.news.map((n) => n.id)).toContain("2026-11-dongji-yanlian");
    expect(on.activities.map((a) => a.id)).toContain("2026-12-yishu-zhanlan");
  });

  it("a site without a question bank or handbook still loads (the features are simply absent)", async () => {
    const root = sampleContent();
    const { rmSync } = await import("node:fs");
    rmSync(join(root, "quiz"), { recursive: true });
    rmSync(join(root, "handbook.yaml"));
    const c = await loadContent(root, "2026-11-22");
    expect(c.questions).toEqual([]);
    expect(c.handbook).toBeUndefined();
  });
});

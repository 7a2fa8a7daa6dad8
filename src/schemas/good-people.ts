/**
 * 好人榜 — good people. Batches live in `content/good-people/batches.yaml`,
 * one Markdown file per person in `content/good-people/people/` (front matter
 * below, the story as the body).
 */
import { z } from "zod";
import { contentPhoto, isoDate, notInFuture, plainText, slug } from "./common.ts";

/** The five national categories, in their customary order. */
export const CATEGORIES = ["助人为乐", "见义勇为", "诚实守信", "敬业奉献", "孝老爱亲"] as const;
export type Category = (typeof CATEGORIES)[number];

/** Levels, lowest first. */
export const LEVELS = ["社区", "区", "市", "省", "中国好人", "道德模范"] as const;

export const batchSchema = z
  .strictObject({
    /** Id used in URLs, e.g. 2026-3. */
    id: slug.meta({ title: "批次编号", description: "用于网址，如 2026-3；发布后不能更改" }),
    /** Display title, e.g. 2026年第三批. */
    title: plainText(30).meta({ title: "批次名称", description: "如 2026年第三批" }),
    /** 公示: under public notice, objections open. 已发布: final. */
    status: z.enum(["公示", "已发布"]).meta({ title: "状态", description: "公示：公示期内接受异议；已发布：公示期满正式发布" }),
    /** Notice period (both required while 公示). */
    noticeStart: isoDate.optional().meta({ title: "公示开始日期", description: "公示中必填，写作 YYYY-MM-DD" }),
    noticeEnd: isoDate.optional().meta({ title: "公示结束日期", description: "公示中必填，不早于开始日期" }),
    /** Publication date (required once 已发布). */
    published: isoDate.optional().meta({ title: "发布日期", description: "状态为已发布时必填，不早于公示结束日期" }),
  })
  .superRefine((b, ctx) => {
    if (b.status === "公示" && (!b.noticeStart || !b.noticeEnd)) ctx.addIssue({ code: "custom", path: ["noticeEnd"], message: "公示中的批次必须填写 noticeStart 和 noticeEnd" });
    if (b.status === "已发布" && !b.published) ctx.addIssue({ code: "custom", path: ["published"], message: "已发布的批次必须填写 published 日期" });
    if (b.status === "公示" && b.published)
      ctx.addIssue({ code: "custom", path: ["published"], message: `状态为“公示”时不应填写 published（收到 ${b.published}）：公示结束后把状态改为“已发布”再填写发布日期` });
    if (b.noticeStart && b.noticeEnd && b.noticeEnd < b.noticeStart) ctx.addIssue({ code: "custom", path: ["noticeEnd"], message: `公示结束日期 ${b.noticeEnd} 早于开始日期 ${b.noticeStart}` });
    if (b.published && b.noticeEnd && b.published < b.noticeEnd)
      ctx.addIssue({ code: "custom", path: ["published"], message: `发布日期 ${b.published} 早于公示结束日期 ${b.noticeEnd}：公示期满后才能发布` });
    if (b.published && b.noticeStart && !b.noticeEnd && b.published < b.noticeStart)
      ctx.addIssue({ code: "custom", path: ["published"], message: `发布日期 ${b.published} 早于公示开始日期 ${b.noticeStart}` });
    if (b.published) notInFuture(b.published, ["published"], ctx);
  });

export const batchesSchema = z.array(batchSchema).min(1);
export type Batch = z.output<typeof batchSchema>;

export const goodPersonSchema = z
  .strictObject({
    /** Full name. Shown on pages, posters and share images. */
    name: plainText(20).meta({ title: "姓名", description: "页面、海报和分享图上显示的全名" }),
    /** 男 or 女. */
    gender: z.enum(["男", "女"]).meta({ title: "性别" }),
    /** District or town, e.g. 东城区. */
    region: plainText(20).meta({ title: "地区", description: "区县或乡镇，如 东城区" }),
    /** One of the five national categories. */
    category: z.enum(CATEGORIES).meta({ title: "类别", description: "五类好人之一" }),
    /** Honour level. */
    level: z.enum(LEVELS).meta({ title: "级别", description: "获评的最高级别" }),
    /** Batch id from batches.yaml. */
    batch: slug.meta({ title: "批次", description: "好人榜批次编号，如 2026-3" }),
    /** Photo path relative to content/good-people/ (optional; a placeholder is drawn without). */
    photo: contentPhoto.optional().meta({ title: "照片", description: "JPG、PNG 或 WebP；不上传时显示占位图" }),
    /** 一句话事迹: at most 70 characters (code points). */
    summary: plainText(70).meta({ title: "一句话事迹", description: "列表和分享图上显示，不超过 70 个字" }),
    /** Honours received, newest first. */
    honours: z.array(plainText(60)).default([]).meta({ title: "所获荣誉", description: "每行一项，最新的在前" }),
    /** 撤销: set with a date (not after today) when the person is withdrawn; from that day the page shows only a notice. */
    withdrawn: isoDate.optional().meta({ title: "撤销日期", description: "撤销称号时填写（不晚于今天）；当天起页面只显示撤销说明" }),
  })
  .superRefine((p, ctx) => {
    if (p.withdrawn) notInFuture(p.withdrawn, ["withdrawn"], ctx);
  });

export type GoodPersonData = z.output<typeof goodPersonSchema>;

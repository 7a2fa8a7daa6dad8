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
    id: slug,
    /** Display title, e.g. 2026年第三批. */
    title: plainText(30),
    /** 公示: under public notice, objections open. 已发布: final. */
    status: z.enum(["公示", "已发布"]),
    /** Notice period (both required while 公示). */
    noticeStart: isoDate.optional(),
    noticeEnd: isoDate.optional(),
    /** Publication date (required once 已发布). */
    published: isoDate.optional(),
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
    name: plainText(20),
    /** 男 or 女. */
    gender: z.enum(["男", "女"]),
    /** District or town, e.g. 东城区. */
    region: plainText(20),
    /** One of the five national categories. */
    category: z.enum(CATEGORIES),
    /** Honour level. */
    level: z.enum(LEVELS),
    /** Batch id from batches.yaml. */
    batch: slug,
    /** Photo path relative to content/good-people/ (optional; a placeholder is drawn without). */
    photo: contentPhoto.optional(),
    /** 一句话事迹: at most 70 characters (code points). */
    summary: plainText(70),
    /** Honours received, newest first. */
    honours: z.array(plainText(60)).default([]),
    /** 撤销: set with a date (not after today) when the person is withdrawn; from that day the page shows only a notice. */
    withdrawn: isoDate.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.withdrawn) notInFuture(p.withdrawn, ["withdrawn"], ctx);
  });

export type GoodPersonData = z.output<typeof goodPersonSchema>;

/**
 * 文明礼仪 — an etiquette guide by scene (`content/etiquette/<id>.mdx`), front
 * matter below; the body may use only the components listed in
 * src/lib/content/markup-lint.ts (ALLOWED_COMPONENTS).
 */
import { z } from "zod";
import { isoDate, notInFuture, plainText, slug } from "./common.ts";

export const SCENES = ["文明交通", "文明餐桌", "文明养犬", "文明旅游", "排队一米线", "控烟", "垃圾分类", "文明上网", "文明观演", "文明就医"] as const;

export const etiquetteSchema = z
  .strictObject({
    /** Title, e.g. 文明养犬 牵绳出行. */
    title: plainText(40).meta({ title: "标题", description: "如 文明养犬 牵绳出行" }),
    /** Scene; one of SCENES. */
    scene: z.enum(SCENES).meta({ title: "场景" }),
    /** One or two sentences shown in lists and share cards (at most 120 characters). */
    summary: plainText(120).meta({ title: "摘要", description: "一两句话，显示在列表和分享图上" }),
    /** 应该: short imperative lines, 2–10 of them. */
    dos: z.array(plainText(60)).min(2).max(10).meta({ title: "应该", description: "每行一条，2 至 10 条" }),
    /** 不应该: short lines, 2–10 of them. */
    donts: z.array(plainText(60)).min(2).max(10).meta({ title: "不应该", description: "每行一条，2 至 10 条" }),
    /** Id of the matching public-service ad (must exist). */
    poster: slug.optional().meta({ title: "配套公益广告", description: "公益广告编号" }),
    /** Convention articles this guide explains: convention id and article number (1-based). */
    relatedArticles: z
      .array(z.strictObject({ convention: slug.meta({ title: "公约编号" }), article: z.int().min(1).meta({ title: "第几条" }) }))
      .default([])
      .meta({ title: "相关公约条文" }),
    /** Words citizens search with that do not appear in the text, e.g. 遛狗. */
    keywords: z.array(plainText(20)).default([]).meta({ title: "搜索关键词", description: "市民可能搜索但正文没有的词，每行一个，如 遛狗" }),
    /** Last meaningful update, for the feed. */
    updated: isoDate.meta({ title: "更新日期", description: "最近一次实质修改的日期" }),
  })
  .superRefine((g, ctx) => notInFuture(g.updated, ["updated"], ctx));

export type EtiquetteData = z.output<typeof etiquetteSchema>;

/** 文明公约 — a civility convention (`content/conventions/<id>.yaml`). */
import { z } from "zod";
import { isoDate, notInFuture, plainText, slug } from "./common.ts";

export const CONVENTION_KINDS = ["市民文明公约", "社区公约", "村规民约", "行业公约"] as const;

export const conventionSchema = z
  .strictObject({
    /** Title, e.g. 示例市市民文明公约. */
    title: plainText(40).meta({ title: "标题", description: "如 示例市市民文明公约" }),
    /** Kind of convention; decides grouping on the index page. */
    kind: z.enum(CONVENTION_KINDS).meta({ title: "类别" }),
    /** Body that adopted it, e.g. 示例市第十六届人民代表大会常务委员会. */
    issuer: plainText(60).meta({ title: "制定机关", description: "通过该公约的机关或会议" }),
    /** Date of adoption. */
    adopted: isoDate.meta({ title: "通过日期", description: "写作 YYYY-MM-DD" }),
    /** Who it applies to, e.g. 全市市民 or 幸福里社区居民. */
    scope: plainText(60).meta({ title: "适用范围", description: "如 全市市民" }),
    /** Optional preamble shown before the articles. */
    preamble: plainText(300).optional().meta({ title: "序言", description: "条文前的一段说明，可不填" }),
    /** The articles in order; numbered 第一条, 第二条… by position. 1–60 articles of at most 200 characters. */
    articles: z.array(plainText(200)).min(1).max(60).meta({ title: "条文", description: "每行一条，按顺序自动编为第一条、第二条……，1 至 60 条" }),
    /** Ids of related etiquette guides. */
    relatedGuides: z.array(slug).default([]).meta({ title: "相关礼仪指南", description: "礼仪指南编号，每行一个" }),
    /** Ids of related public-service ads. */
    relatedAds: z.array(slug).default([]).meta({ title: "相关公益广告", description: "公益广告编号，每行一个" }),
  })
  .superRefine((c, ctx) => notInFuture(c.adopted, ["adopted"], ctx));

export type Convention = z.output<typeof conventionSchema> & { id: string };

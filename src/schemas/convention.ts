/** 文明公约 — a civility convention (`content/conventions/<id>.yaml`). */
import { z } from "zod";
import { isoDate, notInFuture, plainText, slug } from "./common.ts";

export const CONVENTION_KINDS = ["市民文明公约", "社区公约", "村规民约", "行业公约"] as const;

export const conventionSchema = z
  .strictObject({
    /** Title, e.g. 示例市市民文明公约. */
    title: plainText(40),
    /** Kind of convention; decides grouping on the index page. */
    kind: z.enum(CONVENTION_KINDS),
    /** Body that adopted it, e.g. 示例市第十六届人民代表大会常务委员会. */
    issuer: plainText(60),
    /** Date of adoption. */
    adopted: isoDate,
    /** Who it applies to, e.g. 全市市民 or 幸福里社区居民. */
    scope: plainText(60),
    /** Optional preamble shown before the articles. */
    preamble: plainText(300).optional(),
    /** The articles in order; numbered 第一条, 第二条… by position. 1–60 articles of at most 200 characters. */
    articles: z.array(plainText(200)).min(1).max(60),
    /** Ids of related etiquette guides. */
    relatedGuides: z.array(slug).default([]),
    /** Ids of related public-service ads. */
    relatedAds: z.array(slug).default([]),
  })
  .superRefine((c, ctx) => notInFuture(c.adopted, ["adopted"], ctx));

export type Convention = z.output<typeof conventionSchema> & { id: string };

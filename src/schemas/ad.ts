/** 公益广告 — a public-service ad (`content/ads/<id>.yaml`), rendered into posters. */
import { z } from "zod";
import { plainText, slug } from "./common.ts";

export const THEMES = ["文明交通", "文明餐桌", "文明养犬", "文明旅游", "垃圾分类", "控烟", "文明上网", "诚信建设", "好人精神", "志愿服务", "讲文明树新风"] as const;
export const TEMPLATES = ["slogan", "etiquette", "honour"] as const;

export const adSchema = z
  .strictObject({
    /** Main slogan, e.g. 文明交通 从我做起. A space marks a preferred line break. */
    slogan: plainText(24),
    /** Sub-line under the slogan. */
    sub: plainText(40).optional(),
    /** Theme, for the gallery filter. */
    theme: z.enum(THEMES),
    /** Design: slogan, etiquette (needs `guide`) or honour (needs `batch`). */
    template: z.enum(TEMPLATES).default("slogan"),
    /** Etiquette guide id, for the etiquette template. */
    guide: slug.optional(),
    /** Good-people batch id, for the honour template. */
    batch: slug.optional(),
    /** Sizes to render, by id from src/lib/poster/sizes.ts; default all. */
    sizes: z.array(z.string()).optional(),
    /** Path on the site the QR code points to (default: the ad's own page). */
    link: z
      .string()
      .regex(/^\/[\w\-/]*$/, { message: "应为站内路径，如 /etiquette/dogs/" })
      .optional(),
  })
  .superRefine((ad, ctx) => {
    if (ad.template === "etiquette" && !ad.guide) ctx.addIssue({ code: "custom", path: ["guide"], message: "etiquette 模板需要填写 guide（礼仪指南编号）" });
    if (ad.template === "honour" && !ad.batch) ctx.addIssue({ code: "custom", path: ["batch"], message: "honour 模板需要填写 batch（好人榜批次编号）" });
  });

export type AdData = z.output<typeof adSchema>;

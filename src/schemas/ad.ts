/** 公益广告 — a public-service ad (`content/ads/<id>.yaml`), rendered into posters. */
import { z } from "zod";
import { plainText, slug } from "./common.ts";

export const THEMES = ["文明交通", "文明餐桌", "文明养犬", "文明旅游", "垃圾分类", "控烟", "文明上网", "诚信建设", "好人精神", "志愿服务", "讲文明树新风"] as const;
export const TEMPLATES = ["slogan", "etiquette", "honour"] as const;

export const adSchema = z
  .strictObject({
    /** Main slogan, e.g. 文明交通 从我做起. A space marks a preferred line break. */
    slogan: plainText(24).meta({ title: "主标语", description: "如 文明交通 从我做起；空格表示建议换行处" }),
    /** Sub-line under the slogan. */
    sub: plainText(40).optional().meta({ title: "副标语", description: "标语下方的一行小字" }),
    /** Theme, for the gallery filter. */
    theme: z.enum(THEMES).meta({ title: "主题", description: "用于公益广告栏目的筛选" }),
    /** Design: slogan, etiquette (needs `guide`) or honour (needs `batch`). */
    template: z.enum(TEMPLATES).default("slogan").meta({ title: "版式", description: "slogan 标语；etiquette 礼仪（需填礼仪指南）；honour 好人榜（需填批次）" }),
    /** Etiquette guide id, for the etiquette template. */
    guide: slug.optional().meta({ title: "礼仪指南编号", description: "etiquette 版式必填" }),
    /** Good-people batch id, for the honour template. */
    batch: slug.optional().meta({ title: "好人榜批次编号", description: "honour 版式必填" }),
    /** Sizes to render, by id from src/lib/poster/sizes.ts; default all. */
    sizes: z.array(z.string()).optional().meta({ title: "尺寸", description: "不填则生成全部尺寸" }),
    /** Path on the site the QR code points to (default: the ad's own page). */
    link: z
      .string()
      .regex(/^\/[\w\-/]*$/, { message: "应为站内路径，如 /etiquette/dogs/" })
      .optional()
      .meta({ title: "二维码指向", description: "站内路径，不填则指向该广告页面" }),
  })
  .superRefine((ad, ctx) => {
    if (ad.template === "etiquette" && !ad.guide) ctx.addIssue({ code: "custom", path: ["guide"], message: "etiquette 模板需要填写 guide（礼仪指南编号）" });
    if (ad.template === "honour" && !ad.batch) ctx.addIssue({ code: "custom", path: ["batch"], message: "honour 模板需要填写 batch（好人榜批次编号）" });
  });

export type AdData = z.output<typeof adSchema>;

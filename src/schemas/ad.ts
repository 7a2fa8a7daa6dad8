/** 公益广告 — a public-service ad (`content/ads/<id>.yaml`), rendered into posters. */
import { z } from "zod";
import { contentImagePath, plainText, slug } from "./common.ts";
import { hexColour, posterColourProblems } from "./colours.ts";

/** The themes a new site starts with; a city's own list is `themes` in site.yaml (checked against it). */
export const DEFAULT_THEMES = ["文明交通", "文明餐桌", "文明养犬", "文明旅游", "垃圾分类", "控烟", "文明上网", "诚信建设", "好人精神", "志愿服务", "讲文明树新风"] as const;
export const TEMPLATES = ["slogan", "photo", "traditional", "rules", "etiquette", "honour"] as const;
export type PosterDesign = (typeof TEMPLATES)[number];

/** Chinese names of the designs, for staff (workbench, CLI, README). */
export const TEMPLATE_NAMES: Record<PosterDesign, string> = {
  slogan: "标语",
  photo: "图片",
  traditional: "传统",
  rules: "规范（十要十不要）",
  etiquette: "文明礼仪",
  honour: "好人榜",
};

const imageFile = contentImagePath.refine((p) => p.startsWith("images/"), { message: "图片应放在 content/images/ 目录内，如 images/qingming.jpg" });
const percent = z.number().min(0).max(100);
const listItem = plainText(30);

export const adSchema = z
  .strictObject({
    /** Main slogan, e.g. 文明交通 从我做起. A space marks a preferred line break. */
    slogan: plainText(24).meta({ title: "主标语", description: "如 文明交通 从我做起；空格表示建议换行处" }),
    /** Sub-line under the slogan. */
    sub: plainText(40).optional().meta({ title: "副标语", description: "标语下方的一行小字" }),
    /** Theme, for the gallery filter: one of `themes` in site.yaml. */
    theme: plainText(12).meta({ title: "主题", description: "用于公益广告栏目的筛选；可选主题在网站设置的“主题”中维护" }),
    /** Design: slogan, photo (needs `image`), traditional, rules (needs dos/donts or `guide`), etiquette (needs `guide`), honour (needs `batch`). */
    template: z.enum(TEMPLATES).default("slogan").meta({
      title: "版式",
      description: "slogan 标语；photo 图片（需主图）；traditional 传统；rules 规范（需“要/不要”条目或礼仪指南）；etiquette 礼仪（需礼仪指南）；honour 好人榜（需批次）",
    }),
    /** Main image (photo or illustration), relative to the content folder, e.g. images/qingming.jpg. */
    image: imageFile.optional().meta({
      title: "主图",
      description: "照片或插图（JPG、PNG、WebP 或不含脚本的 SVG），在图片库（content/images/）中，如 images/qingming.jpg；新图片请先在工作台的“图片库”上传",
      picker: "images",
    }),
    /** What cropping keeps in view, in per cent from the left and from the top (default the centre). */
    focus: z
      .strictObject({ x: percent.meta({ title: "横向 %", description: "0 为最左，100 为最右" }), y: percent.meta({ title: "纵向 %", description: "0 为最上，100 为最下" }) })
      .default({ x: 50, y: 50 })
      .meta({ title: "主图焦点", description: "裁切时保留在画面中的位置，默认居中" }),
    /** Credit line printed on the image, e.g. 摄影：张三. */
    credit: plainText(30).optional().meta({ title: "图片署名", description: "如 摄影：张三" }),
    /** A partner's logo beside the signature, e.g. a co-organising bureau. */
    partnerLogo: imageFile.optional().meta({ title: "合作单位标识", description: "显示在落款旁，在图片库（content/images/）中；新图片请先在工作台的“图片库”上传", picker: "images" }),
    /** A named palette from site.yaml (e.g. 清明绿); `colours` overrides it. */
    palette: plainText(12).optional().meta({ title: "配色", description: "网站设置中的配色名称，如 中国红、清明绿、海洋蓝；不填用网站主色" }),
    /** Explicit colours for this ad. */
    colours: z
      .strictObject({
        primary: hexColour.meta({ title: "主色", description: "标语底色，与白字对比度至少 4.5:1" }),
        accent: hexColour.meta({ title: "强调色", description: "线条与印章，与白色对比度至少 4.5:1" }),
      })
      .optional()
      .meta({ title: "自定颜色", description: "只用于这条广告，优先于配色" }),
    /** Rules design: what to do and what not to do (up to ten each, 十要十不要). */
    dos: z.array(listItem).max(10).optional().meta({ title: "要", description: "规范版式的“要”条目，每行一条，至多 10 条" }),
    donts: z.array(listItem).max(10).optional().meta({ title: "不要", description: "规范版式的“不要”条目，每行一条，至多 10 条" }),
    /** Etiquette guide id, for the etiquette template (and rules, when it has no items of its own). */
    guide: slug.optional().meta({ title: "礼仪指南编号", description: "etiquette 版式必填；rules 版式没有条目时取该指南的“应该/不应该”" }),
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
    if (ad.template === "photo" && !ad.image) ctx.addIssue({ code: "custom", path: ["image"], message: "photo（图片）版式需要填写 image（主图）" });
    if (ad.template === "rules" && !ad.guide && !ad.dos?.length && !ad.donts?.length)
      ctx.addIssue({ code: "custom", path: ["dos"], message: "rules（规范）版式需要填写 dos / donts 条目，或填写 guide 使用礼仪指南的条目" });
    if (ad.colours) for (const p of posterColourProblems(ad.colours)) ctx.addIssue({ code: "custom", path: ["colours", p.key], message: p.message });
  });

export type AdData = z.output<typeof adSchema>;

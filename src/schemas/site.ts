/**
 * Site settings (`content/site.yaml`): everything that makes the site one
 * city's. Another city reuses the project by changing this file and the content.
 */
import { z } from "zod";
import { DEFAULT_THEMES } from "./ad.ts";
import { contentImagePath, plainText, slug } from "./common.ts";
import { hexColour, posterColourProblems } from "./colours.ts";

/** Palettes a new site starts with (each passes the contrast rule). */
export const DEFAULT_PALETTES = [
  { name: "中国红", primary: "#A8201A", accent: "#8A5A00" },
  { name: "清明绿", primary: "#1E5B3A", accent: "#3D6B1F" },
  { name: "海洋蓝", primary: "#0B4A7A", accent: "#1F5F8B" },
];

export const siteSchema = z
  .strictObject({
    /** City name as used in titles, e.g. 示例市. */
    city: plainText(20).meta({ title: "城市名称", description: "如 示例市" }),
    /** Site title shown in the header and in <title>. */
    title: plainText(40).meta({ title: "网站名称" }),
    /** Full name of the publishing office. */
    issuer: plainText(60).meta({ title: "主办单位" }),
    /** Short 落款 printed on posters, e.g. "示例市文明办 宣". */
    signature: plainText(30).meta({ title: "海报落款", description: "如 示例市文明办 宣" }),
    /** Public origin of the deployed site, used for feeds, sitemaps, QR codes and share links. */
    siteUrl: z.url({ protocol: /^https?$/ }).meta({ title: "网站地址", description: "正式网址，如 https://wenming.example.gov.cn" }),
    /** One-sentence description for search engines and feeds. */
    description: plainText(120).meta({ title: "网站简介", description: "一句话，用于搜索引擎和订阅" }),
    /** Contact shown in the footer. */
    contact: z
      .strictObject({ phone: plainText(30).meta({ title: "电话" }), email: z.email().meta({ title: "电子邮箱" }), address: plainText(80).meta({ title: "地址" }) })
      .meta({ title: "联系方式", description: "显示在页脚" }),
    /** How to object to a list entry or a good-people notice (异议申诉 channel). */
    objection: z
      .strictObject({
        phone: plainText(30).meta({ title: "电话" }),
        email: z.email().meta({ title: "电子邮箱" }),
        address: plainText(80).meta({ title: "地址" }),
        hours: plainText(60).meta({ title: "受理时间" }),
      })
      .meta({ title: "异议申诉渠道", description: "公示和红黑榜页面上显示" }),
    /** ICP 备案号, e.g. 示ICP备00000000号. */
    icp: plainText(40).meta({ title: "ICP 备案号" }),
    /** 公安机关备案号. */
    psb: plainText(40).meta({ title: "公安机关备案号" }),
    /** 政府网站标识码 (10 characters). */
    siteCode: z
      .string()
      .regex(/^[0-9A-Z]{10}$/, { message: "网站标识码应为 10 位数字或大写字母" })
      .meta({ title: "政府网站标识码", description: "10 位数字或大写字母" }),
    /**
     * Identity colours of the site, posters and share images: `primary` for the
     * header, buttons and slogans (white text on it), `accent` for highlights and
     * text on white. Each needs a contrast of at least 4.5:1 with white.
     */
    colours: z
      .strictObject({
        primary: hexColour.meta({ title: "主色", description: "页眉、按钮和海报标语底色，与白色对比度至少 4.5:1" }),
        accent: hexColour.meta({ title: "强调色", description: "白底上的强调文字" }),
      })
      .meta({ title: "标识颜色" }),
    /** One or two characters drawn in the emblem circle (header, posters) when there is no logo. */
    emblem: plainText(2).meta({ title: "徽记文字", description: "没有标识图片时圆形徽记里的一两个字" }),
    /**
     * The office's logo, relative to the content folder, e.g. images/logo.png
     * (PNG, JPG, WebP or an SVG without scripts); shown in the header, on
     * posters and share images instead of the emblem.
     */
    logo: contentImagePath
      .refine((p) => p.startsWith("images/"), { message: "标识图片应放在 content/images/ 目录内，如 images/logo.png" })
      .optional()
      .meta({ title: "标识图片", description: "图片库（content/images/）中的 PNG、JPG、WebP 或 SVG，如 images/logo.png；新图片请先在工作台的“图片库”上传", picker: "images" }),
    /** Named poster palettes ads choose by name (`palette`), e.g. 清明绿 for a 清明 campaign. */
    palettes: z
      .array(
        z.strictObject({
          name: plainText(12).meta({ title: "名称", description: "如 清明绿" }),
          primary: hexColour.meta({ title: "主色", description: "标语底色，与白字对比度至少 4.5:1" }),
          accent: hexColour.meta({ title: "强调色", description: "线条与印章，与白色对比度至少 4.5:1" }),
        }),
      )
      .default(DEFAULT_PALETTES)
      .meta({ title: "海报配色", description: "公益广告可按名称选用的配色" }),
    /** Ad themes for the gallery filter; a city adds its own (文明祭扫) here. */
    themes: z
      .array(plainText(12))
      .min(1)
      .default([...DEFAULT_THEMES])
      .meta({ title: "公益广告主题", description: "每行一个，公益广告的“主题”从中选择" }),
    /** Ads the home page leads with: the current campaign's posters (the newest ad when empty). */
    featured: z.array(slug).max(3).default([]).meta({ title: "首页海报", description: "首页顶部展示的公益广告编号，至多 3 个，每行一个" }),
    /** The 应知应会 self-test: how many questions one round draws from the bank. */
    quiz: z
      .strictObject({
        questions: z.int().min(5).max(50).default(10).meta({ title: "每次题数", description: "每次自测随机抽取的题目数量，5 至 50" }),
      })
      .default({ questions: 10 })
      .meta({ title: "应知应会自测" }),
  })
  .superRefine((s, ctx) => {
    for (const p of posterColourProblems(s.colours)) ctx.addIssue({ code: "custom", path: ["colours", p.key], message: p.message });
    const names = new Set<string>();
    s.palettes.forEach((palette, i) => {
      if (names.has(palette.name)) ctx.addIssue({ code: "custom", path: ["palettes", i, "name"], message: `配色名称重复：“${palette.name}”` });
      names.add(palette.name);
      for (const p of posterColourProblems(palette)) ctx.addIssue({ code: "custom", path: ["palettes", i, p.key], message: `配色“${palette.name}”的${p.message}` });
    });
    const themes = new Set<string>();
    s.themes.forEach((t, i) => {
      if (themes.has(t)) ctx.addIssue({ code: "custom", path: ["themes", i], message: `主题重复：“${t}”` });
      themes.add(t);
    });
  });

export type Site = z.output<typeof siteSchema>;

/**
 * Site settings (`content/site.yaml`): everything that makes the site one
 * city's. Another city reuses the project by changing this file and the content.
 */
import { z } from "zod";
import { plainText } from "./common.ts";

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: "应为 #RRGGBB 形式的颜色" });

export const siteSchema = z.strictObject({
  /** City name as used in titles, e.g. 示例市. */
  city: plainText(20),
  /** Site title shown in the header and in <title>. */
  title: plainText(40),
  /** Full name of the publishing office. */
  issuer: plainText(60),
  /** Short 落款 printed on posters, e.g. "示例市文明办 宣". */
  signature: plainText(30),
  /** Public origin of the deployed site, used for feeds, sitemaps, QR codes and share links. */
  siteUrl: z.url({ protocol: /^https?$/ }),
  /** One-sentence description for search engines and feeds. */
  description: plainText(120),
  /** Contact shown in the footer. */
  contact: z.strictObject({ phone: plainText(30), email: z.email(), address: plainText(80) }),
  /** How to object to a list entry or a good-people notice (异议申诉 channel). */
  objection: z.strictObject({ phone: plainText(30), email: z.email(), address: plainText(80), hours: plainText(60) }),
  /** ICP 备案号, e.g. 示ICP备00000000号. */
  icp: plainText(40),
  /** 公安机关备案号. */
  psb: plainText(40),
  /** 政府网站标识码 (10 characters). */
  siteCode: z.string().regex(/^[0-9A-Z]{10}$/, { message: "网站标识码应为 10 位数字或大写字母" }),
  /** Identity colours: `primary` for headers and slogans, `accent` for highlights; both must read on white. */
  colours: z.strictObject({ primary: hexColour, accent: hexColour }),
  /** One or two characters drawn in the emblem circle on posters. */
  emblem: plainText(2),
});

export type Site = z.output<typeof siteSchema>;

/** Building blocks shared by the content schemas. */
import { z } from "zod";
import { isIsoDate, todayInShanghai } from "../primitives/dates.ts";
import { slugPattern } from "../primitives/slug.ts";
import { codePointLabel, codePointLength, findInvisibleCharacter } from "../primitives/text.ts";

/** A calendar date written YYYY-MM-DD (YAML dates are accepted and converted). */
export const isoDate = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), z.string().refine(isIsoDate, { message: "应为真实日期，写作 YYYY-MM-DD" })).meta({ format: "date" });

/**
 * Refuses a date after the real today (Asia/Shanghai). Not the as-of date:
 * rebuilding a past day's site must not turn later dates into errors.
 */
export function notInFuture(date: string, path: (string | number)[], ctx: z.RefinementCtx): void {
  const today = todayInShanghai();
  if (date > today) ctx.addIssue({ code: "custom", path, message: `日期在未来：收到 ${date}，应不晚于今天 ${today}` });
}

/** Visible text: trimmed, no control/zero-width/bidi characters, length in code points. */
export function plainText(max: number, min = 1) {
  return z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      const hidden = findInvisibleCharacter(s);
      if (hidden) ctx.addIssue({ code: "custom", message: `含不可见或改变文字方向的字符 ${codePointLabel(hidden)}，请删除` });
      const n = codePointLength(s);
      if (n > max) ctx.addIssue({ code: "custom", message: `过长：${n} 个字，上限 ${max} 个字` });
      if (n < min) ctx.addIssue({ code: "custom", message: `过短：${n} 个字，至少 ${min} 个字` });
    })
    .meta({ maxLength: max, ...(min > 1 ? { minLength: min } : {}) });
}

/** Id used in URLs: lower-case letters, digits and hyphens. Never changes once published. */
export const slug = z.string().regex(slugPattern, { message: "应为小写字母、数字和连字符，如 wenming-jiaotong" });

/** Characters a file name cannot keep once it is part of a URL or a module import (fragment, query, escape). */
const URL_SPECIAL = /[#?%]/;

/** A safe relative path inside the content folder: no `..`, no leading `/`, no URL, no backslash, no control or URL-special characters. */
export function contentFile(example: string, extension: RegExp, extensionMessage: string) {
  return z
    .string()
    .refine((p) => !/(^|\/)\.\.(\/|$)|^\/|^[a-z][a-z0-9+.-]*:|\\|[\u0000-\u001F]/i.test(p), { message: `应为内容目录内的相对路径，如 ${example}（不能含 ../、不能以 / 开头、不能是网址）` })
    .refine((p) => !URL_SPECIAL.test(p), { message: "文件名不能包含 #、?、% 等在网址中有特殊含义的符号，请改名后重新填写" })
    .refine((p) => extension.test(p), { message: extensionMessage });
}

/** Extensions a photo may have, in any case; the page's image import (good-people/[id].astro) matches the same set. */
export const PHOTO_EXTENSION = /\.(jpe?g|png|webp)$/i;

/**
 * A photo as phones and staff name it: any letters including Chinese and
 * spaces, extension .jpg/.jpeg/.png/.webp in any case. Photos are raster
 * images: an SVG is refused here rather than failing later.
 */
export const contentPhoto = contentFile("photos/zhang-san.jpg", PHOTO_EXTENSION, "照片应为 JPG、PNG 或 WebP 文件（扩展名 .jpg、.jpeg、.png、.webp，大小写均可）；SVG 等其他格式请先另存为 JPG 或 PNG");

/** An image such as a logo: PNG, JPG, WebP or an SVG (checked for scripts when loaded). */
export const contentImagePath = contentFile("images/logo.png", /\.(png|jpe?g|webp|svg)$/i, "应为 PNG、JPG、WebP 或 SVG 图片");

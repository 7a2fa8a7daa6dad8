/** Building blocks shared by the content schemas. */
import { z } from "zod";
import { isIsoDate } from "../lib/dates.ts";
import { codePointLabel, codePointLength, findInvisibleCharacter } from "../lib/text.ts";

/** A calendar date written YYYY-MM-DD (YAML dates are accepted and converted). */
export const isoDate = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), z.string().refine(isIsoDate, { message: "应为真实日期，写作 YYYY-MM-DD" }));

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
    });
}

/** Id used in URLs: lower-case letters, digits and hyphens. Never changes once published. */
export const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: "应为小写字母、数字和连字符，如 wenming-jiaotong" });

/** A path to an image inside the content folder: relative, no `..`, no URL. */
export const contentImage = z.string().regex(/^(?!.*\.\.)(?![a-z]+:)(?!\/)[\w\-./]+\.(jpg|jpeg|png|webp|svg)$/i, {
  message: "应为内容目录内的图片相对路径（不含 ../，不能是网址），扩展名 jpg/png/webp/svg",
});

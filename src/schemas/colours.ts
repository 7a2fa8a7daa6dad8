/**
 * Colour rules shared by site settings and ads: the identity colours, named
 * palettes and an ad's own colours all need legible text on them.
 */
import { z } from "zod";
import { contrastRatio, MIN_TEXT_CONTRAST } from "../primitives/colour.ts";

export const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: "应为 #RRGGBB 形式的颜色" });

/**
 * The light colours text and paper take on posters (white, the cream of
 * sub-lines, the traditional design's paper): a primary colour must reach
 * 4.5:1 against the least contrasting of them; the accent (seal, lines, text
 * on white on the site) against white.
 */
const LIGHTS = ["#ffffff", "#fff4d6", "#fbf7ee"];

export function posterColourProblems(colours: { primary: string; accent: string }): { key: "primary" | "accent"; message: string }[] {
  const out: { key: "primary" | "accent"; message: string }[] = [];
  const worst = (c: string, against: readonly string[]) => against.map((l) => ({ l, r: contrastRatio(c, l) })).sort((a, b) => a.r - b.r)[0] ?? { l: "#ffffff", r: 21 };
  for (const [key, against] of [
    ["primary", LIGHTS],
    ["accent", ["#ffffff"]],
  ] as const) {
    const colour = colours[key];
    const { l, r } = worst(colour, against);
    if (r < MIN_TEXT_CONTRAST)
      out.push({
        key,
        message: `对比度不足：${colour} 与${l === "#ffffff" ? "白色" : `浅色 ${l} `}的对比度为 ${r.toFixed(2)}:1，应至少 ${MIN_TEXT_CONTRAST}:1（老年人和弱视读者看不清），请换用更深的颜色`,
      });
  }
  return out;
}

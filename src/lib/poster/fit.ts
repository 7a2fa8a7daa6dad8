/**
 * Text fitting: the largest font size, stepping down within bounds, at which
 * every line fits the box. If even the minimum does not fit, fitting fails —
 * posters are never clipped and never overflow.
 */
import { textWidth, type Family, type Weight } from "./fonts.ts";

export interface FitBox {
  width: number;
  height: number;
  max: number;
  min: number;
  lineHeight?: number;
  weight?: Weight;
  family?: Family;
}

export type FitResult = { ok: true; size: number; lines: string[] } | { ok: false; widest: string };

/** Units that must not be split across lines: Latin words and numbers (1.5, 2026). */
function tokens(line: string): string[] {
  return line.match(/[A-Za-z0-9.%:/-]+|\s+|./gu) ?? [];
}

/** Punctuation that must not start a line (line-start prohibition, 避头点). */
const NO_LINE_START = /^[，。、；：！？）》」』”’,.;:!?)\]]/u;

/** Breaks a line into pieces no wider than `width` at `size`, between characters (CJK) or at spaces. */
export function wrap(line: string, width: number, size: number, weight: Weight, family: Family = "sans"): string[] {
  const out: string[] = [];
  let current = "";
  for (const token of tokens(line)) {
    const next = current + token;
    if (current.trim() && textWidth(next, size, weight, family) > width && !NO_LINE_START.test(token)) {
      out.push(current.trim());
      current = token.trimStart();
    } else current = next;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/**
 * Fits `lines` (already split where the author wants breaks) into the box.
 * With `wrapLong`, a line too wide may wrap onto more lines.
 */
export function fitText(lines: readonly string[], box: FitBox, wrapLong = false): FitResult {
  const weight = box.weight ?? 700;
  const family = box.family ?? "sans";
  const lh = box.lineHeight ?? 1.25;
  const sizes: number[] = [];
  for (let size = box.max; size > box.min; size = Math.floor(size * 0.94)) sizes.push(size);
  sizes.push(box.min);
  for (const size of sizes) {
    const laid = wrapLong ? lines.flatMap((l) => wrap(l, box.width, size, weight, family)) : [...lines];
    const widest = Math.max(...laid.map((l) => textWidth(l, size, weight, family)));
    if (widest <= box.width && laid.length * size * lh <= box.height) return { ok: true, size, lines: laid };
  }
  const widest = [...lines].sort((a, b) => textWidth(b, box.min, weight, family) - textWidth(a, box.min, weight, family))[0] ?? "";
  return { ok: false, widest };
}

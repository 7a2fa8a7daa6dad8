/**
 * Poster fonts: full Noto Sans SC TTFs from npm, read once per process. The
 * same Buffer is handed to Satori on every render (Satori caches a parsed font
 * by the Buffer's identity). fontkit reads each font's character map and
 * advance widths, to check glyph coverage before rendering (Satori draws a
 * missing glyph as blank) and to measure text when fitting it.
 */
import { create, type Font } from "fontkit";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { packageVersion } from "../package-version.ts";

/** The npm packages the poster fonts come from (OFL); their versions are part of every poster cache key. */
const FONT_PACKAGE = "@expo-google-fonts/noto-sans-sc";
const SERIF_PACKAGE = "@expo-google-fonts/noto-serif-sc";

export type Weight = 400 | 700 | 900;
/** Sans for every design; the serif (one bold weight) only for the traditional design, loaded when first drawn. */
export type Family = "sans" | "serif";
export const FAMILY_NAMES: Record<Family, string> = { sans: "Noto Sans SC", serif: "Noto Serif SC" };

export interface PosterFont {
  name: string;
  weight: Weight;
  data: Buffer;
  /** The parsed font, for coverage and metrics. */
  font: Font;
  /** Advance widths by code point (-1: no glyph), filled as text is measured or checked: posters ask about the same characters many times. */
  advances: Map<number, number>;
}

/** The advance width of a code point in font units, or -1 when the font has no glyph for it; cached per font. */
function advanceOf(f: PosterFont, cp: number): number {
  let advance = f.advances.get(cp);
  if (advance === undefined) {
    advance = f.font.hasGlyphForCodePoint(cp) ? f.font.glyphForCodePoint(cp).advanceWidth : -1;
    f.advances.set(cp, advance);
  }
  return advance;
}

const FILES: Record<Weight, string> = { 400: "400Regular/NotoSansSC_400Regular.ttf", 700: "700Bold/NotoSansSC_700Bold.ttf", 900: "900Black/NotoSansSC_900Black.ttf" };

let loaded: PosterFont[] | undefined;
let serif: PosterFont | undefined;

/** The TTF file of each weight, for other renderers of the same type (the handbook's Chromium). */
export function fontFile(weight: Weight): string {
  return join(fontDir(), FILES[weight]);
}

function fontDir(pkg = FONT_PACKAGE): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve(`${pkg}/package.json`));
}

function parse(file: string, name: string, weight: Weight): PosterFont {
  const data = readFileSync(file);
  const font = create(data);
  if (!("hasGlyphForCodePoint" in font)) throw new Error(`${file} 不是单个字体文件`);
  return { name, weight, data, font, advances: new Map() };
}

const SERIF_FILE = "700Bold/NotoSerifSC_700Bold.ttf";

/** Every poster font's file with the family name and weight Satori knows it by: what Satori is given, and what Skia draws a raster's text from. */
export function posterFontFiles(): { family: string; weight: Weight; file: string }[] {
  return [
    ...([400, 700, 900] as const).map((weight) => ({ family: FAMILY_NAMES.sans, weight, file: fontFile(weight) })),
    { family: FAMILY_NAMES.serif, weight: 700, file: join(fontDir(SERIF_PACKAGE), SERIF_FILE) },
  ];
}

const filesOf = (family: Family) => posterFontFiles().filter((f) => f.family === FAMILY_NAMES[family]);

/** Noto Serif SC Bold, loaded on first use (14 MB: only processes that draw the traditional design pay for it). */
export function serifFont(): PosterFont {
  serif ??= filesOf("serif").map((f) => parse(f.file, f.family, f.weight))[0];
  if (!serif) throw new Error("没有衬线字体");
  return serif;
}

/** The poster fonts, loaded on first use and kept for the life of the process. */
export function posterFonts(): PosterFont[] {
  loaded ??= filesOf("sans").map((f) => parse(f.file, f.family, f.weight));
  return loaded;
}

/** Version tag of the fonts, part of the poster cache key. */
export function fontVersion(): string {
  return `${FONT_PACKAGE}@${packageVersion(FONT_PACKAGE)} ${SERIF_PACKAGE}@${packageVersion(SERIF_PACKAGE)}`;
}

function fontFor(weight: Weight, family: Family = "sans"): PosterFont {
  if (family === "serif") return serifFont();
  const font = posterFonts().find((f) => f.weight === weight);
  if (!font) throw new Error(`没有字重 ${weight} 的字体`);
  return font;
}

/** Characters of `text` the poster fonts cannot draw (whitespace ignored). */
export function missingGlyphs(text: string, weight: Weight = 700, family: Family = "sans"): string[] {
  const font = fontFor(weight, family);
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (/\s/u.test(ch) || cp < 0x20) continue;
    if (advanceOf(font, cp) < 0) missing.add(ch);
  }
  return [...missing];
}

/** Width of `text` at `fontSize` pixels, from the font's advance widths. */
export function textWidth(text: string, fontSize: number, weight: Weight = 700, family: Family = "sans"): number {
  const f = fontFor(weight, family);
  const em = f.font.unitsPerEm;
  let units = 0;
  for (const ch of text) {
    const advance = advanceOf(f, ch.codePointAt(0) ?? 0);
    // A character the font lacks counts one em: fitting stays conservative until the glyph check reports it.
    units += advance < 0 ? em : advance;
  }
  return (units / em) * fontSize;
}

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

/** The npm package the poster fonts come from (OFL); its version is part of every poster cache key. */
const FONT_PACKAGE = "@expo-google-fonts/noto-sans-sc";

export type Weight = 400 | 700 | 900;

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

/** The TTF file of each weight, for other renderers of the same type (the handbook's Chromium). */
export function fontFile(weight: Weight): string {
  return join(fontDir(), FILES[weight]);
}

function fontDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve(`${FONT_PACKAGE}/package.json`));
}

/** The poster fonts, loaded on first use and kept for the life of the process. */
export function posterFonts(): PosterFont[] {
  if (!loaded) {
    const dir = fontDir();
    loaded = ([400, 700, 900] as const).map((weight) => {
      const data = readFileSync(join(dir, FILES[weight]));
      const font = create(data);
      if (!("hasGlyphForCodePoint" in font)) throw new Error(`${FILES[weight]} 不是单个字体文件`);
      return { name: "Noto Sans SC", weight, data, font, advances: new Map() };
    });
  }
  return loaded;
}

/** Version tag of the fonts, part of the poster cache key. */
export function fontVersion(): string {
  return `${FONT_PACKAGE}@${packageVersion(FONT_PACKAGE)}`;
}

function fontFor(weight: Weight): PosterFont {
  const font = posterFonts().find((f) => f.weight === weight);
  if (!font) throw new Error(`没有字重 ${weight} 的字体`);
  return font;
}

/** Characters of `text` the poster fonts cannot draw (whitespace ignored). */
export function missingGlyphs(text: string, weight: Weight = 700): string[] {
  const font = fontFor(weight);
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (/\s/u.test(ch) || cp < 0x20) continue;
    if (advanceOf(font, cp) < 0) missing.add(ch);
  }
  return [...missing];
}

/** Width of `text` at `fontSize` pixels, from the font's advance widths. */
export function textWidth(text: string, fontSize: number, weight: Weight = 700): number {
  const f = fontFor(weight);
  const em = f.font.unitsPerEm;
  let units = 0;
  for (const ch of text) {
    const advance = advanceOf(f, ch.codePointAt(0) ?? 0);
    // A character the font lacks counts one em: fitting stays conservative until the glyph check reports it.
    units += advance < 0 ? em : advance;
  }
  return (units / em) * fontSize;
}

/**
 * Poster fonts: full Noto Sans SC TTFs from npm, read once per process. The
 * same Buffer is handed to Satori on every render (Satori caches a parsed font
 * by the Buffer's identity). We also read each font's character map and
 * advance widths, to check glyph coverage before rendering (Satori draws a
 * missing glyph as blank) and to measure text when fitting it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export type Weight = 400 | 700 | 900;

export interface PosterFont {
  name: string;
  weight: Weight;
  data: Buffer;
  /** Code point → glyph id. */
  glyphs: Map<number, number>;
  /** Glyph id → advance width in font units. */
  advances: Uint16Array;
  unitsPerEm: number;
}

const FILES: Record<Weight, string> = { 400: "400Regular/NotoSansSC_400Regular.ttf", 700: "700Bold/NotoSansSC_700Bold.ttf", 900: "900Black/NotoSansSC_900Black.ttf" };

function table(data: Buffer, tag: string): number {
  const count = data.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const rec = 12 + i * 16;
    if (data.toString("latin1", rec, rec + 4) === tag) return data.readUInt32BE(rec + 8);
  }
  throw new Error(`字体缺少 ${tag} 表`);
}

/** Reads the Unicode cmap (format 12, or format 4 as fallback). */
function readCmap(data: Buffer): Map<number, number> {
  const cmap = table(data, "cmap");
  const n = data.readUInt16BE(cmap + 2);
  let f4 = -1;
  let f12 = -1;
  for (let i = 0; i < n; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = data.readUInt16BE(rec);
    const encoding = data.readUInt16BE(rec + 2);
    const offset = cmap + data.readUInt32BE(rec + 4);
    const format = data.readUInt16BE(offset);
    if (format === 12 && (platform === 3 || platform === 0)) f12 = offset;
    if (format === 4 && ((platform === 3 && encoding === 1) || platform === 0)) f4 = offset;
  }
  const map = new Map<number, number>();
  if (f12 >= 0) {
    const groups = data.readUInt32BE(f12 + 12);
    for (let g = 0; g < groups; g++) {
      const rec = f12 + 16 + g * 12;
      const start = data.readUInt32BE(rec);
      const end = data.readUInt32BE(rec + 4);
      const glyph = data.readUInt32BE(rec + 8);
      for (let c = start; c <= end; c++) map.set(c, glyph + (c - start));
    }
    return map;
  }
  if (f4 < 0) throw new Error("字体没有 Unicode 字符映射表");
  const segX2 = data.readUInt16BE(f4 + 6);
  const ends = f4 + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  for (let s = 0; s < segX2 / 2; s++) {
    const end = data.readUInt16BE(ends + s * 2);
    const start = data.readUInt16BE(starts + s * 2);
    const delta = data.readInt16BE(deltas + s * 2);
    const rangeOffset = data.readUInt16BE(ranges + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const at = ranges + s * 2 + rangeOffset + (c - start) * 2;
        glyph = data.readUInt16BE(at);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(c, glyph);
    }
  }
  return map;
}

function readAdvances(data: Buffer): { advances: Uint16Array; unitsPerEm: number } {
  const head = table(data, "head");
  const hhea = table(data, "hhea");
  const maxp = table(data, "maxp");
  const hmtx = table(data, "hmtx");
  const metrics = data.readUInt16BE(hhea + 34);
  const glyphCount = data.readUInt16BE(maxp + 4);
  const advances = new Uint16Array(glyphCount);
  let last = 0;
  for (let g = 0; g < glyphCount; g++) {
    if (g < metrics) last = data.readUInt16BE(hmtx + g * 4);
    advances[g] = last;
  }
  return { advances, unitsPerEm: data.readUInt16BE(head + 18) };
}

let loaded: PosterFont[] | undefined;

function fontDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("@expo-google-fonts/noto-sans-sc/package.json"));
}

/** The poster fonts, loaded on first use and kept for the life of the process. */
export function posterFonts(): PosterFont[] {
  if (!loaded) {
    const dir = fontDir();
    loaded = ([400, 700, 900] as const).map((weight) => {
      const data = readFileSync(join(dir, FILES[weight]));
      return { name: "Noto Sans SC", weight, data, glyphs: readCmap(data), ...readAdvances(data) };
    });
  }
  return loaded;
}

/** Version tag of the fonts, part of the poster cache key. */
export function fontVersion(): string {
  const require = createRequire(import.meta.url);
  return `noto-sans-sc@${(require("@expo-google-fonts/noto-sans-sc/package.json") as { version: string }).version}`;
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
    if (!font.glyphs.has(cp)) missing.add(ch);
  }
  return [...missing];
}

/** Width of `text` at `fontSize` pixels, from the font's advance widths. */
export function textWidth(text: string, fontSize: number, weight: Weight = 700): number {
  const font = fontFor(weight);
  let units = 0;
  for (const ch of text) units += font.advances[font.glyphs.get(ch.codePointAt(0) ?? 0) ?? 0] ?? font.unitsPerEm;
  return (units / font.unitsPerEm) * fontSize;
}

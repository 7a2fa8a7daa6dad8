/**
 * A poster's SVG to pixels to files: Skia (@napi-rs/canvas) draws the SVG,
 * libvips decodes the photos meanwhile and their rows are copied in
 * (./blit.ts), sharp encodes. Runs on the raster thread (./raster-thread.ts),
 * away from Satori and its fonts: the canvas's pixel read-back is reported to
 * V8 as external memory, and the full collections that brings on every few
 * posters had to mark the fonts' large heap (≈ 50 MB, 10–25 ms each); in a
 * thread of its own the heap is small and the main thread lays out the next
 * poster meanwhile (docs/performance.md).
 */
import { createCanvas, GlobalFonts, Image, type Canvas } from "@napi-rs/canvas";
import sharp, { type Sharp } from "sharp";
import { createHash } from "node:crypto";
import { blit, type PlacedPixels } from "./blit.ts";
import { posterFontFiles } from "./fonts.ts";
import { tagPrintJpeg } from "./jpeg-header.ts";
import { cmykPdf } from "./print.ts";
import type { PosterSize } from "./sizes.ts";

/**
 * The poster fonts, by the family names Satori writes on the text of a raster's SVG (render.ts, SvgText "fonts").
 * Skia prefers a registered font to a system font of the same name, so the poster is drawn with the files Satori
 * laid it out with on any machine; Skia's registry is the process's, and a second thread registering the same
 * files adds nothing that changes a pixel.
 */
for (const { family, weight, file } of posterFontFiles()) {
  if (!GlobalFonts.registerFromPath(file, family)) throw new Error(`海报字体无法加载：${file}（${family} ${weight}）`);
}

/** A photo lifted out of the SVG: its box in layout pixels and its cropped JPEG. */
export interface LiftedPhoto {
  x: number;
  y: number;
  width: number;
  height: number;
  radius: number;
  bytes: Uint8Array;
}

/** One output of a raster. */
export type Encoding = { format: "png"; compressionLevel: number } | { format: "webp" } | { format: "jpg" | "cmyk.jpg"; dpi: number } | { format: "cmyk.pdf"; size: PosterSize; title: string };

export interface RasterJob {
  /** Satori's SVG without its photos. */
  svg: string;
  /** Output width in pixels; the height follows the SVG's shape. */
  width: number;
  photos: LiftedPhoto[];
  encodings: Encoding[];
}

/** The layout size Satori wrote on the SVG. */
export function svgSize(svg: string): { width: number; height: number } {
  const head = /^<svg[^>]*>/.exec(svg)?.[0] ?? "";
  return { width: Number(/\swidth="([\d.]+)"/.exec(head)?.[1] ?? 1), height: Number(/\sheight="([\d.]+)"/.exec(head)?.[1] ?? 1) };
}

/**
 * Decoded photos by their bytes and place, newest last, at most PHOTO_CACHE_BYTES of pixels: the workbench draws
 * one poster again on every keystroke, with the same photo (a 1080×1920 poster's photo is ≈ 5 MB of pixels,
 * decoded in ≈ 4 ms; keeping it made one such poster ≈ 30 → 24 ms, medians of six alternating runs,
 * docs/performance.md). A photo larger than the budget (A3 at 300 dpi) is neither kept nor hashed; the build's
 * sizes each have their own crop, so there it rarely hits and costs at most the budget per raster thread.
 */
const PHOTO_CACHE_BYTES = 12 * 2 ** 20;
const decoded = new Map<string, PlacedPixels>();
let decodedBytes = 0;

async function photoPixels(p: LiftedPhoto, scale: number): Promise<PlacedPixels> {
  if (Math.round(p.width * scale) * Math.round(p.height * scale) * 4 > PHOTO_CACHE_BYTES) return decodePhoto(p, scale);
  const key = `${createHash("sha1").update(p.bytes).digest("hex")} ${p.x} ${p.y} ${p.width} ${p.height} ${p.radius} ${scale}`;
  const hit = decoded.get(key);
  if (hit) {
    decoded.delete(key);
    decoded.set(key, hit);
    return hit;
  }
  const pixels = await decodePhoto(p, scale);
  if (!decoded.has(key)) {
    decoded.set(key, pixels);
    decodedBytes += pixels.data.length;
    for (const [k, v] of decoded) {
      if (decodedBytes <= PHOTO_CACHE_BYTES) break;
      decoded.delete(k);
      decodedBytes -= v.data.length;
    }
  }
  return pixels;
}

/** A photo's pixels at `scale`, decoded (and resized if the raster is not the layout's size) by libvips on its thread pool while Skia draws the rest. */
async function decodePhoto(p: LiftedPhoto, scale: number): Promise<PlacedPixels> {
  const w = Math.round(p.width * scale);
  const h = Math.round(p.height * scale);
  let image = sharp(p.bytes);
  if (w !== Math.round(p.width) || h !== Math.round(p.height)) image = image.resize(w, h, { fit: "fill" });
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, left: Math.round(p.x * scale), top: Math.round(p.y * scale), radius: p.radius * scale };
}

/** The last canvases by size, reused: a fresh native pixmap per poster (70 MB at A3) is slow to allocate and to free. */
const canvases = new Map<string, Canvas>();
function canvasOf(width: number, height: number): Canvas {
  const key = `${width}x${height}`;
  let canvas = canvases.get(key);
  if (!canvas) {
    canvas = createCanvas(width, height);
    canvases.set(key, canvas);
    if (canvases.size > 3) canvases.delete(canvases.keys().next().value ?? "");
  }
  return canvas;
}

/**
 * One Image for every poster, given each SVG in turn (set and drawn with no
 * await between): a new Image per poster also reports its pixels to V8 as
 * external memory, one more full collection every few posters.
 */
const picture = new Image();

/** The poster's RGBA pixels (opaque: Skia's premultiplied pixels are the straight ones sharp expects). */
async function rasterise(job: RasterJob): Promise<{ pixels: Buffer; width: number; height: number }> {
  const size = svgSize(job.svg);
  const scale = job.width / size.width;
  const width = job.width;
  const height = Math.round(size.height * scale);
  const photos = Promise.all(job.photos.map((p) => photoPixels(p, scale)));
  photos.catch(() => undefined);
  picture.src = Buffer.from(job.svg);
  const canvas = canvasOf(width, height);
  const ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, width, height);
  ctx.drawImage(picture, 0, 0, width, height);
  const pixels = canvas.data();
  for (const photo of await photos) blit({ data: pixels, width, height }, photo);
  return { pixels, width, height };
}

/**
 * Print JPEG. Templates always paint an opaque background (tested), so the
 * alpha band is dropped rather than composited, and Huffman tables are not
 * optimised: together 3–4× faster for A3 at 300 dpi, for a file ~25 % larger
 * (≈ 1 MB, far under the 10 MB limit for submissions). The RGB file's density
 * and sRGB profile are written into its header (./jpeg-header.ts); the CMYK
 * file goes through the colour engine, which is its point.
 */
async function printJpeg(raster: Sharp, dpi: number, cmyk: boolean): Promise<Buffer> {
  const rgb = raster.removeAlpha();
  if (cmyk) return rgb.withMetadata({ density: dpi }).withIccProfile("cmyk").jpeg({ quality: 90, optimiseCoding: false }).toBuffer();
  return tagPrintJpeg(await rgb.jpeg({ quality: 90, optimiseCoding: false }).toBuffer(), dpi);
}

function encode(raster: Sharp, e: Encoding): Promise<Buffer> {
  // Posters are opaque (tested): RGB without the alpha band makes a smaller file.
  switch (e.format) {
    case "png":
      return raster.removeAlpha().png({ compressionLevel: e.compressionLevel, adaptiveFiltering: false }).toBuffer();
    case "webp":
      return raster.removeAlpha().webp({ quality: 86, effort: 1 }).toBuffer();
    case "jpg":
    case "cmyk.jpg":
      return printJpeg(raster, e.dpi, e.format === "cmyk.jpg");
    case "cmyk.pdf":
      return cmykPdf(raster, e.size, e.title);
  }
}

/** Draws one raster and encodes it once per encoding, in order. */
export async function rasterAndEncode(job: RasterJob): Promise<Buffer[]> {
  const { pixels, width, height } = await rasterise(job);
  // One sharp pipeline per output over the same pixels: sharp's clone() would copy them
  // (structuredClone of its input: 70 MB and ~130 ms for A3 at 300 dpi).
  return Promise.all(job.encodings.map((e) => encode(sharp(pixels, { raw: { width, height, channels: 4 }, limitInputPixels: false }), e)));
}

/**
 * The one poster renderer: template → SVG (Satori) → PNG/WebP/JPEG (sharp) or
 * vector PDF at physical size (pdfkit). Used by the build, the CLI, share
 * images and the tests. Knows nothing about Astro.
 */
import { createCanvas, Image, type Canvas } from "@napi-rs/canvas";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import satori from "satori";
import sharp, { type Sharp } from "sharp";
import SVGtoPDF from "svg-to-pdfkit";
import { blit, type PlacedPixels } from "./blit.ts";
import { tagPrintJpeg } from "./jpeg-header.ts";
import { missingGlyphs, posterFonts, serifFont } from "./fonts.ts";
import { croppedPhoto, fillSlots, type Cropped } from "./images.ts";
import { layoutPoster, SERIF_DESIGNS } from "./layout.ts";
import { cmykPdf, flattenForPrint, toPrintPdf } from "./print.ts";
import type { PosterFormat, PosterSize } from "./sizes.ts";
import { PosterError, type PosterInput } from "./templates.ts";

/** Every character a poster will draw, for the glyph check. */
function posterText(input: PosterInput): string {
  return [
    input.slogan,
    input.sub,
    input.scene,
    input.label,
    input.identity.signature,
    input.identity.city,
    input.identity.emblem,
    input.credit,
    ...(input.dos ?? []),
    ...(input.donts ?? []),
    ...(input.people ?? []).flatMap((p) => [p.name, p.category]),
    "√×应该不要等位共条好人榜公益广告文明网一二三四五六七八九十、（）",
  ].join("");
}

/** Throws PosterError naming each character the fonts cannot draw, with its code point. */
export function assertGlyphs(input: PosterInput): void {
  const text = posterText(input);
  const missing = [...new Set([...missingGlyphs(text), ...(SERIF_DESIGNS.has(input.template) ? missingGlyphs(text, 700, "serif") : [])])];
  if (missing.length > 0) {
    const list = missing.map((c) => `“${c}”（U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}）`).join("、");
    throw new PosterError(`字体缺字：公益广告“${input.name}”含有字体无法显示的字符 ${list}，请改用常用字或联系技术人员添加字体`);
  }
}

const qrCache = new Map<string, Promise<string>>();

/** QR code as an SVG data URL, generated locally: vector in every output (sharp at any size, in PDFs too). */
export function qrDataUrl(url: string): Promise<string> {
  let cached = qrCache.get(url);
  if (!cached) {
    cached = QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }).then((svg) => `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`);
    qrCache.set(url, cached);
  }
  return cached;
}

const PHOTO_IMAGE = /<image x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" href="(data:image\/jpeg;base64,[^"]+)"[^>]*\/>/g;

interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
  photo: Cropped;
}

/** The layout size Satori wrote on the SVG. */
function svgSize(svg: string): { width: number; height: number } {
  const head = /^<svg[^>]*>/.exec(svg)?.[0] ?? "";
  return { width: Number(/\swidth="([\d.]+)"/.exec(head)?.[1] ?? 1), height: Number(/\sheight="([\d.]+)"/.exec(head)?.[1] ?? 1) };
}

/**
 * Takes the photos out of a poster's SVG for rasterising: SVG rasterisers
 * draw an embedded picture slowly (resvg ≈ 200 ms, Skia ≈ 190 ms for one
 * 1080×1152 photo, more than the rest of the poster); libvips decodes it on
 * its own thread while Skia draws, and its rows are copied into the pixels
 * (./blit.ts). Designs never draw over a photo, so placing them last draws
 * the same poster.
 */
function liftPhotos(svg: string): { svg: string; photos: Placed[] } {
  const photos: Placed[] = [];
  const rest = svg.replace(PHOTO_IMAGE, (whole, x: string, y: string, w: string, h: string, url: string) => {
    const photo = croppedPhoto(url);
    if (!photo) return whole;
    photos.push({ x: Number(x), y: Number(y), width: Number(w), height: Number(h), photo });
    return "";
  });
  return { svg: rest, photos };
}

/**
 * A photo's pixels at `scale`, decoded (and resized if the raster is not the
 * layout's size) by libvips on its thread pool, while Skia draws the rest.
 */
async function photoPixels(p: Placed, scale: number): Promise<PlacedPixels> {
  const w = Math.round(p.width * scale);
  const h = Math.round(p.height * scale);
  let image = sharp(p.photo.bytes);
  if (w !== Math.round(p.width) || h !== Math.round(p.height)) image = image.resize(w, h, { fit: "fill" });
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, left: Math.round(p.x * scale), top: Math.round(p.y * scale), radius: p.photo.radius * scale };
}

/** The last canvases by size, reused: `data()` copies the pixels out, and a fresh native pixmap per poster (70 MB at A3) is slow to allocate and to free. */
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
 * Rasterises a Satori SVG with Skia (@napi-rs/canvas): Skia draws a poster's
 * paths in a few milliseconds where resvg took ≈ 65 ms for a 1080×1920
 * pixmap (docs/performance.md). Photos are lifted out first, decoded by
 * libvips meanwhile and copied in after (Skia's SVG image path decodes and
 * resamples an embedded JPEG slowly too).
 */
async function rasterise(svg: string, width: number): Promise<() => Sharp> {
  const lifted = liftPhotos(svg);
  const size = svgSize(svg);
  const scale = width / size.width;
  const height = Math.round(size.height * scale);
  const photos = Promise.all(lifted.photos.map((p) => photoPixels(p, scale)));
  photos.catch(() => undefined);
  const picture = new Image();
  picture.src = Buffer.from(lifted.svg);
  const canvas = canvasOf(width, height);
  const ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, width, height);
  ctx.drawImage(picture, 0, 0, width, height);
  // Opaque posters: Skia's premultiplied pixels are the straight ones sharp expects.
  const pixels = canvas.data();
  for (const photo of await photos) blit({ data: pixels, width, height }, photo);
  // One sharp pipeline per output over the same pixels: sharp's clone() would copy them
  // (structuredClone of its input: 70 MB and ~130 ms for A3 at 300 dpi).
  return () => sharp(pixels, { raw: { width, height, channels: 4 }, limitInputPixels: false });
}

/** Lays out a poster at `width`×`height` and returns its SVG. */
export async function renderSvg(input: PosterInput, size: PosterSize, width = size.width, height = size.height): Promise<string> {
  assertGlyphs(input);
  if (input.qrUrl) input = { ...input, qr: await qrDataUrl(input.qrUrl) };
  const scaled: PosterSize = { ...size, width, height };
  const { tree, slots } = layoutPoster(input, scaled);
  await fillSlots(slots);
  const faces = SERIF_DESIGNS.has(input.template) ? [...posterFonts(), serifFont()] : posterFonts();
  const fonts = faces.map((f) => ({ name: f.name, data: f.data, weight: f.weight, style: "normal" as const }));
  return satori(tree, { width, height, fonts });
}

/** A small PNG of one size for the workbench's live preview: the same layout and raster as the build, drawn `width` pixels wide. */
export async function renderPreviewPng(input: PosterInput, size: PosterSize, width: number): Promise<Buffer> {
  const raster = await rasterise(await renderSvg(input, size), width);
  return raster().removeAlpha().png({ compressionLevel: 1 }).toBuffer();
}

const SVG_IMAGE = /<image x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" href="data:image\/svg\+xml;base64,([^"]+)"([^>]*)\/>/g;

/**
 * The PDF writer embeds only PNG and JPEG images: SVG images (the QR code) are
 * inlined as nested <svg> elements instead, so they stay vector in print, with
 * the image's clip and mask on a group around them.
 */
export function inlineSvgImages(svg: string): string {
  return svg.replace(SVG_IMAGE, (_, x: string, y: string, w: string, h: string, data: string, rest: string) => {
    const inner = Buffer.from(data, "base64")
      .toString("utf8")
      .replace(/^<svg\b/, `<svg x="${x}" y="${y}" width="${w}" height="${h}" preserveAspectRatio="none"`);
    const group = rest.replace(/\s*preserveAspectRatio="[^"]*"/, "").trim();
    return group ? `<g ${group}>${inner}</g>` : inner;
  });
}

/** A fixed creation date: the same poster is the same file in every build (pdfkit would stamp the time and derive the file ID from it). */
const REPRODUCIBLE_DATE = new Date("2020-01-01T00:00:00Z");

/** Vector print PDF at the size's physical dimensions (trim + bleed), PDF/X-4 (./print.ts); text and QR code stay as paths. */
export async function svgToPdf(svg: string, size: PosterSize, title = "公益广告"): Promise<Buffer> {
  return toPrintPdf(await pdfkitPage(flattenForPrint(svg), size), size, title);
}

function pdfkitPage(svg: string, size: PosterSize): Promise<Buffer> {
  const print = size.print ?? { widthMm: size.width / 2.5, heightMm: size.height / 2.5, bleedMm: 0 };
  const pt = (mm: number) => (mm * 72) / 25.4;
  const w = pt(print.widthMm + 2 * print.bleedMm);
  const hgt = pt(print.heightMm + 2 * print.bleedMm);
  const doc = new PDFDocument({ size: [w, hgt], margin: 0, autoFirstPage: true, info: { Title: "公益广告", Creator: "wenming", CreationDate: REPRODUCIBLE_DATE } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  SVGtoPDF(doc, inlineSvgImages(svg), 0, 0, { width: w, height: hgt, preserveAspectRatio: "none", assumePt: false });
  doc.end();
  return done;
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

/** The raster of a print size without its own (street posters, lightboxes): 150 dpi, what large-format print shops ask for. */
function printRaster(size: PosterSize): { width: number; height: number; dpi: number } {
  if (!size.print) return { width: size.width, height: size.height, dpi: 72 };
  const dpi = 150;
  const px = (mm: number) => Math.round((mm / 25.4) * dpi);
  return { width: px(size.print.widthMm + 2 * size.print.bleedMm), height: px(size.print.heightMm + 2 * size.print.bleedMm), dpi };
}

/**
 * Renders one size in several formats with as little work as possible: one
 * layout and raster for PNG + WebP, one print raster for RGB + CMYK JPEG.
 */
export async function renderPosterFormats(input: PosterInput, size: PosterSize, formats: readonly PosterFormat[]): Promise<Buffer[]> {
  const out = new Map<PosterFormat, Promise<Buffer>>();
  const screen = formats.filter((f) => f === "png" || f === "webp");
  if (screen.length > 0) {
    const raster = await rasterise(await renderSvg(input, size), size.width);
    // Posters are opaque (tested): RGB without the alpha band encodes in half the time, to a smaller file.
    for (const f of screen)
      out.set(f, f === "webp" ? raster().removeAlpha().webp({ quality: 86, effort: 1 }).toBuffer() : raster().removeAlpha().png({ compressionLevel: 3, adaptiveFiltering: false }).toBuffer());
  }
  const print = formats.filter((f) => f === "jpg" || f === "cmyk.jpg" || f === "cmyk.pdf");
  if (print.length > 0) {
    // Print rasters are laid out at full pixel size: sharper and faster than scaling a small layout.
    const r = size.raster ?? printRaster(size);
    const raster = await rasterise(await renderSvg(input, size, r.width, r.height), r.width);
    for (const f of print) out.set(f, f === "cmyk.pdf" ? cmykPdf(raster(), size, `${input.name} ${size.label}（CMYK）`) : printJpeg(raster(), r.dpi, f === "cmyk.jpg"));
  }
  if (formats.includes("pdf"))
    out.set(
      "pdf",
      renderSvg(input, size).then((svg) => svgToPdf(svg, size, `${input.name} ${size.label}`)),
    );
  return Promise.all(formats.map((f) => out.get(f) ?? Promise.reject(new Error(`未知格式 ${f}`))));
}

/** Renders one size in one format. */
export async function renderPoster(input: PosterInput, size: PosterSize, format: PosterFormat): Promise<Buffer> {
  const [data] = await renderPosterFormats(input, size, [format]);
  if (!data) throw new Error(`未知格式 ${format}`);
  return data;
}

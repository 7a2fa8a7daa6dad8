/**
 * The one poster renderer: template → SVG (Satori) → PNG/WebP/JPEG (sharp) or
 * vector PDF at physical size (pdfkit). Used by the build, the CLI, share
 * images and the tests. Knows nothing about Astro.
 */
import { Worker } from "node:worker_threads";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import satori from "satori";
import SVGtoPDF from "svg-to-pdfkit";
import { missingGlyphs, posterFonts, serifFont } from "./fonts.ts";
import { croppedPhoto, fillSlots } from "./images.ts";
import { layoutPoster, SERIF_DESIGNS } from "./layout.ts";
import { useSmallPages } from "../build/allocators.ts";
import { flattenForPrint, toPrintPdf } from "./print.ts";
import type { Encoding, LiftedPhoto, RasterJob } from "./raster.ts";
import type { RasterReply, RasterRequest } from "./raster-thread.ts";
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

/**
 * Takes the photos out of a poster's SVG for rasterising: SVG rasterisers
 * draw an embedded picture slowly (resvg ≈ 200 ms, Skia ≈ 190 ms for one
 * 1080×1152 photo, more than the rest of the poster); the raster thread
 * decodes it with libvips while Skia draws and copies its rows in
 * (./raster.ts). Designs never draw over a photo, so placing them last draws
 * the same poster.
 */
function liftPhotos(svg: string): { svg: string; photos: LiftedPhoto[] } {
  const photos: LiftedPhoto[] = [];
  const rest = svg.replace(PHOTO_IMAGE, (whole, x: string, y: string, w: string, h: string, url: string) => {
    const photo = croppedPhoto(url);
    if (!photo) return whole;
    photos.push({ x: Number(x), y: Number(y), width: Number(w), height: Number(h), radius: photo.radius, bytes: photo.bytes });
    return "";
  });
  return { svg: rest, photos };
}

interface RasterThread {
  worker: Worker;
  pending: Map<number, { resolve: (outputs: Buffer[]) => void; reject: (error: Error) => void }>;
}

let threads: RasterThread[] = [];
let maxThreads = 1;
let nextRequest = 0;

/**
 * How many raster threads this process may run (1 unless set): the build's
 * renderer runs several, fed by one thread of layout, so that one set of
 * fonts and one layout heap serve them all (pool.ts).
 */
export function setRasterThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`raster threads: ${n}`);
  maxThreads = n;
}

/**
 * A raster thread (./raster-thread.ts) for the next request: a new one while
 * fewer than the maximum are running, else the one with the least work. They
 * are started on first use and again after a crash, and keep the process
 * alive only while they have work.
 */
function rasterThread(): RasterThread {
  if (threads.length >= maxThreads) return threads.reduce((least, t) => (t.pending.size < least.pending.size ? t : least));
  // Skia's binding loads in the thread and reads its allocator's settings then (../build/allocators.ts).
  useSmallPages();
  const worker = new Worker(new URL("./raster-thread.ts", import.meta.url));
  const t: RasterThread = { worker, pending: new Map() };
  worker.unref();
  worker.on("message", (reply: RasterReply) => {
    const waiting = t.pending.get(reply.id);
    if (!waiting) return;
    t.pending.delete(reply.id);
    if (t.pending.size === 0) worker.unref();
    if ("error" in reply) waiting.reject(Object.assign(new Error(reply.error.message), reply.error));
    else waiting.resolve(reply.outputs.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength)));
  });
  const fail = (error: Error) => {
    threads = threads.filter((other) => other !== t);
    for (const waiting of t.pending.values()) waiting.reject(error);
    t.pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`海报栅格化线程意外退出（退出码 ${code}）`)));
  threads.push(t);
  return t;
}

/** Rasterises a Satori SVG `width` pixels wide on the raster thread and encodes it once per encoding. */
function rasterAndEncode(svg: string, width: number, encodings: Encoding[]): Promise<Buffer[]> {
  const lifted = liftPhotos(svg);
  return rasterOnThread({ svg: lifted.svg, width, photos: lifted.photos, encodings });
}

/** Sends one raster job to a raster thread; its outputs, in the order of its encodings. */
export function rasterOnThread(job: RasterJob): Promise<Buffer[]> {
  const t = rasterThread();
  const id = nextRequest++;
  return new Promise((resolve, reject) => {
    t.pending.set(id, { resolve, reject });
    t.worker.ref();
    t.worker.postMessage({ id, job } satisfies RasterRequest);
  });
}

/**
 * How a poster's SVG carries its text. "paths": each word's glyph outlines, what the print PDF needs (its writer
 * embeds no fonts). "fonts": each character as text in the poster fonts at the place Satori laid it out, for the
 * raster thread, where Skia draws it from its glyph cache with the same font files (registered in ./raster.ts): no outline
 * to write out, parse and fill per poster, ≈ 2 ms of a 20 ms phone poster (docs/performance.md).
 */
export type SvgText = "paths" | "fonts";

/** Lays out a poster at `width`×`height` (the size's own unless given) and returns its SVG, its text as `text` says (outlines unless given). */
export async function renderSvg(
  input: PosterInput,
  size: PosterSize,
  { width = size.width, height = size.height, text = "paths" }: { width?: number; height?: number; text?: SvgText } = {},
): Promise<string> {
  assertGlyphs(input);
  if (input.qrUrl) input = { ...input, qr: await qrDataUrl(input.qrUrl) };
  const scaled: PosterSize = { ...size, width, height };
  const { tree, slots } = layoutPoster(input, scaled);
  await fillSlots(slots);
  const faces = SERIF_DESIGNS.has(input.template) ? [...posterFonts(), serifFont()] : posterFonts();
  const fonts = faces.map((f) => ({ name: f.name, data: f.data, weight: f.weight, style: "normal" as const }));
  return satori(tree, { width, height, fonts, embedFont: text === "paths" });
}

/** A small PNG of one size for the workbench's live preview: the same layout and raster as the build, drawn `width` pixels wide. */
export async function renderPreviewPng(input: PosterInput, size: PosterSize, width: number): Promise<Buffer> {
  const [png] = await rasterAndEncode(await renderSvg(input, size, { text: "fonts" }), width, [{ format: "png", compressionLevel: 1 }]);
  if (!png) throw new Error("预览图没有生成");
  return png;
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
  const share = (fs: readonly PosterFormat[], outputs: Promise<Buffer[]>) => {
    outputs.catch(() => undefined);
    fs.forEach((f, i) =>
      out.set(
        f,
        outputs.then((o) => o[i] ?? Promise.reject(new Error(`未知格式 ${f}`))),
      ),
    );
  };
  const screen = formats.filter((f) => f === "png" || f === "webp");
  if (screen.length > 0) {
    const encodings = screen.map((f): Encoding => (f === "webp" ? { format: "webp" } : { format: "png", compressionLevel: 3 }));
    share(screen, rasterAndEncode(await renderSvg(input, size, { text: "fonts" }), size.width, encodings));
  }
  const print = formats.filter((f) => f === "jpg" || f === "cmyk.jpg" || f === "cmyk.pdf");
  if (print.length > 0) {
    // Print rasters are laid out at full pixel size: sharper and faster than scaling a small layout.
    const r = size.raster ?? printRaster(size);
    const encodings = print.map((f): Encoding => (f === "cmyk.pdf" ? { format: f, size, title: `${input.name} ${size.label}（CMYK）` } : { format: f, dpi: r.dpi }));
    share(print, rasterAndEncode(await renderSvg(input, size, { width: r.width, height: r.height, text: "fonts" }), r.width, encodings));
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

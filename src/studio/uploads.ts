/**
 * Files staff upload in the workbench: good people's photos, news covers,
 * notices' attachments and the image library's pictures. Pictures are checked by their content (not their
 * name), within limits, turned upright and re-encoded without their metadata
 * (phones record the place a photo was taken); attachments are checked by
 * their bytes like the loader does and stored under a name made safe from
 * the one on the staff member's computer. What is stored is then checked
 * again by the loader with the rest of the change (store.ts), like any file.
 */
import { extname } from "node:path";
import sharp from "sharp";
import { attachmentProblem, attachmentTextCheck, MAX_ATTACHMENT_BYTES } from "../lib/content/attachments.ts";
import { MAX_IMAGE_PIXELS, svgProblem } from "../lib/content/images.ts";
import { ATTACHMENT_EXTENSION } from "../schemas/news.ts";
import type { ContentStore } from "./store.ts";

export const PHOTO_LIMITS = { bytes: 10 * 1024 * 1024, minSide: 300, maxPixels: 50_000_000, longSide: 2400 } as const;

/** The site shows portraits at 4:5 (global.css .portrait): the photo is cropped to that around the chosen point, so the page shows what staff chose. */
export const PORTRAIT_RATIO = 4 / 5;

/** At most this many attachments are uploaded with one save (the news schema's limit for an item). */
export const MAX_ATTACHMENTS = 10;

/** Where the crop is centred, as fractions of width and height (0–1). */
export interface Focus {
  x: number;
  y: number;
}

export function focusOf(x: string, y: string): Focus {
  const fraction = (v: string) => {
    const n = Number(v);
    return Number.isFinite(n) && v.trim() !== "" ? Math.min(100, Math.max(0, n)) / 100 : 0.5;
  };
  return { x: fraction(x), y: fraction(y) };
}

/** The 4:5 box inside a `width`×`height` picture centred as near `focus` as the edges allow. */
export function portraitCrop(width: number, height: number, focus: Focus): { left: number; top: number; width: number; height: number } {
  const wide = width / height > PORTRAIT_RATIO;
  const w = wide ? Math.round(height * PORTRAIT_RATIO) : width;
  const h = wide ? height : Math.round(width / PORTRAIT_RATIO);
  const clamp = (v: number, max: number) => Math.min(Math.max(0, Math.round(v)), max);
  return { left: clamp(focus.x * width - w / 2, width - w), top: clamp(focus.y * height - h / 2, height - h), width: w, height: h };
}

/**
 * A picture as the site stores it: upright, without metadata, at most
 * PHOTO_LIMITS.longSide pixels on its long side, as JPEG; cropped to 4:5
 * around `portrait` when given (a person's photo). `noun` names it in
 * messages (照片, 封面图片).
 */
export async function processPicture(bytes: Buffer, noun: string, portrait?: Focus): Promise<{ data: Buffer; ext: string } | { error: string }> {
  if (bytes.length > PHOTO_LIMITS.bytes) return { error: `${noun}过大：${(bytes.length / 1024 / 1024).toFixed(1)} MB，上限 10 MB` };
  let meta;
  try {
    meta = await sharp(bytes, { limitInputPixels: PHOTO_LIMITS.maxPixels }).metadata();
  } catch {
    return { error: `无法识别的图片：文件内容不是 JPG、PNG 或 WebP ${noun}（仅改扩展名无效；苹果手机的 HEIC 照片请先在手机上设置为“兼容性最佳”或另存为 JPG）` };
  }
  if (!meta.format || !["jpeg", "png", "webp"].includes(meta.format)) return { error: `${noun}格式为 ${meta.format ?? "未知"}：请上传 JPG、PNG 或 WebP 图片` };
  const w = meta.autoOrient?.width ?? meta.width ?? 0;
  const h = meta.autoOrient?.height ?? meta.height ?? 0;
  if (Math.min(w, h) < PHOTO_LIMITS.minSide) return { error: `${noun}太小：${w}×${h} 像素，短边至少 ${PHOTO_LIMITS.minSide} 像素，否则在页面上会模糊` };
  // Upright first (phones store the turn separately), then the crop in upright pixels.
  const upright = await sharp(bytes, { limitInputPixels: PHOTO_LIMITS.maxPixels }).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = upright.info;
  const picture = sharp(upright.data, { raw: { width, height, channels }, limitInputPixels: PHOTO_LIMITS.maxPixels });
  const data = await (portrait ? picture.extract(portraitCrop(width, height, portrait)) : picture)
    .resize({ width: PHOTO_LIMITS.longSide, height: PHOTO_LIMITS.longSide, fit: "inside", withoutEnlargement: true })
    .jpeg({ quality: 88, mozjpeg: true })
    .toBuffer();
  return { data, ext: "jpg" };
}

/** A good person's photo: cropped to the site's 4:5 around `focus`. */
export function processPhoto(bytes: Buffer, focus: Focus = { x: 0.5, y: 0.5 }): Promise<{ data: Buffer; ext: string } | { error: string }> {
  return processPicture(bytes, "照片", focus);
}

/** Characters an attachment's stored name may not keep: path separators, controls, and what has a meaning in a web address or a shell. */
const UNSAFE_NAME = /[\\/:*?"<>|#%&+;=`$~^{}[\]\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** The most characters of an attachment's name before its extension (file systems allow 255 bytes; Chinese is 3 each). */
const MAX_STEM = 60;

/**
 * The name an uploaded attachment is stored under in content/news/files/,
 * from the name on the staff member's computer (the browser may send a
 * whole Windows path): its last part, characters that are unsafe in a path
 * or a web address replaced by “-”, spaces kept, the extension in lower
 * case. Refused when the extension is not an attachment's.
 */
export function attachmentName(uploaded: string): { name: string; title: string } | { error: string } {
  const { last, ext, stem } = uploadedName(uploaded);
  if (!ATTACHMENT_EXTENSION.test(ext)) return { error: `附件“${last}”的类型“${ext || "（无扩展名）"}”不支持：请上传 PDF、Word、Excel、PowerPoint、WPS 或 OFD 文件` };
  const safe = stem || "附件";
  return { name: `${safe}${ext}`, title: safe };
}

/** An uploaded file's name split: its last part as sent, its extension in lower case, and its name before that made safe (may be empty). */
function uploadedName(uploaded: string): { last: string; ext: string; stem: string } {
  const last = uploaded.normalize("NFC").split(/[\\/]/).pop() ?? "";
  // Not extname: a file called “.pdf” has an extension here, and no name.
  const ext = (/\.[^.]*$/.exec(last)?.[0] ?? "").toLowerCase();
  const safe = last
    .slice(0, last.length - ext.length)
    .replace(UNSAFE_NAME, "-")
    .replace(/\s+/g, " ")
    .replace(/^[\s.-]+|[\s.-]+$/g, "");
  return { last, ext, stem: [...safe].slice(0, MAX_STEM).join("").trim() };
}

/** Raster formats the image library keeps, and the extension each is stored with. */
const LIBRARY_FORMATS: Record<string, string> = { jpeg: ".jpg", png: ".png", webp: ".webp" };

/** An SVG file's start: an XML declaration, comments and a doctype may come before its <svg> element. */
const SVG_START = /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg\b/i;

/**
 * A picture for the image library (content/images/: posters' main pictures,
 * partners' and the office's logos), judged by its content whatever its name:
 * a JPG, PNG or WebP is turned upright and written again in its own format
 * without its metadata, at full size (an A3 print needs every pixel) and with
 * its transparency (a logo's); an SVG is kept as it is when it has no script
 * or outside reference. Named from the uploaded name made safe, with the
 * extension of what it really is.
 */
export async function processLibraryImage(bytes: Buffer, uploaded: string): Promise<{ name: string; data: Buffer } | { error: string }> {
  const { last, stem } = uploadedName(uploaded);
  const name = stem || "图片";
  if (bytes.length > PHOTO_LIMITS.bytes) return { error: `图片“${last}”过大：${(bytes.length / 1024 / 1024).toFixed(1)} MB，上限 10 MB` };
  if (SVG_START.test(bytes.subarray(0, 4096).toString("utf8"))) {
    const problem = svgProblem(bytes.toString("utf8"));
    return problem ? { error: `图片“${last}”：${problem}` } : { name: `${name}.svg`, data: bytes };
  }
  let format: string | undefined;
  let pixels = 0;
  try {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    format = meta.format;
    pixels = (meta.width ?? 0) * (meta.height ?? 0);
  } catch {
    format = undefined;
  }
  const ext = format ? LIBRARY_FORMATS[format] : undefined;
  if (!ext) return { error: `无法识别的图片“${last}”：文件内容不是 JPG、PNG、WebP 或 SVG 图片（仅改扩展名无效）` };
  if (pixels > MAX_IMAGE_PIXELS) return { error: `图片“${last}”像素过多：上限 ${MAX_IMAGE_PIXELS / 1e6} 百万像素，请缩小后再上传` };
  const upright = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
  const encoded = format === "png" ? upright.png({ compressionLevel: 9 }) : format === "webp" ? upright.webp({ quality: 90 }) : upright.jpeg({ quality: 90, mozjpeg: true });
  return { name: `${name}${ext}`, data: await encoded.toBuffer() };
}

/**
 * Why an uploaded attachment cannot be published (its bytes and the text in them, as the loader checks them),
 * or undefined: said when it is uploaded, before anything is saved.
 */
export async function uploadedAttachmentProblem(name: string, bytes: Uint8Array): Promise<string | undefined> {
  if (bytes.length > MAX_ATTACHMENT_BYTES) return `附件“${name}”过大：${(bytes.length / 1048576).toFixed(1)} MB，上限 ${MAX_ATTACHMENT_BYTES / 1048576} MB，请压缩或拆分后再上传`;
  return attachmentProblem(name, bytes) ?? ((await attachmentTextCheck(name, bytes)).problems.join("；") || undefined);
}

/**
 * A path in `dir` (relative to the content folder) for `bytes` named `name`:
 * the name itself when it is free or already holds these very bytes, else
 * the name with “-2”, “-3” … before its extension, so an upload never
 * replaces a file another item may link to. `taken` holds paths chosen
 * earlier in the same save.
 */
export async function freePath(store: ContentStore, dir: string, name: string, bytes: Buffer, taken: ReadonlySet<string>): Promise<string> {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const rel = `${dir}/${n === 1 ? name : `${stem}-${n}${ext}`}`;
    if (taken.has(rel)) continue;
    const existing = await store.read(rel);
    if (existing === null || existing.equals(bytes)) return rel;
  }
}

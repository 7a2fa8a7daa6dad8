/**
 * Checks on image files staff put into the content folder, done before any
 * decoding: the path stays inside the folder, the file is not too large, SVGs
 * carry no script, and raster images are within a pixel limit (read from the
 * header only).
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import sharp from "sharp";
import type { ImageRef, Logo } from "../poster/templates.ts";

/** 40 megapixels: larger than any photo a page needs, small enough to decode safely. */
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const SVG_DANGER = /<script\b|\son[a-z]+\s*=|javascript:|<foreignObject\b|<iframe\b|<embed\b|<object\b|(?:xlink:)?href\s*=\s*["']\s*(?:https?:|\/\/|data:text)/i;

/** Why an SVG's text is not accepted (a script or an outside reference), or undefined. */
export function svgProblem(text: string): string | undefined {
  const m = SVG_DANGER.exec(text);
  return m ? `SVG 含脚本或外部引用（“${m[0].trim()}”），不予接受：请导出为不含脚本的 SVG 或 PNG` : undefined;
}

/** Returns a Chinese problem description, or undefined when the image is acceptable. */
export async function checkImageFile(baseDir: string, relPath: string): Promise<string | undefined> {
  const base = resolve(baseDir);
  const full = resolve(base, relPath);
  if (!full.startsWith(base + sep)) return `图片路径“${relPath}”超出内容目录`;
  let size: number;
  try {
    size = (await stat(full)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return `找不到图片文件“${relPath}”`;
    return `无法读取图片文件“${relPath}”（${code ?? String(error)}）`;
  }
  if (size > MAX_IMAGE_BYTES) return `图片过大：${(size / 1048576).toFixed(1)} MB，上限 ${MAX_IMAGE_BYTES / 1048576} MB`;
  if (extname(full).toLowerCase() === ".svg") return svgProblem(await readFile(full, "utf8"));
  try {
    const meta = await sharp(full, { limitInputPixels: false }).metadata();
    const pixels = (meta.width ?? 0) * (meta.height ?? 0);
    if (pixels > MAX_IMAGE_PIXELS) return `图片像素过多：${meta.width}×${meta.height}，上限 ${MAX_IMAGE_PIXELS / 1e6} 百万像素，请缩小后再上传`;
  } catch (error) {
    // sharp says why (unsupported format, truncated file); staff get the plain reason, the detail in brackets.
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return `无法识别的图片文件“${relPath}”：文件可能已损坏或不是图片，请使用 JPG、PNG 或 WebP（${why}）`;
  }
  return undefined;
}

/**
 * A checked image as the poster renderer takes it: its path, content hash and
 * pixel size as displayed (EXIF orientation applied), and the focal point.
 */
export async function imageRefOf(file: string, focus: { x: number; y: number } = { x: 50, y: 50 }): Promise<ImageRef> {
  const bytes = await readFile(file);
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  const turned = (meta.orientation ?? 1) >= 5;
  return {
    file,
    digest: createHash("sha256").update(bytes).digest("hex").slice(0, 32),
    width: (turned ? meta.height : meta.width) ?? 0,
    height: (turned ? meta.width : meta.height) ?? 0,
    vector: meta.format === "svg",
    focus,
  };
}

/** Logos are small and drawn at most a few hundred pixels wide: one PNG, flattened on white (print carries no transparency), serves every poster. */
export async function logoOf(path: string): Promise<Logo> {
  const { data, info } = await sharp(path, { density: 300 })
    .resize({ width: 600, height: 600, fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { dataUrl: `data:image/png;base64,${data.toString("base64")}`, width: info.width, height: info.height };
}

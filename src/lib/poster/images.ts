/**
 * Photos on posters: each photo box of a layout is filled with the image
 * cover-cropped around its focal point to exactly the box's pixels (never
 * stretched), flattened onto the design's colour (print carries no
 * transparency) and embedded as JPEG. Also the resolution check: whether an
 * image has the pixels a size's output needs.
 */
import sharp, { type Sharp } from "sharp";
import type { Slot } from "./layout.ts";
import type { PosterSize } from "./sizes.ts";
import type { ImageRef } from "./templates.ts";

/** The part of the image (in its own pixels) that covers a `width`×`height` box with the focal point as central as the edges allow. */
export function coverCrop(image: Pick<ImageRef, "width" | "height" | "focus">, width: number, height: number): { left: number; top: number; width: number; height: number } {
  const scale = Math.max(width / image.width, height / image.height);
  const w = Math.min(image.width, Math.max(1, Math.round(width / scale)));
  const h = Math.min(image.height, Math.max(1, Math.round(height / scale)));
  const clamp = (v: number, max: number) => Math.min(Math.max(0, Math.round(v)), max);
  return { left: clamp((image.focus.x / 100) * image.width - w / 2, image.width - w), top: clamp((image.focus.y / 100) * image.height - h / 2, image.height - h), width: w, height: h };
}

/** SVGs are drawn at the density that gives the box's pixels, then cropped like a photo. */
async function source(image: ImageRef, width: number, height: number): Promise<{ pipeline: Sharp; ref: ImageRef }> {
  if (!image.vector) return { pipeline: sharp(image.file, { limitInputPixels: false }).rotate(), ref: image };
  const scale = Math.max(width / image.width, height / image.height);
  const density = Math.min(2400, Math.max(1, 72 * scale));
  const { data, info } = await sharp(image.file, { density }).png().toBuffer({ resolveWithObject: true });
  return { pipeline: sharp(data), ref: { ...image, width: info.width, height: info.height } };
}

/** A cropped photo: its JPEG (composited onto rasters by the renderer) and the same bytes as a data URL (in the SVG, for PDFs). */
export interface Cropped {
  url: string;
  bytes: Buffer;
  radius: number;
}

async function crop(slot: Slot): Promise<Cropped> {
  const { pipeline, ref } = await source(slot.image, slot.width, slot.height);
  const region = coverCrop(ref, slot.width, slot.height);
  const data = await pipeline
    .extract(region)
    .resize(slot.width, slot.height, { fit: "fill", kernel: "lanczos3" })
    .flatten({ background: slot.background })
    .jpeg({ quality: 88, chromaSubsampling: "4:4:4" })
    .toBuffer();
  return { url: `data:image/jpeg;base64,${data.toString("base64")}`, bytes: data, radius: slot.radius ?? 0 };
}

/** Crops by image, box and background: PNG and WebP of one size share one layout, and the build renders sizes in turn. */
const crops = new Map<string, Promise<Cropped>>();
/** The same crops by data URL, for the renderer to find the bytes of a photo in an SVG. */
const byUrl = new Map<string, Cropped>();
const KEPT = 24;

function cropped(slot: Slot): Promise<Cropped> {
  const key = JSON.stringify([slot.image.digest, slot.image.focus, slot.width, slot.height, slot.background, slot.radius ?? 0]);
  let hit = crops.get(key);
  if (!hit) {
    hit = crop(slot);
    crops.set(key, hit);
    hit.then((c) => byUrl.set(c.url, c)).catch(() => crops.delete(key));
    if (crops.size > KEPT) {
      const oldest = crops.keys().next().value ?? "";
      void crops.get(oldest)?.then((c) => byUrl.delete(c.url));
      crops.delete(oldest);
    }
  }
  return hit;
}

/** Writes each slot's cropped image into its element. */
export async function fillSlots(slots: readonly Slot[]): Promise<void> {
  const done = await Promise.all(slots.map(cropped));
  slots.forEach((s, i) => (s.node.props.src = done[i]?.url ?? ""));
}

/** The crop behind a data URL in a poster's SVG, while it is cached. */
export function croppedPhoto(url: string): Cropped | undefined {
  return byUrl.get(url);
}

/** Pixel density print sizes without a raster are judged at: large-format posters are read from a metre or more. */
export const LARGE_FORMAT_DPI = 150;
/** Above this enlargement a print looks soft: a warning. */
export const WARN_ENLARGEMENT = 1.25;
/** Above this it is blurred: refused. */
export const MAX_ENLARGEMENT = 3;

/** Output pixels per layout pixel: A3's 300 dpi raster, large-format PDFs at 150 dpi, screens as laid out. */
export function outputScale(size: PosterSize): { scale: number; label: string } {
  if (size.raster) return { scale: size.raster.width / size.width, label: `${size.raster.dpi} dpi` };
  if (size.print) return { scale: LARGE_FORMAT_DPI / (size.width / (size.print.widthMm + 2 * size.print.bleedMm)) / 25.4, label: `${LARGE_FORMAT_DPI} dpi` };
  return { scale: 1, label: "屏幕原尺寸" };
}

export interface Enlargement {
  image: ImageRef;
  /** Pixels the box needs in the output. */
  needed: { width: number; height: number };
  factor: number;
  label: string;
}

/** How much each raster image of a layout would be enlarged in `size`'s output (SVGs never are). */
export function enlargements(slots: readonly Pick<Slot, "image" | "width" | "height">[], size: PosterSize): Enlargement[] {
  const { scale, label } = outputScale(size);
  return slots
    .filter((s) => !s.image.vector)
    .map((s) => {
      const needed = { width: Math.round(s.width * scale), height: Math.round(s.height * scale) };
      return { image: s.image, needed, factor: Math.max(needed.width / s.image.width, needed.height / s.image.height), label };
    });
}

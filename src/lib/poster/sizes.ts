/**
 * Poster sizes staff ask for (中央文明办 submission calls, street posters, lightboxes, screens). Screen sizes are pixels; print
 * sizes are millimetres, laid out at a working pixel size with the same
 * aspect ratio and written as vector PDF (and, for A3, a 300 dpi JPEG).
 */

export type Shape = "tall" | "portrait" | "square" | "landscape" | "cover";
export type PosterFormat = "png" | "webp" | "jpg" | "pdf" | "cmyk.jpg" | "cmyk.pdf";

export interface PosterSize {
  id: string;
  /** Chinese label for staff. */
  label: string;
  /** Layout size in CSS pixels (Satori's canvas). */
  width: number;
  height: number;
  shape: Shape;
  /** Formats every build renders and offers for download. */
  formats: readonly PosterFormat[];
  /** Formats the CLI renders when asked (`--format`), which builds skip: nobody downloads them often enough to pay for them on every build. */
  onRequest: readonly PosterFormat[];
  /** Physical trim size and bleed for print sizes, in millimetres. */
  print?: { widthMm: number; heightMm: number; bleedMm: number };
  /** Raster pixel size for print JPEGs (A3 at 300 dpi). */
  raster?: { width: number; height: number; dpi: number };
}

function shapeOf(w: number, h: number): Shape {
  const r = w / h;
  if (r >= 2.2) return "cover";
  if (r > 1.2) return "landscape";
  if (r >= 0.9) return "square";
  if (r >= 0.65) return "portrait";
  return "tall";
}

/**
 * Screen size: PNG for staff (WeChat editors and LED controllers take PNG).
 * WebP only where the site itself shows the poster (`shown`); elsewhere on request.
 */
function screen(id: string, label: string, width: number, height: number, shown = false): PosterSize {
  return { id, label, width, height, shape: shapeOf(width, height), formats: shown ? ["png", "webp"] : ["png"], onRequest: shown ? [] : ["webp"] };
}

/** Print size laid out at 2.5 px per millimetre (trim plus bleed); also the handbook's A5 cover. */
export function printSize(id: string, label: string, widthMm: number, heightMm: number, bleedMm = 0, raster?: PosterSize["raster"]): PosterSize {
  const w = widthMm + 2 * bleedMm;
  const h = heightMm + 2 * bleedMm;
  const scale = 2.5;
  const size: PosterSize = {
    id,
    label,
    width: Math.round(w * scale),
    height: Math.round(h * scale),
    shape: shapeOf(w, h),
    // A3 is submitted as a 300 dpi RGB JPEG of at most 10 MB (中央文明办 calls); its vector PDF and the CMYK JPEG are there when asked for.
    formats: raster ? ["jpg"] : ["pdf"],
    onRequest: raster ? ["pdf", "cmyk.jpg", "cmyk.pdf"] : ["cmyk.pdf"],
    print: { widthMm, heightMm, bleedMm },
  };
  if (raster) size.raster = raster;
  return size;
}

export const POSTER_SIZES: readonly PosterSize[] = [
  screen("led", "户外 LED 屏 1920×1080", 1920, 1080),
  screen("wechat-cover", "公众号封面 900×383", 900, 383),
  screen("wechat-square", "公众号封面方图 500×500", 500, 500),
  screen("square", "朋友圈方图 1080×1080", 1080, 1080, true),
  screen("phone", "手机竖屏 / 视频号 1080×1920", 1080, 1920, true),
  printSize("a3", "A3 投稿（297×420 mm，300 dpi）", 297, 420, 0, { width: 3508, height: 4961, dpi: 300 }),
  printSize("poster-50x70", "街头海报 50×70 cm", 500, 700),
  printSize("poster-60x90", "街头海报 60×90 cm", 600, 900),
  printSize("lightbox-60x90", "灯箱 60×90 cm（含 2 cm 出血）", 600, 900, 20),
];

/** The 1200×630 share image used by every page's Open Graph card. */
export const SHARE_SIZE: PosterSize = screen("share", "分享图 1200×630", 1200, 630);

export function findSize(id: string): PosterSize | undefined {
  return id === SHARE_SIZE.id ? SHARE_SIZE : POSTER_SIZES.find((s) => s.id === id);
}

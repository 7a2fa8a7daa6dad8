/**
 * Places an opaque photo into a poster's RGBA pixels. libvips' composite
 * blends every pixel of the poster in floating point (≈ 45 ms for a
 * 1080×1920 poster, ≈ 300 ms at A3 300 dpi); a photo is opaque, so its rows
 * are copied as they are and only the pixels on a rounded corner's edge are
 * blended, by how much of each the rounded box covers.
 */

export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

export interface PlacedPixels extends Pixels {
  left: number;
  top: number;
  /** Corner radius in pixels; 0 for square corners. */
  radius: number;
}

/** How much of the pixel at (x, y) of a `width`×`height` box with corner radius `r` lies inside the box: 0–1, anti-aliased on the arc. */
export function cornerCoverage(x: number, y: number, width: number, height: number, r: number): number {
  if (r <= 0) return 1;
  const cx = x < r ? r : x >= width - r ? width - r : undefined;
  const cy = y < r ? r : y >= height - r ? height - r : undefined;
  if (cx === undefined || cy === undefined) return 1;
  const distance = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
  return Math.min(1, Math.max(0, r + 0.5 - distance));
}

/** Copies `photo` into `target` at its place, clipped to the target; both are 4 bytes a pixel, the photo opaque. */
export function blit(target: Pixels, photo: PlacedPixels): void {
  const r = Math.min(Math.max(0, photo.radius), photo.width / 2, photo.height / 2);
  const x0 = Math.max(0, -photo.left);
  const x1 = Math.min(photo.width, target.width - photo.left);
  if (x1 <= x0) return;
  const corner = Math.ceil(r);
  for (let y = Math.max(0, -photo.top); y < photo.height && photo.top + y < target.height; y++) {
    const row = (photo.top + y) * target.width + photo.left;
    const inCorners = y < corner || y >= photo.height - corner;
    // The straight part of the row is copied; on a corner's rows the ends are blended pixel by pixel.
    const from = inCorners ? Math.max(x0, corner) : x0;
    const to = inCorners ? Math.min(x1, photo.width - corner) : x1;
    if (to > from) photo.data.copy(target.data, (row + from) * 4, (y * photo.width + from) * 4, (y * photo.width + to) * 4);
    if (!inCorners) continue;
    for (let x = x0; x < x1; x++) {
      if (x >= from && x < to) continue;
      const a = cornerCoverage(x, y, photo.width, photo.height, r);
      if (a === 0) continue;
      const t = (row + x) * 4;
      const s = (y * photo.width + x) * 4;
      for (let c = 0; c < 3; c++) target.data[t + c] = Math.round(a * (photo.data[s + c] ?? 0) + (1 - a) * (target.data[t + c] ?? 0));
    }
  }
}

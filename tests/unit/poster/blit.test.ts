/**
 * Photos are copied into a poster's pixels instead of composited by libvips
 * (src/lib/poster/blit.ts): the result must be the composite's — the photo
 * inside its box, clipped at the poster's edges, rounded corners blended —
 * and nothing outside the box may change.
 */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { blit, cornerCoverage, type PlacedPixels, type Pixels } from "../../../src/lib/poster/blit.ts";

const BACKGROUND = [30, 90, 60, 255];

function poster(width: number, height: number): Pixels {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set(BACKGROUND, i);
  return { data, width, height };
}

/** A photo whose every pixel says where it is (so a misplaced row shows). */
function photo(width: number, height: number, left: number, top: number, radius: number): PlacedPixels {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([(x * 7) % 256, (y * 5) % 256, 200, 255], (y * width + x) * 4);
  return { data, width, height, left, top, radius };
}

/** The same placement by libvips: the photo masked by an SVG rounded rectangle, composited over the poster. */
async function reference(target: Pixels, p: PlacedPixels): Promise<Buffer> {
  const mask = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${p.width}" height="${p.height}"><rect width="${p.width}" height="${p.height}" rx="${p.radius}" ry="${p.radius}"/></svg>`);
  const masked = await sharp(p.data, { raw: { width: p.width, height: p.height, channels: 4 } })
    .composite([{ input: mask, blend: "dest-in" }])
    .png()
    .toBuffer();
  // libvips refuses an overlay larger than the base or outside it: crop the overlay to the visible part first.
  const x0 = Math.max(0, -p.left);
  const y0 = Math.max(0, -p.top);
  const w = Math.min(p.width, target.width - p.left) - x0;
  const h = Math.min(p.height, target.height - p.top) - y0;
  const visible = await sharp(masked).extract({ left: x0, top: y0, width: w, height: h }).png().toBuffer();
  return sharp(target.data, { raw: { width: target.width, height: target.height, channels: 4 } })
    .composite([{ input: visible, left: p.left + x0, top: p.top + y0 }])
    .raw()
    .toBuffer();
}

const CASES: [string, number, number, number, number, number][] = [
  // name, photo width, height, left, top, radius
  ["square corners, inside", 40, 30, 10, 20, 0],
  ["square corners, at the origin", 80, 60, 0, 0, 0],
  ["off the left and top edges", 50, 40, -10, -7, 0],
  ["off the right and bottom edges", 50, 40, 60, 70, 0],
  ["larger than the poster", 140, 130, -20, -10, 0],
  ["rounded corners", 60, 50, 12, 18, 12],
  ["rounded, fractional radius", 61, 47, 3, 5, 9.5],
  ["rounded, radius larger than half the box", 30, 20, 40, 40, 50],
  ["rounded and clipped", 60, 50, -15, 70, 14],
];

describe("a photo copied into the poster's pixels", () => {
  it.each(CASES)("%s matches libvips' composite", async (_, w, h, left, top, radius) => {
    const target = poster(100, 100);
    const p = photo(w, h, left, top, radius);
    const expected = await reference(poster(100, 100), { ...p, radius: Math.min(radius, w / 2, h / 2) });
    blit(target, p);
    let differing = 0;
    let worst = 0;
    for (let i = 0; i < target.data.length; i++) {
      const d = Math.abs((target.data[i] ?? 0) - (expected[i] ?? 0));
      worst = Math.max(worst, d);
      if (d > 8) differing++;
    }
    // Identical except for anti-aliasing on a rounded corner's arc.
    if (radius === 0) expect(worst).toBe(0);
    else {
      expect(worst).toBeLessThan(96);
      expect(differing).toBeLessThan(4 * Math.ceil(radius) * 3);
    }
  });

  it("leaves every pixel outside the box as it was", () => {
    const target = poster(64, 64);
    blit(target, photo(20, 10, 30, 40, 4));
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < 64; x++) {
        if (x >= 30 && x < 50 && y >= 40 && y < 50) continue;
        expect([...target.data.subarray((y * 64 + x) * 4, (y * 64 + x) * 4 + 4)], `${x},${y}`).toEqual(BACKGROUND);
      }
  });

  it("puts each photo pixel at its place (no shifted rows)", () => {
    const target = poster(64, 64);
    const p = photo(20, 10, 5, 7, 0);
    blit(target, p);
    for (let y = 0; y < 10; y++) for (let x = 0; x < 20; x++) expect(target.data[((7 + y) * 64 + 5 + x) * 4], `${x},${y}`).toBe((x * 7) % 256);
  });

  it("draws nothing when the photo is wholly outside the poster", () => {
    const target = poster(32, 32);
    const before = Buffer.from(target.data);
    for (const [left, top] of [
      [40, 0],
      [0, 40],
      [-30, 0],
      [0, -30],
    ] as const)
      blit(target, photo(20, 20, left, top, 3));
    expect(target.data.equals(before)).toBe(true);
  });
});

describe("corner coverage", () => {
  it.each([
    [0, 0, 10, 0],
    [9, 9, 10, 1],
    [50, 0, 10, 1],
    [0, 50, 10, 1],
    [99, 99, 10, 0],
    [5, 5, 0, 1],
  ])("pixel (%i, %i) of a 100×100 box with radius %i is covered %f", (x, y, r, expected) => {
    expect(cornerCoverage(x, y, 100, 100, r)).toBeCloseTo(expected, 5);
  });
  it("falls from 1 to 0 across the arc, never outside 0–1", () => {
    for (let i = 0; i < 20; i++) {
      const c = cornerCoverage(i, i, 100, 100, 20);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
      if (i > 0) expect(c).toBeGreaterThanOrEqual(cornerCoverage(i - 1, i - 1, 100, 100, 20));
    }
  });
});

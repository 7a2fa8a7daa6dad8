/**
 * Rasters are drawn and encoded on a thread of their own
 * (src/lib/poster/raster-thread.ts). A poster must get its own pixels back —
 * never another request's, whatever order the thread finishes in — and a
 * failing raster must fail only its own poster, with the thread's message.
 */
import { execFileSync } from "node:child_process";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { rasterOnThread, setRasterThreads } from "../../../src/lib/poster/render.ts";
import { rasterAndEncode, type Encoding, type RasterJob } from "../../../src/lib/poster/raster.ts";

const svg = (fill: string, width = 60, height = 40) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="${fill}"/></svg>`;

const job = (fill: string, width: number, encodings: Encoding[] = [{ format: "png", compressionLevel: 3 }], photos: RasterJob["photos"] = []): RasterJob => ({
  svg: svg(fill),
  width,
  photos,
  encodings,
});

async function firstPixel(file: Buffer): Promise<number[]> {
  const { data } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  return [...data.subarray(0, 3)];
}

const hex = (rgb: readonly number[]) => `#${rgb.map((c) => c.toString(16).padStart(2, "0")).join("")}`;

describe("the raster thread", () => {
  it("gives each of many concurrent requests its own poster, at its own size", async () => {
    // Sizes from small to large so later requests can finish first; colours tell the answers apart.
    const requests = Array.from({ length: 12 }, (_, i) => ({ colour: [i * 20, 255 - i * 20, (i * 47) % 256], width: 60 * (12 - i) }));
    const answers = await Promise.all(requests.map((r) => rasterOnThread(job(hex(r.colour), r.width))));
    for (const [i, r] of requests.entries()) {
      const [png] = answers[i] ?? [];
      if (!png) throw new Error(`no answer for request ${i}`);
      const meta = await sharp(png).metadata();
      expect([meta.width, meta.height, meta.channels]).toEqual([r.width, (r.width * 40) / 60, 3]);
      expect(await firstPixel(png)).toEqual(r.colour);
    }
  });

  it("answers with the same bytes as rasterising in this thread, one output per encoding in order", async () => {
    const encodings: Encoding[] = [{ format: "webp" }, { format: "png", compressionLevel: 1 }, { format: "jpg", dpi: 300 }];
    const here = await rasterAndEncode(job("#a8201a", 300, encodings));
    const there = await rasterOnThread(job("#a8201a", 300, encodings));
    expect(there.map((b) => b.subarray(0, 4).toString("latin1"))).toEqual(["RIFF", "\x89PNG", "\xff\xd8\xff\xe0"]);
    expect(there).toEqual(here);
  });

  it("fails only the poster whose raster fails, with the thread's message, and keeps working", async () => {
    const broken = job("#000000", 60, undefined, [{ x: 0, y: 0, width: 10, height: 10, radius: 0, bytes: new Uint8Array([1, 2, 3, 4]) }]);
    const results = await Promise.allSettled([rasterOnThread(job("#00ff00", 60)), rasterOnThread(broken), rasterOnThread(job("#0000ff", 60))]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const failure = results[1];
    expect(failure?.status === "rejected" && String(failure.reason)).toMatch(/unsupported image format|Input buffer/i);
    const [after] = await rasterOnThread(job("#ff0000", 60));
    expect(await firstPixel(after ?? Buffer.alloc(0))).toEqual([255, 0, 0]);
  });
});

describe("several raster threads in one process", () => {
  it("share the requests and still give each its own poster, as one thread would", async () => {
    const requests = Array.from({ length: 9 }, (_, i) => ({ colour: [(i * 31) % 256, 200 - i * 20, 40 + i * 10], width: 40 * (9 - i) }));
    const one = await Promise.all(requests.map((r) => rasterOnThread(job(hex(r.colour), r.width))));
    setRasterThreads(3);
    try {
      const three = await Promise.all(requests.map((r) => rasterOnThread(job(hex(r.colour), r.width))));
      expect(three).toEqual(one);
      for (const [i, r] of requests.entries()) expect(await firstPixel(three[i]?.[0] ?? Buffer.alloc(0))).toEqual(r.colour);
    } finally {
      setRasterThreads(1);
    }
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses %s threads", (n) => expect(() => setRasterThreads(n)).toThrow(RangeError));

  it("draws a kept decoded photo exactly as a fresh one, at each poster's own place, and never another's", async () => {
    // Four photos of 1000×1000 (4 MB of pixels each): more than the raster thread keeps, so some are decoded again.
    const colours = [
      [200, 30, 30],
      [30, 160, 60],
      [40, 60, 200],
      [230, 200, 40],
    ];
    const photos = await Promise.all(
      colours.map((c) =>
        sharp({ create: { width: 1000, height: 1000, channels: 3, background: hex(c) } })
          .jpeg({ quality: 95 })
          .toBuffer(),
      ),
    );
    const pngAt = async (i: number, x: number) => {
      const [png] = await rasterAndEncode({
        ...job("#ffffff", 1400),
        svg: svg("#ffffff", 1400, 1000),
        photos: [{ x, y: 0, width: 1000, height: 1000, radius: 0, bytes: photos[i] ?? Buffer.alloc(0) }],
      });
      if (!png) throw new Error("no png");
      return png;
    };
    const pixelAt = async (png: Buffer, x: number) => {
      const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      return [...data.subarray((500 * info.width + x) * 3, (500 * info.width + x) * 3 + 3)];
    };
    const first = await Promise.all([0, 1, 2, 3].map((i) => pngAt(i, 0)));
    for (const [i, png] of first.entries()) expect((await pixelAt(png, 500)).map((v, c) => Math.abs(v - (colours[i]?.[c] ?? 0)) <= 3)).toEqual([true, true, true]);
    // Again in another order, kept or decoded again: the same bytes.
    for (const i of [3, 0, 2, 1, 1, 3]) expect(await pngAt(i, 0)).toEqual(first[i]);
    // The same photo at another place: drawn there, the background where it was.
    const moved = await pngAt(0, 400);
    expect(await pixelAt(moved, 200)).toEqual([255, 255, 255]);
    expect((await pixelAt(moved, 900)).map((v, c) => Math.abs(v - (colours[0]?.[c] ?? 0)) <= 3)).toEqual([true, true, true]);
  });
});

describe("the raster thread's allocator", () => {
  // Skia's binding reads mimalloc's options from the environment when it loads; with 2 MB pages a
  // poster's read-back could wait 45–100 ms for the kernel (src/lib/build/allocators.ts). IT may override them.
  const script = [
    `const { rasterOnThread } = await import(${JSON.stringify(new URL("../../../src/lib/poster/render.ts", import.meta.url).href)});`,
    `const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#c00"/></svg>';`,
    `const [png] = await rasterOnThread({ svg, width: 8, photos: [], encodings: [{ format: "png", compressionLevel: 3 }] });`,
    `console.log(JSON.stringify({ bytes: png.length, setting: [process.env.MIMALLOC_ALLOW_LARGE_OS_PAGES, process.env.MIMALLOC_ALLOW_THP].join() }));`,
  ].join("\n");
  const run = (env: Record<string, string>) => {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MIMALLOC_")));
    const out = execFileSync(process.execPath, ["-e", script], { env: { ...base, ...env }, encoding: "utf8" });
    return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { bytes: number; setting: string };
  };

  it("draws with ordinary pages unless IT chose otherwise", () => {
    const plain = run({});
    expect(plain.bytes).toBeGreaterThan(0);
    expect(plain.setting).toBe("0,0");
    expect(run({ MIMALLOC_ALLOW_LARGE_OS_PAGES: "1" }).setting).toBe("1,0");
    expect(run({ MIMALLOC_ALLOW_THP: "1" }).setting).toBe("0,1");
  });
});

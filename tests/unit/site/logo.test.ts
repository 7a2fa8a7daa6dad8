import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { logoKind, publishedLogo } from "../../../src/lib/site/logo.ts";

/** A 40×20 logo with what cameras and editors leave in a file: who, and where. */
const withMetadata = (format: "png" | "jpeg" | "webp") =>
  sharp({ create: { width: 40, height: 20, channels: 3, background: "#a8201a" } })
    .withExif({ IFD0: { Artist: "王五 13912345678", ImageDescription: "110101199003071233" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "39/1 54/1 0/1" } })
    .withMetadata({ orientation: 6 })
    .toFormat(format)
    .toBuffer();

describe("the published logo keeps the picture and drops the file's metadata", () => {
  it.each([
    { name: "logo.png", format: "png" as const, ext: "png" },
    { name: "标识.JPG", format: "jpeg" as const, ext: "jpg" },
    { name: "logo.jpeg", format: "jpeg" as const, ext: "jpg" },
    { name: "logo.webp", format: "webp" as const, ext: "webp" },
  ])("$name", async ({ name, format, ext }) => {
    const original = await withMetadata(format);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(logoKind(name).ext).toBe(ext);
    const published = await publishedLogo(name, original);
    const meta = await sharp(published).metadata();
    // Turned as the camera meant (orientation 6: a quarter turn), in its own format, with nothing else kept.
    expect([meta.format, meta.width, meta.height, meta.exif, meta.xmp, meta.iptc, meta.orientation]).toEqual([format === "jpeg" ? "jpeg" : format, 20, 40, undefined, undefined, undefined, undefined]);
    expect(published.includes("13912345678")).toBe(false);
  });

  it("publishes an SVG as it is, and names what it cannot publish", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    expect(await publishedLogo("logo.svg", svg)).toBe(svg);
    expect(logoKind("logo.svg").type).toBe("image/svg+xml");
    expect(() => logoKind("logo.gif")).toThrow("站点标识 logo.gif 应为 PNG、JPG、WebP 或 SVG 图片");
  });
});

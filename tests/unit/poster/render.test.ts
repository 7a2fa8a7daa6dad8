/** Real poster outputs, checked by measurable properties: size, resolution, page size, non-blank pixels, exact errors. */
import { statSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { fitText } from "../../../src/lib/poster/fit.ts";
import { posterFontFiles, posterFonts, serifFont } from "../../../src/lib/poster/fonts.ts";
import { tagPrintJpeg } from "../../../src/lib/poster/jpeg-header.ts";
import { inlineSvgImages, renderPoster, renderSvg } from "../../../src/lib/poster/render.ts";
import { findSize, POSTER_SIZES, SHARE_SIZE, type PosterSize } from "../../../src/lib/poster/sizes.ts";
import { PosterError, type PosterInput } from "../../../src/lib/poster/templates.ts";

const identity = { city: "示例市", signature: "示例市文明办 宣", emblem: "文明", primary: "#A8201A", accent: "#8A5A00" };
const slogan: PosterInput = { name: "测试广告", template: "slogan", slogan: "文明交通 从我做起", sub: "礼让斑马线 出行戴头盔", qrUrl: "https://wenming.example.gov.cn/ads/x/", identity };
const etiquette: PosterInput = {
  ...slogan,
  template: "etiquette",
  slogan: "牵好绳 清好便",
  scene: "文明养犬",
  dos: ["遛狗时全程牵绳，牵引绳长度不超过 1.5 米", "随身带上拾便袋"],
  donts: ["不让犬只进入菜市场", "不遗弃犬只"],
};
const honour: PosterInput = {
  ...slogan,
  template: "honour",
  slogan: "学习身边好人 弘扬时代新风",
  people: ["王桂兰", "李建国", "赵敏", "陈有福", "孙晓红"].map((name) => ({ name, category: "助人为乐" })),
};
const size = (id: string): PosterSize =>
  findSize(id) ??
  (() => {
    throw new Error(id);
  })();

/** Standard deviation of luminance: a blank image has ~0. */
async function variance(png: Buffer): Promise<number> {
  const stats = await sharp(png).stats();
  return Math.max(...stats.channels.slice(0, 3).map((c) => c.stdev));
}

/** BleedBox of the first page (trim plus bleed; the whole page when there is no bleed), in points. */
async function pdfPageSize(pdf: Buffer): Promise<[number, number]> {
  const box = (await PDFDocument.load(pdf)).getPage(0).getBleedBox();
  return [box.width, box.height];
}

describe.each([slogan, etiquette, honour])("template $template", (input) => {
  it.each(POSTER_SIZES.filter((s) => s.formats.includes("png")).map((s) => s.id))("renders %s at its pixel size, not blank, opaque", async (id) => {
    const png = await renderPoster(input, size(id), "png");
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", size(id).width, size(id).height]);
    expect(await variance(png)).toBeGreaterThan(20);
    // Print JPEGs drop the alpha band instead of compositing: every pixel must be opaque.
    expect((await sharp(png).stats()).isOpaque).toBe(true);
  });
});

describe("screen formats", () => {
  it("WebP at 1080×1920", async () => {
    const meta = await sharp(await renderPoster(slogan, size("phone"), "webp")).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 1080, 1920]);
  });
  it("share card at 1200×630", async () => {
    const png = await renderPoster({ ...slogan, template: "share", label: "好人榜" }, SHARE_SIZE, "png");
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([1200, 630]);
    expect(await variance(png)).toBeGreaterThan(20);
    expect((await sharp(png).stats()).isOpaque).toBe(true);
  });
});

describe("print formats", () => {
  let a3: Buffer;
  beforeAll(async () => {
    a3 = await renderPoster(slogan, size("a3"), "jpg");
  });
  it("A3 JPEG is 3508×4961, 300 dpi, RGB, at most 10 MB", async () => {
    const meta = await sharp(a3).metadata();
    expect([meta.format, meta.width, meta.height, meta.density, meta.space]).toEqual(["jpeg", 3508, 4961, 300, "srgb"]);
    // Tagged sRGB (a print shop's software then knows the colours are not to be guessed).
    expect(meta.icc?.subarray(36, 40).toString("latin1")).toBe("acsp");
    expect(meta.icc?.subarray(16, 20).toString("latin1")).toBe("RGB ");
    expect(a3.length).toBeLessThanOrEqual(10 * 1024 * 1024);
    expect(await variance(a3)).toBeGreaterThan(20);
  });
  it.each([72, 150, 300, 600])("a JPEG tagged at %i dpi reads back at that density, sRGB, with the same pixels", async (dpi) => {
    const plain = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#a8201a" } })
      .jpeg()
      .toBuffer();
    const tagged = await tagPrintJpeg(plain, dpi);
    const meta = await sharp(tagged).metadata();
    expect([meta.density, meta.width, meta.height, meta.hasProfile]).toEqual([dpi, 64, 48, true]);
    const [a, b] = await Promise.all([plain, tagged].map((j) => sharp(j).raw().toBuffer()));
    expect(a?.equals(b ?? Buffer.alloc(0))).toBe(true);
  });
  it("refuses to tag a JPEG twice or a file that is not a JPEG", async () => {
    const tagged = await tagPrintJpeg(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
        .jpeg()
        .toBuffer(),
      300,
    );
    await expect(tagPrintJpeg(tagged, 300)).rejects.toThrow("already");
    await expect(tagPrintJpeg(Buffer.from("not a jpeg"), 300)).rejects.toThrow("not a JPEG");
  });
  it("CMYK JPEG for print shops that ask (on request)", async () => {
    const meta = await sharp(await renderPoster(slogan, size("a3"), "cmyk.jpg")).metadata();
    expect([meta.space, meta.width]).toEqual(["cmyk", 3508]);
  });
  it.each([
    ["a3", 841.89, 1190.55],
    ["poster-60x90", 1700.79, 2551.18],
    ["lightbox-60x90", 1814.17, 2664.57],
  ])("%s PDF page is the physical size (with bleed) in points", async (id, w, h) => {
    const pdf = await renderPoster(slogan, size(id), "pdf");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const [pw, ph] = await pdfPageSize(pdf);
    expect(pw).toBeCloseTo(w, 1);
    expect(ph).toBeCloseTo(h, 1);
  });
});

describe("print PDFs stay vector", () => {
  it("the QR code is drawn as paths, not embedded as a picture that blurs when enlarged", async () => {
    const svg = await renderSvg(slogan, size("poster-60x90"));
    expect(svg).toMatch(/<image[^>]*href="data:image\/svg\+xml/);
    const inlined = inlineSvgImages(svg);
    expect(inlined).not.toContain("<image");
    // The QR's own drawing (a white square and its dark modules) is now part of the poster, where the image was.
    expect(inlined).toMatch(
      /<g clip-path="url\(#[^)]+\)" mask="url\(#[^)]+\)"><svg x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" preserveAspectRatio="none" xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"[^>]*><path fill="#ffffff"/,
    );
    const pdf = (await renderPoster(slogan, size("poster-60x90"), "pdf")).toString("latin1");
    expect(pdf).not.toMatch(/\/Subtype\s*\/Image/);
  });
});

describe("failures name the ad, the size and the text", () => {
  it("text that cannot fit even at the minimum size", async () => {
    const long = { ...slogan, slogan: "这是一条非常非常长而且没有任何断行机会的公益广告标语文字内容测试" };
    await expect(renderPoster(long, size("wechat-cover"), "png")).rejects.toThrow(
      "文字放不下：公益广告“测试广告”的标语“这是一条非常非常长而且没有任何断行机会的公益广告标语文字内容测试”在尺寸 wechat-cover（900×383）上即使用最小字号 19px 也超出版面",
    );
  });
  it("a character the fonts cannot draw, with its code point", async () => {
    await expect(renderPoster({ ...slogan, slogan: "文明𪚥城" }, size("square"), "png")).rejects.toThrow(
      new PosterError("字体缺字：公益广告“测试广告”含有字体无法显示的字符 “𪚥”（U+2A6A5），请改用常用字或联系技术人员添加字体"),
    );
  });
  it("fitText steps down and reports failure", () => {
    expect(fitText(["文明交通"], { width: 400, height: 200, max: 200, min: 50 })).toEqual({ ok: true, size: 97, lines: ["文明交通"] }); // 200 → 188 → … → 104 → 97: the first step at which 4 em fit in 400 px;
    expect(fitText(["文明交通"], { width: 100, height: 200, max: 200, min: 50 })).toEqual({ ok: false, widest: "文明交通" });
  });
});

describe("the site's logo", () => {
  it.each(["slogan", "share"] as const)("is drawn on the %s design in place of the emblem", async (template) => {
    // A green square logo: its colour must appear where the emblem was, and nowhere without it.
    const logoPng = await sharp({ create: { width: 200, height: 200, channels: 3, background: "#00b050" } })
      .png()
      .toBuffer();
    const withLogo = { ...slogan, template, identity: { ...identity, logo: { dataUrl: `data:image/png;base64,${logoPng.toString("base64")}`, width: 200, height: 200 } } };
    const greenPixels = async (png: Buffer) => {
      const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      let n = 0;
      for (let i = 0; i < data.length; i += info.channels) if (data[i] === 0 && data[i + 1] === 176 && data[i + 2] === 80) n++;
      return n;
    };
    const sizeOf = template === "share" ? SHARE_SIZE : size("square");
    expect(await greenPixels(await renderPoster(withLogo, sizeOf, "png"))).toBeGreaterThan(1000);
    expect(await greenPixels(await renderPoster({ ...slogan, template }, sizeOf, "png"))).toBe(0);
  });
});

describe("the raster thread's fonts", () => {
  it("are the fonts Satori lays posters out with: every family and weight, from the same files", () => {
    const laidOut = [...posterFonts(), serifFont()].map((f) => `${f.name} ${f.weight} ${f.data.length}`).sort();
    const drawn = posterFontFiles()
      .map((f) => `${f.family} ${f.weight} ${statSync(f.file).size}`)
      .sort();
    expect(drawn).toEqual(laidOut);
  });
});

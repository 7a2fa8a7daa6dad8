/**
 * Print files through a print shop's eyes, with Debian's tools: qpdf checks
 * the structure, the uncompressed file shows no transparency and carries the
 * PDF/X-4 output intent, poppler reads the boxes and images, Ghostscript
 * renders every page and measures ink.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { imageRefOf } from "../../src/lib/content/images.ts";
import { renderPoster } from "../../src/lib/poster/render.ts";
import { findSize, type PosterSize } from "../../src/lib/poster/sizes.ts";
import type { PosterInput, TemplateId } from "../../src/lib/poster/templates.ts";

const dir = mkdtempSync(join(tmpdir(), "wenming-print-"));
const size = (id: string) => findSize(id) as PosterSize;
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "latin1", maxBuffer: 1 << 28 });
let base: PosterInput;

beforeAll(async () => {
  // An illustration with transparency: print must flatten it, not carry a soft mask.
  await sharp({ create: { width: 2400, height: 2400, channels: 4, background: { r: 30, g: 120, b: 200, alpha: 0.5 } } })
    .png()
    .toFile(join(dir, "art.png"));
  const logo = await sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.3 } } })
    .png()
    .toBuffer();
  base = {
    name: "印刷测试",
    template: "photo",
    slogan: "文明祭扫 绿色清明",
    sub: "鲜花寄哀思",
    image: await imageRefOf(join(dir, "art.png")),
    credit: "插图：示例",
    dos: ["鲜花祭扫"],
    donts: ["不焚烧纸钱"],
    partnerLogo: { dataUrl: `data:image/png;base64,${(await sharp(logo).flatten({ background: "#ffffff" }).png().toBuffer()).toString("base64")}`, width: 200, height: 100 },
    qrUrl: "https://wenming.example.gov.cn/ads/qingming/",
    identity: { city: "示例市", signature: "示例市文明办 宣", emblem: "文明", primary: "#1E5B3A", accent: "#3D6B1F" },
  };
});

async function pdfFile(template: TemplateId, id: string, format: "pdf" | "cmyk.pdf"): Promise<string> {
  const file = join(dir, `${template}-${id}.${format}`);
  writeFileSync(file, await renderPoster({ ...base, template }, size(id), format));
  return file;
}

/** The file with every stream uncompressed and readable, as a preflight tool sees it. */
function uncompressed(file: string): string {
  const out = `${file}.qdf`;
  run("qpdf", ["--qdf", "--object-streams=disable", file, out]);
  return run("cat", [out]);
}

function boxes(file: string): Record<string, number[]> {
  const info = run("pdfinfo", ["-box", file]);
  const out: Record<string, number[]> = {};
  for (const m of info.matchAll(/^(MediaBox|TrimBox|BleedBox):\s+([-\d.\s]+)$/gm)) out[m[1] ?? ""] = (m[2] ?? "").trim().split(/\s+/).map(Number);
  return out;
}

const MM = 72 / 25.4;

describe.each(["photo", "traditional", "rules", "honour"] as const)("%s print PDF", (template) => {
  it.each(["poster-60x90", "lightbox-60x90"])("%s passes the PDF/X-4 structure checks: no transparency, output intent, boxes", async (id) => {
    const file = await pdfFile(template, id, "pdf");
    expect(run("qpdf", ["--check", file])).toMatch(/No syntax or stream encoding errors found/);
    const text = uncompressed(file);
    // Transparency in any form: soft masks, constant alpha below 1, transparency groups, blend modes.
    expect(text).not.toMatch(/\/SMask\s*\d/);
    expect(text).not.toMatch(/\/(CA|ca)\s+0?\.\d/);
    expect(text).not.toMatch(/\/S\s*\/Transparency/);
    expect(text).not.toMatch(/\/BM\s*\/(?!Normal)/);
    expect(text).toMatch(/\/GTS_PDFXVersion\s*\(PDF\/X-4\)/);
    expect(text).toMatch(/\/OutputIntents/);
    expect(text).toMatch(/\/S\s*\/GTS_PDFX/);
    expect(text).toMatch(/\/DestOutputProfile\s+\d+ 0 R/);
    expect(text).toMatch(/<pdfxid:GTS_PDFXVersion>PDF\/X-4<\/pdfxid:GTS_PDFXVersion>/);
    expect(text).toMatch(/\/DefaultRGB/);
    expect(run("head", ["-c", "8", file])).toBe("%PDF-1.6");
    const b = boxes(file);
    const bleed = id.startsWith("lightbox") ? 20 * MM : 0;
    const trim = [600 * MM, 900 * MM];
    expect((b["TrimBox"]?.[2] ?? 0) - (b["TrimBox"]?.[0] ?? 0)).toBeCloseTo(trim[0] ?? 0, 0);
    expect((b["TrimBox"]?.[3] ?? 0) - (b["TrimBox"]?.[1] ?? 0)).toBeCloseTo(trim[1] ?? 0, 0);
    expect((b["BleedBox"]?.[2] ?? 0) - (b["BleedBox"]?.[0] ?? 0)).toBeCloseTo((trim[0] ?? 0) + 2 * bleed, 0);
    // With bleed, the sheet has a slug outside it for the crop marks.
    const media = (b["MediaBox"]?.[2] ?? 0) - (b["MediaBox"]?.[0] ?? 0);
    if (bleed) expect(media).toBeGreaterThan((trim[0] ?? 0) + 2 * bleed + 10 * MM);
    else expect(media).toBeCloseTo(trim[0] ?? 0, 0);
    // Ghostscript renders it without complaint.
    expect(() => run("gs", ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", file])).not.toThrow();
  });
});

describe("crop marks and CMYK", () => {
  it("draws crop marks in the lightbox's slug, outside the bleed, and none on sizes without bleed", async () => {
    const withBleed = await pdfFile("slogan", "lightbox-60x90", "pdf");
    const without = await pdfFile("slogan", "poster-60x90", "pdf");
    // Crop marks are stroked lines in registration colour (all four inks).
    const marks = (t: string) => (t.match(/1 1 1 1 K/g) ?? []).length;
    expect(marks(uncompressed(withBleed))).toBeGreaterThanOrEqual(1);
    expect(marks(uncompressed(without))).toBe(0);
    // Rendered at 300 dpi, the sheet's top left corner (slug 10 mm, bleed 20 mm): the marks lie on the trim lines
    // 30 mm in, 4 to 9 mm from the edge — in the slug, clear of the bleed — and nothing else is drawn there.
    const png = join(dir, "marks");
    run("pdftoppm", ["-r", "300", "-x", "0", "-y", "0", "-W", "420", "-H", "420", "-gray", "-png", "-singlefile", withBleed, png]);
    const { data, info } = await sharp(`${png}.png`).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    const mm = (v: number) => Math.round((v / 25.4) * 300);
    const darkAt = (x0: number, x1: number, y0: number, y1: number) => {
      let n = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if ((data[y * info.width + x] ?? 255) < 200) n++;
      return n;
    };
    expect(darkAt(mm(4.5), mm(8.5), mm(29.5), mm(30.5))).toBeGreaterThan(mm(3));
    // The vertical mark on the trim line 30 mm across, from 4 to 9 mm down.
    expect(darkAt(mm(29.5), mm(30.5), mm(4.5), mm(8.5))).toBeGreaterThan(mm(3));
    expect(darkAt(0, mm(3.5), 0, mm(35))).toBe(0);
    expect(darkAt(mm(10), mm(29), 0, mm(9.5))).toBe(0);
  });

  it("the CMYK PDF for print shops is CMYK throughout, with the same intent and boxes", async () => {
    const file = await pdfFile("photo", "lightbox-60x90", "cmyk.pdf");
    expect(run("qpdf", ["--check", file])).toMatch(/No syntax or stream encoding errors found/);
    const images = run("pdfimages", ["-list", file]);
    expect(images).toMatch(/cmyk/);
    expect(images).not.toMatch(/\brgb\b/);
    const text = uncompressed(file);
    expect(text).toMatch(/\/GTS_PDFXVersion\s*\(PDF\/X-4\)/);
    expect(text).toMatch(/\/DestOutputProfile/);
    expect(boxes(file)["TrimBox"]).toBeDefined();
    // Ghostscript's ink coverage: the green campaign colour needs cyan and yellow.
    const ink = run("gs", ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-r10", "-sDEVICE=inkcov", "-sOutputFile=-", file]).trim().split(/\s+/).slice(0, 4).map(Number);
    expect(ink[0]).toBeGreaterThan(0.1);
    expect(ink[2]).toBeGreaterThan(0.1);
  });

  it("the A3 CMYK JPEG and PDF are offered on request only, never in a build", () => {
    const a3 = size("a3");
    expect(a3.formats).toEqual(["jpg"]);
    expect(a3.onRequest).toEqual(expect.arrayContaining(["pdf", "cmyk.jpg", "cmyk.pdf"]));
    expect(size("lightbox-60x90").onRequest).toContain("cmyk.pdf");
  });
});

/** 市民文明手册: reading pages and the two PDFs, checked with poppler (pdfinfo, pdffonts, pdftotext). */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "./fixtures.ts";

const A5 = { width: 419.53, height: 595.28 };
const CHAPTERS = ["致市民", "文明公约", "文明礼仪", "志愿服务指引", "应知应会"];

function tool(cmd: string, ...args: string[]): string {
  return execFileSync(cmd, args, { encoding: "utf8" });
}

async function download(page: import("@playwright/test").Page, name: RegExp): Promise<string> {
  await page.goto("/handbook/");
  const [d] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  const file = join(mkdtempSync(join(tmpdir(), "handbook-")), d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

test("reading version: one page per chapter, in order, with previous and next", async ({ page }) => {
  await page.goto("/handbook/");
  await expect(page.locator(".handbook-toc a")).toHaveText(CHAPTERS);
  await page.locator(".handbook-toc").getByRole("link", { name: "文明公约" }).click();
  await expect(page.locator("h1")).toHaveText("文明公约");
  await expect(page.locator("article")).toContainText("第三条　文明出行，礼让斑马线");
  await page.getByRole("link", { name: /下一章/ }).click();
  await expect(page.locator("h1")).toHaveText("文明礼仪");
});

test("the A5 PDF: page size, fonts embedded, contents matching the pages the chapters start on", async ({ page }) => {
  const pdf = await download(page, /下载手册 PDF/);
  const info = tool("pdfinfo", pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  expect(pages).toBeGreaterThanOrEqual(CHAPTERS.length + 2);
  for (let n = 1; n <= pages; n++) {
    const size = /Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/.exec(tool("pdfinfo", "-f", String(n), "-l", String(n), pdf));
    expect(Math.abs(Number(size?.[1]) - A5.width), `page ${n}`).toBeLessThan(1);
    expect(Math.abs(Number(size?.[2]) - A5.height), `page ${n}`).toBeLessThan(1);
  }
  const fonts = tool("pdffonts", pdf).split("\n").slice(2).filter(Boolean);
  expect(fonts.length).toBeGreaterThan(0);
  for (const f of fonts) expect(f.split(/\s+/).slice(-5, -4)[0], f).toBe("yes");

  const text = (n: number) => tool("pdftotext", "-f", String(n), "-l", String(n), "-layout", pdf, "-");
  const contents = text(2);
  const starts = CHAPTERS.map((c) => {
    const m = new RegExp(`${c}\\s*\\.*\\s*(\\d+)\\s*$`, "m").exec(contents);
    expect(m, `${c} in the contents:\n${contents}`).not.toBeNull();
    return Number(m?.[1]);
  });
  expect(starts).toEqual([...starts].sort((a, b) => a - b));
  for (const [i, c] of CHAPTERS.entries()) {
    const page = text(starts[i] ?? 0);
    // The chapter's title is the running head and the first heading on its first page; the page number is printed.
    expect(page.split("\n").filter((l) => l.trim() === c).length, `${c} on page ${starts[i]}`).toBeGreaterThanOrEqual(2);
    expect(page).toMatch(new RegExp(`^\\s*${starts[i]}\\s*$`, "m"));
  }
  // Text extracted from a page matches the content.
  expect(text(starts[1] ?? 0).replace(/\s/g, "")).toContain("红白喜事简办");
  // Chinese line breaking: no line starts with closing punctuation.
  const all = tool("pdftotext", "-layout", pdf, "-");
  const bad = all.split("\n").filter((l) => /^\s*[，。、；：？！）》」』”]/.test(l));
  expect(bad).toEqual([]);
});

test("the print-shop PDF: 3 mm bleed around an A5 trim, crop marks outside the bleed", async ({ page }) => {
  const pdf = await download(page, /印刷厂版本/);
  const boxes = tool("pdfinfo", "-box", pdf);
  const box = (name: string) => (new RegExp(`${name}:\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)`).exec(boxes)?.slice(1) ?? []).map(Number);
  const [tx0, ty0, tx1, ty1] = box("TrimBox") as [number, number, number, number];
  const [bx0, by0, bx1, by1] = box("BleedBox") as [number, number, number, number];
  expect(tx1 - tx0).toBeCloseTo(A5.width, 0);
  expect(ty1 - ty0).toBeCloseTo(A5.height, 0);
  const bleed = (3 / 25.4) * 72;
  for (const d of [tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1]) expect(d).toBeCloseTo(bleed, 1);
  const [, , mx1, my1] = box("MediaBox") as [number, number, number, number];
  expect(mx1).toBeGreaterThan(bx1);
  expect(my1).toBeGreaterThan(by1);
  const fonts = tool("pdffonts", pdf).split("\n").slice(2).filter(Boolean);
  for (const f of fonts) expect(f.split(/\s+/).slice(-5, -4)[0], f).toBe("yes");
  // The crop marks are drawn in the slug: render the first page's corner and look for dark pixels outside the bleed.
  const png = join(mkdtempSync(join(tmpdir(), "marks-")), "p");
  tool("pdftoppm", "-f", "1", "-l", "1", "-r", "72", "-png", "-singlefile", pdf, png);
  const { default: sharp } = await import("sharp");
  const { data, info } = await sharp(`${png}.png`).greyscale().raw().toBuffer({ resolveWithObject: true });
  const dark = (x0: number, x1: number, y0: number, y1: number) => {
    let n = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if ((data[y * info.width + x] ?? 255) < 128) n++;
    return n;
  };
  // The left slug, outside the bleed: only the horizontal crop marks are drawn there.
  expect(dark(0, Math.floor(bx0) - 1, 0, info.height)).toBeGreaterThan(0);
});

/** The booklet's PDF passes on the machine's Chromium, on a small book: contents numbers, outline, bleed and marks. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { Chapter } from "../../src/lib/handbook/chapters.ts";
import { A5, outlinePages, renderHandbook } from "../../src/lib/handbook/pdf.ts";

const chromium = process.env["WENMING_CHROMIUM"] || "/usr/bin/chromium";
const png = (w: number, h: number) =>
  sharp({ create: { width: w, height: h, channels: 3, background: "#a8201a" } })
    .png()
    .toBuffer();

/** A chapter long enough to run over several pages. */
const long = (id: string, title: string, n: number): Chapter => ({
  id,
  title,
  sections: [{ heading: "小节", ordered: Array.from({ length: n }, (_, i) => `第${i + 1}条，文明出行，礼让斑马线，不闯红灯，不乱停乱放，爱护公共设施，保持环境整洁。`) }],
});

describe("renderHandbook", () => {
  it("numbers the contents with the pages the chapters land on, and adds bleed and crop marks", async () => {
    const chapters = [long("a", "第一章", 3), long("b", "第二章", 60), long("c", "第三章", 5)];
    const pdfs = await renderHandbook({ chapters, title: "测试手册", edition: "试行版", issuer: "测试办", cover: await png(1748, 2480), coverBleed: await png(1819, 2551), chromium });
    // Cover, contents, then the chapters; the long one runs over several pages.
    expect(pdfs.pages[0]).toBe(3);
    expect((pdfs.pages[2] ?? 0) - (pdfs.pages[1] ?? 0)).toBeGreaterThan(1);
    expect(pdfs.pageCount).toBeGreaterThanOrEqual(pdfs.pages[2] ?? 0);
    const outline = await outlinePages(pdfs.trim);
    for (const [i, c] of chapters.entries()) expect(outline.find((e) => e.title.startsWith(c.title))?.page).toBe(pdfs.pages[i]);

    const dir = mkdtempSync(join(tmpdir(), "handbook-pdf-"));
    writeFileSync(join(dir, "trim.pdf"), pdfs.trim);
    writeFileSync(join(dir, "print.pdf"), pdfs.print);
    const contents = execFileSync("pdftotext", ["-f", "2", "-l", "2", "-layout", join(dir, "trim.pdf"), "-"], { encoding: "utf8" });
    for (const [i, c] of chapters.entries()) expect(contents).toMatch(new RegExp(`${c.title}.*\\s${pdfs.pages[i]}\\s*$`, "m"));
    const info = execFileSync("pdfinfo", ["-box", join(dir, "print.pdf")], { encoding: "utf8" });
    const trim = /TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(info)?.slice(1).map(Number) ?? [];
    expect((trim[2] ?? 0) - (trim[0] ?? 0)).toBeCloseTo(A5.width, 0);
    expect((trim[3] ?? 0) - (trim[1] ?? 0)).toBeCloseTo(A5.height, 0);
    expect(/Pages:\s+(\d+)/.exec(info)?.[1]).toBe(String(pdfs.pageCount));
  }, 120_000);
});

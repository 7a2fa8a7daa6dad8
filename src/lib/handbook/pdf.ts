/**
 * The booklet's PDFs, printed by the machine's Chromium (Playwright drives
 * it; nothing is fetched from the network: every request the page makes is
 * answered from memory or refused). Chromium's own print engine does the
 * paged layout: A5 pages, named pages for running heads, margin boxes for
 * page numbers, Chinese line breaking. It has no target-counter(), so the
 * table of contents is filled in a second pass from each chapter's page
 * count. The print-shop version adds 3 mm bleed and crop marks around each
 * page (pdf-lib), with the cover image extended into the bleed.
 */
import { readFile } from "node:fs/promises";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from "pdf-lib";
import { chromium, type Page } from "playwright-core";
import { fontFile } from "../poster/fonts.ts";
import { drawCropMarks } from "../poster/print.ts";
import type { Chapter } from "./chapters.ts";
import { printHtml, type PrintOptions } from "./print-html.ts";

const ORIGIN = "https://handbook.invalid/";
const MM = 72 / 25.4;
export const A5 = { width: 148 * MM, height: 210 * MM };
export const BLEED_MM = 3;
/** Room outside the bleed for the crop marks. */
const SLUG_MM = 10;

export interface HandbookInput {
  chapters: readonly Chapter[];
  title: string;
  edition: string;
  issuer: string;
  /** Cover image at A5 trim size and at trim plus bleed (PNG). */
  cover: Buffer;
  coverBleed: Buffer;
  /** Path of the Chromium executable. */
  chromium: string;
}

export interface HandbookPdfs {
  /** For reading and home printing: A5 pages. */
  trim: Uint8Array;
  /** For print shops: A5 trim with 3 mm bleed and crop marks. */
  print: Uint8Array;
  /** Page on which each chapter starts (1-based, the cover is page 1). */
  pages: number[];
  pageCount: number;
}

async function serve(page: Page, files: Map<string, { body: Buffer | string; type: string }>): Promise<void> {
  await page.route("**/*", async (route) => {
    const file = files.get(route.request().url());
    if (file) await route.fulfill({ body: file.body, contentType: file.type });
    else await route.abort();
  });
}

async function print(page: Page, files: Map<string, { body: Buffer | string; type: string }>, html: string): Promise<Uint8Array> {
  files.set(`${ORIGIN}index.html`, { body: html, type: "text/html; charset=utf-8" });
  await page.goto(`${ORIGIN}index.html`, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
}

/** Fixed dates, so the same content gives the same bytes (the incremental build compares them with a cold one). */
function fixDates(doc: PDFDocument): void {
  const fixed = new Date("2020-01-01T00:00:00Z");
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
}

/** Every outline entry (Chromium's, from the title and headings) in document order, depth first, with the page (1-based) it points to. */
export async function outlinePages(pdf: Uint8Array): Promise<{ title: string; page: number }[]> {
  const doc = await PDFDocument.load(pdf);
  const index = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const found: { title: string; page: number }[] = [];
  const walk = (first: PDFDict | undefined, depth: number) => {
    for (let item = first, guard = 0; item && guard < 10_000 && depth < 20; guard++) {
      const title = item.lookup(PDFName.of("Title"));
      const target = item.lookupMaybe(PDFName.of("Dest"), PDFArray)?.get(0);
      if ((title instanceof PDFHexString || title instanceof PDFString) && target instanceof PDFRef) found.push({ title: title.decodeText(), page: index.get(target.toString()) ?? 0 });
      walk(item.lookupMaybe(PDFName.of("First"), PDFDict), depth + 1);
      item = item.lookupMaybe(PDFName.of("Next"), PDFDict);
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict)?.lookupMaybe(PDFName.of("First"), PDFDict), 0);
  return found;
}

/** Where each chapter starts, from the outline; an internal error when a chapter's heading is not there. */
async function chapterPages(pdf: Uint8Array, chapters: readonly Chapter[]): Promise<number[]> {
  const entries = await outlinePages(pdf);
  let from = 0;
  return chapters.map((c) => {
    // Chromium's entry for a heading on a named page can repeat its text ("文明公约文明公约").
    const at = entries.findIndex((e, i) => i >= from && (e.title === c.title || e.title === c.title + c.title));
    if (at < 0 || !entries[at]?.page) throw new Error(`内部错误：手册 PDF 的书签中找不到“${c.title}”一章`);
    from = at + 1;
    return entries[at].page;
  });
}

/** Prints the booklet twice: once to learn where each chapter lands, once with the contents filled in. */
export async function renderHandbook(input: HandbookInput): Promise<HandbookPdfs> {
  const files = new Map<string, { body: Buffer | string; type: string }>();
  for (const w of [400, 700] as const) files.set(`${ORIGIN}fonts/${w}.ttf`, { body: await readFile(fontFile(w)), type: "font/ttf" });
  files.set(`${ORIGIN}cover.png`, { body: input.cover, type: "image/png" });
  const options: PrintOptions = { title: input.title, edition: input.edition, issuer: input.issuer, cover: `${ORIGIN}cover.png`, fontBase: `${ORIGIN}fonts/` };
  const browser = await chromium.launch({ executablePath: input.chromium, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"] });
  try {
    const page = await browser.newPage();
    await serve(page, files);
    const draft = await print(page, files, printHtml(input.chapters, options));
    const pages = await chapterPages(draft, input.chapters);
    const trim = await print(page, files, printHtml(input.chapters, { ...options, pages }));
    const final = await chapterPages(trim, input.chapters);
    if (final.join() !== pages.join()) throw new Error(`内部错误：手册填入目录页码后各章起始页变了（${pages.join("、")} → ${final.join("、")}）`);
    const doc = await PDFDocument.load(trim);
    doc.setTitle(`${input.title}（${input.edition}）`);
    doc.setAuthor(input.issuer);
    doc.setLanguage("zh-CN");
    fixDates(doc);
    const trimBytes = await doc.save();
    return { trim: trimBytes, print: await withBleed(trimBytes, input.coverBleed, input.title), pages, pageCount: doc.getPageCount() };
  } finally {
    await browser.close();
  }
}

/** Each A5 page placed on a larger sheet with TrimBox and BleedBox set and crop marks drawn in the slug. */
async function withBleed(trim: Uint8Array, coverBleed: Buffer, title: string): Promise<Uint8Array> {
  const source = await PDFDocument.load(trim);
  const out = await PDFDocument.create();
  const slug = SLUG_MM * MM;
  const bleed = BLEED_MM * MM;
  const sheet = { width: A5.width + 2 * slug, height: A5.height + 2 * slug };
  const embedded = await out.embedPages(source.getPages());
  const cover = await out.embedPng(coverBleed);
  for (const [i, page] of embedded.entries()) {
    const p = out.addPage([sheet.width, sheet.height]);
    p.setTrimBox(slug, slug, A5.width, A5.height);
    p.setBleedBox(slug - bleed, slug - bleed, A5.width + 2 * bleed, A5.height + 2 * bleed);
    if (i === 0) p.drawImage(cover, { x: slug - bleed, y: slug - bleed, width: A5.width + 2 * bleed, height: A5.height + 2 * bleed });
    else p.drawPage(page, { x: slug, y: slug });
    drawCropMarks(p, { x: slug, y: slug, width: A5.width, height: A5.height }, bleed);
  }
  out.setTitle(`${title}（印刷版，含 ${BLEED_MM} mm 出血）`);
  fixDates(out);
  return out.save();
}

/**
 * The 市民文明手册 PDFs: started with the build (they need only content),
 * printed by Chromium through a cache keyed by everything they show (an
 * unchanged booklet is copied, not printed), placed into the site at its
 * end. SKIP_POSTERS=1 skips them with the posters (quick builds only).
 */
import type { StageLogger } from "./build-output.ts";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { cachePath, getContent } from "../lib/content/cached.ts";
import type { SiteContent } from "../lib/content/load.ts";
import { placeFile } from "../lib/build/files.ts";
import { handbookChapters } from "../lib/handbook/chapters.ts";
import { packageVersion } from "../lib/package-version.ts";
import { fontVersion } from "../lib/poster/fonts.ts";
import { adInput } from "../lib/poster/jobs.ts";
import { renderPreviewPng } from "../lib/poster/render.ts";
import { printSize } from "../lib/poster/sizes.ts";
import { urls } from "../lib/site/urls.ts";

const CACHE = cachePath("handbook");

/** 300 dpi. */
const px = (mm: number) => Math.round((mm / 25.4) * 300);

export function chromiumPath(): string {
  return process.env["WENMING_CHROMIUM"] || "/usr/bin/chromium";
}

async function build(content: SiteContent): Promise<{ trim: string; print: string } | undefined> {
  const h = content.handbook;
  if (!h) return undefined;
  const chapters = handbookChapters({ handbook: h, conventions: content.conventions, guides: content.guides, questions: content.questions });
  const cover = adInput(content, h.cover);
  const key = createHash("sha256")
    .update(
      JSON.stringify({
        chapters,
        h,
        cover,
        issuer: content.site.issuer,
        fonts: fontVersion(),
        pw: packageVersion("playwright-core"),
        pdf: packageVersion("pdf-lib"),
        satori: packageVersion("satori"),
        chromium: chromiumPath(),
      }),
    )
    .digest("hex")
    .slice(0, 32);
  const files = { trim: join(CACHE, `${key}.pdf`), print: join(CACHE, `${key}-print.pdf`) };
  if (existsSync(files.trim) && existsSync(files.print)) return files;
  if (!existsSync(chromiumPath()))
    throw new Error(`市民文明手册需要 Chromium 排版 PDF，但找不到 ${chromiumPath()}：请安装（apt-get install -y chromium fonts-noto-cjk），或设置 WENMING_CHROMIUM 为 Chromium 的路径`);
  // Loaded only to print: Playwright's client alone is ≈ 0.2 s of every build's start, and the booklet is mostly cached.
  const { BLEED_MM, renderHandbook } = await import("../lib/handbook/pdf.ts");
  const [coverPng, coverBleed] = await Promise.all([
    renderPreviewPng(cover, printSize("handbook-a5", "手册封面 A5", 148, 210), px(148)),
    renderPreviewPng(cover, printSize("handbook-a5-bleed", "手册封面 A5 含出血", 148, 210, BLEED_MM), px(148 + 2 * BLEED_MM)),
  ]);
  const pdfs = await renderHandbook({ chapters, title: h.title, edition: h.edition, issuer: content.site.issuer, cover: coverPng, coverBleed, chromium: chromiumPath() });
  await mkdir(CACHE, { recursive: true });
  for (const [file, bytes] of [
    [files.trim, pdfs.trim],
    [files.print, pdfs.print],
  ] as const) {
    await writeFile(`${file}.tmp`, bytes);
    await rename(`${file}.tmp`, file);
  }
  return files;
}

const skipped = () => process.env["SKIP_POSTERS"] === "1";
let early: Promise<{ trim: string; print: string } | undefined> | undefined;

/** Starts printing the booklet as the build starts (errors are reported by placeHandbook). */
export function startHandbook(): void {
  if (skipped() || early) return;
  early = getContent().then(build);
  early.catch(() => undefined);
}

/** Prints the booklet into the cache, where placeHandbook finds it (a large build's Astro process, before its pages). */
export async function printHandbook(): Promise<void> {
  if (!skipped()) await getContent().then(build);
}

/** Puts the booklet's PDFs into the site, printing them if they were not started early. */
export async function placeHandbook(out: string, logger: StageLogger): Promise<void> {
  if (skipped()) return;
  const started = performance.now();
  // Taken once, as the posters' early renders are: the next build in a warm process prints its own booklet.
  const pending = early;
  early = undefined;
  const files = await (pending ?? getContent().then(build));
  if (!files) return;
  placeFile(files.trim, join(out, urls.handbookPdf().slice(1)));
  placeFile(files.print, join(out, urls.handbookPrintPdf().slice(1)));
  logger.info(`市民文明手册 PDF：已生成（${((performance.now() - started) / 1000).toFixed(1)} s，含等待）`);
}

/**
 * Checks on the built output, run last in every build: every published file
 * is scanned for personal data (search index included), every internal link
 * and anchor is checked, and the sitemap lists the indexable pages. Any
 * finding fails the build, and the build script then keeps the last good dist/.
 *
 * The scan of everything but the search index and the images runs on a worker
 * thread while Pagefind indexes on the main thread and posters are placed
 * (scanSite) — in a one-process build, started before the kept pages are
 * placed, to read the last build's findings meanwhile (startSiteScan);
 * finishChecks then scans the index, checks the links to what was written
 * meanwhile, and reports.
 */
import type { StageLogger } from "./build-output.ts";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkAnchors, checkPending, type LinkProblem } from "../lib/checks/links.ts";
import { loadFindings, saveFindings, scanOutput, type OutputScan, type OutputScanOptions } from "../lib/checks/output-scan.ts";
import { startScanThread, type ScanThread } from "../lib/checks/scan-thread.ts";
import { codeStamp } from "../lib/build/kept-pages.ts";
import { sitemapXml } from "../lib/checks/sitemap.ts";
import { filesUnder, siteFiles } from "../lib/checks/site-files.ts";
import { cachePath, getContent } from "../lib/content/cached.ts";
import { checkCreditCode } from "../lib/integrity/credit-code.ts";

const CLEAN_FILES = cachePath("clean-files.json");
/** What the last build's scans found in files it may still have (output-scan.ts: FileFinding): the site's, the index's. */
const SITE_FINDINGS = cachePath("scan-findings-site.json");
const INDEX_FINDINGS = cachePath("scan-findings-index.json");

/** The project folder: pages are kept and findings taken only while its code is the same (kept-pages.ts: codeStamp). */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const INDEX_DIR = "pagefind/";

/** What both passes of the scan share: the clean files of the last build and the credit codes published on purpose. */
type ScanBasis = Pick<OutputScanOptions, "root" | "clean" | "allowed">;

export interface SiteScan {
  scan: OutputScan;
  basis: ScanBasis;
  /** Resolves once the scan's findings are saved beside the last build's (to be put in place if every check passes). */
  saved: Promise<void>;
  started: number;
  /** The scanning code and the site's origin: what findings are valid for. */
  stamp: string;
}

/** Where posters, share images and the handbook's PDFs are placed: not scanned (rendered files), and linked to before they are placed. */
const IMAGE_PREFIXES = ["/posters/", "/og/", "/handbook/pdf/"];

/** The folders written after the scan began: the search index and IMAGE_PREFIXES (with sitemap.xml and robots.txt, its pending links). */
const LATE_FOLDERS = [INDEX_DIR, ...IMAGE_PREFIXES].map((prefix) => prefix.replace(/^\/|\/$/g, ""));

/** Pictures of Astro's `_astro/` folder (its style sheets and scripts are referred to by every page). */
const PICTURE_EXTENSION = "\\.(jpe?g|png|webp|avif|gif|svg|tiff?)$";
const PICTURE = new RegExp(PICTURE_EXTENSION, "i");
/** A link to one of them. */
const ASTRO_PICTURE = new RegExp(`^/_astro/[^/]+${PICTURE_EXTENSION}`, "i");

/**
 * Removes every picture of `_astro/` that no published file refers to (`referenced`), and returns how many.
 * Vite writes there every picture a page module imports — each of a folder's when a page looks one up by name
 * (import.meta.glob): the photo of a person whose notice has not begun or who was withdrawn, every picture of the
 * image library beside the logo — and Astro removes only the originals of pictures it resized. A picture is
 * published only where a page shows it.
 */
function removeUnreferencedImages(root: string, referenced: ReadonlySet<string>): number {
  const folder = join(root, "_astro");
  if (!existsSync(folder)) return 0;
  let removed = 0;
  for (const name of readdirSync(folder)) {
    if (!PICTURE.test(name) || referenced.has(`_astro/${name}`)) continue;
    rmSync(join(folder, name));
    removed++;
  }
  return removed;
}

/** What findings are valid for: the scanning code and the site's origin. */
const scanStamp = (siteUrl: string) => `${codeStamp(PROJECT_ROOT)}|${new URL(siteUrl).origin}`;

/** The site scan's thread, and the stamp its findings are read and saved under. */
export interface StartedScan {
  thread: ScanThread;
  stamp: string;
}

/** Starts the scan's thread (ahead of scanSite, or by it): it reads the last build's findings until it is sent the files. */
export async function startSiteScan(): Promise<StartedScan> {
  const { site } = await getContent();
  const stamp = scanStamp(site.siteUrl);
  return { thread: startScanThread({ findingsFrom: [SITE_FINDINGS, stamp] }), stamp };
}

/**
 * Scans every page and data file of the site (`all`, when listed already), on
 * its thread (`startedScan`, when started already), while the search index is
 * built and posters are placed.
 */
export async function scanSite(root: string, all: readonly string[] = siteFiles(root), startedScan?: StartedScan): Promise<SiteScan> {
  const started = performance.now();
  const files = all.filter((f) => !f.startsWith(INDEX_DIR));
  const skipImages = process.env["SKIP_POSTERS"] === "1";
  const { integrity, site } = await getContent();
  const { thread, stamp } = startedScan ?? (await startSiteScan());
  // Read synchronously (1.3 MB at city): an asynchronous read's callback waited for the index stage's synchronous start.
  const basis: ScanBasis = {
    root,
    clean: existsSync(CLEAN_FILES) ? (JSON.parse(readFileSync(CLEAN_FILES, "utf8")) as string[]) : [],
    allowed: integrity.flatMap((e) => (e.creditCode && checkCreditCode(e.creditCode).ok ? [e.creditCode] : [])),
  };
  const scan = await thread.scan({
    ...basis,
    files,
    siteFiles: files,
    origin: new URL(site.siteUrl).origin,
    skipLinkPrefixes: skipImages ? IMAGE_PREFIXES : [],
    // Written later: the search index and the images (meanwhile), the sitemap and robots.txt (after this scan).
    pendingLinkPrefixes: [`/${INDEX_DIR}`, "/sitemap.xml", "/robots.txt", ...(skipImages ? [] : IMAGE_PREFIXES)],
    // And Astro's pictures: checked once those no page shows are removed (removeUnreferencedImages), so that a
    // picture removed by mistake is a broken link, never a published page without it. Only pictures: every page
    // links Astro's style sheet and scripts (≈ 600,000 links at 5x, held until the end).
    pendingLinkPatterns: [ASTRO_PICTURE],
  });
  return { scan, basis, saved: thread.saved, started, stamp };
}

/** Once the search index is written and the images placed: scans the index, checks anchors and pending links, writes the sitemap, and fails on any finding. */
export async function finishChecks(root: string, { scan, basis, saved, started, stamp }: SiteScan, logger: StageLogger): Promise<void> {
  const { site } = await getContent();
  const sitemap = sitemapXml(scan.indexable, site.siteUrl);
  await writeFile(join(root, "sitemap.xml"), sitemap.xml);
  await writeFile(join(root, "robots.txt"), `User-agent: *\nAllow: /\nSitemap: ${new URL("/sitemap.xml", site.siteUrl).href}\n`);
  // Written since the scan began, and all that its pending links point into: listed alone, not the whole site again.
  const all = [...filesUnder(root, LATE_FOLDERS), ...["sitemap.xml", "robots.txt"].filter((f) => existsSync(join(root, f)))];
  const late = await scanOutput({ ...basis, files: all.filter((f) => f.startsWith(INDEX_DIR) || f === "sitemap.xml" || f === "robots.txt"), findings: loadFindings(INDEX_FINDINGS, stamp) });
  await mkdir(dirname(CLEAN_FILES), { recursive: true });
  await writeFile(CLEAN_FILES, JSON.stringify([...scan.clean, ...late.clean]));

  const unreferenced = removeUnreferencedImages(root, new Set([...scan.assets, ...late.assets]));
  if (unreferenced > 0) logger.info(`未发布 ${unreferenced} 张没有任何页面用到的图片（如尚未公示或已撤销的人员照片、图片库中未用的图片）`);

  const leaks = [...scan.leaks, ...late.leaks];
  if (leaks.length > 0) {
    throw new Error(
      `发布内容中发现个人信息，已停止发布：\n${leaks.map((l) => `  - ${l.file} · ${l.kind === "unreadable" ? "无法读取其中的文字，未能检查：" : l.kind === "id" ? "完整身份证号 " : "手机号码 "}${l.masked}`).join("\n")}`,
    );
  }
  const broken: LinkProblem[] = [...scan.links, ...(await checkAnchors(root, scan.anchors)), ...checkPending(new Set([...all, ...filesUnder(root, ["_astro"])]), scan.pending)];
  if (broken.length > 0) {
    throw new Error(
      `发现 ${broken.length} 个失效链接：\n${broken
        .slice(0, 50)
        .map((b) => `  - ${b.page} → ${b.href}：${b.problem}`)
        .join("\n")}`,
    );
  }
  // Only a scan that passed is remembered: its files are the site about to be published.
  await saved;
  await rename(`${SITE_FINDINGS}.next`, SITE_FINDINGS);
  saveFindings(INDEX_FINDINGS, stamp, late.findings);
  logger.info(`输出检查通过：网站地图 ${sitemap.count} 页，无个人信息泄露，无失效链接（${((performance.now() - started) / 1000).toFixed(1)} s）`);
}

/**
 * Pages kept from the published site. A rebuild after a one-entry correction
 * re-renders a few hundred pages of ≈ 25,000 at city scale; Astro's own
 * incremental build copies every other page from its cache into the new
 * output, and on this kind of disk a copy (a new file's blocks) costs ≈ 0.4 ms
 * where a hard link costs ≈ 0.01 ms (docs/performance.md). Routes that opt in
 * (`keepPages` in their getStaticPaths) therefore give Astro only the pages
 * whose key changed, and the others are hard-linked from the published site
 * into the new one before anything reads it.
 *
 * A page is kept only when all of these hold, else it is rendered:
 * - the build runs through scripts/build.ts, which names the published site
 *   (WENMING_KEEP_FROM) and records what it published (recordFile);
 * - the code that renders pages is byte for byte what rendered the published
 *   site (codeStamp: src/, public/, the config, the lockfile, Node, the
 *   build's settings);
 * - the page's cache key (content digests, as-of date, site settings) is the
 *   one recorded for that file;
 * - the published file is the very file that build wrote: same inode, size
 *   and modification time (a file edited or replaced by hand is rendered);
 * - for a route whose pages may show optimised images (`assets`), every file
 *   of Astro's `_astro/` folder the page refers to, as recorded when it was
 *   rendered, is still in the published site.
 *
 * Astro generates an optimised image (`_astro/<name>.<hash>_<hash>.webp`) only
 * for the pages it renders or restores itself, so a kept page's images are
 * linked from the published site with it. Their names are made from the
 * picture's bytes and the transform: a name is always the same image. A page
 * that is not kept takes nothing along, so the photo of a person whose page
 * changed or went is not published again.
 *
 * Nothing ever writes into a kept file: Astro writes only the pages it
 * renders (new files, in a folder with no files), and the build places its
 * other outputs by link or as new files. So a kept file's bytes are those
 * its record describes.
 *
 * Astro renders pages in its build's process from its bundled copy of this
 * module; the build's integration (another copy) places and records them: the
 * two meet on globalThis, as in generation.ts.
 */
import { createHash } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { siteFiles } from "../checks/site-files.ts";
import { fileIdentity, placeFile } from "./files.ts";

/** The published site's folder, set by scripts/build.ts for a build that may keep its pages. */
export const KEEP_FROM_ENV = "WENMING_KEEP_FROM";

/**
 * What a build published, beside its site folder: the code stamp and, per file of a keeping route, its key and
 * identity (inode:size:mtime), and for a route with `assets` the files of `_astro/` the page refers to.
 */
export interface KeptRecord {
  stamp: string;
  pages: Record<string, { key: string; id: string; assets?: string[] }>;
}

/** A keeping route's choices: `assets` when its pages may show optimised images (read once rendered, to record them). */
export interface KeepOptions {
  assets?: boolean;
}

/**
 * Where a page refers to a file of Astro's `_astro/` folder (src, srcset, href; a style sheet's url()), as the
 * site-relative path of that file. A name may hold parentheses (a phone's "IMG_2042 (1).jpg"); spaces are %20.
 */
const ASSET_REFERENCE = /\/(_astro\/[^"'\s,?#&<>{};]+)/g;

/** `path` up to its first ")" without a "(" of its own: the one that closes a style sheet's url(…). */
function withinParentheses(path: string): string {
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    if (path[i] === "(") depth++;
    else if (path[i] === ")" && depth-- === 0) return path.slice(0, i);
  }
  return path;
}

/** The files of `_astro/` a page's HTML (or a style sheet) refers to, each once, in order. */
export function assetsOf(html: string): string[] {
  return [...new Set([...html.matchAll(ASSET_REFERENCE)].map((m) => decodeURI(withinParentheses(m[1] ?? ""))))];
}

/** Where the record of the site published in `site` is kept: beside it, never in it (`site` may end in a slash), so it describes that folder only. */
export const recordFile = (site: string): string => `${resolve(site)}.kept-pages.json`;

/** Where a build writes the record of the site it is building, until that site is published. */
export const nextRecordFile = (site: string): string => `${resolve(site)}.kept-pages.next.json`;

/** The build's environment that may change what pages show; the rest (paths of stages, logging, memory) does not. */
const NOT_RENDERED = new Set([
  "WENMING_BUILD_STAGE",
  "WENMING_STAGE_OUT",
  "WENMING_STAGE_FORCE",
  "WENMING_LOCK_WAIT",
  "WENMING_LOG",
  "WENMING_BUILD_STAGES",
  "WENMING_MEMORY_GIB",
  "WENMING_BUILDER_MAX_MIB",
  KEEP_FROM_ENV,
]);

/**
 * A digest of everything besides content that pages are rendered from: every
 * file of src/ and public/, the Astro config, package.json and the lockfile
 * (every library's version), Node's version (its ICU segments and formats
 * Chinese text) and the build's settings in the environment. Any change —
 * a template, a style, a library — and no page is kept.
 */
export function codeStamp(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const files = ["src", "public"].flatMap((dir) => (existsSync(join(root, dir)) ? siteFiles(join(root, dir)).map((rel) => `${dir}/${rel}`) : []));
  for (const file of ["astro.config.mjs", "package.json", "package-lock.json", "tsconfig.json"]) if (existsSync(join(root, file))) files.push(file);
  const hash = createHash("sha256").update(`${process.version}\n`);
  for (const file of files.sort())
    hash
      .update(`${file}\n`)
      .update(readFileSync(join(root, file)))
      .update("\n");
  const settings = Object.entries(env)
    .filter(([name]) => (name.startsWith("WENMING_") || name === "SKIP_POSTERS" || name === "NODE_ENV") && !NOT_RENDERED.has(name))
    .sort(([a], [b]) => a.localeCompare(b));
  return hash.update(JSON.stringify(settings)).digest("base64url");
}

/**
 * The file a page of a route is written to, from the route's URL pattern
 * (`integrity/[list]/[dim]/[value]/[...page]`) and the page's params, as Astro
 * writes it with build.format "directory": `<path>/index.html`.
 */
export function pageFile(pattern: string, params: Readonly<Record<string, string | undefined>>): string {
  const segments = pattern.split("/").map((segment) =>
    segment.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, rest: string | undefined, name: string) => {
      const value = params[name];
      if (value === undefined && !rest) throw new Error(`内部错误：路由 ${pattern} 缺少参数 ${name}`);
      return value ?? "";
    }),
  );
  const path = segments.filter((s) => s !== "").join("/");
  // A value may hold slashes (a rest parameter) but never lead out of the site.
  if (path.split("/").some((part) => part === "." || part === "..") || path.includes("\0")) throw new Error(`内部错误：路由 ${pattern} 的参数不能含 . 或 .. 路径段：${JSON.stringify(params)}`);
  return path === "" ? "index.html" : `${path}/index.html`;
}

interface Registered {
  key: string;
  /** The identity of the published file found unchanged, when the page is kept. */
  kept: string | undefined;
  /** For a route with `assets`: a kept page's recorded files of `_astro/`; a rendered page's are read once it is written. */
  assets: string[] | undefined;
  readsAssets: boolean;
}

/** One build's keeping: what the published site offers, and what this build's routes asked for. */
export class KeptPages {
  readonly #from: string;
  readonly #stamp: string;
  readonly #offered: KeptRecord["pages"];
  readonly #pages = new Map<string, Registered>();

  constructor(from: string, stamp: string, record: KeptRecord | undefined) {
    this.#from = from;
    this.#stamp = stamp;
    this.#offered = record?.stamp === stamp ? record.pages : {};
  }

  /** Loads the record of the site published in `from` (none, unreadable or of other code: nothing is kept). */
  static open(from: string, stamp: string): KeptPages {
    let record: KeptRecord | undefined;
    try {
      record = JSON.parse(readFileSync(recordFile(from), "utf8")) as KeptRecord;
    } catch {
      record = undefined;
    }
    return new KeptPages(from, stamp, record);
  }

  /**
   * The paths Astro is to render: those whose page cannot be kept, without
   * their cacheKey (Astro's own cache would only copy them again). Every path
   * is registered, kept or not.
   */
  filter<P extends { params: Record<string, string | undefined>; cacheKey?: unknown }>(pattern: string, paths: readonly P[], options: KeepOptions = {}): Omit<P, "cacheKey">[] {
    const render: Omit<P, "cacheKey">[] = [];
    const readsAssets = options.assets === true;
    for (const { cacheKey, ...path } of paths) {
      if (typeof cacheKey !== "string") throw new Error(`内部错误：路由 ${pattern} 的页面缺少缓存键`);
      const file = pageFile(pattern, path.params);
      const offered = this.#offered[file];
      const kept =
        offered !== undefined &&
        offered.key === cacheKey &&
        fileIdentity(join(this.#from, file)) === offered.id &&
        // A route that shows images keeps a page only with all of them (a record without them is of another route).
        (!readsAssets || (offered.assets !== undefined && offered.assets.every((asset) => existsSync(join(this.#from, asset)))))
          ? offered.id
          : undefined;
      this.#pages.set(file, { key: cacheKey, kept, assets: kept === undefined ? undefined : offered?.assets, readsAssets });
      if (kept === undefined) render.push(path);
    }
    return render;
  }

  /**
   * Once Astro has written its pages into `site`: links each kept page from
   * the published site, checks that every rendered one is where its record
   * will say, and writes the record of this build (nextRecordFile) for the
   * build script to put in place when the site is published.
   */
  place(site: string): { kept: number; rendered: number } {
    const made = new Set<string>();
    const record: KeptRecord = { stamp: this.#stamp, pages: {} };
    let kept = 0;
    const keptTransforms = new Set<string>();
    for (const [file, { key, kept: keptId, assets: keptAssets, readsAssets }] of this.#pages) {
      const target = join(site, file);
      if (keptId !== undefined) {
        const folder = dirname(target);
        if (!made.has(folder)) {
          mkdirSync(folder, { recursive: true });
          made.add(folder);
        }
        // An existing file here would be another route's page at the same address: linkSync refuses (EEXIST).
        linkSync(join(this.#from, file), target);
        kept++;
        // Its images, unless this build made them for a page it rendered (the same name is the same file).
        for (const asset of keptAssets ?? []) {
          if (!existsSync(join(site, asset))) placeAsset(join(this.#from, asset), join(site, asset), file);
          if (TRANSFORM.test(asset)) keptTransforms.add(asset);
        }
      }
      const id = fileIdentity(target);
      if (id === undefined) throw new Error(`内部错误：页面 ${file} 没有生成到预期位置`);
      // Linked seconds after it was found unchanged: a file changed meanwhile (by hand, in the published site) is not published.
      if (keptId !== undefined && id !== keptId) throw new Error(`已发布的页面 ${file} 在构建期间被改动，本次构建停止；请不要手工修改网站文件夹里的文件，然后重新构建`);
      const assets = readsAssets ? (keptId !== undefined ? keptAssets : assetsOf(readFileSync(target, "utf8"))) : undefined;
      record.pages[file] = { key, id, ...(assets ? { assets } : {}) };
    }
    removeUnshownOriginals(site, record, keptTransforms);
    const next = nextRecordFile(site);
    writeFileSync(`${next}.tmp`, JSON.stringify(record));
    renameSync(`${next}.tmp`, next);
    return { kept, rendered: this.#pages.size - kept };
  }
}

/** `_astro/<name>.<hash>_<transform>.<ext>`: an image Astro made from the picture `_astro/<name>.<hash>.<its ext>` (group 1 without the extension). */
const TRANSFORM = /^(_astro\/.+\.[\w-]{8})_[\w-]+\.\w+$/;

/**
 * Astro deletes the original of a picture it resized unless a page it rendered shows the original itself. A picture
 * that only kept pages show was resized by no page of this build, so Astro left the original that Vite writes for
 * every imported picture: it is removed here by the same rule — unless a page of the record shows it — so that the
 * site is the one a build of every page makes (tests/integration/incremental.test.ts compares them). Pages show
 * pictures through astro:assets, and only on routes with `assets`.
 */
function removeUnshownOriginals(site: string, record: KeptRecord, keptTransforms: ReadonlySet<string>): void {
  if (keptTransforms.size === 0 || !existsSync(join(site, "_astro"))) return;
  const pictures = new Set([...keptTransforms].map((asset) => TRANSFORM.exec(asset)?.[1]));
  const shown = new Set(Object.values(record.pages).flatMap((page) => page.assets ?? []));
  for (const name of readdirSync(join(site, "_astro"))) {
    const asset = `_astro/${name}`;
    if (pictures.has(asset.slice(0, asset.lastIndexOf("."))) && !shown.has(asset)) rmSync(join(site, asset));
  }
}

/** A kept page's file of `_astro/`, found in the published site when the page was kept: gone since, the build stops. */
function placeAsset(from: string, to: string, page: string): void {
  try {
    placeFile(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new Error(`已发布的网站文件 ${from} 在构建期间被删除（页面 ${page} 用到它），本次构建停止；请不要手工修改网站文件夹里的文件，然后重新构建`, { cause: error });
  }
}

const KEY = Symbol.for("wenming.keptPages");
const shared = globalThis as { [KEY]?: KeptPages | undefined };

/** Starts keeping for this build when scripts/build.ts named the published site (else every page is rendered as before). */
export function startKeeping(root: string, env: NodeJS.ProcessEnv = process.env): KeptPages | undefined {
  const from = env[KEEP_FROM_ENV];
  shared[KEY] = from ? KeptPages.open(from, codeStamp(root, env)) : undefined;
  return shared[KEY];
}

/** This build's keeping, if any (for the integration, once the pages are written). */
export const currentKeeping = (): KeptPages | undefined => shared[KEY];

/** For a route's getStaticPaths: the paths to render (all of them, with their keys, when this build keeps nothing). */
export function keepPages<P extends { params: Record<string, string | undefined>; cacheKey?: unknown }>(pattern: string, paths: P[], options: KeepOptions = {}): Omit<P, "cacheKey">[] {
  return shared[KEY]?.filter(pattern, paths, options) ?? paths;
}

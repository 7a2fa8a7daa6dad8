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
 *   and modification time (a file edited or replaced by hand is rendered).
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
import { existsSync, linkSync, mkdirSync, readFileSync, writeFileSync, renameSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { siteFiles } from "../checks/site-files.ts";
import { fileIdentity } from "./files.ts";

/** The published site's folder, set by scripts/build.ts for a build that may keep its pages. */
export const KEEP_FROM_ENV = "WENMING_KEEP_FROM";

/** What a build published, beside its site folder: the code stamp and, per file of a keeping route, its key and identity (inode:size:mtime). */
export interface KeptRecord {
  stamp: string;
  pages: Record<string, { key: string; id: string }>;
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
  filter<P extends { params: Record<string, string | undefined>; cacheKey?: unknown }>(pattern: string, paths: readonly P[]): Omit<P, "cacheKey">[] {
    const render: Omit<P, "cacheKey">[] = [];
    for (const { cacheKey, ...path } of paths) {
      if (typeof cacheKey !== "string") throw new Error(`内部错误：路由 ${pattern} 的页面缺少缓存键`);
      const file = pageFile(pattern, path.params);
      const offered = this.#offered[file];
      const kept = offered !== undefined && offered.key === cacheKey && fileIdentity(join(this.#from, file)) === offered.id ? offered.id : undefined;
      this.#pages.set(file, { key: cacheKey, kept });
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
    for (const [file, { key, kept: keptId }] of this.#pages) {
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
      }
      const id = fileIdentity(target);
      if (id === undefined) throw new Error(`内部错误：页面 ${file} 没有生成到预期位置`);
      // Linked seconds after it was found unchanged: a file changed meanwhile (by hand, in the published site) is not published.
      if (keptId !== undefined && id !== keptId) throw new Error(`已发布的页面 ${file} 在构建期间被改动，本次构建停止；请不要手工修改网站文件夹里的文件，然后重新构建`);
      record.pages[file] = { key, id };
    }
    const next = nextRecordFile(site);
    writeFileSync(`${next}.tmp`, JSON.stringify(record));
    renameSync(`${next}.tmp`, next);
    return { kept, rendered: this.#pages.size - kept };
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
export function keepPages<P extends { params: Record<string, string | undefined>; cacheKey?: unknown }>(pattern: string, paths: P[]): Omit<P, "cacheKey">[] {
  return shared[KEY]?.filter(pattern, paths) ?? paths;
}

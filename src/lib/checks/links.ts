/**
 * Checks every internal link and anchor of a built site against the files it
 * contains, and that external links open safely (rel="noopener").
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { detached } from "../../primitives/text.ts";
import { pagePath, siteFiles, sitePages } from "./site-files.ts";

export interface LinkProblem {
  page: string;
  href: string;
  problem: string;
}

function targetFile(files: ReadonlySet<string>, path: string): string | undefined {
  const decoded = decodeURIComponent(path).replace(/^\//, "");
  const candidates = decoded === "" || decoded.endsWith("/") ? [`${decoded}index.html`] : [decoded, `${decoded}.html`, `${decoded}/index.html`];
  return candidates.find((c) => files.has(c));
}

const ATTR = /<(a|link|img|script|source|form|meta)\b([^>]*)>/gi;
/** Share images are absolute URLs in <meta> (og:image, twitter:image): they must exist like any other link. */
const META_IMAGE = /\s(?:property|name)="(?:og:image|twitter:image)"/;
const ID = /\sid="([^"]+)"/g;

export const idsIn = (html: string) => new Set([...html.matchAll(ID)].map((m) => m[1] ?? ""));

/**
 * A link resolved against its page. Plain root-relative paths (most links)
 * skip URL parsing: no query, no percent escapes, no dot segments, nothing
 * the URL parser would change beyond escaping (targetFile decodes anyway).
 */
function resolve(ref: string, base: URL): { origin: string; pathname: string; hash: string } {
  if (ref.startsWith("/") && !ref.startsWith("//") && !/[?%\\&]|\/\.\.?(\/|#|$)/.test(ref)) {
    const h = ref.indexOf("#");
    return { origin: base.origin, pathname: h >= 0 ? ref.slice(0, h) : ref, hash: h >= 0 && h < ref.length - 1 ? ref.slice(h) : "" };
  }
  return new URL(ref.replace(/&amp;/g, "&"), base);
}

/** A link into another page at an anchor: checked once all pages are read. */
export interface AnchorLink {
  page: string;
  href: string;
  target: string;
  id: string;
}

/** A link into a folder still being written (the search index): checked when it is there. */
export interface PendingLink {
  page: string;
  href: string;
  path: string;
}

export interface LinkCheckOptions {
  /** Paths not checked at all. */
  skip?: (path: string) => boolean;
  /** Paths checked later, with checkPending(). */
  pending?: (path: string) => boolean;
  /** The site's public origin: absolute URLs on it (share images, canonical links) are checked as internal. */
  origin?: string;
}

/**
 * Resolves links against the files of one site. Most links are the same paths
 * on every page (navigation, footer), so each path is resolved once.
 */
export class LinkChecker {
  readonly #files: ReadonlySet<string>;
  readonly #options: LinkCheckOptions;
  readonly #targets = new Map<string, string | undefined>();

  constructor(files: ReadonlySet<string>, options: LinkCheckOptions = {}) {
    this.#files = files;
    this.#options = options;
  }

  #target(pathname: string): string | undefined {
    // Kept for the whole scan: a copy, not a view into the page it came from (see detached).
    if (!this.#targets.has(pathname)) this.#targets.set(detached(pathname), targetFile(this.#files, pathname));
    return this.#targets.get(pathname);
  }

  /**
   * Problems in one page (`rel`: its file), its links into anchors of other
   * pages, and its pending links. What it returns is kept until every page is
   * read, so its strings are copies that do not keep `html` alive (detached).
   */
  page(rel: string, html: string): { problems: LinkProblem[]; anchors: AnchorLink[]; pending: PendingLink[] } {
    return this.check(rel, readLinks(rel, html, this.#options.origin));
  }

  /** The same for a page's links read before (readLinks; an unchanged file's, from an earlier build). */
  check(rel: string, links: PageLinks): { problems: LinkProblem[]; anchors: AnchorLink[]; pending: PendingLink[] } {
    const problems = [...links.problems];
    const anchors: AnchorLink[] = [];
    const pending: PendingLink[] = [];
    const page = pagePath(rel);
    for (const [href, path, id] of links.refs) {
      if (this.#options.skip?.(path)) continue;
      if (this.#options.pending?.(path)) {
        pending.push({ page, href, path });
        continue;
      }
      const target = this.#target(path);
      if (!target) problems.push({ page, href, problem: "链接指向的页面或文件不存在" });
      else if (id && target.endsWith(".html")) anchors.push({ page, href, target, id });
    }
    return { problems, anchors, pending };
  }
}

/**
 * A page's links as its bytes alone decide them: problems of the page itself
 * (an external link without rel="noopener", a link to an anchor missing on
 * the page), and its other internal links as [href as written, path, anchor
 * id or ""], to be resolved against the site's files (LinkChecker.check).
 */
export interface PageLinks {
  problems: LinkProblem[];
  refs: [href: string, path: string, id: string][];
}

/** True when a URL's path (percent-encoded or not) is `page`'s. */
function samePath(pathname: string, page: string): boolean {
  if (pathname === page) return true;
  try {
    return decodeURIComponent(pathname) === page;
  } catch {
    return false;
  }
}

/** Reads a page's links (see PageLinks); `origin` is the site's public origin, whose absolute URLs are internal. */
export function readLinks(rel: string, html: string, origin?: string): PageLinks {
  const problems: LinkProblem[] = [];
  const refs: PageLinks["refs"] = [];
  const page = pagePath(rel);
  const base = new URL(page, "http://site.invalid");
  let own: Set<string> | undefined;
  for (const m of html.matchAll(ATTR)) {
    const tag = (m[1] ?? "").toLowerCase();
    const attrs = m[2] ?? "";
    if (tag === "meta" && !META_IMAGE.test(attrs)) continue;
    const found =
      tag === "meta"
        ? [/\scontent="([^"]*)"/.exec(attrs)?.[1] ?? ""]
        : [...attrs.matchAll(/\s(href|src|srcset|action)="([^"]*)"/g)].flatMap((a) => (a[1] === "srcset" ? (a[2] ?? "").split(",").map((s) => s.trim().split(/\s+/)[0] ?? "") : [a[2] ?? ""]));
    for (const ref of found) {
      if (ref === "" || ref.startsWith("mailto:") || ref.startsWith("tel:") || ref.startsWith("data:")) continue;
      const onSite = origin !== undefined && ref.startsWith(`${origin}/`);
      const url = resolve(onSite ? ref.slice(origin.length) : ref, base);
      if (url.origin !== base.origin) {
        if (tag === "a" && !/\brel="[^"]*noopener/.test(attrs)) problems.push({ page, href: detached(ref), problem: '外部链接缺少 rel="noopener"' });
        continue;
      }
      const id = url.hash ? detached(decodeURIComponent(url.hash.slice(1))) : "";
      // An anchor on the page itself (its own folder's path) is checked here, against the page's own ids.
      if (id && samePath(url.pathname, page)) {
        if (!(own ??= idsIn(html)).has(id)) problems.push({ page, href: detached(ref), problem: `锚点 #${id} 在目标页面中不存在` });
        continue;
      }
      refs.push([detached(ref), detached(url.pathname), id]);
    }
  }
  return { problems, refs };
}

/** Checks pending links against the site's files as they are now. */
export function checkPending(files: ReadonlySet<string>, pending: readonly PendingLink[]): LinkProblem[] {
  return pending.filter((p) => !targetFile(files, p.path)).map((p) => ({ page: p.page, href: p.href, problem: "链接指向的页面或文件不存在" }));
}

/** Checks links into anchors of other pages, reading each target page once. */
export async function checkAnchors(root: string, anchors: readonly AnchorLink[]): Promise<LinkProblem[]> {
  const ids = new Map<string, Set<string>>();
  const problems: LinkProblem[] = [];
  for (const a of anchors) {
    let set = ids.get(a.target);
    if (!set) {
      set = idsIn(await readFile(join(root, a.target), "utf8"));
      ids.set(a.target, set);
    }
    if (!set.has(a.id)) problems.push({ page: a.page, href: a.href, problem: `锚点 #${a.id} 在目标页面中不存在` });
  }
  return problems;
}

/** Every internal link and anchor of the site under `root`. */
export async function checkLinks(root: string, options: Pick<LinkCheckOptions, "skip"> = {}): Promise<LinkProblem[]> {
  const checker = new LinkChecker(new Set(siteFiles(root)), options);
  const problems: LinkProblem[] = [];
  const anchors: AnchorLink[] = [];
  for (const rel of sitePages(root)) {
    const found = checker.page(rel, await readFile(join(root, rel), "utf8"));
    problems.push(...found.problems);
    anchors.push(...found.anchors);
  }
  return [...problems, ...(await checkAnchors(root, anchors))];
}

/**
 * Checks every internal link and anchor of a built site against the files it
 * contains, and that external links open safely (rel="noopener").
 */
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { siteFiles, sitePages } from "./site-files.ts";

export interface LinkProblem {
  page: string;
  href: string;
  problem: string;
}

/** URL path of a built file: about/index.html → /about/ */
function pagePath(root: string, file: string): string {
  return `/${relative(root, file)
    .replace(/index\.html$/, "")
    .replace(/\\/g, "/")}`;
}

function targetFile(files: Set<string>, path: string): string | undefined {
  const decoded = decodeURIComponent(path).replace(/^\//, "");
  const candidates = decoded === "" || decoded.endsWith("/") ? [`${decoded}index.html`] : [decoded, `${decoded}.html`, `${decoded}/index.html`];
  return candidates.find((c) => files.has(c));
}

const ATTR = /<(a|link|img|script|source|form)\b([^>]*)>/gi;
const ID = /\sid="([^"]+)"/g;

export async function checkLinks(root: string, options: { skip?: (path: string) => boolean } = {}): Promise<LinkProblem[]> {
  const problems: LinkProblem[] = [];
  const files = new Set(await siteFiles(root));
  const ids = new Map<string, Set<string>>();
  const idsOf = async (rel: string) => {
    let set = ids.get(rel);
    if (!set) {
      set = new Set([...(await readFile(join(root, rel), "utf8")).matchAll(ID)].map((m) => m[1] ?? ""));
      ids.set(rel, set);
    }
    return set;
  };
  const pages = await sitePages(root);
  for (const rel of pages) {
    const file = join(root, rel);
    const html = await readFile(file, "utf8");
    ids.set(rel, new Set([...html.matchAll(ID)].map((m) => m[1] ?? "")));
    const base = new URL(pagePath(root, file), "http://site.invalid");
    for (const m of html.matchAll(ATTR)) {
      const tag = (m[1] ?? "").toLowerCase();
      const attrs = m[2] ?? "";
      const refs = [...attrs.matchAll(/\s(href|src|srcset|action)="([^"]*)"/g)].flatMap((a) => (a[1] === "srcset" ? (a[2] ?? "").split(",").map((s) => s.trim().split(/\s+/)[0] ?? "") : [a[2] ?? ""]));
      for (const ref of refs) {
        if (ref === "" || ref.startsWith("mailto:") || ref.startsWith("tel:") || ref.startsWith("data:")) continue;
        const url = new URL(ref.replace(/&amp;/g, "&"), base);
        if (url.origin !== base.origin) {
          if (tag === "a" && !/\brel="[^"]*noopener/.test(attrs)) problems.push({ page: pagePath(root, file), href: ref, problem: '外部链接缺少 rel="noopener"' });
          continue;
        }
        if (options.skip?.(url.pathname)) continue;
        const target = targetFile(files, url.pathname);
        if (!target) {
          problems.push({ page: pagePath(root, file), href: ref, problem: "链接指向的页面或文件不存在" });
          continue;
        }
        if (url.hash && target.endsWith(".html")) {
          const id = decodeURIComponent(url.hash.slice(1));
          if (!(await idsOf(target)).has(id)) problems.push({ page: pagePath(root, file), href: ref, problem: `锚点 #${id} 在目标页面中不存在` });
        }
      }
    }
  }
  return problems;
}

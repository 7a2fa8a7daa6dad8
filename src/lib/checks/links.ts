/**
 * Checks every internal link and anchor of a built site against the files it
 * contains, and that external links open safely (rel="noopener").
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";

export interface LinkProblem {
  page: string;
  href: string;
  problem: string;
}

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "pagefind" && entry.name !== "_astro" && entry.name !== "posters" && entry.name !== "og") yield* htmlFiles(path);
    } else if (entry.name.endsWith(".html")) yield path;
  }
}

/** URL path of a built file: about/index.html → /about/ */
function pagePath(root: string, file: string): string {
  return `/${relative(root, file)
    .replace(/index\.html$/, "")
    .replace(/\\/g, "/")}`;
}

function targetFile(root: string, path: string): string | undefined {
  const decoded = decodeURIComponent(path);
  const candidates = decoded.endsWith("/") ? [join(root, decoded, "index.html")] : [join(root, decoded), join(root, `${decoded}.html`), join(root, decoded, "index.html")];
  return candidates.find((c) => existsSync(c));
}

const ATTR = /<(a|link|img|script|source|form)\b([^>]*)>/gi;
const ID = /\sid="([^"]+)"/g;

export async function checkLinks(root: string, options: { skip?: (path: string) => boolean } = {}): Promise<LinkProblem[]> {
  const problems: LinkProblem[] = [];
  const ids = new Map<string, Set<string>>();
  const pages: { file: string; html: string }[] = [];
  for await (const file of htmlFiles(root)) {
    const html = await readFile(file, "utf8");
    pages.push({ file, html });
    ids.set(file, new Set([...html.matchAll(ID)].map((m) => m[1] ?? "")));
  }
  for (const { file, html } of pages) {
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
        const target = targetFile(root, url.pathname);
        if (!target) {
          problems.push({ page: pagePath(root, file), href: ref, problem: "链接指向的页面或文件不存在" });
          continue;
        }
        if (url.hash && target.endsWith(".html")) {
          const id = decodeURIComponent(url.hash.slice(1));
          if (!ids.get(target)?.has(id)) problems.push({ page: pagePath(root, file), href: ref, problem: `锚点 #${id} 在目标页面中不存在` });
        }
      }
    }
  }
  return problems;
}

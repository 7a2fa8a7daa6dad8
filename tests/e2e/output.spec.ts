/**
 * Checks over the whole built site (no browser needed): every page is valid
 * HTML, and every inline script and style is allowed by both CSPs. (Links
 * and anchors are checked by the build itself, which fails on a broken one:
 * tests/unit/site and tests/integration/build.test.ts.)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, relative } from "node:path";
import { HtmlValidate } from "html-validate";
import { sitePages } from "../../src/lib/checks/site-files.ts";
import { RECORDS_PER_FILE } from "../../src/lib/search/list-index.ts";
import { headerCsp } from "../../src/lib/site/security.ts";
import { expect, test } from "./fixtures.ts";

const SITE = process.env["WENMING_TEST_SITE"] ?? ".test-site";

const pages = () => sitePages(SITE).map((p) => join(SITE, p));

test("every built page is valid HTML (html-validate, rules in .htmlvalidate.json)", async () => {
  const validator = new HtmlValidate();
  const failures: string[] = [];
  const files = pages();
  expect(files.length).toBeGreaterThan(100);
  for (const file of files) {
    const report = await validator.validateFile(file);
    for (const r of report.results) for (const m of r.messages) failures.push(`${relative(SITE, file)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  }
  expect(failures, failures.slice(0, 30).join("\n")).toEqual([]);
});

test("inline scripts and styles are allowed by the meta CSP and the header CSP", () => {
  const header = headerCsp();
  for (const file of pages()) {
    const html = readFileSync(file, "utf8");
    const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(meta, file).toContain("default-src 'self'");
    expect(meta).not.toContain("unsafe-inline");
    // Data blocks (schema.org JSON-LD) are never executed, so the CSP does not govern them.
    for (const m of html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/ld\+json")[^>]*>([\s\S]*?)<\/script>/g)) {
      const hash = `'sha256-${createHash("sha256")
        .update(m[1] ?? "")
        .digest("base64")}'`;
      expect(meta, `${file}: inline script not in meta CSP`).toContain(hash);
      expect(header, `${file}: inline script not in header CSP`).toContain(hash);
    }
    expect(html, `${file}: inline <style>`).not.toMatch(/<style[\s>]/);
    expect(html, `${file}: style attribute`).not.toMatch(/\sstyle="/);
  }
});

test("every search index is published whole: the pages' engine and entry file, no empty file, no ready-made UI; the lists' index with a record file for each entry it counts", () => {
  const manifest = JSON.parse(readFileSync(join(SITE, "pagefind", "wenming-indexes.json"), "utf8")) as { lists: string | null };
  const files = readdirSync(join(SITE, "pagefind"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const empty = files.filter((e) => statSync(join(e.parentPath, e.name)).size === 0).map((e) => e.name);
  expect(empty).toEqual([]);
  expect(files.map((e) => e.name).filter((n) => /^pagefind-(component-ui|modular-ui|ui|highlight)\./.test(n))).toEqual([]);
  expect(JSON.parse(readFileSync(join(SITE, "pagefind", "pagefind-entry.json"), "utf8"))).toHaveProperty("languages");
  expect(
    files
      .filter((e) => ["pagefind.js", "pagefind-worker.js"].includes(e.name))
      .map((e) => relative(SITE, join(e.parentPath, e.name)))
      .sort(),
  ).toEqual(["pagefind/pagefind-worker.js", "pagefind/pagefind.js"]);
  // One lists' index, in the folder the manifest names (named by its hash), and no other.
  expect(manifest.lists).toMatch(/^\/pagefind\/lists\/[0-9a-f]{20}\/$/);
  expect(readdirSync(join(SITE, "pagefind", "lists"))).toEqual([manifest.lists!.split("/")[3]]);
  const lists = join(SITE, manifest.lists!);
  const meta = JSON.parse(readFileSync(join(lists, "meta.json"), "utf8")) as { count: number; shards: number; ranges: { start: number; end: number }[] };
  expect(meta.count).toBeGreaterThan(0);
  expect(meta.ranges.reduce((n, r) => n + r.end - r.start, 0)).toBe(meta.count);
  expect(readdirSync(join(lists, "r")).length).toBe(Math.ceil(meta.count / RECORDS_PER_FILE));
  expect(readdirSync(join(lists, "w")).length).toBe(meta.shards);
});

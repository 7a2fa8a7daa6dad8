/**
 * Astro's log without its line per page (src/integrations/build-log.mjs): a page's two halves go, whatever their
 * colours and whatever was written between them; every other line is written as Astro's own logger writes it.
 */
import { stripVTControlCharacters } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AstroLoggerMessage } from "astro";
import buildLog, { isPageLine } from "../../../src/integrations/build-log.mjs";

const GREEN = (s: string) => `\x1b[32m${s}\x1b[39m`;
const DIM = (s: string) => `\x1b[2m${s}\x1b[22m`;

/** Astro's page lines (core/build/generate.js), plain and coloured. */
const pageLines: [label: string | null, message: string][] = [
  [null, "  ├─ /good-people/zhao-min/index.html"],
  [null, `  ${GREEN("├─")} ${DIM("/integrity/black/page/2/index.html")}`],
  [null, `  \x1b[34m├─\x1b[39m ${DIM("/integrity/black/authority/示例市交通运输局/index.html")}`],
  ["SKIP_FORMAT", " (+2ms) "],
  ["SKIP_FORMAT", ` ${DIM("(+12ms)")} `],
  ["SKIP_FORMAT", ` \x1b[31m(+1.20s)\x1b[39m \x1b[33m(file not created, response body was empty)\x1b[39m`],
  ["SKIP_FORMAT", ` ${GREEN("(cached)")}`],
  ["SKIP_FORMAT", ` ${GREEN("(restored)")}`],
];

/** Lines that must stay: stages, timings, warnings, this project's own. */
const otherLines: [label: string | null, message: string][] = [
  ["build", "Complete!"],
  ["build", "✓ Completed in 8.38s."],
  [null, GREEN("✓ Completed in 3.91s.\n")],
  ["SKIP_FORMAT", "\n\x1b[42m\x1b[30m generating static routes \x1b[39m\x1b[49m"],
  ["SKIP_FORMAT", " generating optimized images "],
  ["content", "Synced content"],
  ["wenming-search-index", "搜索索引：3952 个页面、11889 个名单条目，全部沿用缓存（0.4 s）"],
  ["build", "Pruned 2 stale file(s) from the incremental cache."],
  ["SKIP_FORMAT", " (see the log above)"],
];

describe("the build's log", () => {
  it.each(pageLines)("drops Astro's page line %s %j", (label, message) => expect(isPageLine(label, message)).toBe(true));
  it.each(otherLines)("keeps %s %j", (label, message) => expect(isPageLine(label, message)).toBe(false));

  describe("written", () => {
    let written: string[];
    beforeEach(() => {
      written = [];
      for (const stream of [process.stdout, process.stderr])
        vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
          written.push(String(chunk));
          return true;
        });
    });
    afterEach(() => vi.restoreAllMocks());

    it("as Astro's node logger writes it, less the pages, interleaved as four pages in flight write them", () => {
      const log = buildLog({ level: "info" });
      const events: AstroLoggerMessage[] = [
        { level: "info", label: "build", message: "Building static entrypoints...", newLine: true },
        { level: "info", label: null, message: "  ├─ /a/index.html", newLine: false },
        { level: "info", label: null, message: "  ├─ /b/index.html", newLine: false },
        { level: "info", label: "SKIP_FORMAT", message: " (+3ms) ", newLine: true },
        { level: "warn", label: "build", message: "图片过大", newLine: true },
        { level: "info", label: "SKIP_FORMAT", message: ` ${GREEN("(cached)")}`, newLine: true },
        { level: "error", label: "build", message: "Caught error rendering /c/: boom", newLine: true },
        { level: "info", label: "wenming-pages", message: "页面：沿用已发布的 5 页", newLine: true },
      ];
      for (const event of events) log.write(event);
      const text = stripVTControlCharacters(written.join(""));
      expect(text).not.toMatch(/├─|\(\+3ms\)|\(cached\)/);
      expect(text).toMatch(/^\d\d:\d\d:\d\d \[build\] Building static entrypoints\.\.\.\n/);
      for (const kept of ["[WARN] [build] 图片过大\n", "[ERROR] [build] Caught error rendering /c/: boom\n", "[wenming-pages] 页面：沿用已发布的 5 页\n"]) expect(text).toContain(kept);
    });
  });
});

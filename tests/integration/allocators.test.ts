/**
 * The build's native allocators (src/lib/build/allocators.ts): Rolldown and
 * Astro's compiler allocate with mimalloc, which read its settings when they
 * load, so the build must set them before Astro loads. mimalloc prints the
 * settings it took when MIMALLOC_VERBOSE is set; a quick build of the sample
 * site (no posters) loads Astro in one process, and in two its own process
 * for the pages.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sampleContent } from "./helpers.ts";

function allocatorSettings(env: Record<string, string>): string[] {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MIMALLOC_")));
  const work = mkdtempSync(join(tmpdir(), "wenming-alloc-"));
  const r = spawnSync(process.execPath, ["scripts/build.ts"], {
    env: {
      ...base,
      ...env,
      MIMALLOC_VERBOSE: "1",
      SKIP_POSTERS: "1",
      AS_OF: "2026-11-22",
      WENMING_CONTENT: sampleContent(),
      WENMING_OUT: join(work, "dist"),
      WENMING_CACHE: join(work, "cache"),
      WENMING_ASTRO_CACHE: join(work, "astro"),
    },
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  return [...r.stderr.matchAll(/option '(allow_thp|allow_large_os_pages)': (\d+)/g)].map((m) => `${m[1]}=${m[2]}`);
}

describe("the build's native allocators", () => {
  it.each(["one", "two"])(
    "ask for ordinary pages, in every copy of mimalloc the build loads (%s process(es))",
    (stages) => {
      const settings = allocatorSettings({ WENMING_BUILD_STAGES: stages });
      expect(settings).toContain("allow_thp=0");
      expect(settings.filter((s) => s.endsWith("=1"))).toEqual([]);
    },
    120_000,
  );

  it("keep what IT set", () => {
    expect(allocatorSettings({ MIMALLOC_ALLOW_THP: "1" })).toContain("allow_thp=1");
  }, 120_000);
});

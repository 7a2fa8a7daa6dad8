/**
 * The build's native allocators (src/lib/build/allocators.ts): Rolldown and
 * Astro's compiler allocate with mimalloc, which read its settings when they
 * load, so the build must set them before Astro loads. mimalloc prints the
 * settings it took when MIMALLOC_VERBOSE is set; a build refused at once (an
 * impossible as-of date) has loaded Astro by then and builds nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function allocatorSettings(env: Record<string, string>): string[] {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MIMALLOC_")));
  const out = join(mkdtempSync(join(tmpdir(), "wenming-alloc-")), "dist");
  const r = spawnSync(process.execPath, ["scripts/build.ts"], { env: { ...base, ...env, MIMALLOC_VERBOSE: "1", AS_OF: "2026-02-30", WENMING_OUT: out }, encoding: "utf8" });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("AS_OF 应为 YYYY-MM-DD 格式的真实日期");
  return [...r.stderr.matchAll(/option '(allow_thp|allow_large_os_pages)': (\d+)/g)].map((m) => `${m[1]}=${m[2]}`);
}

describe("the build's native allocators", () => {
  it("ask for ordinary pages, in every copy of mimalloc the build loads", () => {
    const settings = allocatorSettings({});
    expect(settings).toContain("allow_thp=0");
    expect(settings.filter((s) => s.endsWith("=1"))).toEqual([]);
  });

  it("keep what IT set", () => {
    expect(allocatorSettings({ MIMALLOC_ALLOW_THP: "1" })).toContain("allow_thp=1");
  });
});

/** The renderer processes' allocator settings (src/lib/build/allocators.ts): defaults where unset, IT's values kept. */
import { describe, expect, it } from "vitest";
import { posterProcessEnv, useSmallPages } from "../../../src/lib/build/allocators.ts";

describe("allocator settings", () => {
  it("give a renderer process ordinary pages, two malloc arenas and freed memory kept for a second", () => {
    const env = posterProcessEnv({ PATH: "/usr/bin" });
    expect(env).toEqual({ PATH: "/usr/bin", MIMALLOC_ALLOW_THP: "0", MIMALLOC_ALLOW_LARGE_OS_PAGES: "0", MALLOC_ARENA_MAX: "2", MIMALLOC_PURGE_DELAY: "1000" });
  });

  it.each([
    ["MIMALLOC_ALLOW_THP", "1"],
    ["MIMALLOC_ALLOW_LARGE_OS_PAGES", "1"],
    ["MALLOC_ARENA_MAX", "8"],
    ["MIMALLOC_PURGE_DELAY", "-1"],
  ])("keep %s=%s when IT set it, and leave the given environment as it was", (name, value) => {
    const given = { [name]: value };
    expect(posterProcessEnv(given)[name]).toBe(value);
    expect(given).toEqual({ [name]: value });
  });

  it("set only the page settings for a build's own process", () => {
    const env: NodeJS.ProcessEnv = {};
    useSmallPages(env);
    expect(env).toEqual({ MIMALLOC_ALLOW_THP: "0", MIMALLOC_ALLOW_LARGE_OS_PAGES: "0" });
  });
});

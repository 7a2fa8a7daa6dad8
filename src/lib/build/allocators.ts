/**
 * Settings for the native allocators of this process and of the processes it
 * starts, applied when this module is evaluated: import it before anything
 * that loads a native module (scripts/build.ts imports it first).
 *
 * Rolldown, Astro's compiler and Skia's binding allocate with mimalloc, which
 * by default backs its memory with 2 MB pages (transparent huge pages, and
 * "large OS pages" in Skia's older copy) and gives memory back to the system
 * soon after it is freed. A partly used 2 MB page is resident as a whole, and
 * a fresh one is cleared as a whole: at city scale Astro's process held
 * ≈ 430 MB in mimalloc's arena at its peak instead of ≈ 250 MB, and a
 * poster's pixel read-back waited 45–100 ms for the kernel now and then
 * (docs/performance.md). Ordinary pages are asked for unless IT set these
 * variables.
 */
export const SMALL_PAGES = { MIMALLOC_ALLOW_THP: "0", MIMALLOC_ALLOW_LARGE_OS_PAGES: "0" } as const;

/** Sets SMALL_PAGES in `env` where a variable is not set already. */
export function useSmallPages(env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, value] of Object.entries(SMALL_PAGES)) env[name] ??= value;
}

useSmallPages();

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

/** Sets each of `values` in `env` where it is not set already (IT's settings win). */
function setUnset(env: NodeJS.ProcessEnv, values: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(values)) env[name] ??= value;
}

/** Sets SMALL_PAGES in `env` where a variable is not set already. */
export function useSmallPages(env: NodeJS.ProcessEnv = process.env): void {
  setUnset(env, SMALL_PAGES);
}

/**
 * For the processes that draw posters (the build's renderers, pool.ts; the bench times ours the same way):
 * - two glibc malloc arenas instead of one per thread: a renderer's freed A3 buffers are reused instead of held in
 *   per-thread arenas (≈ 150 MB less resident memory per renderer at city scale);
 * - mimalloc keeps freed memory for a second (it gives it back after 10 ms by default, so each poster's 8 MB
 *   read-back was faulted in and cleared again): one 1080×1920 photo poster took 27–31 instead of 34–36 ms in a
 *   slow hour (three alternating runs). In the build's own process this only raised the peak (≈ 0.05 GiB at city),
 *   so it is set for the renderers alone.
 */
export const POSTER_PROCESS = { MALLOC_ARENA_MAX: "2", MIMALLOC_PURGE_DELAY: "1000" } as const;

/** `env` with SMALL_PAGES and POSTER_PROCESS where a variable is not set already: the environment of a renderer process. */
export function posterProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  setUnset(out, { ...SMALL_PAGES, ...POSTER_PROCESS });
  return out;
}

useSmallPages();

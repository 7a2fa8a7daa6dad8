/**
 * Work that takes only the CPU the build's main work leaves: the poster
 * renderers (src/lib/poster/pool.ts) and the lists' indexer beside Astro's
 * page stage (src/lib/search/index-worker.ts) run at this nice value.
 */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/** Nice value of background work: below page generation and indexing, above idle. */
export const LOW_PRIORITY = 10;

/**
 * Lowers the calling thread to LOW_PRIORITY, and so every process it starts
 * from now on (Linux: a new process takes the nice value of the thread that
 * started it). False where that is not possible (not Linux, not allowed):
 * the thread then runs at normal priority.
 */
export function lowerThisThread(): boolean {
  try {
    // Linux gives each thread its own nice value, set through its thread id.
    setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), LOW_PRIORITY);
    return true;
  } catch {
    return false;
  }
}

/**
 * Worker thread: makes the given indexes into the search cache (cachedIndex)
 * with a Pagefind service of its own, closed when done — the lists' indexes,
 * while Astro builds the pages on the main thread (startListIndexes in
 * src/integrations/search-index.ts), at low priority. An error ends the
 * worker with it.
 */
import * as pagefind from "pagefind";
import { workerData } from "node:worker_threads";
import { cachedIndex, type IndexGroup } from "./index-files.ts";
import { lowerThisThread } from "../build/priority.ts";

// Before Pagefind's service is started, which takes this thread's priority: both use the CPU Astro leaves.
lowerThisThread();

const { groups, cache } = workerData as { groups: IndexGroup[]; cache: string };
try {
  for (const group of groups) await cachedIndex(group, cache);
} finally {
  await pagefind.close();
}

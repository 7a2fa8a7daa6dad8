/**
 * Worker thread: makes the lists' search index into the search cache
 * (cachedListIndex) while Astro builds the pages on the main thread
 * (startListIndexes in src/integrations/search-index.ts), at low priority.
 * An error ends the worker with it.
 */
import { workerData } from "node:worker_threads";
import { cachedListIndex, type ListIndexInput } from "./list-index-files.ts";
import { lowerThisThread } from "../build/priority.ts";

lowerThisThread();

const { records, cache } = workerData as { records: ListIndexInput[]; cache: string };
await cachedListIndex(records, cache);

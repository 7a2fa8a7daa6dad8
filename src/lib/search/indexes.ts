/**
 * Where the site's search indexes are published, shared by the build
 * (src/integrations/search-index.ts), the search page (src/scripts/search.ts)
 * and the cache headers (src/lib/site/security.ts): the pages' index in
 * /pagefind/, each list's records in /pagefind/<list>/, and a file naming the
 * list indexes the build wrote (an empty list has none) with the filters
 * all of a list's records share.
 */
import { LISTS, type ListKind } from "../../primitives/integrity-terms.ts";

export const PAGES_INDEX = "/pagefind/";

export const listIndex = (list: ListKind): string => `${PAGES_INDEX}${list}/`;

/** Every index folder a build can write, the pages' first. */
export const SEARCH_INDEXES: readonly string[] = [PAGES_INDEX, ...LISTS.map(listIndex)];

/** The list indexes of this build, as a JSON array of MergedIndex. */
export const INDEX_MANIFEST = `${PAGES_INDEX}wenming-indexes.json`;

/** A list's index as the search page merges it: its folder, and the filters every one of its records has. */
export interface MergedIndex {
  path: string;
  filters: Record<string, string>;
}

/**
 * Where the site's search indexes are published, shared by the build
 * (src/integrations/search-index.ts), the search page (src/scripts/search.ts)
 * and the cache headers (src/lib/site/security.ts): the pages' Pagefind index
 * in /pagefind/, the lists' own index in a folder under /pagefind/lists/
 * named by its hash (src/lib/search/list-index.ts), and a file saying which
 * (an empty list has none).
 */

export const PAGES_INDEX = "/pagefind/";

/** What the search page fetches first: the folder of this build's lists' index, or null. */
export const INDEX_MANIFEST = `${PAGES_INDEX}wenming-indexes.json`;

export interface IndexManifest {
  lists: string | null;
}

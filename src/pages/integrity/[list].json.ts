/** Open data: the entries of a list published as of the build date, as JSON. */
import type { APIRoute, GetStaticPaths } from "astro";
import { asOf, integrity, site } from "../../collections.ts";
import { OPEN_DATA_FIELDS, publishedEntries } from "../../lib/integrity/listing.ts";
import { LISTS, LIST_NAMES, type ListKind } from "../../primitives/integrity-terms.ts";
import { urls } from "../../lib/site/urls.ts";

export const getStaticPaths = (() => LISTS.map((list) => ({ params: { list } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const list = params["list"] as ListKind;
  const entries = publishedEntries(integrity, list, asOf).map((e) => {
    const row: Record<string, string> = { url: new URL(urls.entry(list, e.id), site.siteUrl).href };
    for (const [key] of OPEN_DATA_FIELDS) if (e[key] !== undefined) row[key] = String(e[key]);
    return row;
  });
  const body = { title: `${site.city}诚信${LIST_NAMES[list]}`, publisher: site.issuer, asOf, fields: Object.fromEntries(OPEN_DATA_FIELDS), count: entries.length, entries };
  return new Response(JSON.stringify(body, null, 1), { headers: { "Content-Type": "application/json; charset=utf-8" } });
};

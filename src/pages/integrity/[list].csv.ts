/** Open data as CSV (UTF-8 with BOM, formula-injection safe). */
import type { APIRoute, GetStaticPaths } from "astro";
import { asOf, integrity } from "../../collections.ts";
import { publishedEntries, toCsv } from "../../lib/integrity/listing.ts";
import { LISTS, type ListKind } from "../../primitives/integrity-terms.ts";

export const getStaticPaths = (() => LISTS.map((list) => ({ params: { list } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => new Response(toCsv(publishedEntries(integrity, params["list"] as ListKind, asOf)), { headers: { "Content-Type": "text/csv; charset=utf-8" } });

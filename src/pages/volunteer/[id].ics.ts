/** One activity as an iCalendar file, to add to a phone calendar. */
import type { APIRoute, GetStaticPaths } from "astro";
import { activities, asOf, site, stamp } from "../../collections.ts";
import { pageKey } from "../../lib/site/cache-key.ts";
import { icsCalendar } from "../../lib/volunteer/ics.ts";
import { urls } from "../../lib/site/urls.ts";

export const getStaticPaths = (() => activities.map((a) => ({ params: { id: a.id }, props: { a }, cacheKey: pageKey(stamp, a) }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site: origin }) => {
  const a = (props as { a: (typeof activities)[number] }).a;
  const host = new URL(site.siteUrl).host;
  const body = icsCalendar([{ id: a.id, data: a.data, url: new URL(urls.activity(a.id), origin).href }], { name: a.data.title, host, asOf });
  return new Response(body, { headers: { "Content-Type": "text/calendar; charset=utf-8" } });
};

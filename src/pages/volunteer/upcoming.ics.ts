/** iCalendar feed of upcoming activities, to subscribe to in a calendar app. */
import type { APIRoute } from "astro";
import { asOf, site, upcoming } from "../../collections.ts";
import { icsCalendar } from "../../lib/volunteer/ics.ts";
import { urls } from "../../lib/site/urls.ts";

export const GET: APIRoute = ({ site: origin }) => {
  const host = new URL(site.siteUrl).host;
  const events = upcoming.map((a) => ({ id: a.id, data: a.data, url: new URL(urls.activity(a.id), origin).href }));
  return new Response(icsCalendar(events, { name: `${site.city}志愿服务活动`, host, asOf }), { headers: { "Content-Type": "text/calendar; charset=utf-8" } });
};

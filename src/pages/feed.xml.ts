/** Site feed: new good-people batches and updated etiquette guides. */
import type { APIRoute } from "astro";
import { asOf, batches, guides, site } from "../collections.ts";
import { noticeDate, noticeLabel } from "../lib/good-people/notice.ts";
import { atomFeed } from "../lib/site/atom.ts";
import { urls } from "../lib/site/urls.ts";

export const GET: APIRoute = () => {
  const items = [
    ...batches.map((b) => ({
      id: `batch-${b.id}`,
      title: `好人榜 ${b.title}${noticeLabel(b.state)}`,
      path: urls.batch(b.id),
      date: noticeDate(b.state) ?? asOf,
      summary: `${site.city}好人榜${b.title}`,
    })),
    ...guides.map((g) => ({ id: `guide-${g.id}-${g.data.updated}`, title: `文明礼仪：${g.data.title}`, path: urls.guide(g.id), date: g.data.updated, summary: g.data.summary })),
  ].sort((a, b) => b.date.localeCompare(a.date));
  return new Response(atomFeed({ site, title: `${site.title} 更新`, path: urls.feed(), updated: items[0]?.date ?? asOf, items }), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8" },
  });
};

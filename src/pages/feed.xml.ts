/** Site feed: new good-people batches, updated etiquette guides, news and notices, and newly announced volunteer activities. */
import type { APIRoute } from "astro";
import { activities, asOf, batches, guides, news, site } from "../collections.ts";
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
    ...news.slice(0, 50).map((n) => ({ id: `news-${n.id}`, title: `${n.data.category}：${n.data.title}`, path: urls.newsItem(n.id), date: n.data.date, summary: n.data.summary })),
    ...activities.map((a) => ({ id: `activity-${a.id}`, title: `志愿服务：${a.data.title}`, path: urls.activity(a.id), date: a.data.published, summary: a.data.summary })),
  ]
    .sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id))
    .slice(0, 100);
  return new Response(atomFeed({ site, title: `${site.title} 更新`, path: urls.feed(), updated: items[0]?.date ?? asOf, items }), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8" },
  });
};

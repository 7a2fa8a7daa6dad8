/** Atom feed of news and notices: the 100 newest published on the as-of day. */
import type { APIRoute } from "astro";
import { asOf, news, site } from "../../collections.ts";
import { atomFeed } from "../../lib/site/atom.ts";
import { urls } from "../../lib/site/urls.ts";

export const GET: APIRoute = () => {
  const items = news.slice(0, 100).map((n) => ({ id: `news-${n.id}`, title: `${n.data.category}：${n.data.title}`, path: urls.newsItem(n.id), date: n.data.date, summary: n.data.summary }));
  return new Response(atomFeed({ site, title: `${site.title} 新闻公告`, path: urls.newsFeed(), updated: items[0]?.date ?? asOf, items }), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8" },
  });
};

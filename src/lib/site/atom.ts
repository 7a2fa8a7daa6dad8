/** A minimal, valid Atom 1.0 document; every text is escaped. */
import type { Site } from "../../schemas/site.ts";

export interface FeedItem {
  id: string;
  title: string;
  path: string;
  date: string;
  summary: string;
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function atomFeed(feed: { site: Site; title: string; path: string; updated: string; items: FeedItem[] }): string {
  const base = feed.site.siteUrl.replace(/\/$/, "");
  const entries = feed.items.map(
    (i) =>
      `<entry><id>tag:${new URL(base).host},${i.date}:${escapeXml(i.id)}</id><title>${escapeXml(i.title)}</title><link href="${escapeXml(base + i.path)}"/><updated>${i.date}T00:00:00+08:00</updated><summary>${escapeXml(i.summary)}</summary></entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><id>${escapeXml(base + feed.path)}</id><title>${escapeXml(feed.title)}</title><link rel="self" href="${escapeXml(base + feed.path)}"/><link href="${escapeXml(base)}/"/><updated>${feed.updated}T00:00:00+08:00</updated><author><name>${escapeXml(feed.site.issuer)}</name></author>${entries.join("")}</feed>\n`;
}

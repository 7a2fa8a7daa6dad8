/**
 * Which images a build renders: every ad in every size and format, and a
 * 1200×630 share card per page kind. Only published things get images, and
 * no share card ever names a natural person from a black list (list cards
 * show only the batch). Pages of one batch share their batch's card — people
 * as well as list entries: a card per person would be 2,000 more renders
 * (≈ 80 CPU seconds) in a city's cold build, for a card that repeats the page
 * title (docs/performance.md).
 */
import type { SiteContent } from "../content/load.ts";
import type { IsoDate } from "../../primitives/dates.ts";
import type { AdData } from "../../schemas/ad.ts";
import { NEWS_CATEGORIES, type NewsCategory } from "../../schemas/news.ts";
import { batchState } from "../good-people/notice.ts";
import { batchTitle, publishedEntries } from "../integrity/listing.ts";
import { LIST_NAMES, LISTS } from "../../primitives/integrity-terms.ts";
import { NEWS_CATEGORY_SLUGS, urls } from "../site/urls.ts";
import { sizesOf } from "./sizes-of.ts";
import { SHARE_SIZE, type PosterFormat } from "./sizes.ts";
import type { Identity, PosterInput } from "./templates.ts";

/** One poster size to render, in one or more formats written to `paths` (relative to the site root). */
export interface PosterJob {
  input: PosterInput;
  size: string;
  formats: PosterFormat[];
  paths: string[];
}

export function identityOf(content: Pick<SiteContent, "site" | "logo">): Identity {
  const s = content.site;
  const identity: Identity = { city: s.city, signature: s.signature, emblem: s.emblem, primary: s.colours.primary, accent: s.colours.accent };
  if (content.logo) identity.logo = content.logo;
  return identity;
}

/** The identity with an ad's colours: its own `colours`, else its named `palette`, else the site's. */
export function adIdentity(content: Pick<SiteContent, "site" | "logo">, data: Pick<AdData, "palette" | "colours">): Identity {
  const identity = identityOf(content);
  const colours = data.colours ?? content.site.palettes.find((p) => p.name === data.palette);
  return colours ? { ...identity, primary: colours.primary, accent: colours.accent } : identity;
}

/** Poster input for an ad, with the data its template needs. */
export function adInput(content: SiteContent, adId: string): PosterInput {
  const ad = content.ads.find((a) => a.id === adId);
  if (!ad) throw new Error(`没有编号为“${adId}”的公益广告`);
  const d = ad.data;
  const guide = d.guide ? content.guides.find((g) => g.id === d.guide) : undefined;
  const people = d.batch ? content.people.filter((p) => p.data.batch === d.batch && !p.data.withdrawn).map((p) => ({ name: p.data.name, category: p.data.category, photo: p.photo })) : undefined;
  // The rules design lists the ad's own items, or its guide's.
  const own = d.template === "rules" && (d.dos?.length || d.donts?.length);
  return {
    name: ad.id,
    template: d.template,
    slogan: d.slogan,
    sub: d.sub,
    scene: guide?.data.scene,
    dos: own ? d.dos : guide?.data.dos,
    donts: own ? d.donts : guide?.data.donts,
    people,
    image: ad.image,
    credit: d.credit,
    partnerLogo: ad.partnerLogo,
    qrUrl: new URL(d.link ?? urls.ad(ad.id), content.site.siteUrl).href,
    identity: adIdentity(content, d),
  };
}

function share(content: SiteContent, key: string, slogan: string, sub: string | undefined, label: string | undefined): PosterJob {
  return { input: { name: `分享图 ${key}`, template: "share", slogan, sub, label, identity: identityOf(content) }, size: SHARE_SIZE.id, formats: ["png"], paths: [urls.share(key).slice(1)] };
}

/** The share card of a news category (every item of the category shows it). */
export function newsShareKey(category: NewsCategory): string {
  return `news-${NEWS_CATEGORY_SLUGS[category]}`;
}

/** Every poster and share image of a build. */
export function buildJobs(content: SiteContent, asOf: IsoDate, options: { shareImages?: boolean } = {}): PosterJob[] {
  const jobs: PosterJob[] = [];
  for (const ad of content.ads) {
    const input = adInput(content, ad.id);
    for (const size of sizesOf(ad.data.sizes)) jobs.push({ input, size: size.id, formats: [...size.formats], paths: size.formats.map((f) => urls.poster(ad.id, size.id, f).slice(1)) });
  }
  if (options.shareImages === false) return jobs;
  const s = content.site;
  jobs.push(share(content, "site", s.title, s.description, undefined));
  for (const c of content.conventions) jobs.push(share(content, `convention-${c.id}`, c.title, `${c.issuer} · 共 ${c.articles.length} 条`, "文明公约"));
  for (const g of content.guides) jobs.push(share(content, `guide-${g.id}`, g.data.title, g.data.summary, "文明礼仪"));
  for (const b of content.batches) {
    const state = batchState(b, asOf);
    jobs.push(share(content, `batch-${b.id}`, `好人榜 ${b.title}`, state.kind === "notice" ? "公示中，欢迎监督" : state.kind === "ended" ? "公示期已结束" : undefined, "好人榜"));
  }
  for (const a of content.ads) jobs.push(share(content, `ad-${a.id}`, a.data.slogan, a.data.sub, "公益广告"));
  // News and activities share one card per category (their pages carry their own titles): a card per
  // item would be 1,500 more renders at city scale for text the link preview already shows.
  for (const c of NEWS_CATEGORIES) jobs.push(share(content, newsShareKey(c), `${s.city}${c}`, s.title, "新闻公告"));
  jobs.push(share(content, "volunteer", `${s.city}志愿服务`, "近期活动与报名方式", "志愿服务"));
  if (content.questions.length > 0) jobs.push(share(content, "quiz", "应知应会 文明知识自测", `${s.city}创建全国文明城市`, "应知应会"));
  if (content.handbook) jobs.push(share(content, "handbook", content.handbook.title, content.handbook.edition, "市民文明手册"));
  for (const list of LISTS) {
    const name = LIST_NAMES[list];
    jobs.push(share(content, `list-${list}`, `${s.city}诚信${name}`, `数据截至 ${asOf}`, "诚信红黑榜"));
    const batches = new Set(publishedEntries(content.integrity, list, asOf).map((e) => e.batch));
    for (const b of batches) jobs.push(share(content, `batch-${list}-${b}`, `${batchTitle(b)}${name}`, `${s.city}诚信${name}`, "诚信红黑榜"));
  }
  return jobs;
}

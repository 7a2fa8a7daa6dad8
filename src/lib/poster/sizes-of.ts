/** Which sizes an ad is rendered in, and how formats are labelled for staff. */
import { POSTER_SIZES, type PosterFormat, type PosterSize } from "./sizes.ts";

/** The size the site shows every ad in (ad page, guides' poster figures); rendered even when not listed. */
export const SHOWN_SIZE = "square";

/** The sizes listed in an ad (all when none are listed) plus the one the site shows, in table order. */
export function sizesOf(ids: readonly string[] | undefined): PosterSize[] {
  return ids && ids.length ? POSTER_SIZES.filter((s) => s.id === SHOWN_SIZE || ids.includes(s.id)) : [...POSTER_SIZES];
}

const LABELS: Record<PosterFormat, string> = { png: "PNG", webp: "WebP", jpg: "JPG（RGB，300 dpi）", pdf: "PDF（矢量，印刷）", "cmyk.jpg": "JPG（CMYK，印刷厂）", "cmyk.pdf": "PDF（CMYK，印刷厂）" };

export function formatLabel(format: PosterFormat): string {
  return LABELS[format];
}

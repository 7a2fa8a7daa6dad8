/** Helpers for showing Pagefind results. */

/** Pagefind stores U+200B between segmented Chinese words; readers must not get them. */
export function cleanExcerpt(html: string): string {
  return html.replace(/\u200B/g, "");
}

/** True when an excerpt highlights a matched word. */
export function hasMatch(excerpt: string): boolean {
  return excerpt.includes("<mark>");
}

/** The words of a query as the browser segments it (the same segmentation Pagefind uses), at most eight. */
export function queryWords(query: string): string[] {
  const words = new Set<string>();
  for (const s of new Intl.Segmenter("zh", { granularity: "word" }).segment(query)) if (s.isWordLike) words.add(s.segment.toLocaleLowerCase());
  return [...words].slice(0, 8);
}

/** The highlighted words of an excerpt, without the zero-width spaces between them. */
export function markedText(excerpt: string): string {
  return [...excerpt.matchAll(/<mark>(.*?)<\/mark>/g)]
    .map((m) => m[1] ?? "")
    .join("")
    .replace(/\u200B/g, "")
    .toLocaleLowerCase();
}

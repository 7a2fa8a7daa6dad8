/** Helpers for showing Pagefind results. */

const CJK_PUNCTUATION = /[。！？；：，、…」』”’）》]/;
const HAN = /\p{Script=Han}/u;

/**
 * An excerpt as readers see it. Pagefind stores U+200B between segmented
 * Chinese words (removed) and joins the page's blocks with ". ", which reads
 * wrongly in Chinese: after a Chinese character it becomes "。", after Chinese
 * punctuation it is dropped; after Latin text it stays.
 */
export function cleanExcerpt(html: string): string {
  const text = html.replace(/\u200B/g, "");
  return text.replace(/\. /g, (joiner, offset: number) => {
    const last = [...text.slice(0, offset).replace(/(<[^>]*>)+$/, "")].pop() ?? "";
    if (CJK_PUNCTUATION.test(last)) return "";
    if (HAN.test(last)) return "。";
    return joiner;
  });
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

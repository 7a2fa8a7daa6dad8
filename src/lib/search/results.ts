/** Helpers for showing search results. */
import { textWords } from "./list-index.ts";

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
  return textWords(query).slice(0, 8);
}

/** The highlighted words of an excerpt, without the zero-width spaces between them. */
export function markedText(excerpt: string): string {
  return [...excerpt.matchAll(/<mark>(.*?)<\/mark>/g)]
    .map((m) => m[1] ?? "")
    .join("")
    .replace(/\u200B/g, "")
    .toLocaleLowerCase();
}

/** How many characters of a list entry's text a result shows: about what Pagefind's 40-word excerpt shows of a page. */
const EXCERPT_CHARACTERS = 90;

/**
 * A list entry's text as its result's excerpt: up to EXCERPT_CHARACTERS from a
 * little before the first word found, cut into parts with every occurrence of
 * the query's words marked (as Pagefind marks a page's excerpt). Parts are
 * text, to be set as text.
 */
export function markedParts(text: string, words: readonly string[]): { text: string; marked: boolean }[] {
  // Lower-cased where that keeps every character's place (it does for Chinese and Latin letters).
  const folded = text.toLocaleLowerCase();
  const lower = folded.length === text.length ? folded : text;
  const marked = new Uint8Array(text.length);
  for (const w of words) {
    if (!w) continue;
    for (let at = lower.indexOf(w); at >= 0; at = lower.indexOf(w, at + w.length)) marked.fill(1, at, at + w.length);
  }
  const first = marked.indexOf(1);
  let start = first > 20 ? first - 20 : 0;
  // Never inside a surrogate pair.
  if (start > 0 && /[\udc00-\udfff]/.test(text[start] ?? "")) start--;
  let end = Math.min(text.length, start + EXCERPT_CHARACTERS);
  // Nor inside a marked word, nor a surrogate pair.
  while (end < text.length && ((marked[end] && marked[end - 1]) || /[\udc00-\udfff]/.test(text[end] ?? ""))) end++;
  const parts: { text: string; marked: boolean }[] = [];
  for (let i = start; i < end;) {
    let j = i;
    while (j < end && marked[j] === marked[i]) j++;
    parts.push({ text: text.slice(i, j), marked: marked[i] === 1 });
    i = j;
  }
  if (start > 0) parts.unshift({ text: "…", marked: false });
  if (end < text.length) parts.push({ text: "…", marked: false });
  return parts;
}

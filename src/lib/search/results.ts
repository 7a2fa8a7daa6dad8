/** Helpers for showing Pagefind results. */

/** Pagefind stores U+200B between segmented Chinese words; readers must not get them. */
export function cleanExcerpt(html: string): string {
  return html.replace(/\u200B/g, "");
}

/** True when an excerpt highlights a matched word. */
export function hasMatch(excerpt: string): boolean {
  return excerpt.includes("<mark>");
}

/**
 * Chinese word segmentation for the search index. Pagefind segments page text
 * with its own (Rust) segmenter but segments queries in the browser with
 * Intl.Segmenter; the two disagree on names and rare words (李建国 is one
 * word to one and 李 + 建国 to the other), so an exact name finds nothing.
 * We pre-segment the indexed text with Intl.Segmenter — the same ICU word
 * breaking browsers use — and join words with U+200B, which Pagefind treats
 * as a word boundary and removes from excerpts.
 */

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+/gu;

/** 李建国照顾 → 李\u200B建国\u200B照顾 */
export function segmentChinese(text: string): string {
  if (!CJK.test(text)) return text;
  return text.replace(CJK_RUN, (run) => {
    const words: string[] = [];
    for (const s of segmenter.segment(run)) words.push(s.segment);
    return words.join("\u200B");
  });
}

/** Tags whose text must stay as written: filter, meta and sort values, scripts and styles. */
const VERBATIM = /^<(span[^>]*data-pagefind-(filter|meta|sort)|script|style|title)\b/i;

/** Segments the text nodes of an HTML page, leaving markup and Pagefind values untouched. */
export function segmentHtmlForIndex(html: string): string {
  let out = "";
  let last = 0;
  let previousTag = "";
  for (const m of html.matchAll(/<[^>]*>/g)) {
    const text = html.slice(last, m.index);
    out += VERBATIM.test(previousTag) ? text : segmentChinese(text);
    out += m[0];
    previousTag = m[0];
    last = m.index + m[0].length;
  }
  return out + segmentChinese(html.slice(last));
}

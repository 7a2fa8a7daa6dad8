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
const STARTS_CJK = /^[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
const ENDS_CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]$/u;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+/gu;
/**
 * What else the segmenter's dictionary reads together with Chinese characters
 * next to them: kana, their length marks, and Han-script characters outside
 * CJK (々, 〇, radicals, the newest extension blocks).
 */
const OTHER_DICTIONARY = /[[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30fc\uff70\uff9e\uff9f]--[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]]/v;

/**
 * 李建国照顾 → 李\u200B建国\u200B照顾: a zero-width space between two words
 * where both sides are Chinese characters — what segmenting each run of
 * Chinese characters on its own gives (a test holds the two equal), from one
 * pass of the segmenter over the whole text: a segmenter pass per run cost
 * three times as much (a list entry has half a dozen runs between its
 * punctuation, digits and letters). Text with kana or other dictionary
 * characters (OTHER_DICTIONARY) is segmented a run at a time: next to them the
 * dictionary joins characters across a run's edge.
 */
export function segmentChinese(text: string): string {
  if (!CJK.test(text)) return text;
  if (OTHER_DICTIONARY.test(text)) return text.replace(CJK_RUN, (run) => Array.from(segmenter.segment(run), (s) => s.segment).join("\u200B"));
  let out = "";
  let afterCjk = false;
  for (const { segment } of segmenter.segment(text)) {
    if (afterCjk && STARTS_CJK.test(segment)) out += "\u200B";
    out += segment;
    afterCjk = ENDS_CJK.test(segment);
  }
  return out;
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

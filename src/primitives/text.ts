/**
 * Text hygiene shared by every content kind: what counts as an invisible or
 * direction-changing character, and how long a string is for a reader.
 */

/** Control, zero-width and bidi characters that can hide or reorder text. */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/u;

/** Returns the first invisible or bidi character in `text`, or undefined. */
export function findInvisibleCharacter(text: string): string | undefined {
  return INVISIBLE.exec(text)?.[0];
}

/** `U+200B` style label for a character, used in error messages. */
export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Length in code points, so a CJK extension character counts as one. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** NFKC + trim + upper case: the stored form of codes typed by hand. */
export function normaliseCode(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

/** Chinese ordinal numerals for article numbers: 1 → 一, 12 → 十二, 105 → 一百零五. */
export function chineseNumeral(n: number): string {
  const digits = "零一二三四五六七八九";
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`无法转换的数字：${n}`);
  if (n < 10) return digits[n] ?? "";
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ""}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ""}`;
  const rest = n % 100;
  const head = `${digits[Math.floor(n / 100)]}百`;
  if (rest === 0) return head;
  if (rest < 10) return `${head}零${digits[rest]}`;
  return head + (rest < 20 ? `一${chineseNumeral(rest)}` : chineseNumeral(rest));
}

/**
 * A copy of `s` that shares no memory with the string it was cut from. V8
 * keeps a substring (a regex match, a slice) as a view into its parent, so a
 * short link kept from a page keeps the whole page alive: a site scan that
 * remembered one link per page held every page it had read (city: ≈ 500 MB).
 * Concatenating makes a new string, which slicing then flattens into a fresh
 * copy.
 */
export function detached(s: string): string {
  return ` ${s}`.slice(1);
}

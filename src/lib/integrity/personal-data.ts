/**
 * 居民身份证号 (GB 11643-1999) and mobile numbers: validation, masking, and a
 * scanner that finds full numbers anywhere in text so they are never published.
 */
import { isIsoDate, type IsoDate } from "../../primitives/dates.ts";

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** Check character of an 18-character ID, from its first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? "";
}

/** Birth date of an 18- or 15-digit ID, or undefined when it is not a real date. */
export function idNumberBirthDate(id: string): IsoDate | undefined {
  const raw = id.length === 18 ? id.slice(6, 14) : id.length === 15 ? `19${id.slice(6, 12)}` : "";
  const date = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
  return isIsoDate(date) ? date : undefined;
}

/** True for a full 18-character ID with a valid birth date and check character. */
export function isFullIdNumber(text: string): boolean {
  const id = text.toUpperCase();
  if (/^\d{17}[\dX]$/.test(id)) return idNumberBirthDate(id) !== undefined && idNumberCheckChar(id) === id[17];
  if (/^\d{15}$/.test(id)) return idNumberBirthDate(id) !== undefined;
  return false;
}

/** 6 + 8 × `*` + 4, the masking this site publishes (enough to tell namesakes apart, never the whole number): 110105********1234. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

/** True for a masked ID in exactly the published shape. */
export function isMaskedIdNumber(text: string): boolean {
  return /^\d{6}\*{8}\d{3}[\dX]$/.test(text);
}

/** Age in whole years on `asOf` for someone born on `birth`. */
export function ageOn(birth: IsoDate, asOf: IsoDate): number {
  const [by, bm, bd] = birth.split("-").map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.split("-").map(Number) as [number, number, number];
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

export interface PersonalDataHit {
  kind: "id" | "mobile";
  value: string;
  index: number;
}

const ID_CANDIDATE = /(?<![\dA-Za-z])(\d{17}[\dXx]|\d{15})(?![\dA-Za-z])/g;
const MOBILE_CANDIDATE = /(?<![\dA-Za-z])(?:86)?(1[3-9]\d{9})(?![\dA-Za-z])/g;

/**
 * Format characters (zero-width, bidi, soft hyphen …): removed everywhere.
 * Pagefind writes U+200B between the words it segments, digit runs included.
 */
const FORMAT = /[\p{Cf}]/u;
/** What people type between groups of digits: spaces of any width, dots, dashes of any width, slashes excepted. */
const SEPARATOR = /[\s.\u00B7\u2027\u30FB\uFF0E\u2010-\u2015\u2212\uFE58\uFE63\uFF0D-]/u;
/** At most this many separators between two digits still join them (138 - 1234 - 5678). */
const MAX_SEPARATORS = 3;

/**
 * The text as digits are read: each code point NFKC-normalised (full-width
 * digits become ASCII), format characters removed, and separators between two
 * digits removed. `origin[i]` is the index in the input of output character i.
 */
export function digitView(input: string): { text: string; origin: number[] } {
  const chars: { c: string; at: number }[] = [];
  let at = 0;
  for (const cp of input) {
    if (!FORMAT.test(cp)) for (const c of cp.normalize("NFKC")) if (!FORMAT.test(c)) chars.push({ c, at });
    at += cp.length;
  }
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  let text = "";
  const origin: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const here = chars[i];
    if (!here) continue;
    if (SEPARATOR.test(here.c) && isDigit(text.at(-1))) {
      let j = i;
      while (j < chars.length && SEPARATOR.test(chars[j]?.c ?? "")) j++;
      if (j - i <= MAX_SEPARATORS && isDigit(chars[j]?.c)) {
        i = j - 1;
        continue;
      }
    }
    text += here.c;
    origin.push(here.at);
  }
  return { text, origin };
}

/**
 * Finds full ID numbers (valid birth date and, for 18 digits, check character)
 * and mainland mobile numbers in free text, however they are written:
 * full-width digits, spaces, dots or dashes between digit groups, invisible
 * characters inside (see digitView). Masked values do not match. `value` is
 * the number as digits; `index` its position in `input`. `allowed` holds
 * exact values that are published on purpose (credit codes that are also
 * valid ID numbers by coincidence).
 */
export function findPersonalData(input: string, allowed?: ReadonlySet<string>): PersonalDataHit[] {
  const { text, origin } = digitView(input);
  const hits: PersonalDataHit[] = [];
  for (const m of text.matchAll(ID_CANDIDATE)) {
    const value = (m[1] ?? "").toUpperCase();
    if (isFullIdNumber(value) && !allowed?.has(value)) hits.push({ kind: "id", value, index: origin[m.index] ?? 0 });
  }
  for (const m of text.matchAll(MOBILE_CANDIDATE)) {
    const value = m[1] ?? "";
    const start = m.index + m[0].length - value.length;
    hits.push({ kind: "mobile", value, index: origin[start] ?? 0 });
  }
  return hits.sort((a, b) => a.index - b.index);
}

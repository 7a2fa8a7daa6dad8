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

/** ASCII and full-width digits. */
const DIGIT = "0-9\\uFF10-\\uFF19";
/**
 * What may stand between two digits of one number: spaces of any width, dots,
 * slashes, dashes of any width, and format characters (zero-width, bidi, soft hyphen).
 * Pagefind writes U+200B between the words it segments, digit runs included.
 */
const SEPARATOR = "\\s./\\u00B7\\u2027\\u30FB\\uFF0E\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D\\-\\p{Cf}";
/** A written number: digits joined by at most three separators, perhaps ending in the ID check character X. */
const NUMBER = new RegExp(`[${DIGIT}](?:[${DIGIT}]|[${SEPARATOR}]{1,3}(?=[${DIGIT}]))*(?:[${SEPARATOR}]{0,3}[Xx\\uFF38\\uFF58])?`, "gu");
const FORMAT = /\p{Cf}/u;
/**
 * Dates written with separators (2026-05-03, 2026/5/3, 2026.05.03): next to
 * other digits — an id such as g-164 before it, a time after it — joining
 * across them would make an 11-digit "mobile number" out of a date, so they
 * end a written number. An ID number carries its birth date without separators.
 */
const DATE = /(?<![0-9\uFF10-\uFF19])[12０-２][0-9\uFF10-\uFF19]{3}([-./\uFF0D\uFF0E\uFF0F])[0-9\uFF10-\uFF19]{1,2}\1[0-9\uFF10-\uFF19]{1,2}(?![0-9\uFF10-\uFF19])/gu;
const ALNUM = /[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/u;

/** The character next to `index` in direction `step`, skipping format characters. */
function neighbour(text: string, index: number, step: 1 | -1): string {
  for (let i = index; i >= 0 && i < text.length; i += step) {
    const c = text[i] ?? "";
    if (!FORMAT.test(c)) return c;
  }
  return "";
}

/**
 * Finds full ID numbers (valid birth date and, for 18 digits, check character)
 * and mainland mobile numbers in free text, however they are written:
 * full-width digits, spaces, dots or dashes between digit groups, invisible
 * characters inside. A number glued to letters or other digits is part of
 * something else (a credit code, a longer number) and is not matched. Masked
 * values do not match. `value` is the number as digits; `index` where it
 * starts in `input`. `allowed` holds exact values that are published on
 * purpose (credit codes that are also valid ID numbers by coincidence).
 */
export function findPersonalData(input: string, allowed?: ReadonlySet<string>): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  // Same length as the input (dates are ASCII or BMP), so indices still point into the input.
  const text = input.replace(DATE, (d) => "日".repeat(d.length));
  for (const m of text.matchAll(NUMBER)) {
    const written = m[0];
    if (written.length < 11) continue;
    if (ALNUM.test(neighbour(text, m.index - 1, -1)) || ALNUM.test(neighbour(text, m.index + written.length, 1))) continue;
    const value = written
      .normalize("NFKC")
      .replace(/[^0-9Xx]/g, "")
      .toUpperCase();
    if (/^(\d{17}[\dX]|\d{15})$/.test(value) && isFullIdNumber(value)) {
      if (!allowed?.has(value)) hits.push({ kind: "id", value, index: m.index });
      continue;
    }
    const mobile = /^(?:0086|86)?(1[3-9]\d{9})$/.exec(value)?.[1];
    if (mobile) hits.push({ kind: "mobile", value: mobile, index: m.index });
  }
  return hits;
}

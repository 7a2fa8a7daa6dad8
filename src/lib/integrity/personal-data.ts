/**
 * 居民身份证号 (GB 11643-1999) and mobile numbers: validation, masking, and a
 * scanner that finds full numbers anywhere in text so they are never published.
 */
import { isIsoDate, type IsoDate } from "../dates.ts";

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

/** 6 + 8 × `*` + 4, as DOMAIN.md prescribes: 110105********1234. */
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
const MOBILE_CANDIDATE = /(?<!\d)(?:\+?86[-\s]?)?(1[3-9]\d[-\s]?\d{4}[-\s]?\d{4})(?!\d)/g;

/** Zero-width characters: Pagefind writes U+200B between the words it segments, digit runs included. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Finds full ID numbers (valid birth date and, for 18 digits, check character)
 * and mainland mobile numbers in free text. Masked values do not match.
 * Zero-width characters are removed first, so a number split by them is still
 * found and a longer code split by them is not mistaken for one; `index` is
 * then the position in the text without them (the same when it has none).
 * `allowed` holds exact values that are published on purpose (credit codes
 * that are also valid ID numbers by coincidence).
 */
export function findPersonalData(input: string, allowed?: ReadonlySet<string>): PersonalDataHit[] {
  const text = input.replace(ZERO_WIDTH, "");
  const hits: PersonalDataHit[] = [];
  for (const m of text.matchAll(ID_CANDIDATE)) {
    const value = m[1] ?? "";
    if (isFullIdNumber(value) && !allowed?.has(value.toUpperCase())) hits.push({ kind: "id", value, index: m.index });
  }
  for (const m of text.matchAll(MOBILE_CANDIDATE)) {
    const value = (m[1] ?? "").replace(/[-\s]/g, "");
    if (value.length === 11) hits.push({ kind: "mobile", value, index: m.index });
  }
  return hits;
}

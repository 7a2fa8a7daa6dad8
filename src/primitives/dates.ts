/**
 * Calendar dates as ISO strings (YYYY-MM-DD) in Asia/Shanghai. Content and
 * publication rules only ever deal in whole days, so plain strings compare
 * correctly and no Date arithmetic leaks a time zone into the output.
 */

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Creating a DateTimeFormat costs ≈ 0.2 ms; validation asks for today once per row and field. */
const SHANGHAI = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });

/** Today's date in Asia/Shanghai. */
export function todayInShanghai(now: Date = new Date()): IsoDate {
  return SHANGHAI.format(now);
}

/**
 * The as-of date of a build: `AS_OF` when set (must be a real date),
 * otherwise today in Asia/Shanghai.
 */
export function resolveAsOf(value: string | undefined = process.env["AS_OF"]): IsoDate {
  if (value === undefined || value === "") return todayInShanghai();
  if (!isIsoDate(value)) throw new Error(`AS_OF 应为 YYYY-MM-DD 格式的真实日期，收到：${value}`);
  return value;
}

/** Adds whole months, clamping to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, "0")}-${String(tm + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** 2026-11-05 → 2026年11月5日 */
export function formatChineseDate(date: IsoDate): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** A date and time with its UTC offset, normalised to YYYY-MM-DDTHH:MM:SS±HH:MM (or Z). */
export type IsoDateTime = string;

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads a date and time as staff write it: "2026-12-12 09:00", with T, with
 * seconds, with an offset (+08:00, Z). Without an offset the city's time
 * (Asia/Shanghai, +08:00, no daylight saving) is meant. Undefined when the
 * text is not a real date and time.
 */
export function parseDateTime(text: string): IsoDateTime | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, day, hh, mm, ss = "00", zone = "+08:00"] = m as unknown as [string, string, string, string, string | undefined, string | undefined];
  if (!isIsoDate(day) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined;
  if (zone !== "Z" && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4)) > 59)) return undefined;
  return `${day}T${hh}:${mm}:${ss}${zone}`;
}

/** The calendar day in Asia/Shanghai on which an instant falls. */
export function shanghaiDateOf(time: IsoDateTime): IsoDate {
  return todayInShanghai(new Date(time));
}

const SHANGHAI_TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/**
 * An instant as staff read it in the workbench, in the city's time whatever the server's: 2026-12-04T12:14:31Z
 * and 2026-12-04T20:14:31+08:00 → 2026-12-04 20:14. Text that is not an instant is given back as it is.
 */
export function shanghaiMinute(time: IsoDateTime): string {
  const instant = new Date(time);
  if (Number.isNaN(instant.getTime())) return time;
  return `${todayInShanghai(instant)} ${SHANGHAI_TIME.format(instant)}`;
}

/** 2026-12-12T09:00:00+08:00 → 2026年12月12日 09:00 (shown in the city's time). */
export function formatChineseDateTime(time: IsoDateTime): string {
  return `${formatChineseDate(shanghaiDateOf(time))} ${SHANGHAI_TIME.format(new Date(time))}`;
}

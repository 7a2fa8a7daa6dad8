import { describe, expect, it } from "vitest";
import { addMonths, formatChineseDate, isIsoDate, resolveAsOf, shanghaiMinute, todayInShanghai } from "../../../src/primitives/dates.ts";

describe("isIsoDate", () => {
  it.each([
    ["2026-11-22", true],
    ["2024-02-29", true],
    ["2026-02-29", false],
    ["2026-13-01", false],
    ["2026-1-5", false],
    ["20261122", false],
    ["", false],
  ])("%s → %s", (text, ok) => expect(isIsoDate(text)).toBe(ok));
});

describe("addMonths clamps to the month's last day", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2026-05-10", 12, "2027-05-10"],
    ["2026-11-30", 3, "2027-02-28"],
    ["2026-03-31", -1, "2026-02-28"],
    ["2026-08-31", 36, "2029-08-31"],
  ])("%s + %i months = %s", (date, months, expected) => expect(addMonths(date, months)).toBe(expected));
});

describe("the as-of date", () => {
  it("is today in Shanghai, across the UTC date line", () => {
    expect(todayInShanghai(new Date("2026-11-30T16:30:00Z"))).toBe("2026-12-01");
    expect(todayInShanghai(new Date("2026-11-30T15:59:00Z"))).toBe("2026-11-30");
  });
  it("takes AS_OF when it is a real date and refuses anything else", () => {
    expect(resolveAsOf("2026-11-22")).toBe("2026-11-22");
    expect(() => resolveAsOf("2026-02-30")).toThrow("AS_OF 应为 YYYY-MM-DD 格式的真实日期，收到：2026-02-30");
  });
  it("formats in Chinese without leading zeros", () => expect(formatChineseDate("2026-01-05")).toBe("2026年1月5日"));
});

describe("times shown to staff in the workbench are the city's, whatever the server's time zone", () => {
  const cases: [string, string][] = [
    ["2026-12-04T12:14:31.512Z", "2026-12-04 20:14"], // a review's creation (toISOString)
    ["2026-12-04T12:14:31+00:00", "2026-12-04 20:14"], // git's %aI on a server in UTC
    ["2026-12-04T20:14:31+08:00", "2026-12-04 20:14"], // git's %aI on a server in the city
    ["2026-12-04T17:30:00Z", "2026-12-05 01:30"], // after midnight in the city: the next day
    ["2026-12-31T16:00:00Z", "2027-01-01 00:00"], // the new year
    ["2026-12-04T07:14:00-05:00", "2026-12-04 20:14"],
    ["2026-12-04T20:14:00+08:00", "2026-12-04 20:14"],
  ];
  for (const [instant, shown] of cases) it(`${instant} → ${shown}`, () => expect(shanghaiMinute(instant)).toBe(shown));
  it("gives back what is not an instant", () => expect(shanghaiMinute("不详")).toBe("不详"));
});

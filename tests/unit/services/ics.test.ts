/** The iCalendar writer: line folding as a property, escaping, and a calendar a real parser (ical.js) reads back. */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { escapeText, foldLine, icsCalendar, utcStamp } from "../../../src/lib/volunteer/ics.ts";
import type { VolunteerData } from "../../../src/schemas/volunteer.ts";

const ALPHABET = ["a", "Z", "0", " ", ";", ",", "\\", "文", "明", "，", "😀", "é", "ß"];

describe("foldLine", () => {
  it("keeps every line within 75 octets, never splits a character, and unfolds to the original (2,000 random lines)", () => {
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 2000; run++) {
      const line = Array.from({ length: Math.floor(random() * 300) }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join("");
      const folded = foldLine(line);
      for (const part of folded.split("\r\n")) {
        expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
        expect(part).not.toContain("\uFFFD");
      }
      expect(folded.replace(/\r\n /g, "")).toBe(line);
    }
  });
});

describe("text values", () => {
  it.each([
    ["a,b", "a\\,b"],
    ["a;b", "a\\;b"],
    ["a\\b", "a\\\\b"],
    ["第一行\n第二行", "第一行\\n第二行"],
  ])("%j → %j", (input, output) => {
    expect(escapeText(input)).toBe(output);
  });
  it.each([
    ["2026-12-12T09:00:00+08:00", "20261212T010000Z"],
    ["2026-12-31T23:30:00+08:00", "20261231T153000Z"],
    ["2027-01-01T07:00:00+08:00", "20261231T230000Z"],
    ["2026-06-01T12:00:00Z", "20260601T120000Z"],
  ])("%s in UTC is %s", (time, utc) => {
    expect(utcStamp(time)).toBe(utc);
  });
});

const activity: VolunteerData = {
  title: "测试活动；含分号, 逗号",
  category: "社区服务",
  summary: "一段很长的简介。".repeat(20),
  published: "2026-11-01",
  organiser: { level: "新时代文明实践站", name: "某某站", team: "某某队" },
  start: "2026-12-31T23:30:00+08:00",
  end: "2027-01-01T01:00:00+08:00",
  place: { station: "某某站", address: "某某路 1 号" },
  recruit: 5,
  audience: "居民",
  requirements: ["要求一", "要求二"],
  contact: "0000-1234567",
  registration: "https://zhiyuan.example.gov.cn/a",
};

describe("icsCalendar", () => {
  it("writes CRLF lines a parser reads back field for field", () => {
    const text = icsCalendar([{ id: "x-1", data: activity, url: "https://wenming.example.gov.cn/volunteer/x-1/" }], { name: "测试", host: "wenming.example.gov.cn", asOf: "2026-11-22" });
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
    expect(cal.getFirstPropertyValue("version")).toBe("2.0");
    expect(cal.getFirstPropertyValue("prodid")).toBeTruthy();
    const [vevent] = cal.getAllSubcomponents("vevent");
    const e = new ICAL.Event(vevent);
    expect(e.summary).toBe(activity.title);
    expect(e.description).toContain(activity.summary);
    expect(e.startDate.toJSDate().toISOString()).toBe("2026-12-31T15:30:00.000Z");
    expect(e.endDate.toJSDate().toISOString()).toBe("2026-12-31T17:00:00.000Z");
    expect(e.uid).toBe("x-1@wenming.example.gov.cn");
    expect(vevent?.getFirstPropertyValue("dtstamp")?.toString()).toBe("2026-11-22T00:00:00Z");
    expect(vevent?.getFirstPropertyValue("url")).toBe("https://wenming.example.gov.cn/volunteer/x-1/");
  });
  it("an empty calendar is still a valid calendar", () => {
    const cal = new ICAL.Component(ICAL.parse(icsCalendar([], { name: "空", host: "h", asOf: "2026-11-22" })) as unknown[]);
    expect(cal.getAllSubcomponents("vevent")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { csvField, toContentCsv } from "../../../src/lib/integrity/csv.ts";
import { batchTitle, facetCounts, listEvents, paginate, publishedEntries, toCsv } from "../../../src/lib/integrity/listing.ts";
import type { IntegrityEntry } from "../../../src/schemas/integrity.ts";

const base: IntegrityEntry = {
  id: "2026-11-001",
  list: "black",
  batch: "2026-11",
  subjectName: "示例市甲公司",
  subjectType: "法人",
  reason: "欠税",
  basis: "《税收征收管理法》",
  authority: "示例市税务局",
  docNumber: "示税〔2026〕1号",
  listedOn: "2026-06-01",
  severity: "严重",
  publicUntil: "2027-06-01",
  status: "公示中",
};
const entries: IntegrityEntry[] = [
  base,
  { ...base, id: "2026-11-002", subjectName: "示例市乙公司", listedOn: "2026-07-01", authority: "示例市市场监督管理局" },
  { ...base, id: "2026-11-003", subjectName: "示例市丙公司", publicUntil: "2026-11-01" },
  { ...base, id: "2026-11-004", subjectName: "示例市丁公司", status: "已移出", removedOn: "2026-10-01", removalReason: "撤销" },
  { ...base, id: "2026-11-005", list: "red", subjectName: "示例市戊公司", severity: undefined },
];

describe("list views", () => {
  const asOf = "2026-11-22";
  it("publishes only current entries of the list, newest first", () => expect(publishedEntries(entries, "black", asOf).map((e) => e.id)).toEqual(["2026-11-002", "2026-11-001"]));
  it("counts facet values", () =>
    expect(facetCounts(publishedEntries(entries, "black", asOf), "authority")).toEqual([
      { value: "示例市市场监督管理局", count: 1 },
      { value: "示例市税务局", count: 1 },
    ]));
  it("makes listing and stop events; stops carry the date publication ended", () =>
    expect(listEvents(entries, "black", asOf).map((e) => `${e.kind}:${e.entry.id}:${e.date}`)).toEqual([
      "stopped:2026-11-003:2026-11-01",
      "stopped:2026-11-004:2026-10-01",
      "listed:2026-11-002:2026-07-01",
      "listed:2026-11-001:2026-06-01",
    ]));
  it("paginates, always at least one page", () => {
    expect(paginate([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
    expect(paginate([], 2)).toEqual([[]]);
  });
  it("titles batches", () => expect(batchTitle("2026-03")).toBe("2026年第3期"));
});

describe("open-data CSV", () => {
  it.each([
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["含,逗号", '"含,逗号"'],
    ["普通文字", "普通文字"],
  ])("csvField(%s) in open data = %s", (input, output) => expect(csvField(input, { guardFormulas: true })).toBe(output));
  it.each(['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)"])("content files keep %s exactly as received", (input) => {
    expect(csvField(input, { guardFormulas: false })).not.toMatch(/^"?'/);
    const csv = toContentCsv([{ ...base, reason: input }]);
    expect(csv).not.toContain(`'${input}`);
  });
  it("starts with a BOM and a Chinese header, one row per entry", () => {
    const csv = toCsv([base]);
    expect(csv.startsWith("\uFEFF编号,主体名称,主体类型")).toBe(true);
    expect(csv.trim().split("\r\n")).toHaveLength(2);
  });
});

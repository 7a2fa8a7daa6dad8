import { describe, expect, it } from "vitest";
import { batchState, noticeLabel, noticeLine } from "../../../src/lib/good-people/notice.ts";
import { goodPeopleFacets, sortBatches, visiblePeople } from "../../../src/lib/good-people/roll.ts";
import { formatChineseDate } from "../../../src/primitives/dates.ts";

const notice = { status: "公示" as const, noticeStart: "2026-11-16", noticeEnd: "2026-11-25" };
const published = { status: "已发布" as const, noticeStart: "2026-06-20", noticeEnd: "2026-06-30", published: "2026-07-10" };

describe("a batch's notice state follows the as-of day", () => {
  it.each([
    [notice, "2026-11-15", "upcoming", ""],
    [notice, "2026-11-16", "notice", "（公示中）"],
    [notice, "2026-11-25", "notice", "（公示中）"],
    [notice, "2026-11-26", "ended", "（公示期已结束）"],
    [published, "2026-06-19", "upcoming", ""],
    [published, "2026-06-25", "notice", "（公示中）"],
    [published, "2026-07-05", "ended", "（公示期已结束）"],
    [published, "2026-07-10", "published", ""],
    [{ status: "已发布" as const, published: "2026-07-10" }, "2026-07-01", "upcoming", ""],
  ])("%o on %s is %s", (batch, asOf, kind, label) => {
    const state = batchState(batch, asOf);
    expect(state.kind).toBe(kind);
    expect(noticeLabel(state)).toBe(label);
  });
  it("says the period ended, never inviting an objection after it", () => {
    expect(noticeLine(batchState(notice, "2026-11-26"), formatChineseDate)).toBe("公示期已于2026年11月25日结束");
  });
});

describe("the roll", () => {
  const people = [
    { id: "b", data: { name: "乙", category: "孝老爱亲" as const, region: "西城区", batch: "2026-2" } },
    { id: "a", data: { name: "甲", category: "助人为乐" as const, region: "东城区", batch: "2026-3" } },
    { id: "c", data: { name: "丙", category: "助人为乐" as const, region: "东城区", batch: "2026-2", withdrawn: "2026-10-01" } },
  ];
  it("orders batches newest first by year and number", () => expect(sortBatches([{ id: "2025-4" }, { id: "2026-10" }, { id: "2026-2" }]).map((b) => b.id)).toEqual(["2026-10", "2026-2", "2025-4"]));
  it("hides the withdrawn, in the national category order", () => expect(visiblePeople(people).map((p) => p.id)).toEqual(["a", "b"]));
  it("counts for the browse links", () => {
    const shown = visiblePeople(people);
    expect(
      goodPeopleFacets(shown, [
        { id: "2026-3", title: "第三批" },
        { id: "2026-2", title: "第二批" },
      ]),
    ).toEqual({
      byBatch: [
        { id: "2026-3", title: "第三批", count: 1 },
        { id: "2026-2", title: "第二批", count: 1 },
      ],
      byCategory: [
        { value: "助人为乐", count: 1 },
        { value: "见义勇为", count: 0 },
        { value: "诚实守信", count: 0 },
        { value: "敬业奉献", count: 0 },
        { value: "孝老爱亲", count: 1 },
      ],
      byRegion: [
        { value: "东城区", count: 1 },
        { value: "西城区", count: 1 },
      ],
    });
  });
});

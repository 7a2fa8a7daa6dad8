import { describe, expect, it } from "vitest";
import { contrastRatio, darken } from "../../../src/primitives/colour.ts";
import { chineseNumeral, codePointLabel, codePointLength, detached, findInvisibleCharacter, normaliseCode } from "../../../src/primitives/text.ts";

describe("chineseNumeral", () => {
  it.each([
    [1, "一"],
    [10, "十"],
    [11, "十一"],
    [20, "二十"],
    [21, "二十一"],
    [100, "一百"],
    [105, "一百零五"],
    [110, "一百一十"],
    [119, "一百一十九"],
    [999, "九百九十九"],
  ])("%i → %s", (n, text) => expect(chineseNumeral(n)).toBe(text));
  it.each([-1, 1000, 1.5])("refuses %s", (n) => expect(() => chineseNumeral(n)).toThrow(RangeError));
});

describe("text hygiene", () => {
  it.each([
    ["plain", "示例市文明办", undefined],
    ["zero-width space", "示例\u200B市", "\u200B"],
    ["right-to-left override", "示例\u202E市", "\u202E"],
    ["soft hyphen", "示\u00ADlorem", "\u00AD"],
    ["byte-order mark", "\uFEFF示例", "\uFEFF"],
    ["newline and tab are fine", "第一行\n\t第二行", undefined],
  ])("%s", (_name, text, hidden) => expect(findInvisibleCharacter(text)).toBe(hidden));
  it("counts a CJK extension character as one", () => expect(codePointLength("𪚥字")).toBe(2));
  it("labels code points", () => expect(codePointLabel("𪚥")).toBe("U+2A6A5"));
  it("normalises typed codes", () => expect(normaliseCode(" ９１３５ 0100m ")).toBe("91350100M"));
});

describe("colour contrast (WCAG)", () => {
  it.each([
    ["#000000", "#ffffff", 21],
    ["#ffffff", "#ffffff", 1],
    ["#A8201A", "#ffffff", 7.3],
    ["#767676", "#ffffff", 4.54],
  ])("%s on %s ≈ %f", (a, b, ratio) => expect(contrastRatio(a, b)).toBeCloseTo(ratio, 1));
  it("darkens by mixing with black", () => expect(darken("#a8201a", 0.25)).toBe("#7e1814"));
});

describe("detached", () => {
  const page = `<a href="/good-people/p-1521/">好人</a>${"文明".repeat(1000)}`;
  it.each([
    ["", ""],
    ["a", "a"],
    ["/good-people/p-1521/", "/good-people/p-1521/"],
    ["𠀀汉字😀", "𠀀汉字😀"],
    [page.slice(9, 29), "/good-people/p-1521/"],
    [/href="([^"]*)"/.exec(page)?.[1] ?? "", "/good-people/p-1521/"],
  ])("%j is copied unchanged", (s, copy) => expect(detached(s)).toBe(copy));
});

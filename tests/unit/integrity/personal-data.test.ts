import { describe, expect, it } from "vitest";
import { ageOn, findPersonalData, idNumberCheckChar, isFullIdNumber, isMaskedIdNumber, maskIdNumber } from "../../../src/lib/integrity/personal-data.ts";

// 11010519491231002X is the GB 11643 example; 110105194912310021 has a wrong check character.
describe("ID numbers", () => {
  it.each([
    ["11010519491231002X", true],
    ["11010519491231002x", true],
    ["110105194912310021", false],
    ["110105194902300026", false], // 30 February
    ["110105491231002", true], // old 15-digit form, born 1949-12-31
    ["1101051949123100", false],
  ])("isFullIdNumber(%s) = %s", (id, valid) => expect(isFullIdNumber(id)).toBe(valid));

  it("computes the check character", () => expect(idNumberCheckChar("11010519491231002")).toBe("X"));
  it("masks as 6 + 8 stars + 4", () => expect(maskIdNumber("11010519491231002X")).toBe("110105********002X"));
  it.each([
    ["110105********002X", true],
    ["110105*******002X", false],
    ["11010519491231002X", false],
  ])("isMaskedIdNumber(%s) = %s", (v, ok) => expect(isMaskedIdNumber(v)).toBe(ok));
  it.each([
    ["2008-11-23", "2026-11-22", 17],
    ["2008-11-22", "2026-11-22", 18],
    ["1949-12-31", "2026-11-22", 76],
  ])("ageOn(%s, %s) = %i", (birth, asOf, age) => expect(ageOn(birth, asOf)).toBe(age));
});

describe("findPersonalData", () => {
  it.each([
    { text: "当事人身份证号11010519491231002X，已核实", kinds: ["id"] },
    { text: "联系电话 138 1234 5678", kinds: ["mobile"] },
    { text: "手机：+86-13912345678", kinds: ["mobile"] },
    { text: "身份证 110105********002X", kinds: [] },
    { text: "文号示市监罚〔2026〕15号，电话 0000-12345678", kinds: [] },
    { text: "信用代码 91350100M000100Y43", kinds: [] },
    { text: "编号 1101051949123100212 太长", kinds: [] },
    // Pagefind's stored text has U+200B between the words it segments, digit runs included.
    { text: "身份证\u200B110105\u200B19491231002X", kinds: ["id"] },
    { text: "法人。\u200B919901001003111\u200BE0G\u200B。", kinds: [] },
  ])("$text → $kinds", ({ text, kinds }) => expect(findPersonalData(text).map((h) => h.kind)).toEqual(kinds));

  it("skips exactly the allowed values: a credit code that also passes as an ID number", () => {
    const both = "911101198001011769"; // valid GB 32100 credit code and valid ID number
    expect(findPersonalData(`代码 ${both}`).map((h) => h.kind)).toEqual(["id"]);
    expect(findPersonalData(`代码 ${both}`, new Set([both]))).toEqual([]);
    expect(findPersonalData("身份证 11010519491231002X", new Set([both])).map((h) => h.kind)).toEqual(["id"]);
  });
});

describe("findPersonalData: numbers in other forms", () => {
  const id = "11010519491231002X";
  const mobile = "13912345678";
  const idForms = [
    ["full-width digits", "１１０１０５１９４９１２３１００２Ｘ"],
    ["spaces 6-8-4", "110105 19491231 002X"],
    ["ideographic spaces", "110105\u300019491231\u3000002X"],
    ["no-break spaces", "110105\u00A019491231\u00A0002X"],
    ["dots", "110105.19491231.002X"],
    ["hyphens", "110105-19491231-002X"],
    ["em dashes", "110105—19491231—002X"],
    ["full-width hyphen-minus", "110105－19491231－002X"],
    ["minus sign", "110105\u221219491231\u2212002X"],
    ["soft hyphens", "110105\u00AD19491231\u00AD002X"],
    ["zero-width joiner", "1101\u200D0519491231002X"],
    ["word joiner and bidi marks", "110105\u206019491231\u200E002X"],
    ["lower-case x", "11010519491231002x"],
    ["mixed", "１１０１０５ 1949·1231－００２Ｘ"],
  ] as const;
  it.each(idForms)("an ID number with %s is found", (_name, text) => {
    const hits = findPersonalData(`身份证号：${text}。`);
    expect(hits.map((h) => [h.kind, h.value])).toEqual([["id", id]]);
    expect(hits[0]?.index).toBe(5);
  });

  const mobileForms = [
    ["full-width digits", "１３９１２３４５６７８"],
    ["spaces 3-4-4", "139 1234 5678"],
    ["a space between every digit", "1 3 9 1 2 3 4 5 6 7 8"],
    ["dots", "139.1234.5678"],
    ["en dashes", "139–1234–5678"],
    ["spaced dashes", "139 - 1234 - 5678"],
    ["country code", "+86 139 1234 5678"],
    ["international prefix", "0086-139-1234-5678"],
    ["slashes", "139/1234/5678"],
    ["a date before it", "2026-11-22 13912345678"],
    ["zero-width spaces", "139\u200B1234\u200B5678"],
    ["soft hyphens", "139\u00AD1234\u00AD5678"],
  ] as const;
  it.each(mobileForms)("a mobile number with %s is found", (_name, text) => {
    expect(findPersonalData(`请致电 ${text} 联系`).map((h) => [h.kind, h.value])).toEqual([["mobile", mobile]]);
  });

  it.each([
    ["a landline with area code", "电话 0000-12345678"],
    ["a date range", "2026-11-16 至 2026-11-25"],
    ["an id before a date (feed entry ids)", "tag:wenming.example.gov.cn,2026-05-03:guide-g-164-2026-05-03"],
    ["a date after a number", "第 139 号 2026/5/3 更新"],
    ["a full-width date after a number", "编号１８６－２０２６－０５－０３"],
    ["list ids side by side", "2026-11-001 2026-11-002"],
    ["a decimal amount", "罚款 13.5 万元，1.25 万元"],
    ["a credit code split by zero-width spaces", "919901001003111\u200BE0G"],
    ["a masked ID with spaces", "110105 ******** 002X"],
    ["a masked mobile", "139****5678"],
    ["digits far apart", "139 号楼    1234 室    5678"],
  ])("%s is not personal data", (_name, text) => expect(findPersonalData(text)).toEqual([]));
});

import { describe, expect, it } from "vitest";
import { mapHeaders, suggestHeader } from "../../../src/lib/integrity/columns.ts";
import { decodeCsv, parseCsvText } from "../../../src/lib/integrity/read-table.ts";

const HEAD = "主体名称,主体类型,统一社会信用代码,列入事由,认定依据,认定部门,决定文书文号,列入日期,严重程度,公示截止日期";
const ROW = "示例市甲公司,法人,91350100M000100Y43,欠税,《税收征收管理法》第六十三条,示例市税务局,示税罚〔2026〕1号,2026-06-01,严重,2027-06-01";

describe("department headers", () => {
  it.each([
    ["处罚依据", "basis"],
    ["处罚机关", "authority"],
    ["处罚决定书文号", "docNumber"],
    ["处罚日期", "listedOn"],
    ["失信等级", "severity"],
    ["公示期限", "publicUntil"],
    ["失信行为", "reason"],
    ["企业名称", "subjectName"],
    ["行政相对人名称", "subjectName"],
    ["法定代表人（负责人）", "legalRep"],
    ["法定代表人(负责人)", "legalRep"],
    [" 认定 部门 ", "authority"],
    ["\uFEFF主体名称", "subjectName"],
  ])("%s is read as %s", (header, key) => expect(mapHeaders([header]).keys[0]).toBe(key));

  it("ignores 序号 and 备注 with one note, never as the permanent id", () => {
    const m = mapHeaders(["序号", ...HEAD.split(","), "备注"]);
    expect(m.keys[0]).toBeUndefined();
    expect(m.keys.at(-1)).toBeUndefined();
    expect(m.columns.has("id")).toBe(false);
    expect(m.problems).toEqual([]);
    expect(m.notes).toEqual(["已忽略 “序号”、“备注” 列（不属于名单字段，不会导入或公开）"]);
  });

  it.each([
    ["认定部们", "认定部门"],
    ["决定文号", "决定文书文号"],
    ["公示截至日期", "公示截止日期"],
  ])("an unknown header %s gets one line suggesting %s", (typo, suggestion) => {
    expect(suggestHeader(typo)).toBe(suggestion);
    const m = mapHeaders(HEAD.split(",").map((h) => (h === suggestion ? typo : h)));
    expect(m.problems.filter((p) => p.includes(typo))).toHaveLength(1);
    expect(m.problems.join("\n")).toContain(`是否指“${suggestion}”`);
  });

  it("a file without a required column says so once, not on every row", () => {
    const table = parseCsvText([HEAD.replace(",认定部门", ""), ROW.replace(",示例市税务局", ""), ROW.replace(",示例市税务局", "").replace("1号", "2号")].join("\n"));
    expect(table.problems).toEqual(["缺少必需的列“认定部门”（也可写作 认定单位、列入部门、决定部门、处罚机关）"]);
  });
});

describe("rows", () => {
  it.each([
    ["one cell too many", `${ROW},多余`, 3, 11],
    ["one cell too few", ROW.replace(",严重", ""), 3, 9],
  ])("a ragged row (%s) is refused with its row number", (_name, bad, row, cells) => {
    const table = parseCsvText([HEAD, ROW, bad].join("\n"));
    expect(table.problems.join("\n")).toContain(`第 ${row} 行 · 该行有 ${cells} 个单元格，表头有 10 列`);
    expect(table.rows.map((r) => r.row)).toEqual([2]);
  });

  it.each([
    ["a header only", HEAD],
    ["a header and blank lines", `${HEAD}\n\n,,,,,,,,,\n`],
  ])("%s is refused: 没有数据行", (_name, text) => {
    expect(parseCsvText(text).problems).toEqual(["没有数据行：文件只有表头，请填写名单内容后再导入"]);
  });

  it("an empty file is refused", () => expect(parseCsvText("").problems).toEqual(["文件为空：没有表头行"]));

  it("keeps text exactly as received, formula characters included", () => {
    const table = parseCsvText([HEAD, ROW.replace("欠税", "=欠税+1")].join("\n"));
    expect(table.rows[0]?.values.reason).toBe("=欠税+1");
  });

  it("decodes GBK and UTF-8 with a byte-order mark", () => {
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, 0xe4, 0xb8, 0xad])).text).toBe("中");
    expect(decodeCsv(new Uint8Array([0xd6, 0xd0]))).toEqual({ text: "中", encoding: "GBK" });
  });
});

import { describe, expect, it } from "vitest";
import { formatRowProblem, normaliseDate, normaliseDocNumber, validateRow, validateRows, type ValidateOptions } from "../../../src/lib/integrity/validate.ts";
import type { RawRow } from "../../../src/lib/integrity/columns.ts";
import { checkCreditCode, composeCreditCode } from "../../../src/lib/integrity/credit-code.ts";
import { idNumberCheckChar } from "../../../src/lib/integrity/personal-data.ts";

const options: ValidateOptions = { list: "black", batch: "2026-11", asOf: "2026-11-22", today: "2026-11-22", mode: "content" };
const good: RawRow = {
  id: "2026-11-001",
  subjectName: "示例市恒达建材有限公司",
  subjectType: "法人",
  creditCode: "91350100M000100Y43",
  reason: "使用不合格钢筋",
  basis: "《建设工程质量管理条例》第六十五条",
  authority: "示例市住房和城乡建设局",
  docNumber: "示建罚〔2026〕12号",
  listedOn: "2026-05-10",
  severity: "严重",
  publicUntil: "2027-05-10",
  status: "公示中",
};
const person: RawRow = { ...good, subjectName: "张某强", subjectType: "自然人", creditCode: "", idNumber: "110105********002X" };

describe("validateRow accepts", () => {
  it.each([
    { name: "an enterprise", row: good },
    { name: "a person with a masked ID", row: person },
    { name: "a legacy code with a documented override", row: { ...good, creditCode: "91350100M000100Y44", creditCodeNote: "2015 年试点期赋码，经登记机关确认有效" } },
    { name: "a red-list entry without severity", row: { ...good, severity: "" }, opts: { list: "red" as const } },
    { name: "a removed entry with date and reason", row: { ...good, status: "已移出", removedOn: "2026-10-01", removalReason: "处罚决定撤销" } },
    // 911101198001011769 is a valid credit code and, by coincidence, also a valid ID number.
    { name: "a credit code that also passes as an ID number, in its own column", row: { ...good, creditCode: "911101198001011769" } },
  ])("$name", ({ row, opts }) => {
    const r = validateRow({ row: 2, values: row }, { ...options, ...opts });
    expect(r.problems).toEqual([]);
    expect(r.entry?.id).toBe("2026-11-001");
  });
  it("normalises doc numbers written with other brackets", () => expect(normaliseDocNumber("示建罚[2026]12号")).toBe("示建罚〔2026〕12号"));
});

describe("validateRow rejects", () => {
  it.each([
    { name: "missing name", row: { ...good, subjectName: "" }, field: "主体名称", text: "必填项为空" },
    { name: "unknown subject type", row: { ...good, subjectType: "公司" }, field: "主体类型", text: "应为 法人、非法人组织、自然人" },
    {
      name: "wrong check character",
      row: { ...good, creditCode: "91350100M000100Y44" },
      field: "统一社会信用代码",
      text: "第 18 位校验码不符（GB 32100）：收到 91350100M000100Y44。代码中有字符录入错误，请与报送部门核对",
    },
    { name: "enterprise without code", row: { ...good, creditCode: "" }, field: "统一社会信用代码", text: "18 位" },
    { name: "bad doc number", row: { ...good, docNumber: "第15号" }, field: "决定文书文号", text: "文号格式错误" },
    { name: "impossible date", row: { ...good, listedOn: "2026-02-30" }, field: "列入日期", text: "日期无效" },
    { name: "future date", row: { ...good, listedOn: "2026-12-01", publicUntil: "2027-12-01" }, field: "列入日期", text: "日期在未来" },
    { name: "minor severity", row: { ...good, severity: "轻微" }, field: "严重程度", text: "轻微失信信息不予公示" },
    { name: "period too long for 一般", row: { ...good, severity: "一般", publicUntil: "2027-06-01" }, field: "公示截止日期", text: "应在 2026-08-10 至 2027-05-10 之间" },
    { name: "period too short for 严重", row: { ...good, publicUntil: "2026-12-01" }, field: "公示截止日期", text: "超出“严重”的公示期限" },
    { name: "removed without reason", row: { ...good, status: "已移出", removedOn: "2026-10-01" }, field: "移出事由", text: "必须填写移出事由" },
    { name: "removal date but still published", row: { ...good, removedOn: "2026-10-01" }, field: "状态", text: "应改为" },
    { name: "unknown status", row: { ...good, status: "待定" }, field: "状态", text: "应为 公示中" },
    { name: "full ID in content", row: { ...person, idNumber: "11010519491231002X" }, field: "身份证号", text: "只能保存脱敏后的身份证号" },
    { name: "ID number in free text", row: { ...good, reason: "法定代表人 11010519491231002X 拒不整改" }, field: "列入事由", text: "含完整身份证号" },
    { name: "the same number anywhere else", row: { ...good, reason: "当事人 911101198001011769 拒不整改" }, field: "列入事由", text: "含完整身份证号" },
    { name: "an ID number that is not a credit code, in the code column", row: { ...good, creditCode: "11010519491231002X" }, field: "统一社会信用代码", text: "含完整身份证号" },
    { name: "mobile number in free text", row: { ...good, basis: "举报电话13812345678" }, field: "认定依据", text: "含手机号码" },
    { name: "zero-width character in name", row: { ...good, subjectName: "示例市\u200B恒达" }, field: "主体名称", text: "U+200B" },
    { name: "bidi control in name", row: { ...good, subjectName: "示例\u202E公司" }, field: "主体名称", text: "U+202E" },
    { name: "code on a person", row: { ...person, creditCode: "91350100M000100Y43" }, field: "统一社会信用代码", text: "自然人不填写" },
  ])("$name", ({ row, field, text }) => {
    const r = validateRow({ row: 7, values: row }, options);
    expect(r.entry).toBeUndefined();
    const lines = r.problems.map(formatRowProblem);
    expect(
      lines.some((l) => l.startsWith(`第 7 行 · ${field} · `) && l.includes(text)),
      lines.join("\n"),
    ).toBe(true);
  });
});

describe("import mode", () => {
  const imp = { ...options, mode: "import" as const };
  it("masks a full adult ID", () => {
    const r = validateRow({ row: 3, values: { ...person, idNumber: "11010519491231002X" } }, imp);
    expect(r.entry?.idNumberMasked).toBe("110105********002X");
  });
  it("refuses a minor (by the birth date in the ID)", () => {
    const first17 = "11010520100101001";
    const minor = first17 + idNumberCheckChar(first17);
    const r = validateRow({ row: 3, values: { ...person, idNumber: minor } }, imp);
    expect(r.problems.map(formatRowProblem)).toContain("第 3 行 · 身份证号 · 未成年人不得列入名单公示：按身份证号计算，列入时未满 18 周岁");
  });
  it("refuses an invalid full ID without echoing it", () => {
    const r = validateRow({ row: 4, values: { ...person, idNumber: "110105194912310021" } }, imp);
    const line = r.problems.map(formatRowProblem).join("");
    expect(line).toContain("身份证号无效：收到 110105********0021");
    expect(line).not.toContain("110105194912310021");
  });
});

describe("validateRows", () => {
  it("reports repeated ids and repeated decisions with the first row", () => {
    const { problems, entries } = validateRows(
      [
        { row: 2, values: good },
        { row: 3, values: good },
      ],
      options,
    );
    expect(entries).toEqual([]);
    expect(problems.map(formatRowProblem)).toEqual(["第 3 行 · 编号 · 编号重复：“2026-11-001”已在第 2 行使用，每条应有唯一编号", "第 3 行 · 决定文书文号 · 重复条目：同一主体和文号已在第 2 行出现"]);
  });
});

describe("spreadsheet forms", () => {
  const imp = { ...options, mode: "import" as const };
  it.each([
    ["2026-05-10", "2026-05-10"],
    ["2026-5-10", "2026-05-10"],
    ["2026/5/10", "2026-05-10"],
    ["2026/05/10", "2026-05-10"],
    ["2026.5.10", "2026-05-10"],
    ["2026年5月10日", "2026-05-10"],
    ["２０２６－５－１０", "2026-05-10"],
    ["2026-02-30", undefined],
    ["2026/13/1", undefined],
    ["10/5/2026", undefined],
    ["5/10/2026", undefined],
    ["20260510", undefined],
    ["46152", undefined],
  ])("normaliseDate(%s) = %s", (text, iso) => expect(normaliseDate(text)).toBe(iso));

  it("stores dates written the way Excel and WPS write them as ISO", () => {
    const r = validateRow({ row: 2, values: { ...good, listedOn: "2026/5/10", publicUntil: "2027-5-10" } }, options);
    expect(r.problems).toEqual([]);
    expect([r.entry?.listedOn, r.entry?.publicUntil]).toEqual(["2026-05-10", "2027-05-10"]);
  });

  it.each([
    { name: "an ID typed into a number cell", values: { ...person, idNumber: "110105194912310000" }, numeric: ["idNumber"] as const, field: "身份证号" },
    { name: "a credit code typed into a number cell", values: { ...good, creditCode: "911101198001011800" }, numeric: ["creditCode"] as const, field: "统一社会信用代码" },
    { name: "an ID in scientific notation (CSV from Excel)", values: { ...person, idNumber: "1.10105E+17" }, numeric: [] as const, field: "身份证号" },
    { name: "a code in scientific notation", values: { ...good, creditCode: "9.11101E+17" }, numeric: [] as const, field: "统一社会信用代码" },
    { name: "a code in scientific notation without decimals", values: { ...good, creditCode: "9E+17" }, numeric: [] as const, field: "统一社会信用代码" },
    { name: "a code in scientific notation without a plus sign", values: { ...good, creditCode: "9.11101E17" }, numeric: [] as const, field: "统一社会信用代码" },
    { name: "an ID in lower-case scientific notation", values: { ...person, idNumber: "1.10105e+17" }, numeric: [] as const, field: "身份证号" },
  ])("refuses $name with a message a clerk understands, never converting it", ({ values, numeric, field }) => {
    const r = validateRow({ row: 5, values, numeric: [...numeric] }, imp);
    expect(r.entry).toBeUndefined();
    expect(r.problems.map(formatRowProblem).join("\n")).toContain(`第 5 行 · ${field} · 该列应设置为文本格式后重新填写`);
    expect(r.problems.map(formatRowProblem).join("\n")).not.toContain("********");
  });

  // Found by the 10x benchmark corpus: valid codes whose letter is an E between digits were refused as spreadsheet numbers.
  it.each(["E0031676", "0E015838", "00E07919", "000E7919", "0023E757", "00158E38"])("accepts a valid credit code that is digits around an E (body %s)", (body) => {
    const code = composeCreditCode("91990100", body);
    expect(code).toMatch(/^\d+E\d+$/);
    expect(checkCreditCode(code).ok).toBe(true);
    const r = validateRow({ row: 3, values: { ...good, creditCode: code } }, options);
    expect(r.problems.map(formatRowProblem)).toEqual([]);
    expect(r.entry?.creditCode).toBe(code);
  });

  it("refuses an already-masked ID from a department: a minor could not be detected", () => {
    const r = validateRow({ row: 6, values: { ...person, idNumber: "110105********002X" } }, imp);
    expect(r.problems.map(formatRowProblem).join("\n")).toContain("第 6 行 · 身份证号 · 收到已脱敏的身份证号 110105********002X，无法核验是否为未成年人");
  });

  it("shows every ID it refuses masked exactly as published", () => {
    for (const id of ["1101051949123100", "110105194912310021", "11010519491231002Y9"]) {
      const r = validateRow({ row: 2, values: { ...person, idNumber: id } }, imp);
      const text = r.problems.map(formatRowProblem).join("\n");
      expect(text).toContain(`收到 ${id.slice(0, 6)}********${id.slice(-4)}`);
      expect(text).not.toContain(id);
    }
  });
});

describe("dates against today and the as-of day", () => {
  it("an entry decided after a past as-of day is valid (it is simply not yet published then)", () => {
    const r = validateRow({ row: 2, values: { ...good, listedOn: "2026-11-20", publicUntil: "2027-11-20" } }, { ...options, asOf: "2026-10-01" });
    expect(r.problems).toEqual([]);
  });
  it("an entry decided after today is refused", () => {
    const r = validateRow({ row: 2, values: { ...good, listedOn: "2026-11-23", publicUntil: "2027-11-23" } }, options);
    expect(r.problems.map(formatRowProblem)).toContain("第 2 行 · 列入日期 · 日期在未来：收到 2026-11-23，应不晚于今天 2026-11-22");
  });
  it("a removal after today is refused", () => {
    const r = validateRow({ row: 2, values: { ...good, status: "已移出", removedOn: "2026-12-01", removalReason: "信用修复" } }, options);
    expect(r.problems.map(formatRowProblem).join("\n")).toContain("移出日期 · 日期在未来");
  });
});

describe("columns a file does not have", () => {
  it("are not reported again on every row", () => {
    const { authority: _authority, ...withoutAuthority } = good;
    const r = validateRow({ row: 2, values: withoutAuthority }, { ...options, columns: new Set(Object.keys(withoutAuthority) as (keyof RawRow)[]) });
    expect(r.problems.filter((p) => p.field === "认定部门")).toEqual([]);
  });
});

/** The staff CLI on department files: every mistake reported with its row, nothing written on error, masked import. */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import writeExcelFile from "write-excel-file/node";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/lib/content/load.ts";
import { parseCsvText } from "../../src/lib/integrity/read-table.ts";

const fixtures = "tests/fixtures/lists";
const tmp = mkdtempSync(join(tmpdir(), "wenming-lists-"));

function lists(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["scripts/lists.ts", ...args], { encoding: "utf8", env: { ...process.env, AS_OF: "2026-11-22", ...env } });
  return { code: r.status, out: r.stdout + r.stderr };
}

/** The same rows as an Excel file, as departments send them. */
async function toXlsx(csvFile: string, out: string) {
  const text = readFileSync(csvFile, "utf8");
  const lines = text
    .trim()
    .split("\n")
    .map((l) => l.split(","));
  await writeExcelFile(lines.map((cells) => cells.map((value) => ({ value, type: String })))).toFile(out);
}

beforeAll(async () => {
  await toXlsx(join(fixtures, "department-mistakes.csv"), join(tmp, "mistakes.xlsx"));
  await toXlsx(join(fixtures, "department-good.csv"), join(tmp, "good.xlsx"));
  writeFileSync(join(tmp, "gbk.csv"), iconv.encode(readFileSync(join(fixtures, "department-good.csv"), "utf8"), "gbk"));
  writeFileSync(join(tmp, "bom.csv"), `\uFEFF${readFileSync(join(fixtures, "department-good.csv"), "utf8")}`);
});

const EXPECTED = [
  "第 3 行 · 统一社会信用代码 · 第 18 位校验码不符（GB 32100）：收到 91350100M000100Y44",
  "第 4 行 · 主体名称 · 必填项为空",
  "第 5 行 · 统一社会信用代码 · 长度错误：收到 9135010（7 位），应为 18 位",
  "第 6 行 · 决定文书文号 · 文号格式错误：收到“第7号”",
  "第 7 行 · 列入日期 · 日期无效：收到“2026-02-30”",
  "第 8 行 · 列入日期 · 日期在未来：收到 2099-01-01",
  "第 9 行 · 严重程度 · 轻微失信信息不予公示",
  "第 10 行 · 公示截止日期 · 超出“一般”的公示期限：收到 2028-06-09，应在 2026-09-09 至 2027-06-09 之间",
  "第 11 行 · 身份证号 · 身份证号无效",
  "第 12 行 · 身份证号 · 未成年人不得列入名单公示",
  "第 13 行 · 列入事由 · 含手机号码",
  "第 14 行 · 移出事由 · 状态为“已移出”时必须填写移出事由",
  "第 15 行 · 状态 · 收到“待定”，应为 公示中、异议处理中、已信用修复、已移出 之一",
  "第 16 行 · 决定文书文号 · 重复条目：同一主体和文号已在第 2 行出现",
];

describe.each(["csv", "xlsx"])("lists:check on a department %s with a dozen mistakes", (kind) => {
  it("reports each mistake with its row number and exits 1", () => {
    const file = kind === "csv" ? join(fixtures, "department-mistakes.csv") : join(tmp, "mistakes.xlsx");
    const { code, out } = lists(["check", file]);
    expect(code).toBe(1);
    for (const line of EXPECTED) expect(out, out).toContain(line);
    expect(out).not.toContain("11010519491231002Y");
    expect(out).toContain("共发现");
  });
});

describe("lists:check on good files", () => {
  it.each(["department-good.csv", "good.xlsx", "gbk.csv", "bom.csv"])("%s passes", (name) => {
    const file = name.startsWith("department") ? join(fixtures, name) : join(tmp, name);
    const { code, out } = lists(["check", file]);
    expect(out).toContain("检查通过：共 2 条");
    expect(code).toBe(0);
    if (name === "gbk.csv") expect(out).toContain("已按 GBK");
  });
  it("refuses an old .xls with a clear message", () => {
    writeFileSync(join(tmp, "old.xls"), "x");
    const { code, out } = lists(["check", join(tmp, "old.xls")]);
    expect(code).toBe(2);
    expect(out).toContain("另存为");
  });
});

describe("lists:import", () => {
  it("writes nothing when any row is bad", () => {
    const content = join(tmp, "content-bad");
    const { code, out } = lists(["import", join(fixtures, "department-mistakes.csv"), "--list", "black", "--batch", "2026-11", "--content", content]);
    expect(code).toBe(1);
    expect(out).toContain("未写入任何文件");
    expect(existsSync(join(content, "integrity", "black", "2026-11.csv"))).toBe(false);
  });
  it("writes normalised content with masked IDs that the build accepts", async () => {
    const content = join(tmp, "content-good");
    cpSync("content", content, { recursive: true });
    const { code, out } = lists(["import", join(tmp, "good.xlsx"), "--list", "black", "--batch", "2026-10", "--content", content]);
    expect(out).toContain("已导入 2 条");
    expect(code).toBe(0);
    const written = readFileSync(join(content, "integrity", "black", "2026-10.csv"), "utf8");
    expect(written).toContain("110105********002X");
    expect(written).not.toContain("11010519491231002X");
    const rows = parseCsvText(written).rows;
    expect(rows.map((r) => [r.values.id, r.values.creditCode, r.values.docNumber])).toEqual([
      ["2026-10-001", "91350100M000100Y43", "示税稽罚〔2026〕3号"],
      ["2026-10-002", "", "〔2026〕示01执12号"],
    ]);
    const loaded = await loadContent(content, "2026-11-22");
    expect(loaded.integrity.filter((e) => e.batch === "2026-10").map((e) => e.idNumberMasked ?? e.creditCode)).toEqual(["91350100M000100Y43", "110105********002X"]);
    expect(readFileSync(join(content, "integrity", "published-ids.txt"), "utf8")).toContain("black/2026-10-002");
    // The same department file again: refused, naming where each decision already is.
    const again = lists(["import", join(tmp, "good.xlsx"), "--list", "black", "--batch", "2026-10", "--content", content]);
    expect(again.code).toBe(1);
    expect(again.out).toContain("第 2 行 · 决定文书文号 · 重复条目：同一主体和文号已在 content-good/integrity/black/2026-10.csv 第 2 行（编号 2026-10-001）列入");
    expect(again.out).toContain("未写入任何文件");
    expect(readFileSync(join(content, "integrity", "black", "2026-10.csv"), "utf8")).toBe(written);
  });

  it("takes a second department's report for the same month: rows added, ids continue, the first report unchanged", async () => {
    const content = join(tmp, "content-two-reports");
    cpSync("content", content, { recursive: true });
    const first = lists(["import", join(fixtures, "department-good.csv"), "--list", "black", "--batch", "2026-10", "--content", content]);
    expect(first.code, first.out).toBe(0);
    const before = readFileSync(join(content, "integrity", "black", "2026-10.csv"), "utf8");
    const second = join(tmp, "second.csv");
    writeFileSync(
      second,
      [
        "企业名称,主体类型,信用代码,法定代表人,失信行为,处罚依据,处罚机关,处罚决定书文号,处罚日期,失信等级,公示期限,序号,备注",
        "示例市二号商贸有限公司,法人,91110000600037341L,周某,拒不整改,《产品质量法》第四十九条,示例市市场监督管理局,示市监罚〔2026〕31号,2026/9/3,一般,2027/3/3,1,复核",
      ].join("\n"),
    );
    const r = lists(["import", second, "--list", "black", "--batch", "2026-10", "--content", content]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain("已忽略 “序号”、“备注” 列");
    const after = readFileSync(join(content, "integrity", "black", "2026-10.csv"), "utf8");
    expect(after.startsWith(before)).toBe(true);
    const loaded = await loadContent(content, "2026-11-22");
    expect(loaded.integrity.filter((e) => e.batch === "2026-10").map((e) => [e.id, e.listedOn, e.publicUntil])).toEqual([
      ["2026-10-001", "2026-06-01", "2027-06-01"],
      ["2026-10-002", "2026-06-10", "2028-06-10"],
      ["2026-10-003", "2026-09-03", "2027-03-03"],
    ]);
  });

  it("refuses an ID typed into an Excel number cell, writing nothing", async () => {
    const file = join(tmp, "number-cell.xlsx");
    const header = ["姓名", "主体类型", "身份证号码", "失信行为", "法律依据", "认定单位", "文号", "认定日期", "失信程度", "公示期限至"].map((value) => ({ value, type: String }));
    const row = [
      { value: "陈某某", type: String },
      { value: "自然人", type: String },
      { value: 110105194912310000, type: Number },
      ...["拒不履行判决", "《民事诉讼法》第二百六十二条", "示例市中级人民法院", "（2026）示01执40号", "2026-06-10", "严重", "2028-06-10"].map((value) => ({ value, type: String })),
    ];
    await writeExcelFile([header, row]).toFile(file);
    const content = join(tmp, "content-number-cell");
    const r = lists(["import", file, "--list", "black", "--batch", "2026-10", "--content", content]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("第 2 行 · 身份证号 · 该列应设置为文本格式后重新填写");
    expect(existsSync(join(content, "integrity", "black", "2026-10.csv"))).toBe(false);
  });
});

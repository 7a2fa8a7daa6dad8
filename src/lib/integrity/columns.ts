/**
 * Column names of integrity-list files. Departments write headers in Chinese
 * and not always the same way; each field has one canonical header (used in
 * the content CSVs) and the aliases we accept on import.
 */

export const FIELDS = [
  { key: "id", header: "编号", aliases: ["序号ID", "条目编号"] },
  { key: "subjectName", header: "主体名称", aliases: ["企业名称", "单位名称", "名称", "姓名", "失信主体名称", "守信主体名称"] },
  { key: "subjectType", header: "主体类型", aliases: ["主体性质", "类型"] },
  { key: "creditCode", header: "统一社会信用代码", aliases: ["信用代码", "社会信用代码", "统一代码"] },
  { key: "creditCodeNote", header: "信用代码例外说明", aliases: ["代码例外说明"] },
  { key: "legalRep", header: "法定代表人", aliases: ["法定代表人/主要负责人", "主要负责人", "法定代表人（负责人）"] },
  { key: "idNumber", header: "身份证号", aliases: ["身份证号码", "证件号码"] },
  { key: "reason", header: "列入事由", aliases: ["失信行为", "守信事由", "事由", "主要事实"] },
  { key: "basis", header: "认定依据", aliases: ["法律依据", "列入依据"] },
  { key: "authority", header: "认定部门", aliases: ["认定单位", "列入部门", "决定部门"] },
  { key: "docNumber", header: "决定文书文号", aliases: ["文书号", "决定书文号", "文号"] },
  { key: "listedOn", header: "列入日期", aliases: ["认定日期", "决定日期"] },
  { key: "severity", header: "严重程度", aliases: ["失信程度", "失信等级"] },
  { key: "publicUntil", header: "公示截止日期", aliases: ["公示期限至", "有效期至", "公示截止"] },
  { key: "status", header: "状态", aliases: ["公示状态"] },
  { key: "removedOn", header: "移出日期", aliases: ["修复日期"] },
  { key: "removalReason", header: "移出事由", aliases: ["移出原因", "修复事由"] },
  { key: "source", header: "数据来源", aliases: ["来源"] },
] as const;

export type FieldKey = (typeof FIELDS)[number]["key"];
export type RawRow = Partial<Record<FieldKey, string>>;

const BY_HEADER = new Map<string, FieldKey>();
for (const f of FIELDS) for (const name of [f.header, ...f.aliases]) BY_HEADER.set(name, f.key);

/** Canonical Chinese header of a field. */
export function headerOf(key: FieldKey): string {
  return FIELDS.find((f) => f.key === key)?.header ?? key;
}

/**
 * Maps a header row to field keys. Unknown and repeated headers are
 * reported, never silently dropped.
 */
export function mapHeaders(headers: readonly string[]): { keys: (FieldKey | undefined)[]; problems: string[] } {
  const problems: string[] = [];
  const seen = new Set<FieldKey>();
  const keys = headers.map((raw) => {
    const name = raw
      .normalize("NFKC")
      .replace(/\s+/g, "")
      .replace(/^\uFEFF/, "");
    if (name === "") return undefined;
    const key = BY_HEADER.get(name);
    if (!key) {
      problems.push(`无法识别的列名“${raw}”；可用列名：${FIELDS.map((f) => f.header).join("、")}`);
      return undefined;
    }
    if (seen.has(key)) problems.push(`列“${headerOf(key)}”出现了两次（“${raw}”）`);
    seen.add(key);
    return key;
  });
  return { keys, problems };
}

/**
 * Column names of integrity-list files. Departments write headers in Chinese
 * and not always the same way; each field has one canonical header (used in
 * the content CSVs) and the aliases we accept on import.
 */

export const FIELDS = [
  { key: "id", header: "编号", aliases: ["条目编号"] },
  { key: "subjectName", header: "主体名称", aliases: ["企业名称", "单位名称", "名称", "姓名", "失信主体名称", "守信主体名称", "行政相对人名称", "当事人名称", "当事人", "被执行人名称", "被执行人"] },
  { key: "subjectType", header: "主体类型", aliases: ["主体性质", "类型", "行政相对人类别", "当事人类型"] },
  { key: "creditCode", header: "统一社会信用代码", aliases: ["信用代码", "社会信用代码", "统一代码", "行政相对人代码_1(统一社会信用代码)", "统一社会信用代码/注册号"] },
  { key: "creditCodeNote", header: "信用代码例外说明", aliases: ["代码例外说明"] },
  { key: "legalRep", header: "法定代表人", aliases: ["法定代表人/主要负责人", "主要负责人", "法定代表人（负责人）", "法定代表人姓名", "法定代表人(负责人)"] },
  { key: "idNumber", header: "身份证号", aliases: ["身份证号码", "证件号码", "公民身份号码"] },
  { key: "reason", header: "列入事由", aliases: ["失信行为", "守信事由", "事由", "主要事实", "违法事实", "失信事由", "处罚事由", "主要违法事实", "违法行为"] },
  { key: "basis", header: "认定依据", aliases: ["法律依据", "列入依据", "处罚依据", "认定依据及条款"] },
  { key: "authority", header: "认定部门", aliases: ["认定单位", "列入部门", "决定部门", "处罚机关", "处罚机构", "决定机关", "认定机关", "执行法院"] },
  { key: "docNumber", header: "决定文书文号", aliases: ["文书号", "决定书文号", "文号", "处罚决定书文号", "行政处罚决定书文号", "决定文书号", "案号"] },
  { key: "listedOn", header: "列入日期", aliases: ["认定日期", "决定日期", "处罚日期", "处罚决定日期", "作出决定日期", "列入时间"] },
  { key: "severity", header: "严重程度", aliases: ["失信程度", "失信等级", "失信严重程度"] },
  { key: "publicUntil", header: "公示截止日期", aliases: ["公示期限至", "有效期至", "公示截止", "公示期限", "公示截止期", "公示期至"] },
  { key: "status", header: "状态", aliases: ["公示状态"] },
  { key: "removedOn", header: "移出日期", aliases: ["修复日期", "移出时间"] },
  { key: "removalReason", header: "移出事由", aliases: ["移出原因", "修复事由"] },
  { key: "source", header: "数据来源", aliases: ["来源", "数据来源单位"] },
] as const;

/** Columns departments add for their own use; ignored with one note, never taken as data (序号 is not the permanent 编号). */
export const IGNORED_HEADERS = ["序号", "备注", "说明", "附注", "联系人", "经办人", "填报人", "填报日期", "审核人"] as const;

/** Columns every file must have; a missing one is reported once for the file, not row by row. */
export const REQUIRED_FIELDS: readonly FieldKey[] = ["subjectName", "subjectType", "reason", "basis", "authority", "docNumber", "listedOn", "publicUntil"];

export type FieldKey = (typeof FIELDS)[number]["key"];
export type RawRow = Partial<Record<FieldKey, string>>;

const BY_HEADER = new Map<string, FieldKey>();

/** Canonical Chinese header of a field. */
export function headerOf(key: FieldKey): string {
  return FIELDS.find((f) => f.key === key)?.header ?? key;
}

/** A header as compared: NFKC (full-width brackets and letters), no spaces, no BOM. */
function headerName(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/^\uFEFF/, "");
}
for (const f of FIELDS) for (const name of [f.header, ...f.aliases]) BY_HEADER.set(headerName(name), f.key);

/** Characters two strings share, counted with repetition: a cheap, predictable closeness for short Chinese headers. */
function shared(a: string, b: string): number {
  const pool = [...b];
  let n = 0;
  for (const c of a) {
    const i = pool.indexOf(c);
    if (i >= 0) {
      n++;
      pool.splice(i, 1);
    }
  }
  return n;
}

/** The known header closest to an unknown one, when at least half of it matches. */
export function suggestHeader(raw: string): string | undefined {
  const name = headerName(raw);
  let best: { header: string; score: number } | undefined;
  for (const f of FIELDS) {
    for (const candidate of [f.header, ...f.aliases]) {
      const score = shared(name, candidate) / Math.max(name.length, candidate.length);
      if (score >= 0.5 && (!best || score > best.score)) best = { header: f.header, score };
    }
  }
  return best?.header;
}

export interface HeaderMap {
  /** Field of each column; undefined for ignored, unknown and empty headers. */
  keys: (FieldKey | undefined)[];
  /** Fields present in the file. */
  columns: Set<FieldKey>;
  /** Problems with the header row: unknown, repeated or missing required columns (one line each). */
  problems: string[];
  /** Notes for staff: columns ignored on purpose. */
  notes: string[];
  /** Headers not known (as written), which staff may map to a field once (the workbench remembers it per department). */
  unknown: string[];
}

/**
 * Maps a header row to field keys. Unknown and repeated headers are
 * reported, never silently dropped; known extra columns (序号, 备注 …) are
 * ignored with one note; a missing required column is one problem for the
 * file.
 */
export function mapHeaders(headers: readonly string[], aliases?: ReadonlyMap<string, FieldKey>): HeaderMap {
  const problems: string[] = [];
  const ignored: string[] = [];
  const columns = new Set<FieldKey>();
  const unknown: string[] = [];
  const keys = headers.map((raw) => {
    const name = headerName(raw);
    if (name === "") return undefined;
    if ((IGNORED_HEADERS as readonly string[]).includes(name)) {
      ignored.push(raw.trim());
      return undefined;
    }
    const key = BY_HEADER.get(name) ?? aliases?.get(raw.trim());
    if (!key) {
      const guess = suggestHeader(raw);
      unknown.push(raw.trim());
      problems.push(`无法识别的列名“${raw.trim()}”${guess ? `：是否指“${guess}”？` : "："}可用列名：${FIELDS.map((f) => f.header).join("、")}`);
      return undefined;
    }
    if (columns.has(key)) problems.push(`列“${headerOf(key)}”出现了两次（“${raw.trim()}”）`);
    columns.add(key);
    return key;
  });
  for (const key of REQUIRED_FIELDS)
    if (!columns.has(key))
      problems.push(
        `缺少必需的列“${headerOf(key)}”${
          FIELDS.find((f) => f.key === key)?.aliases.length
            ? `（也可写作 ${FIELDS.find((f) => f.key === key)
                ?.aliases.slice(0, 4)
                .join("、")}）`
            : ""
        }`,
      );
  const notes = ignored.length > 0 ? [`已忽略 ${ignored.map((h) => `“${h}”`).join("、")} 列（不属于名单字段，不会导入或公开）`] : [];
  return { keys, columns, problems, notes, unknown };
}

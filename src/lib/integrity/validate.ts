/**
 * Validation of integrity-list rows. One function serves the staff CLI
 * (`lists:check`, `lists:import`) and the build, so a file that passes the
 * check also builds. Every problem names row, field, what was received and
 * what was expected, in Chinese.
 */
import { isIsoDate, todayInShanghai, type IsoDate } from "../../primitives/dates.ts";
import { slugPattern } from "../../primitives/slug.ts";
import { codePointLength, codePointLabel, findInvisibleCharacter, normaliseCode } from "../../primitives/text.ts";
import { headerOf, type FieldKey, type RawRow } from "./columns.ts";
import { checkCreditCode, describeCreditCodeProblem, isCheckProblem } from "./credit-code.ts";
import { ageOn, findPersonalData, idNumberBirthDate, isFullIdNumber, isMaskedIdNumber, maskIdNumber } from "./personal-data.ts";
import { publicationLimits } from "./publication.ts";
import { SEVERITIES, STATUSES, SUBJECT_TYPES, type ListKind, type Severity, type Status } from "../../primitives/integrity-terms.ts";
import { INTEGRITY_TEXT_LIMITS, type IntegrityEntry } from "../../schemas/integrity.ts";
import type { TableRow } from "./read-table.ts";

export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

export interface ValidateOptions {
  list: ListKind;
  batch: string;
  asOf: IsoDate;
  /**
   * `import`: a department file; a full ID in the 身份证号 column is checked
   * (valid, adult) and masked. `content`: a published file; only masked IDs.
   */
  mode: "import" | "content";
  /** The real today: dates after it are refused (the as-of date only decides what is published). Default: today in Asia/Shanghai. */
  today?: IsoDate;
  /**
   * Columns the file has. A required column that is missing was reported
   * once for the whole file, so its cells are not reported row by row.
   */
  columns?: ReadonlySet<FieldKey>;
}

/** Formats a problem the way staff read it: 第 12 行 · 字段 · 说明 */
export function formatRowProblem(p: RowProblem): string {
  return `第 ${p.row} 行 · ${p.field} · ${p.message}`;
}

const DOC_NUMBER = /^[^〔〕]*〔(19|20)\d{2}〕[^〔〕]*\d+号$/u;

/** Columns whose values are long digit strings that a spreadsheet number cell would have rounded. */
const TEXT_ONLY: readonly FieldKey[] = ["idNumber", "creditCode"];
/**
 * How spreadsheets write a long number as text: 1.10105E+17, 1E+17, 9.11101E17 — with a plus sign or a
 * decimal point. Without either, digits around an E are a credit code (91990100019175E379 is a valid one:
 * E is among the code's letters), never a number.
 */
const SPREADSHEET_NUMBER = /^\d+(\.\d+)?e\+\d+$|^\d+\.\d+e\d+$/i;
const NOT_TEXT = "该列应设置为文本格式后重新填写：表格把它当作数字保存，超过 15 位的数字已被改动（如 1.10105E+17），无法还原";

/**
 * Dates as spreadsheets write them — 2026-09-10, 2026-9-10, 2026/9/10,
 * 2026.9.10, 2026年9月10日 — as ISO; undefined for anything else (including
 * day-first forms such as 10/9/2026, which are ambiguous).
 */
export function normaliseDate(text: string): IsoDate | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.normalize("NFKC").trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${(m[2] ?? "").padStart(2, "0")}-${(m[3] ?? "").padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** Brings 〔2026〕 variants typed by staff ([2026], (2026), 【2026】…) to the official brackets. */
export function normaliseDocNumber(text: string): string {
  return text.trim().replace(/[[［【(（]\s*((?:19|20)\d{2})\s*[\]］】)）]/u, "〔$1〕");
}

/** What the rules of one row share: its cells, where problems go, and what earlier rules found. */
interface RowCheck {
  options: ValidateOptions;
  today: IsoDate;
  /** A cell, trimmed ("" when empty or absent). */
  text: (key: FieldKey) => string;
  /** A cell that must be filled (reported once per file when the whole column is missing). */
  required: (key: FieldKey) => string;
  /** True when the file has no column for `key`. */
  absent: (key: FieldKey) => boolean;
  fail: (key: FieldKey, message: string) => void;
  /** The entry as the rules build it. */
  draft: Partial<Record<keyof IntegrityEntry, string>>;
}

/** Personal data, hidden characters and lengths in every cell, before anything else. */
function checkCells(c: RowCheck, values: RawRow): void {
  for (const [key, raw] of Object.entries(values) as [FieldKey, string][]) {
    if (key === "idNumber") continue;
    // A valid credit code can also pass as an ID number (digits only, a date in the middle, 1 in 11 check
    // characters): in its own column, a code that passes GB 32100 is a credit code.
    const code = key === "creditCode" ? checkCreditCode(raw.trim()) : undefined;
    for (const hit of findPersonalData(raw, code?.ok ? new Set([code.code]) : undefined)) {
      c.fail(key, hit.kind === "id" ? `含完整身份证号（${hit.value.slice(0, 6)}…），不得公开：请删除或仅在“身份证号”列填写` : `含手机号码（${hit.value.slice(0, 3)}…），不得公开：请删除`);
    }
    const hidden = findInvisibleCharacter(raw);
    if (hidden) c.fail(key, `含不可见或改变文字方向的字符 ${codePointLabel(hidden)}：请删除后重新输入`);
    const limit = (INTEGRITY_TEXT_LIMITS as Partial<Record<FieldKey, number>>)[key];
    if (limit && codePointLength(raw) > limit) c.fail(key, `过长：收到 ${codePointLength(raw)} 个字，应不超过 ${limit} 个字`);
  }
}

function checkSubject(c: RowCheck): void {
  const id = c.text("id");
  if (c.options.mode === "content" && !slugPattern.test(id)) c.fail("id", `编号格式错误：收到“${id}”，应为小写字母、数字和连字符，如 2026-11-001`);
  c.draft.id = id;
  c.draft.subjectName = c.required("subjectName").normalize("NFC");
  const type = c.required("subjectType");
  if (type && !(SUBJECT_TYPES as readonly string[]).includes(type)) c.fail("subjectType", `收到“${type}”，应为 ${SUBJECT_TYPES.join("、")} 之一`);
  c.draft.subjectType = type;
  c.draft.legalRep = c.text("legalRep");
  c.draft.source = c.text("source");
}

function checkCreditCodeCell(c: RowCheck): void {
  const isPerson = c.draft.subjectType === "自然人";
  const note = c.text("creditCodeNote");
  const raw = c.text("creditCode");
  c.draft.creditCodeNote = note;
  if (raw !== "") {
    const result = checkCreditCode(raw);
    c.draft.creditCode = result.code;
    // The documented exception covers lawful early codes that fail a check, nothing else.
    if (!result.ok && !(isCheckProblem(result.problem) && note !== "")) c.fail("creditCode", describeCreditCodeProblem(result.problem));
    if (isPerson) c.fail("creditCode", "自然人不填写统一社会信用代码：请清空该列，或将主体类型改为法人/非法人组织");
  } else if (c.draft.subjectType && !isPerson && !c.absent("creditCode")) {
    c.fail("creditCode", "必填项为空：法人和非法人组织应填写 18 位统一社会信用代码");
  }
}

function checkIdNumberCell(c: RowCheck): void {
  const raw = normaliseCode(c.text("idNumber"));
  if (raw === "") return;
  const shown = `${maskIdNumber(raw)}（共 ${raw.length} 位）`;
  if (c.draft.subjectType !== "自然人") c.fail("idNumber", "只有自然人可以填写身份证号：请清空该列");
  else if (c.options.mode === "content") {
    if (isMaskedIdNumber(raw)) c.draft.idNumberMasked = raw;
    else c.fail("idNumber", `内容文件只能保存脱敏后的身份证号：收到 ${shown}，应为 6 位 + 8 个 * + 4 位`);
  }
  // A masked number cannot be checked for a minor: departments send the full number, the import masks it.
  else if (raw.includes("*")) c.fail("idNumber", `收到已脱敏的身份证号 ${maskIdNumber(raw)}，无法核验是否为未成年人：请报送部门提供完整的 18 位号码（导入时会自动脱敏，网站只显示脱敏后的号码）`);
  else if (!isFullIdNumber(raw)) c.fail("idNumber", `身份证号无效：收到 ${shown}，应为 18 位，出生日期真实且校验码正确`);
  else {
    const birth = idNumberBirthDate(raw) ?? "";
    if (ageOn(birth, normaliseDate(c.text("listedOn")) ?? c.today) < 18) c.fail("idNumber", "未成年人不得列入名单公示：按身份证号计算，列入时未满 18 周岁");
    c.draft.idNumberMasked = maskIdNumber(raw);
  }
}

function checkDecision(c: RowCheck): void {
  c.draft.reason = c.required("reason");
  c.draft.basis = c.required("basis");
  c.draft.authority = c.required("authority");
  const raw = c.required("docNumber");
  c.draft.docNumber = normaliseDocNumber(raw);
  if (raw && !DOC_NUMBER.test(c.draft.docNumber)) c.fail("docNumber", `文号格式错误：收到“${raw}”，应形如“示市监罚〔2026〕15号”`);
}

function checkDates(c: RowCheck): void {
  const date = (key: "listedOn" | "publicUntil" | "removedOn", must: boolean): void => {
    const v = must ? c.required(key) : c.text(key);
    if (v === "") return;
    const iso = normaliseDate(v);
    if (!iso) c.fail(key, `日期无效：收到“${v}”，应为真实日期，写作 YYYY-MM-DD（如 2026-11-05，也可写 2026/11/5）`);
    else c.draft[key] = iso;
  };
  date("listedOn", true);
  date("publicUntil", true);
  date("removedOn", false);
  const { listedOn, removedOn } = c.draft;
  // "Not in the future" is about the real today; an as-of date in the past only means later entries are not yet published.
  if (listedOn && listedOn > c.today) c.fail("listedOn", `日期在未来：收到 ${listedOn}，应不晚于今天 ${c.today}`);
  if (removedOn && removedOn > c.today) c.fail("removedOn", `日期在未来：收到 ${removedOn}，应不晚于今天 ${c.today}`);
  if (removedOn && listedOn && removedOn < listedOn) c.fail("removedOn", `移出日期 ${removedOn} 早于列入日期 ${listedOn}`);
}

function checkSeverityAndPeriod(c: RowCheck): void {
  const raw = c.text("severity");
  if (raw === "轻微") c.fail("severity", "轻微失信信息不予公示：请从名单中删除该条");
  else if (raw !== "") {
    if ((SEVERITIES as readonly string[]).includes(raw)) c.draft.severity = raw;
    else c.fail("severity", `收到“${raw}”，应为 ${SEVERITIES.join("、")} 之一`);
  } else if (c.options.list === "black") c.fail("severity", `必填项为空：黑榜条目应填写严重程度（${SEVERITIES.join("、")}）`);

  const { listedOn, publicUntil } = c.draft;
  const severity = c.draft.severity as Severity | undefined;
  if (!listedOn || !publicUntil) return;
  if (publicUntil < listedOn) c.fail("publicUntil", `公示截止日期 ${publicUntil} 早于列入日期 ${listedOn}`);
  else if (severity) {
    const { earliest, latest } = publicationLimits(severity, listedOn);
    if (publicUntil < earliest || publicUntil > latest) c.fail("publicUntil", `超出“${severity}”的公示期限：收到 ${publicUntil}，应在 ${earliest} 至 ${latest} 之间`);
  } else {
    const latest = publicationLimits("严重", listedOn).latest;
    if (publicUntil > latest) c.fail("publicUntil", `公示期不得超过 3 年：收到 ${publicUntil}，应不晚于 ${latest}`);
  }
}

function checkStatus(c: RowCheck): void {
  const raw = c.text("status") || "公示中";
  const status: Status = (STATUSES as readonly string[]).includes(raw) ? (raw as Status) : "公示中";
  if (status !== raw) c.fail("status", `收到“${raw}”，应为 ${STATUSES.join("、")} 之一`);
  c.draft.status = status;
  c.draft.removalReason = c.text("removalReason");
  const { removedOn } = c.draft;
  if (status === "已移出" || status === "已信用修复") {
    if (!removedOn && c.text("removedOn") === "" && !c.absent("removedOn")) c.fail("removedOn", `状态为“${status}”时必须填写移出日期`);
    if (c.draft.removalReason === "" && !c.absent("removalReason")) c.fail("removalReason", `状态为“${status}”时必须填写移出事由`);
  } else if (removedOn) c.fail("status", `已填写移出日期 ${removedOn}，状态却是“${status}”：应改为“已移出”或“已信用修复”`);
}

/** The rules of a row, in order: later rules read what earlier ones put into the draft. */
const ROW_RULES: readonly ((c: RowCheck) => void)[] = [checkSubject, checkCreditCodeCell, checkIdNumberCell, checkDecision, checkDates, checkSeverityAndPeriod, checkStatus];

/** Validates one row; returns the entry or the row's problems (never both). */
export function validateRow(input: TableRow, options: ValidateOptions): { entry?: IntegrityEntry; problems: RowProblem[] } {
  const { row, values } = input;
  const problems: RowProblem[] = [];
  const text = (key: FieldKey) => (values[key] ?? "").trim();
  const absent = (key: FieldKey) => options.columns !== undefined && !options.columns.has(key);
  const fail = (key: FieldKey, message: string) => problems.push({ row, field: headerOf(key), message });
  const c: RowCheck = {
    options,
    today: options.today ?? todayInShanghai(),
    text,
    absent,
    fail,
    required: (key) => {
      const v = text(key);
      if (v === "" && !absent(key)) fail(key, "必填项为空：收到空值，应填写内容");
      return v;
    },
    draft: { list: options.list, batch: options.batch },
  };

  // A long number typed into a number cell has lost digits before it reached us: refuse, never convert.
  for (const key of TEXT_ONLY) {
    if (input.numeric?.includes(key) || SPREADSHEET_NUMBER.test(text(key))) fail(key, `${NOT_TEXT}（收到 ${text(key)}）`);
  }
  if (problems.length > 0) return { problems };

  checkCells(c, values);
  for (const rule of ROW_RULES) rule(c);
  if (problems.length > 0) return { problems };
  // Empty optional cells are left out of the entry rather than stored as "".
  const entry = Object.fromEntries(Object.entries(c.draft).filter(([, v]) => v !== "" && v !== undefined)) as IntegrityEntry;
  return { entry, problems };
}

/** What makes two rows the same listing: one subject, one decision document. */
export function decisionKey(e: Pick<IntegrityEntry, "subjectName" | "docNumber">): string {
  return `${e.subjectName.normalize("NFKC").replace(/\s+/g, "")}|${e.docNumber.normalize("NFKC").replace(/\s+/g, "")}`;
}

/**
 * Validates every row of a file and cross-checks rows against each other
 * (repeated 编号, the same decision listed twice).
 */
export function validateRows(rows: readonly TableRow[], options: ValidateOptions): { entries: IntegrityEntry[]; rows: number[]; problems: RowProblem[] } {
  const entries: IntegrityEntry[] = [];
  const entryRows: number[] = [];
  const problems: RowProblem[] = [];
  const ids = new Map<string, number>();
  const decisions = new Map<string, number>();
  const withToday = { ...options, today: options.today ?? todayInShanghai() };
  for (const r of rows) {
    const result = validateRow(r, withToday);
    problems.push(...result.problems);
    const id = (r.values.id ?? "").trim();
    if (id) {
      const first = ids.get(id);
      if (first !== undefined) problems.push({ row: r.row, field: headerOf("id"), message: `编号重复：“${id}”已在第 ${first} 行使用，每条应有唯一编号` });
      else ids.set(id, r.row);
    }
    if (result.entry) {
      const key = decisionKey(result.entry);
      const first = decisions.get(key);
      if (first !== undefined) problems.push({ row: r.row, field: headerOf("docNumber"), message: `重复条目：同一主体和文号已在第 ${first} 行出现` });
      else decisions.set(key, r.row);
      entries.push(result.entry);
      entryRows.push(r.row);
    }
  }
  problems.sort((a, b) => a.row - b.row);
  return problems.length ? { entries: [], rows: [], problems } : { entries, rows: entryRows, problems };
}

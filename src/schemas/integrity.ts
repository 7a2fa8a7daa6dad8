/**
 * 诚信红黑榜 — one entry of a red or black list, as stored in the content
 * collection after src/lib/integrity/validate.ts has checked and normalised
 * it. Content files are CSVs with Chinese headers (src/lib/integrity/columns.ts),
 * one file per batch: `content/integrity/<red|black>/<YYYY-MM>.csv`. The
 * IntegrityEntry type is inferred from this schema; the limits below are
 * applied by the row validator (with its Chinese messages) and by the schema.
 */
import { z } from "zod";
import { LISTS, SEVERITIES, STATUSES, SUBJECT_TYPES } from "../primitives/integrity-terms.ts";
import { isoDate } from "./common.ts";

/** Longest text, in characters (code points), each free-text field may hold. */
export const INTEGRITY_TEXT_LIMITS = { subjectName: 100, legalRep: 30, reason: 500, basis: 300, authority: 60, docNumber: 60, removalReason: 300, source: 100 } as const;
const text = (key: keyof typeof INTEGRITY_TEXT_LIMITS) => z.string().refine((s) => [...s].length <= INTEGRITY_TEXT_LIMITS[key], { message: `不超过 ${INTEGRITY_TEXT_LIMITS[key]} 个字` });

export const integrityEntrySchema = z.strictObject({
  /** Permanent id from the 编号 column (batch + sequence, e.g. 2026-11-001); the entry's URL is built from it. */
  id: z.string(),
  /** red (守信) or black (失信). */
  list: z.enum(LISTS),
  /** Batch, from the file name: YYYY-MM. */
  batch: z.string(),
  /** 主体名称: an organisation's registered name or a person's name. */
  subjectName: text("subjectName"),
  /** 主体类型. */
  subjectType: z.enum(SUBJECT_TYPES),
  /** 统一社会信用代码, normalised (GB 32100 and GB 11714 checks); organisations only. */
  creditCode: z.string().optional(),
  /** 信用代码例外说明: why a code that fails a check is lawful (early codes). */
  creditCodeNote: z.string().optional(),
  /** 法定代表人/主要负责人. */
  legalRep: text("legalRep").optional(),
  /** Masked 身份证号 (6 + 8 × * + 4), only to tell namesakes apart. */
  idNumberMasked: z.string().optional(),
  /** 列入事由. */
  reason: text("reason"),
  /** 认定依据 (legal basis). */
  basis: text("basis"),
  /** 认定部门. */
  authority: text("authority"),
  /** 决定文书文号, e.g. 示市监罚〔2026〕15号. */
  docNumber: text("docNumber"),
  /** 列入日期 (date of the decision); not after today. */
  listedOn: isoDate,
  /** 严重程度; black list only (一般 3–12 months, 严重 12–36 months of publication). */
  severity: z.enum(SEVERITIES).optional(),
  /** 公示截止日期. */
  publicUntil: isoDate,
  /** Status. */
  status: z.enum(STATUSES),
  /** 移出日期 / 移出事由 (with 已移出 or 已信用修复). */
  removedOn: isoDate.optional(),
  removalReason: text("removalReason").optional(),
  /** 数据来源. */
  source: text("source").optional(),
});

/** A validated, normalised entry of a red or black list. */
export type IntegrityEntry = z.output<typeof integrityEntrySchema>;

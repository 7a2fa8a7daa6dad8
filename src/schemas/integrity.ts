/**
 * 诚信红黑榜 — one entry of a red or black list, as stored in the content
 * collection after src/lib/integrity/validate.ts has checked and normalised
 * it. Content files are CSVs with Chinese headers (see columns.ts), one file
 * per batch: `content/integrity/<red|black>/<YYYY-MM>.csv`.
 */
import { z } from "zod";
import { SEVERITIES, STATUSES } from "../lib/integrity/publication.ts";
import { LISTS, SUBJECT_TYPES } from "../lib/integrity/validate.ts";
import { isoDate } from "./common.ts";

export const integrityEntrySchema = z.strictObject({
  /** Permanent id from the 编号 column; the entry's URL is built from it. */
  id: z.string(),
  /** red (守信) or black (失信). */
  list: z.enum(LISTS),
  /** Batch, from the file name: YYYY-MM. */
  batch: z.string(),
  /** 主体名称. */
  subjectName: z.string(),
  /** 主体类型. */
  subjectType: z.enum(SUBJECT_TYPES),
  /** 统一社会信用代码, normalised; organisations only. */
  creditCode: z.string().optional(),
  /** 信用代码例外说明: why a code that fails the GB 32100 check is lawful. */
  creditCodeNote: z.string().optional(),
  /** 法定代表人/主要负责人. */
  legalRep: z.string().optional(),
  /** Masked 身份证号 (6 + 8 × * + 4), only to tell namesakes apart. */
  idNumberMasked: z.string().optional(),
  /** 列入事由. */
  reason: z.string(),
  /** 认定依据 (legal basis). */
  basis: z.string(),
  /** 认定部门. */
  authority: z.string(),
  /** 决定文书文号, e.g. 示市监罚〔2026〕15号. */
  docNumber: z.string(),
  /** 列入日期 (date of the decision). */
  listedOn: isoDate,
  /** 严重程度; black list only. */
  severity: z.enum(SEVERITIES).optional(),
  /** 公示截止日期. */
  publicUntil: isoDate,
  /** Status. */
  status: z.enum(STATUSES),
  /** 移出日期 / 移出事由. */
  removedOn: isoDate.optional(),
  removalReason: z.string().optional(),
  /** 数据来源. */
  source: z.string().optional(),
});

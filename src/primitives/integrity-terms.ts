/**
 * The vocabulary of the integrity lists (诚信红黑榜), shared by the schema,
 * the rules in src/lib/integrity and the pages: which lists exist, who can be
 * on them, how serious an entry is and where it stands.
 */

/** red: 守信红榜 (trustworthy); black: 失信黑榜 (untrustworthy). */
export const LISTS = ["red", "black"] as const;
export type ListKind = (typeof LISTS)[number];
export const LIST_NAMES: Record<ListKind, string> = { red: "红榜", black: "黑榜" };

/** `<list>/<id>`: the key of an entry across both lists (and in the ledger). */
export function entryKey(e: { list: ListKind; id: string }): string {
  return `${e.list}/${e.id}`;
}

export const SUBJECT_TYPES = ["法人", "非法人组织", "自然人"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** 轻微 (minor) is never published, so it is not a severity an entry can have. */
export const SEVERITIES = ["一般", "严重"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ["公示中", "异议处理中", "已信用修复", "已移出"] as const;
export type Status = (typeof STATUSES)[number];

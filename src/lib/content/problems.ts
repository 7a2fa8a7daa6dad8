/**
 * Content problems: what went wrong, where (file, line or row, field), what
 * was received and what was expected. Collected across all files so staff see
 * every problem in one run, then thrown together.
 */
import type { z } from "zod";

export interface ContentProblem {
  file: string;
  /** Line in a text file, or row in a table. */
  line?: number | undefined;
  field?: string | undefined;
  message: string;
}

export function formatProblem(p: ContentProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}` : p.file;
  return [where, p.field, p.message].filter(Boolean).join(" · ");
}

/** Thrown when content does not pass its checks; the message lists every problem. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    super(`内容检查未通过，共 ${problems.length} 个问题：\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
    this.name = "ContentError";
    this.problems = problems;
  }
}

function show(value: unknown): string {
  if (value === undefined) return "（缺失）";
  if (typeof value === "string") return `“${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;
  return (JSON.stringify(value) as string | undefined)?.slice(0, 60) ?? typeof value;
}

const TYPE_NAMES: Record<string, string> = { string: "文字", number: "数字", boolean: "是/否", array: "列表", object: "对象", date: "日期" };

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) v = v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** Turns a zod issue into a Chinese sentence with received and expected values. */
export function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const received = valueAt(data, issue.path);
  if (received === undefined && issue.code === "invalid_value") return `必填项缺失：应为 ${issue.values.map(String).join("、")} 之一`;
  switch (issue.code) {
    case "invalid_type":
      if (received === undefined) return `必填项缺失：应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
      return `类型错误：收到 ${show(received)}，应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return `取值无效：收到 ${show(received)}，应为 ${issue.values.map(String).join("、")} 之一`;
    case "too_big":
      return `过长或过大：收到 ${show(received)}，上限为 ${String(issue.maximum)}${issue.origin === "string" ? " 个字" : issue.origin === "array" ? " 项" : ""}`;
    case "too_small":
      return `过短或过少：收到 ${show(received)}，至少应为 ${String(issue.minimum)}${issue.origin === "string" ? " 个字" : issue.origin === "array" ? " 项" : ""}`;
    case "invalid_format":
      return `格式错误：收到 ${show(received)}，${issue.message}`;
    case "unrecognized_keys":
      return `未知字段：${issue.keys.join("、")}（请检查拼写）`;
    default:
      // Our own checks say what they received; repeating it would only add noise.
      return issue.message.includes("收到") ? issue.message : `${issue.message}：收到 ${show(received)}`;
  }
}

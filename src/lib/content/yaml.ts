/**
 * YAML and front matter parsing with line numbers, validated against a zod
 * schema. Parse errors and schema violations become ContentProblems that
 * point at the line of the offending value.
 */
import { LineCounter, parseDocument, isMap, isNode, isScalar, isSeq, type Document } from "yaml";
import type { z } from "zod";
import { describeIssue, type ContentProblem } from "./problems.ts";

/** The yaml library's error codes in staff language. */
const YAML_ERRORS: Partial<Record<string, string>> = {
  DUPLICATE_KEY: "字段名重复",
  BAD_INDENT: "缩进不正确",
  TAB_AS_INDENT: "不能用 Tab 键缩进，请改用空格",
  MISSING_CHAR: "缺少闭合的引号或括号",
  MULTILINE_IMPLICIT_KEY: "字段名不能跨行",
  BLOCK_AS_IMPLICIT_KEY: "字段名写法有误",
  BAD_SCALAR_START: "文字开头的字符需要加引号",
  UNEXPECTED_TOKEN: "出现了不该有的符号",
  BLOCK_IN_FLOW: "方括号或花括号内的写法有误",
  IMPOSSIBLE: "格式错误",
};

export interface Parsed<T> {
  data?: T;
  problems: ContentProblem[];
}

function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[], offset: number): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line + offset;
  }
  return undefined;
}

/**
 * Parses `source` (YAML) and validates it. `lineOffset` shifts reported lines
 * when the YAML is front matter inside a larger file.
 */
export function parseYaml<S extends z.ZodType>(source: string, schema: S, file: string, lineOffset = 0): Parsed<z.output<S>> {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  // The first syntax error is the one to fix; the ones after it are usually its consequences.
  const first = doc.errors[0];
  if (first) {
    return { problems: [{ file, line: counter.linePos(first.pos[0]).line + lineOffset, message: `YAML 无法解析：${YAML_ERRORS[first.code] ?? "格式错误"}（常见原因：冒号后缺空格、缩进不齐、引号或括号未闭合）` }] };
  }
  const raw: unknown = doc.toJS();
  const result = schema.safeParse(raw);
  if (result.success) return { data: result.data, problems: [] };
  return {
    problems: result.error.issues.map((issue) => ({
      file,
      line: lineOf(doc, counter, issue.path, lineOffset),
      field: issue.path.map(String).join(".") || undefined,
      message: describeIssue(issue, raw),
    })),
  };
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Splits a Markdown/MDX file into front matter and body (with the body's first line). */
export function splitFrontMatter(source: string): { yaml: string; body: string; bodyLine: number } | undefined {
  const m = FRONT_MATTER.exec(source);
  if (!m) return undefined;
  return { yaml: m[1] ?? "", body: source.slice(m[0].length), bodyLine: m[0].split("\n").length };
}

/**
 * The field (dotted path, e.g. `objection.phone` or `articles.3`) whose value
 * contains character `offset` of a YAML source, for messages about text found
 * inside a value; undefined outside any value.
 */
export function yamlPathAt(source: string, offset: number): string | undefined {
  const doc = parseDocument(source, { uniqueKeys: false });
  const within = (node: unknown) => isNode(node) && node.range !== undefined && node.range !== null && node.range[0] <= offset && offset < node.range[2];
  const walk = (node: unknown, path: (string | number)[]): (string | number)[] | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (within(pair.value)) return walk(pair.value, [...path, key]) ?? [...path, key];
        if (within(pair.key)) return [...path, key];
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) if (within(item)) return walk(item, [...path, i]) ?? [...path, i];
    }
    return undefined;
  };
  const path = walk(doc.contents, []);
  return path && path.length > 0 ? path.join(".") : undefined;
}

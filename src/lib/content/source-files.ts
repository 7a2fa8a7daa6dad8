/**
 * Files of the content folder as the loader reads them, and the checks every
 * text file gets whatever its kind: personal data in any written form and
 * invisible characters, each reported with file, line and field.
 */
import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { findPersonalData } from "../integrity/personal-data.ts";
import { slugPattern } from "../../primitives/slug.ts";
import { codePointLabel, findInvisibleCharacter } from "../../primitives/text.ts";
import type { ContentProblem } from "./problems.ts";
import { splitFrontMatter, yamlPathAt } from "./yaml.ts";

export interface SourceFile {
  id: string;
  path: string;
  /** Path relative to the content root's parent, as staff see it (content/…). */
  shown: string;
  text: string;
}

/**
 * Reads a file as text without a leading byte-order mark (editors on Windows
 * add one). Synchronous: the content has thousands of small files, read one
 * after another, and fs/promises' round trips left the loader idle for 0.8 s
 * of its 2.7 s at city scale.
 */
export function readText(path: string): string {
  return readFileSync(path, "utf8").replace(/^\uFEFF/, "");
}

/** Errors from reading a file, in staff language; anything but "not there" keeps its cause. */
export function readProblem(file: string, error: unknown, missing: string): ContentProblem {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return { file, message: missing };
  return { file, message: `无法读取文件（${code ?? (error instanceof Error ? error.message : String(error))}）：请检查文件是否损坏或被占用` };
}

/** Lists files of a kind; a file with another extension, or two files with the same id, is a problem. */
export async function readKind(root: string, folder: string, exts: readonly string[], problems: ContentProblem[]): Promise<SourceFile[]> {
  const dir = join(root, folder);
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile() && !d.name.startsWith(".")).map((d) => d.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new Error(`无法读取目录 ${join(basename(root), folder)}`, { cause: error });
  }
  const files: SourceFile[] = [];
  const seen = new Map<string, string>();
  for (const name of names.sort()) {
    const ext = extname(name).toLowerCase();
    const shown = join(basename(root), folder, name);
    if (!exts.includes(ext)) {
      problems.push({ file: shown, message: `不支持的文件类型 ${ext || "（无扩展名）"}：此目录只接受 ${exts.join("、")}` });
      continue;
    }
    const id = basename(name, extname(name));
    if (!slugPattern.test(id)) {
      problems.push({ file: shown, field: "文件名", message: `文件名“${id}”不能用作网址：应为小写字母、数字和连字符，如 wenming-jiaotong${ext}` });
      continue;
    }
    // The file name becomes the URL, so it is published like the text.
    if (findPersonalData(id).length > 0) {
      problems.push({ file: shown, field: "文件名", message: "文件名含手机号码或身份证号，会出现在网址中：请改用姓名拼音或其他编号" });
      continue;
    }
    const previous = seen.get(id);
    if (previous) {
      problems.push({ file: shown, field: "文件名", message: `编号重复：“${id}”已由 ${previous} 使用，每个条目需要唯一的文件名` });
      continue;
    }
    seen.set(id, shown);
    const path = join(dir, name);
    files.push({ id, path, shown, text: readText(path) });
  }
  return files;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Personal data and invisible characters anywhere in a content file, front
 * matter, YAML values and body alike. `bodyField` names the body of a
 * Markdown/MDX file (事迹, 正文); YAML files and front matter report the
 * setting or field that holds the text (e.g. `objection.phone`).
 */
export function scanText(file: Pick<SourceFile, "shown" | "text">, problems: ContentProblem[], bodyField?: string): void {
  const split = bodyField ? splitFrontMatter(file.text) : undefined;
  const yamlStart = split ? file.text.indexOf(split.yaml) : 0;
  const yamlEnd = split ? yamlStart + split.yaml.length : file.text.length;
  const yaml = file.text.slice(yamlStart, yamlEnd);
  const fieldAt = (index: number) => (index >= yamlStart && index < yamlEnd ? yamlPathAt(yaml, index - yamlStart) : bodyField);
  for (const hit of findPersonalData(file.text)) {
    const what = hit.kind === "id" ? `含完整身份证号（${hit.value.slice(0, 6)}…），不得公开：请删除` : `含手机号码（${hit.value.slice(0, 3)}…），不得公开：请删除或改用单位座机`;
    problems.push({ file: file.shown, line: lineAt(file.text, hit.index), field: fieldAt(hit.index), message: what });
  }
  // Front-matter fields refuse these through their schema (plainText); bodies are checked here.
  if (split) {
    const bodyStart = file.text.length - split.body.length;
    const hidden = findInvisibleCharacter(split.body);
    if (hidden) {
      const index = bodyStart + split.body.indexOf(hidden);
      problems.push({ file: file.shown, line: lineAt(file.text, index), field: bodyField, message: `含不可见或改变文字方向的字符 ${codePointLabel(hidden)}：请删除后重新输入` });
    }
  }
}

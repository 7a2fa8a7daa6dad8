/**
 * Attachments of notices (PDF and office files): checked by their bytes, not
 * their names, so a renamed program or page is never published as a
 * download, and limited in size.
 */
import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { attachmentPersonalData, attachmentText } from "./attachment-text.ts";
import { remember } from "./memo.ts";

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

type Family = "pdf" | "ooxml" | "ole" | "ofd";

/** What each extension's bytes must be: PDF, an Office Open XML package, an older Office/WPS file, or OFD. */
const FAMILY: Record<string, { family: Family; part?: string; label: string }> = {
  ".pdf": { family: "pdf", label: "PDF" },
  ".docx": { family: "ooxml", part: "word/", label: "Word（.docx）" },
  ".xlsx": { family: "ooxml", part: "xl/", label: "Excel（.xlsx）" },
  ".pptx": { family: "ooxml", part: "ppt/", label: "PowerPoint（.pptx）" },
  ".doc": { family: "ole", label: "Word 97-2003（.doc）" },
  ".xls": { family: "ole", label: "Excel 97-2003（.xls）" },
  ".ppt": { family: "ole", label: "PowerPoint 97-2003（.ppt）" },
  ".wps": { family: "ole", label: "WPS 文字" },
  ".et": { family: "ole", label: "WPS 表格" },
  ".ofd": { family: "ofd", label: "OFD 版式文件" },
};

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
/** ZIP entry names are stored uncompressed in each local header: enough to tell a .docx from a .xlsx. */
const names = (bytes: Uint8Array, part: string) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(part, 0, "latin1");

function matches(bytes: Uint8Array, family: Family, part?: string): boolean {
  switch (family) {
    case "pdf":
      return Buffer.from(bytes.subarray(0, 1024)).includes("%PDF-");
    case "ole":
      return startsWith(bytes, OLE);
    case "ooxml":
      return startsWith(bytes, ZIP) && names(bytes, "[Content_Types].xml") && names(bytes, part ?? "");
    case "ofd":
      return startsWith(bytes, ZIP) && names(bytes, "OFD.xml");
  }
}

const unsupported = (name: string) => `不支持的附件类型“${extname(name)}”：应为 ${Object.keys(FAMILY).join("、")}`;

/** Why these bytes, named `name` (its extension says what they must be), are not an attachment to publish; undefined when they are one. */
export function attachmentProblem(name: string, bytes: Uint8Array): string | undefined {
  const kind = FAMILY[extname(name).toLowerCase()];
  if (!kind) return unsupported(name);
  if (bytes.length === 0) return `附件“${name}”是空文件`;
  if (!matches(bytes, kind.family, kind.part)) return `附件“${name}”的内容不是 ${kind.label} 文件（扩展名与文件内容不符，文件可能已损坏或被改名）`;
  return undefined;
}

/** The file's bytes when acceptable, or a Chinese description of the problem. */
export async function checkAttachment(baseDir: string, relPath: string): Promise<{ bytes: Uint8Array } | { problem: string }> {
  const base = resolve(baseDir);
  const full = resolve(base, relPath);
  if (!full.startsWith(base + sep)) return { problem: `附件路径“${relPath}”超出内容目录` };
  if (!FAMILY[extname(full).toLowerCase()]) return { problem: unsupported(full) };
  let size: number;
  try {
    size = (await stat(full)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === "ENOENT" || code === "ENOTDIR" ? `找不到附件文件“${relPath}”` : `无法读取附件“${relPath}”（${code ?? String(error)}）` };
  }
  if (size > MAX_ATTACHMENT_BYTES) return { problem: `附件过大：${(size / 1048576).toFixed(1)} MB，上限 ${MAX_ATTACHMENT_BYTES / 1048576} MB，请压缩或拆分后再上传` };
  // Read only once its size is known to be within the limit.
  const bytes = await readFile(full);
  const problem = attachmentProblem(relPath, bytes);
  return problem ? { problem } : { bytes };
}

/** At most this many numbers are named in one attachment's problems; the rest are counted. */
const NAMED_HITS = 3;

/**
 * What the text inside an attachment (`name`, as staff know it) says about publishing it: `problems` — a full ID
 * or mobile number in it, or text that cannot be read (an old binary format, a password, a damaged file) — refuse
 * it; `warning` — a PDF with no text at all (a scan) — is published, and staff are told to look at it themselves.
 * Remembered by the file's bytes (memo.ts): a PDF is read once, not at every build.
 */
export function attachmentTextCheck(name: string, bytes: Uint8Array): Promise<{ problems: string[]; warning?: string }> {
  return remember("attachment-text", [name, bytes], async () => {
    const text = await attachmentText(name, bytes);
    if ("problem" in text) return { problems: [`附件${text.problem}`] };
    const hits = attachmentPersonalData(text.parts);
    const problems = hits.slice(0, NAMED_HITS).map(({ kind, value, place }) => {
      const where = `附件“${name}”${place ? `（${place}）` : ""}`;
      return kind === "id"
        ? `${where}含完整身份证号（${value.slice(0, 6)}…），不得公开：请在原文件中删除，或只留前 6 位和后 4 位（如 ${value.slice(0, 6)}********${value.slice(-4)}），再重新上传`
        : `${where}含手机号码（${value.slice(0, 3)}…），不得公开：请在原文件中删除或改用单位座机，再重新上传`;
    });
    if (hits.length > NAMED_HITS) problems.push(`附件“${name}”中还有 ${hits.length - NAMED_HITS} 处身份证号或手机号，同样须删除`);
    if (problems.length === 0 && text.textless) return { problems, warning: `附件“${name}”没有可读取的文字（可能是扫描件），无法自动检查其中有没有身份证号、手机号：发布前请人工核对` };
    return { problems };
  });
}

/**
 * Attachments of notices (PDF and office files): checked by their bytes, not
 * their names, so a renamed program or page is never published as a
 * download, and limited in size.
 */
import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";

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

/**
 * The text inside a notice's attachment (PDF, Word/Excel/PowerPoint .docx
 * .xlsx .pptx, OFD), read so that a full ID or mobile number in it is refused
 * before it is published, as in every other text the site publishes. Notices
 * attach sign-up sheets and name lists: exactly the files that carry them.
 *
 * A document's text comes in pieces — PDF text runs, a Word paragraph's runs,
 * spreadsheet cells — and a number may be split across pieces (a run boundary
 * in the middle of a phone number) or sit in the piece next to another
 * number (a row number before it). Each part is therefore read twice: pieces
 * joined as they read (only paragraph, cell and line ends separate them), and
 * every piece on its own; an Office or OFD part's attribute values (a tel:
 * link, a property) are read too. A number found any way is reported.
 */
import { unzipSync } from "fflate";
import { inflateSync } from "node:zlib";
import { getDocumentProxy } from "unpdf";
import { findPersonalData, type PersonalDataHit } from "../integrity/personal-data.ts";

/** A place in the file ("第 2 页", "工作表 1") and its text, read in the ways above. */
export interface AttachmentPart {
  place: string;
  readings: string[];
}

/**
 * The parts of a file's text, or why it cannot be read (and so cannot be published). `textless`: a PDF whose
 * pages hold no text at all — a scan, whose numbers no program here can read.
 */
export type AttachmentText = { parts: AttachmentPart[]; textless?: boolean } | { problem: string };

/** Stops a small file that unpacks into gigabytes (a zip bomb) before it is unpacked. */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
const MAX_PACKED_FILES = 20_000;
/** Files inside files (a spreadsheet embedded in a Word document, a file attached to a PDF) are read this deep. */
const MAX_DEPTH = 2;

/**
 * Ends of what a reader sees as separate: paragraphs, table cells and rows, spreadsheet cells and strings,
 * properties. Not an OFD text object's: some exporters draw each character in one of its own.
 */
const BLOCK_END = /^<\/(w:p|w:tc|w:tr|a:p|a:tc|c|si|is|row|dc:[a-z]+|cp:[a-z]+|vt:lpwstr|Company|Manager)\s*>$|^<(w:tab|w:br|w:cr|a:br)\b/;

const ENTITY = /&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith("#")) {
      const code = lower.startsWith("#x") ? Number.parseInt(lower.slice(2), 16) : Number(lower.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[lower] ?? whole;
  });
}

/**
 * An XML part's text read both ways — pieces joined within a paragraph or cell, and each piece alone — and its
 * attribute values, each alone.
 */
export function xmlReadings(xml: string): string[] {
  let joined = "";
  let apart = "";
  let last = 0;
  for (const m of xml.matchAll(/<[^>]*>/g)) {
    const text = decodeEntities(xml.slice(last, m.index));
    joined += text;
    apart += text;
    if (BLOCK_END.test(m[0])) joined += "\n|\n";
    apart += "\n|\n";
    last = m.index + m[0].length;
  }
  const tail = decodeEntities(xml.slice(last));
  // Attribute values: a hyperlink's or relationship's target, a property's value.
  const attributes = Array.from(xml.matchAll(/="([^"]*)"|='([^']*)'/g), (m) => decodeEntities(m[1] ?? m[2] ?? "")).join("\n|\n");
  return [joined + tail, apart + tail, attributes];
}

/** Where a part of an Office or OFD package is, in words staff know; empty where the file's name says enough. */
function packagePlace(path: string): string {
  const n = (re: RegExp) => Number(re.exec(path)?.[1] ?? 0);
  if (/^xl\/worksheets\/sheet\d+\.xml$/.test(path)) return `工作表 ${n(/sheet(\d+)/)}`;
  if (path === "xl/sharedStrings.xml") return "表格中的文字";
  if (/^ppt\/slides\/slide\d+\.xml$/.test(path)) return `第 ${n(/slide(\d+)/)} 张幻灯片`;
  if (/^ppt\/notesSlides\//.test(path)) return `第 ${n(/notesSlide(\d+)/)} 张幻灯片的备注`;
  if (/^word\/(header|footer)\d*\.xml$/.test(path)) return "页眉或页脚";
  if (/^word\/(comments|footnotes|endnotes)\.xml$/.test(path)) return "批注或脚注";
  if (/comments?\d*\.xml$/.test(path)) return "批注";
  if (/^docProps\//.test(path)) return "文件属性（作者、单位等）";
  const page = /\/Pages\/Page_(\d+)\//.exec(path)?.[1];
  if (page !== undefined) return `第 ${Number(page) + 1} 页`;
  return "";
}

/** A package's text and its links (a relationship's target may be a tel: link). */
const XML_PART = /\.(xml|rels)$/i;
/** Files embedded in a package (Office keeps them in an embeddings folder); other binary parts are pictures and printer settings. */
const EMBEDDED = /(^|\/)embeddings\/[^/]+$/i;

const ZIP = /^PK\x03\x04/;
const PDF = /%PDF-/;
/** Office 97-2003 and WPS's own formats: a compound file whose text this site cannot read reliably. */
const OLE = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

/** What a PDF annotation may say: its text, its author, its link, a form field's value. */
interface PdfAnnotation {
  contentsObj?: { str?: string };
  titleObj?: { str?: string };
  url?: string;
  unsafeUrl?: string;
  fieldValue?: unknown;
}

const latin1 = (bytes: Uint8Array, length: number) => Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(length, bytes.byteLength)).toString("latin1");

/** Reads the text of `bytes` (a file called `name`, `depth` files deep). */
async function read(name: string, bytes: Uint8Array, depth: number): Promise<AttachmentText> {
  const head = latin1(bytes, 1024);
  if (ZIP.test(head)) return readPackage(name, bytes, depth);
  if (PDF.test(head)) return readPdf(name, bytes, depth);
  if (head.startsWith(OLE))
    return { problem: `“${name}”是 Office 97-2003 或 WPS 旧格式文件，无法自动检查其中有没有身份证号、手机号：请用 Office 或 WPS“另存为” .docx、.xlsx、.pptx 或 PDF 后重新上传` };
  return { problem: `无法读取“${name}”中的文字（不是 PDF、Office 或 OFD 文件）` };
}

/** An Office Open XML (.docx .xlsx .pptx) or OFD package: every XML part, and the packages embedded in it. */
async function readPackage(name: string, bytes: Uint8Array, depth: number): Promise<AttachmentText> {
  let unpacked = 0;
  let count = 0;
  let tooBig = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        count++;
        unpacked += file.originalSize;
        if (count > MAX_PACKED_FILES || unpacked > MAX_UNPACKED_BYTES) tooBig = true;
        return !tooBig && (XML_PART.test(file.name) || EMBEDDED.test(file.name));
      },
    });
  } catch {
    return { problem: `“${name}”已损坏，无法读取其中的文字：请重新保存后上传` };
  }
  if (tooBig) return { problem: `“${name}”解压后过大（超过 ${MAX_UNPACKED_BYTES / 1048576} MB 或 ${MAX_PACKED_FILES} 个部分），无法检查：请拆分或另存为 PDF 后上传` };
  const parts: AttachmentPart[] = [];
  for (const [path, content] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    if (XML_PART.test(path)) {
      parts.push({ place: packagePlace(path), readings: xmlReadings(new TextDecoder().decode(content)) });
      continue;
    }
    const inner = path.split("/").pop() ?? path;
    if (depth >= MAX_DEPTH) return { problem: `“${name}”中嵌入的文件层次过深，无法检查：请把内容直接粘贴进文件，或另存为 PDF 后上传` };
    const embedded = await read(inner, content, depth + 1);
    if ("problem" in embedded) return { problem: `“${name}”中嵌入的文件：${embedded.problem}` };
    parts.push(...embedded.parts.map((p) => ({ place: `嵌入的“${inner}”${p.place}`, readings: p.readings })));
  }
  return { parts };
}

/**
 * Whether a PDF's compressed streams unpack to more than MAX_UNPACKED_BYTES in all (a decompression bomb: a few
 * megabytes that pdf.js would unpack into gigabytes of memory), measured stream by stream with that limit before
 * pdf.js reads the file. Streams that are not deflated (JPEG pictures) or are damaged are left to pdf.js.
 */
export function pdfUnpacksTooBig(bytes: Uint8Array, limit = MAX_UNPACKED_BYTES): boolean {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let budget = limit;
  for (let at = pdf.indexOf("stream", 0, "latin1"); at >= 0; at = pdf.indexOf("stream", at, "latin1")) {
    let start = at + "stream".length;
    // "endstream" ends a stream, it does not start one.
    if (pdf.toString("latin1", at - 3, at) === "end") {
      at = start;
      continue;
    }
    if (pdf[start] === 0x0d) start++;
    if (pdf[start] === 0x0a) start++;
    const end = pdf.indexOf("endstream", start, "latin1");
    if (end < 0) return false;
    try {
      budget -= inflateSync(pdf.subarray(start, end), { maxOutputLength: budget + 1 }).length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return true;
    }
    if (budget < 0) return true;
    at = end + "endstream".length;
  }
  return false;
}

/** A PDF: the text of each page, and of the files attached to it. */
async function readPdf(name: string, bytes: Uint8Array, depth: number): Promise<AttachmentText> {
  if (pdfUnpacksTooBig(bytes)) return { problem: `“${name}”解压后过大（超过 ${MAX_UNPACKED_BYTES / 1048576} MB），无法检查：请重新导出 PDF 或拆分后上传` };
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: pdf.js takes the buffer over, and the caller keeps its bytes (they are published).
    doc = await getDocumentProxy(new Uint8Array(bytes), { stopAtErrors: false, verbosity: 0 });
  } catch (error) {
    if (error instanceof Error && error.name === "PasswordException") return { problem: `“${name}”设有打开密码，无法检查其中的文字：请去掉密码后重新上传` };
    return { problem: `“${name}”已损坏，无法读取其中的文字：请重新导出 PDF 后上传` };
  }
  try {
    const parts: AttachmentPart[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const items = (await page.getTextContent()).items.flatMap((item) => ("str" in item ? [{ str: item.str, eol: item.hasEOL }] : []));
      parts.push({ place: `第 ${n} 页`, readings: [items.map((i) => i.str + (i.eol ? "\n" : "")).join(""), items.map((i) => i.str).join("\n|\n")] });
      // Comments, links (a tel: link) and form fields the page carries besides its text.
      const notes = ((await page.getAnnotations()) as PdfAnnotation[]).flatMap((a) => [a.contentsObj?.str, a.titleObj?.str, a.url, a.unsafeUrl, typeof a.fieldValue === "string" ? a.fieldValue : undefined]);
      if (notes.some(Boolean)) parts.push({ place: `第 ${n} 页的批注、链接或表单`, readings: [notes.filter(Boolean).join("\n|\n")] });
      page.cleanup();
    }
    for (const [key, file] of (await doc.getAttachments()) ?? []) {
      const inner = file.filename || key;
      const content = await doc.getAttachmentContent(key);
      if (!content) continue;
      if (depth >= MAX_DEPTH) return { problem: `“${name}”中附带的文件层次过深，无法检查：请把附带的文件单独上传` };
      const embedded = await read(inner, content, depth + 1);
      if ("problem" in embedded) return { problem: `“${name}”中附带的文件：${embedded.problem}` };
      parts.push(...embedded.parts.map((p) => ({ place: `附带的“${inner}”${p.place}`, readings: p.readings })));
    }
    const textless = doc.numPages > 0 && parts.every((p) => !/[\p{L}\p{N}]/u.test(p.readings[0] ?? ""));
    return textless ? { parts, textless } : { parts };
  } catch {
    return { problem: `“${name}”已损坏，无法读取其中的文字：请重新导出 PDF 后上传` };
  } finally {
    await doc.loadingTask.destroy();
  }
}

/** The text of an attachment named `name`, part by part, or why it cannot be read. */
export function attachmentText(name: string, bytes: Uint8Array): Promise<AttachmentText> {
  return read(name, bytes, 0);
}

/** A number found in an attachment, and where. */
export interface AttachmentHit extends Pick<PersonalDataHit, "kind" | "value"> {
  place: string;
}

/** Full ID and mobile numbers in an attachment's text, each once with the first place it is in. */
export function attachmentPersonalData(parts: readonly AttachmentPart[]): AttachmentHit[] {
  const found = new Map<string, AttachmentHit>();
  for (const { place, readings } of parts)
    for (const reading of readings)
      for (const hit of findPersonalData(reading)) {
        const key = `${hit.kind}:${hit.value}`;
        if (!found.has(key)) found.set(key, { kind: hit.kind, value: hit.value, place });
      }
  return [...found.values()];
}

import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { strToU8, zipSync } from "fflate";
import { attachmentTextCheck } from "../../../src/lib/content/attachments.ts";
import { pdfUnpacksTooBig, xmlReadings } from "../../../src/lib/content/attachment-text.ts";
import { loadContent } from "../../../src/lib/content/load.ts";
import { ContentError } from "../../../src/lib/content/problems.ts";
import { bombPdf, docx, FULL_ID, MOBILE, ofd, pdf, pptx, xlsx } from "../../fixtures/documents.ts";

const split = (n: string, ...at: number[]) => [0, ...at].map((start, i) => n.slice(start, at[i] ?? n.length));
const picture = () => sharp({ create: { width: 200, height: 100, channels: 3, background: "#ddd" } }).png().toBuffer();
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array<number>(504).fill(0)]);

/** Where the number is and how it is written: every one is refused, with the place it is in. */
const LEAKS: { name: string; file: () => Promise<Uint8Array> | Uint8Array; file_name: string; found: string[] }[] = [
  { name: "a mobile number in a PDF table, its row number in the cell before", file_name: "报名表.pdf", file: () => pdf([[["序号", "姓名", "电话"], ["1", "张三", MOBILE]]]), found: ["（第 1 页）含手机号码（139…）"] },
  { name: "a mobile number drawn in three runs with spaces (139 1234 5678)", file_name: "名单.pdf", file: () => pdf([[["联系人"]], [split(MOBILE, 3, 7)]]), found: ["（第 2 页）含手机号码（139…）"] },
  { name: "a full ID in full-width digits", file_name: "名单.pdf", file: () => pdf([[["身份证号：", FULL_ID.normalize("NFKC").replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))]]]), found: ["（第 1 页）含完整身份证号（110101…）"] },
  { name: "a PDF with a spreadsheet attached inside it", file_name: "通知.pdf", file: async () => pdf([[["见附带的报名表"]]], { attach: { "报名表.xlsx": xlsx([["电话"], [Number(MOBILE)]]) } }), found: ["（附带的“报名表.xlsx”工作表 1）含手机号码"] },
  { name: "a comment on a PDF page", file_name: "通知.pdf", file: () => pdf([[["通知"]]], { notes: [`请联系王老师 ${MOBILE}`] }), found: ["（第 1 页的批注、链接或表单）含手机号码"] },
  { name: "a tel: link on a PDF page", file_name: "通知.pdf", file: () => pdf([[["点击拨打电话"]]], { links: [`tel:+86${MOBILE}`] }), found: ["（第 1 页的批注、链接或表单）含手机号码"] },
  { name: "a Word paragraph whose number is split across runs", file_name: "通知.docx", file: () => docx([["联系电话：", "1391", "2345", "678"]]), found: ["附件“files/通知.docx”含手机号码（139…）"] },
  { name: "an ID in the Word run after a run holding a number", file_name: "名单.docx", file: () => docx([["序号 ", "2", FULL_ID]]), found: ["含完整身份证号（110101…）"] },
  { name: "a tel: link in a Word document's relationships", file_name: "通知.docx", file: () => docx([["咨询电话"]], { "word/_rels/document.xml.rels": strToU8(`<Relationships><Relationship Id="rId9" Target="tel:${MOBILE}" TargetMode="External"/></Relationships>`) }), found: ["含手机号码（139…）"] },
  { name: "a number cell of a spreadsheet", file_name: "报名表.xlsx", file: () => xlsx([["序号", "电话"], [1, Number(MOBILE)]]), found: ["（工作表 1）含手机号码（139…）"] },
  { name: "a text cell of a spreadsheet (its shared strings)", file_name: "报名表.xlsx", file: () => xlsx([["身份证号"], [FULL_ID]]), found: ["（表格中的文字）含完整身份证号"] },
  { name: "a document's author property", file_name: "通知.docx", file: () => docx([["正文"]], { "docProps/app.xml": strToU8(`<Properties><Manager>王五 ${MOBILE}</Manager></Properties>`) }), found: ["（文件属性（作者、单位等））含手机号码"] },
  { name: "the third slide of a presentation", file_name: "培训.pptx", file: () => pptx(["培训", "议程", `报名：${MOBILE}`]), found: ["（第 3 张幻灯片）含手机号码"] },
  { name: "an OFD page drawn a character at a time", file_name: "通知.ofd", file: () => ofd(`电话${MOBILE}`), found: ["（第 1 页）含手机号码"] },
  { name: "a spreadsheet embedded in a Word document", file_name: "通知.docx", file: () => docx([["见下表"]], { "word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx([[MOBILE]]) }), found: ["（嵌入的“Microsoft_Excel_Worksheet.xlsx”表格中的文字）含手机号码"] },
];

describe("attachments: a full ID or mobile number anywhere in the file is refused, with where it is", () => {
  it.each(LEAKS)("$name", async ({ file, file_name, found }) => {
    const { problems, warning } = await attachmentTextCheck(`files/${file_name}`, await file());
    expect(problems.length, problems.join("\n")).toBeGreaterThan(0);
    for (const part of found) expect(problems.join("\n")).toContain(part);
    expect(problems.join("\n")).toContain(`附件“files/${file_name}”`);
    // The number itself is never repeated whole in the message.
    expect(problems.join("\n")).not.toContain(MOBILE);
    expect(problems.join("\n")).not.toContain(FULL_ID.slice(0, 14));
    expect(warning).toBeUndefined();
  });

  it("names three numbers and counts the rest", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => [`志愿者${i}`, `1391234567${i}`]);
    const { problems } = await attachmentTextCheck("files/名单.xlsx", xlsx(rows));
    expect(problems).toHaveLength(4);
    expect(problems[3]).toBe("附件“files/名单.xlsx”中还有 2 处身份证号或手机号，同样须删除");
  });
});

describe("attachments whose text holds no personal data are accepted", () => {
  it.each([
    { name: "dates, a landline, a masked ID, counts", file: () => pdf([[["2026年11月30日", "电话 010-12345678"], ["身份证号 110101********1234"], ["报名人数", "12345678901234567890"]]]) },
    { name: "a mobile number with a digit missing, and a wrong ID check character", file: () => pdf([[["1391234567"], [`${FULL_ID.slice(0, 17)}${FULL_ID[17] === "0" ? "1" : "0"}`]]]) },
    { name: "a Word document", file: () => docx([["各新时代文明实践站："], ["请于 2026-12-10 前报送名单。"]]) },
    { name: "a spreadsheet with printer settings and numbers side by side", file: () => xlsx([[2026, 11, 30], [139, 12345678]], { "xl/printerSettings/printerSettings1.bin": new Uint8Array([1, 2, 3, 4]) }) },
    { name: "an OFD", file: () => ofd("关于开展志愿服务的通知") },
  ])("$name", async ({ file }) => {
    expect(await attachmentTextCheck("files/a", await file())).toEqual({ problems: [] });
  });
});

describe("attachments whose text cannot be read are refused, or flagged when they are scans", () => {
  it.each([
    { name: "a Word 97-2003 file", file_name: "通知.doc", file: () => OLE, says: "Office 97-2003 或 WPS 旧格式文件，无法自动检查" },
    { name: "a WPS spreadsheet", file_name: "名单.et", file: () => OLE, says: "“另存为” .docx、.xlsx、.pptx 或 PDF" },
    { name: "a PDF with an opening password", file_name: "名单.pdf", file: () => pdf([[["名单"]]], { password: "123" }), says: "设有打开密码" },
    { name: "a damaged PDF", file_name: "通知.pdf", file: () => Buffer.from("%PDF-1.7\n1 0 obj broken"), says: "已损坏" },
    { name: "a Word document with an old embedded object", file_name: "通知.docx", file: () => docx([["见附表"]], { "word/embeddings/oleObject1.bin": OLE }), says: "嵌入的文件：“oleObject1.bin”是 Office 97-2003" },
    { name: "a PDF whose few kilobytes unpack into 300 MB (a decompression bomb)", file_name: "通知.pdf", file: () => bombPdf(300 * 1024 * 1024), says: "解压后过大（超过 256 MB）" },
    { name: "a package of more parts than any document has (a zip bomb's shape)", file_name: "大.docx", file: () => zipSync(Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`word/p${i}.xml`, strToU8("<a/>")]))), says: "解压后过大" },
  ])("$name", async ({ file_name, file, says }) => {
    const { problems } = await attachmentTextCheck(`files/${file_name}`, await file());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(says);
    expect(problems[0]).toContain(`files/${file_name}`);
  });

  it("publishes a scanned PDF (pictures, no text) with a warning to check it by eye", async () => {
    const scan = await pdf([[{ picture: await picture() }], [{ picture: await picture() }]]);
    expect(await attachmentTextCheck("files/扫描件.pdf", scan)).toEqual({ problems: [], warning: "附件“files/扫描件.pdf”没有可读取的文字（可能是扫描件），无法自动检查其中有没有身份证号、手机号：发布前请人工核对" });
  });
});

describe("a PDF's unpacked size is measured before pdf.js unpacks it", () => {
  it.each([
    { name: "a real PDF", file: () => pdf([[["关于开展志愿服务的通知"]]]), limit: 1024 * 1024, tooBig: false },
    { name: "a stream just within the limit", file: () => bombPdf(1000), limit: 1000, tooBig: false },
    { name: "a stream one byte over", file: () => bombPdf(1001), limit: 1000, tooBig: true },
    { name: "streams that add up to more than the limit", file: () => bombPdf(600, 2), limit: 1000, tooBig: true },
  ])("$name", async ({ file, limit, tooBig }) => {
    expect(pdfUnpacksTooBig(await file(), limit)).toBe(tooBig);
  });
});

describe("an XML part is read joined and piece by piece", () => {
  it.each([
    ["runs of one paragraph join; paragraphs and cells stay apart", "<w:p><w:r><w:t>13</w:t></w:r><w:r><w:t>9</w:t></w:r></w:p><w:p><w:t>1</w:t></w:p>", "139\n|\n1\n|\n"],
    ["entities are decoded", "<a:t>&lt;&#x5F20;&#19977;&amp;&gt;</a:t>", "<张三&>"],
  ])("%s", (_name, xml, joined) => {
    expect(xmlReadings(xml)[0]).toBe(joined);
  });
});

describe("the content check reads every notice's attachments", () => {
  const withAttachment = (bytes: Uint8Array) => {
    const root = mkdtempSync(join(tmpdir(), "attachment-"));
    cpSync("content", root, { recursive: true });
    writeFileSync(join(root, "news/files/zhiyuanzhe-baoming-biao.pdf"), bytes);
    return root;
  };
  it("refuses a notice whose attached PDF holds a mobile number, naming the notice, its field and the page", async () => {
    const root = withAttachment(await pdf([[["志愿者报名表"], ["联系人", "王老师", MOBILE]]]));
    const error = await loadContent(root, "2026-11-22").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual([
      { file: `${basename(root)}/news/2026-11-zhiyuanzhe-zhaomu.md`, field: "attachments.0.file", message: "附件“files/zhiyuanzhe-baoming-biao.pdf”（第 1 页）含手机号码（139…），不得公开：请在原文件中删除或改用单位座机，再重新上传" },
    ]);
  });
  it("publishes a scanned attachment with a warning naming the notice", async () => {
    const root = withAttachment(await pdf([[{ picture: await picture() }]]));
    const content = await loadContent(root, "2026-11-22");
    expect(content.warnings).toContain(`${basename(root)}/news/2026-11-zhiyuanzhe-zhaomu.md：附件“files/zhiyuanzhe-baoming-biao.pdf”没有可读取的文字（可能是扫描件），无法自动检查其中有没有身份证号、手机号：发布前请人工核对`);
  });
});

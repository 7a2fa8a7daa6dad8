/**
 * Files uploaded in content forms (src/studio/uploads.ts): the names
 * attachments are stored under, whatever a computer calls them; a name never
 * taking another file's place; covers stored upright and without metadata.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { contentFile } from "../../../src/schemas/common.ts";
import { ATTACHMENT_EXTENSION } from "../../../src/schemas/news.ts";
import { ContentStore } from "../../../src/studio/store.ts";
import { MOBILE, pdf } from "../../fixtures/documents.ts";
import { attachmentName, freePath, processLibraryImage, processPicture, uploadedAttachmentProblem } from "../../../src/studio/uploads.ts";
import { MAX_ATTACHMENT_BYTES } from "../../../src/lib/content/attachments.ts";

describe("an uploaded attachment's stored name", () => {
  it.each([
    ["志愿者报名表.docx", "志愿者报名表.docx", "志愿者报名表"],
    ["关于开展文明交通劝导活动的通知.PDF", "关于开展文明交通劝导活动的通知.pdf", "关于开展文明交通劝导活动的通知"],
    ["C:\\Users\\文明办\\桌面\\通知 (1).pdf", "通知 (1).pdf", "通知 (1)"],
    ["/home/staff/下载/名单.xlsx", "名单.xlsx", "名单"],
    ["../../etc/passwd.pdf", "passwd.pdf", "passwd"],
    ["..pdf", "附件.pdf", "附件"],
    [".DOCX", "附件.docx", "附件"],
    ["#1 通知?.pdf", "1 通知.pdf", "1 通知"],
    ["100%完成&表彰=名单.xlsx", "100-完成-表彰-名单.xlsx", "100-完成-表彰-名单"],
    ["通知\u202Efdp.exe.pdf", "通知-fdp.exe.pdf", "通知-fdp.exe"],
    ["通知\u0000\u0007.pdf", "通知.pdf", "通知"],
    ["  多个   空格  .wps", "多个 空格.wps", "多个 空格"],
    [`${"很".repeat(80)}.ofd`, `${"很".repeat(60)}.ofd`, "很".repeat(60)],
    ["e\u0301cole.pdf", "\u00e9cole.pdf", "\u00e9cole"],
  ])("%j → %j", (uploaded, name, title) => {
    expect(attachmentName(uploaded)).toEqual({ name, title });
  });

  it.each([["程序.exe"], ["页面.html"], ["脚本.pdf.js"], ["无扩展名"], ["压缩包.zip"], ["图片.jpg"]])("%j is refused, naming what was received", (uploaded) => {
    const named = attachmentName(uploaded);
    expect(named).toEqual({ error: expect.stringContaining(`附件“${uploaded}”的类型`) as string });
  });

  // Property: whatever the upload was called, the stored path passes the loader's own rule for an attachment's path.
  const rule = contentFile("files/x.pdf", ATTACHMENT_EXTENSION, "");
  const pieces = ["通知", " ", "..", "/", "\\", "#", "?", "%", "&", "\u0000", "\u202E", "名单", "a", ".", "-", "~", "$", "'", "《", "》", "（", "）", "\t"];
  it("any name made of awkward pieces becomes a path the loader accepts, in files/", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const stem = Array.from({ length: 1 + (next() % 12) }, () => pieces[next() % pieces.length]).join("");
      const ext = [".pdf", ".DOCX", ".xls", ".ofd"][next() % 4] ?? ".pdf";
      const named = attachmentName(`${stem}${ext}`);
      if ("error" in named) throw new Error(`${stem}${ext}: ${named.error}`);
      expect(rule.safeParse(`files/${named.name}`).success, `${JSON.stringify(stem + ext)} → ${named.name}`).toBe(true);
      expect(named.name).not.toMatch(/^[.\s-]|[\\/]/);
    }
  });

  it("an attachment over the limit is refused by its size before its content is looked at", async () => {
    expect(await uploadedAttachmentProblem("大文件.pdf", Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x25))).toContain("过大");
    expect(await uploadedAttachmentProblem("通知.pdf", await pdf([[["关于开展志愿服务的通知"]]]))).toBeUndefined();
  });
  it("an attachment with a mobile number in it is refused when it is uploaded, saying where", async () => {
    expect(await uploadedAttachmentProblem("报名表.pdf", await pdf([[["报名电话"]], [["1", MOBILE]]]))).toBe(
      "附件“报名表.pdf”（第 2 页）含手机号码（139…），不得公开：请在原文件中删除或改用单位座机，再重新上传",
    );
  });
});

describe("an upload never takes another file's place", () => {
  const root = mkdtempSync(join(tmpdir(), "uploads-"));
  mkdirSync(join(root, "news/files"), { recursive: true });
  writeFileSync(join(root, "news/files/通知.pdf"), "%PDF-1.7 old");
  writeFileSync(join(root, "news/files/通知-2.pdf"), "%PDF-1.7 other");
  const store = new ContentStore(root);
  it.each([
    ["a free name is used as it is", "名单.xlsx", "%PDF", new Set<string>(), "news/files/名单.xlsx"],
    ["the same bytes under the same name are the same file", "通知.pdf", "%PDF-1.7 old", new Set<string>(), "news/files/通知.pdf"],
    ["other bytes under a taken name get the next free number", "通知.pdf", "%PDF-1.7 new", new Set<string>(), "news/files/通知-3.pdf"],
    ["a name chosen earlier in the same save is taken", "名单.xlsx", "%PDF", new Set(["news/files/名单.xlsx"]), "news/files/名单-2.xlsx"],
  ])("%s", async (_what, name, bytes, taken, path) => {
    expect(await freePath(store, "news/files", name, Buffer.from(bytes), taken)).toBe(path);
  });
});

describe("a news cover is stored upright, uncropped, without its metadata", () => {
  it("a phone photo turned by its EXIF orientation, with its GPS position", async () => {
    const phone = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#3a7" } })
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Make: "PhoneMaker" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "39/1 54/1 0/1" } } })
      .toBuffer();
    const sent = await sharp(phone).metadata();
    expect([sent.orientation, sent.exif?.includes("PhoneMaker")]).toEqual([6, true]);
    const stored = await processPicture(phone, "封面图片");
    if ("error" in stored) throw new Error(stored.error);
    const meta = await sharp(stored.data).metadata();
    expect([meta.format, meta.width, meta.height, meta.orientation, meta.exif]).toEqual(["jpeg", 1200, 1600, undefined, undefined]);
  });

  it.each([
    ["not a picture", Buffer.from("<script>alert(1)</script>"), "无法识别的图片：文件内容不是 JPG、PNG 或 WebP 封面图片"],
    ["too small", null, "封面图片太小：200×150 像素"],
  ])("%s: refused, in the cover's own words", async (_what, bytes, message) => {
    const input =
      bytes ??
      (await sharp({ create: { width: 200, height: 150, channels: 3, background: "#fff" } })
        .png()
        .toBuffer());
    expect(await processPicture(input, "封面图片")).toEqual({ error: expect.stringContaining(message) as string });
  });
});

describe("a picture for the image library is judged by its content and keeps what a poster needs", () => {
  const rgba = () => sharp({ create: { width: 320, height: 200, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.5 } } });
  it.each([
    ["a PNG logo keeps its transparency and its format", "合作单位 标识.PNG", () => rgba().png().toBuffer(), "合作单位 标识.png", "png", true],
    ["a JPG named .png is stored as what it is", "照片.png", () => rgba().flatten().jpeg().toBuffer(), "照片.jpg", "jpeg", false],
    ["a WebP stays WebP", "插图.webp", () => rgba().webp().toBuffer(), "插图.webp", "webp", true],
    ["a path from the client keeps only its last part", "C:\\图片\\..\\..\\清明.jpg", () => rgba().flatten().jpeg().toBuffer(), "清明.jpg", "jpeg", false],
  ])("%s", async (_what, uploaded, make, name, format, alpha) => {
    const stored = await processLibraryImage(await make(), uploaded);
    if ("error" in stored) throw new Error(stored.error);
    const meta = await sharp(stored.data).metadata();
    expect([stored.name, meta.format, meta.hasAlpha, meta.width]).toEqual([name, format, alpha, 320]);
  });

  it("a phone photo is turned upright, keeps every pixel, and loses its metadata", async () => {
    const phone = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#357" } })
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Make: "PhoneMaker" } } })
      .toBuffer();
    const stored = await processLibraryImage(phone, "IMG_1024.JPG");
    if ("error" in stored) throw new Error(stored.error);
    const meta = await sharp(stored.data).metadata();
    expect([stored.name, meta.width, meta.height, meta.orientation, meta.exif]).toEqual(["IMG_1024.jpg", 3000, 4000, undefined, undefined]);
  });

  it.each([
    ["an SVG without script is kept as it is", "徽标.svg", '<?xml version="1.0"?>\n<!-- 徽标 -->\n<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>', { name: "徽标.svg" }],
    ["an SVG with a script is refused", "a.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', { error: "SVG 含脚本或外部引用" }],
    ["an SVG named .png is still an SVG, and refused for its handler", "b.png", '<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>', { error: "SVG 含脚本或外部引用" }],
    ["a web page named .jpg is refused", "c.jpg", "<html><body>x</body></html>", { error: "无法识别的图片“c.jpg”" }],
    ["an empty-named file gets a name", ".png", '<svg xmlns="http://www.w3.org/2000/svg"/>', { name: "图片.svg" }],
  ])("%s", async (_what, uploaded, text, expected) => {
    const stored = await processLibraryImage(Buffer.from(text), uploaded);
    if ("error" in expected) expect(stored).toEqual({ error: expect.stringContaining(expected.error) as string });
    else expect(stored).toEqual({ name: expected.name, data: Buffer.from(text) });
  });

  it("a picture over 10 MB is refused by its size", async () => {
    expect(await processLibraryImage(Buffer.alloc(10 * 1024 * 1024 + 1), "大.jpg")).toEqual({ error: expect.stringContaining("图片“大.jpg”过大") as string });
  });
});

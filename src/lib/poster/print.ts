/**
 * Print files a print shop's preflight accepts (PDF/X-4 structure):
 * - no transparency: Satori's overflow masks become clipping paths (they
 *   are white rectangles, i.e. clips), and the designs use only solid colours
 *   (an opacity left in a print SVG is an internal error, not a faded print);
 *   photos and logos are flattened before they are embedded;
 * - an output intent with an embedded CMYK printer profile, RGB content
 *   tagged sRGB through the page's DefaultRGB colour space;
 * - TrimBox and BleedBox on every page; sizes with bleed (lightboxes) get a
 *   slug outside the bleed with crop marks;
 * - fixed dates and ID, so the same poster is the same file in every build.
 * The CMYK PDF on request is the print raster converted to CMYK with the same
 * profile, in a PDF with the same boxes and intent.
 */
import { deflateSync } from "node:zlib";
import { cmyk, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, type PDFPage, type PDFRef } from "pdf-lib";
import sharp, { type Sharp } from "sharp";
import type { PosterSize } from "./sizes.ts";

const MM = 72 / 25.4;
/** White margin outside the bleed that carries the crop marks. */
export const SLUG_MM = 10;
const MARK_MM = 5;

const MASK = /<mask id="([^"]+)">([\s\S]*?)<\/mask>/g;
/** A mask's white rectangle, optionally followed by black strokes (Satori's border mask: the box inside its border). */
const WHITE_RECT = /^(<rect x="[\d.-]+" y="[\d.-]+" width="[\d.]+" height="[\d.]+" fill="#fff"\/>)((?:<path [^>]*fill="none" stroke="#000"[^>]*\/>)*)$/;

/** The print SVG: masks that are white rectangles become clipping paths; anything else that would be transparency is refused. */
export function flattenForPrint(svg: string): string {
  const clips: string[] = [];
  let out = svg.replace(MASK, (_whole, id: string, body: string) => {
    const m = WHITE_RECT.exec(body.trim());
    if (!m?.[1]) throw new Error(`印刷文件不能含透明效果：版式中的蒙版 ${id} 不是矩形裁切（${body.slice(0, 80)}）`);
    // A border mask only keeps the content off the border, which the designs' content never reaches: the rectangle alone clips the same.
    clips.push(`<clipPath id="${id}">${m[1].replace(/ fill="#fff"/, "")}</clipPath>`);
    return "";
  });
  out = out.replace(/mask="url\(#([^)]+)\)"/g, 'clip-path="url(#$1)"');
  // An element clipped by Satori and masked carries two clip-path attributes now: nest the second in a group.
  out = out.replace(
    /<(\w+)([^>]*?) clip-path="url\(#([^)]+)\)"([^>]*?) clip-path="url\(#([^)]+)\)"([^>]*?)(\/?)>/g,
    (_m, tag: string, a: string, first: string, b: string, second: string, c: string, close: string) =>
      close ? `<g clip-path="url(#${second})"><${tag}${a} clip-path="url(#${first})"${b}${c}/></g>` : `<g clip-path="url(#${second})"><${tag}${a} clip-path="url(#${first})"${b}${c}>`,
  );
  if (/\s(fill-opacity|stroke-opacity|opacity)="(?!1")/.test(out) || /<(linearGradient|radialGradient|filter|mask)\b/.test(out)) {
    const what = /\s(fill-opacity|stroke-opacity|opacity)="[^"]*"|<(linearGradient|radialGradient|filter|mask)\b/.exec(out)?.[0] ?? "";
    throw new Error(`印刷文件不能含透明效果：版式使用了 ${what.trim()}`);
  }
  return clips.length ? out.replace(/(<svg[^>]*>)/, `$1<defs>${clips.join("")}</defs>`) : out;
}

let profiles: Promise<{ srgb: Buffer; cmyk: Buffer }> | undefined;

/** The sRGB and CMYK (printer, `prtr`) ICC profiles libvips ships with sharp, read back from a tiny image tagged with each. */
export function iccProfiles(): Promise<{ srgb: Buffer; cmyk: Buffer }> {
  profiles ??= Promise.all(
    (["srgb", "cmyk"] as const).map(async (p) => {
      const tagged = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#ffffff" } })
        .withIccProfile(p)
        .jpeg()
        .toBuffer();
      const icc = (await sharp(tagged).metadata()).icc;
      if (!icc) throw new Error(`sharp 没有内置 ${p} 色彩配置文件`);
      return icc;
    }),
  ).then(([srgb, cmyk]) => ({ srgb: srgb as Buffer, cmyk: cmyk as Buffer }));
  return profiles;
}

/** The description of an ICC profile (its `desc` tag), for the output condition. */
export function iccDescription(icc: Buffer): string {
  const count = icc.readUInt32BE(128);
  for (let i = 0; i < count; i++) {
    const at = 132 + i * 12;
    if (icc.toString("latin1", at, at + 4) !== "desc") continue;
    const offset = icc.readUInt32BE(at + 4);
    const type = icc.toString("latin1", offset, offset + 4);
    if (type === "desc") return icc.toString("latin1", offset + 12, offset + 12 + icc.readUInt32BE(offset + 8) - 1);
    if (type === "mluc") {
      const length = icc.readUInt32BE(offset + 20);
      const start = offset + icc.readUInt32BE(offset + 24);
      return Buffer.from(icc.subarray(start, start + length))
        .swap16()
        .toString("utf16le");
    }
  }
  return "CMYK";
}

/** Compressed profile streams, made once per process: the CMYK profile is ~1 MB. */
const streams = new Map<string, Buffer>();
function compressed(name: string, icc: Buffer): Buffer {
  let s = streams.get(name);
  if (!s) {
    s = deflateSync(icc, { level: 6 });
    streams.set(name, s);
  }
  return s;
}

function iccStream(doc: PDFDocument, name: string, icc: Buffer, channels: number): PDFRef {
  const dict = doc.context.obj({ N: channels, Filter: "FlateDecode", Length: compressed(name, icc).length });
  return doc.context.register(PDFRawStream.of(dict, compressed(name, icc)));
}

const FIXED_DATE = new Date("2020-01-01T00:00:00Z");

function xmp(title: string): string {
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title.replace(/[<&]/g, "")}</rdf:li></rdf:Alt></dc:title>
<xmp:CreateDate>2020-01-01T00:00:00Z</xmp:CreateDate><xmp:ModifyDate>2020-01-01T00:00:00Z</xmp:ModifyDate><xmp:MetadataDate>2020-01-01T00:00:00Z</xmp:MetadataDate>
<xmp:CreatorTool>wenming</xmp:CreatorTool><pdf:Producer>wenming</pdf:Producer><pdf:Trapped>False</pdf:Trapped>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`;
}

/** Crop marks at the trim's corners, starting 1 mm outside the bleed, in registration black. */
export function drawCropMarks(page: PDFPage, trim: { x: number; y: number; width: number; height: number }, bleed: number): void {
  const mark = { thickness: 0.25, color: cmyk(1, 1, 1, 1) };
  const gap = bleed + 1 * MM;
  const length = MARK_MM * MM;
  for (const x of [trim.x, trim.x + trim.width]) {
    for (const y of [trim.y, trim.y + trim.height]) {
      const dx = x === trim.x ? -1 : 1;
      const dy = y === trim.y ? -1 : 1;
      page.drawLine({ start: { x: x + dx * gap, y }, end: { x: x + dx * (gap + length), y }, ...mark });
      page.drawLine({ start: { x, y: y + dy * gap }, end: { x, y: y + dy * (gap + length) }, ...mark });
    }
  }
}

/** Physical size of a poster size in points: trim and bleed. */
export function physical(size: PosterSize): { width: number; height: number; bleed: number } {
  const print = size.print ?? { widthMm: size.width / 2.5, heightMm: size.height / 2.5, bleedMm: 0 };
  return { width: print.widthMm * MM, height: print.heightMm * MM, bleed: print.bleedMm * MM };
}

/**
 * The boxes of a poster page drawn at the origin at trim + bleed: BleedBox
 * that, TrimBox inside it; with bleed, a slug outside it (negative origin)
 * carrying the crop marks.
 */
function setPrintBoxes(page: PDFPage, size: PosterSize): void {
  const { width, height, bleed } = physical(size);
  const full = { width: width + 2 * bleed, height: height + 2 * bleed };
  const slug = bleed > 0 ? SLUG_MM * MM : 0;
  page.setMediaBox(-slug, -slug, full.width + 2 * slug, full.height + 2 * slug);
  page.setCropBox(-slug, -slug, full.width + 2 * slug, full.height + 2 * slug);
  page.setBleedBox(0, 0, full.width, full.height);
  page.setTrimBox(bleed, bleed, width, height);
  if (bleed > 0) drawCropMarks(page, { x: bleed, y: bleed, width, height }, bleed);
}

/**
 * Makes a one-page poster PDF (trim + bleed, drawn at the origin) a PDF/X-4
 * file: boxes, slug with crop marks when it has bleed, output intent,
 * DefaultRGB, XMP identification, fixed dates.
 */
export async function toPrintPdf(pdf: Uint8Array, size: PosterSize, title: string): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const { srgb, cmyk: printer } = await iccProfiles();
  const page = doc.getPage(0);
  // pdfkit and svg-to-pdfkit mark the page and each group as a transparency group; nothing inside
  // is transparent (flattenForPrint), so the groups are plain forms and a preflight sees none.
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFRawStream ? object.dict : undefined;
    dict?.delete(PDFName.of("Group"));
  }
  page.node.delete(PDFName.of("Group"));
  setPrintBoxes(page, size);
  const resources = page.node.Resources();
  if (resources) resources.set(PDFName.of("ColorSpace"), doc.context.obj({ DefaultRGB: [PDFName.of("ICCBased"), iccStream(doc, "srgb", srgb, 3)] }));
  addOutputIntent(doc, printer, title);
  return asPdf16(await doc.save({ useObjectStreams: false }));
}

/**
 * PDF/X-4 files are PDF 1.6. pdf-lib always writes a 1.7 header; nothing in
 * these files needs 1.7, and the header has the same length, so no offset moves.
 */
function asPdf16(bytes: Uint8Array): Buffer {
  const out = Buffer.from(bytes);
  if (out.toString("latin1", 0, 8) === "%PDF-1.7") out.write("%PDF-1.6", 0, "latin1");
  return out;
}

function addOutputIntent(doc: PDFDocument, printer: Buffer, title: string): void {
  const condition = iccDescription(printer);
  const intent = doc.context.obj({
    Type: "OutputIntent",
    S: "GTS_PDFX",
    OutputConditionIdentifier: PDFString.of(condition),
    OutputCondition: PDFString.of(condition),
    Info: PDFString.of(condition),
    RegistryName: PDFString.of("http://www.color.org"),
    DestOutputProfile: iccStream(doc, "cmyk", printer, 4),
  });
  doc.catalog.set(PDFName.of("OutputIntents"), doc.context.obj([doc.context.register(intent)]));
  const metadata = doc.context.stream(xmp(title), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(metadata));
  doc.setTitle(title);
  doc.setCreator("wenming");
  doc.setProducer("wenming");
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  // pdf-lib keeps the Info dictionary to itself: reach it through the trailer.
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of("GTS_PDFXVersion"), PDFString.of("PDF/X-4"));
  info.set(PDFName.of("Trapped"), PDFName.of("False"));
}

/** A CMYK PDF for print shops: the print raster converted with the printer profile, placed at physical size with the same boxes and intent. */
export async function cmykPdf(rgb: Sharp, size: PosterSize, title: string): Promise<Buffer> {
  const jpeg = await rgb.removeAlpha().withIccProfile("cmyk").jpeg({ quality: 92 }).toBuffer();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const { width, height, bleed } = physical(size);
  const page = doc.addPage([width + 2 * bleed, height + 2 * bleed]);
  page.drawImage(await doc.embedJpg(jpeg), { x: 0, y: 0, width: width + 2 * bleed, height: height + 2 * bleed });
  setPrintBoxes(page, size);
  addOutputIntent(doc, (await iccProfiles()).cmyk, title);
  return asPdf16(await doc.save({ useObjectStreams: false }));
}

/**
 * The booklet as one HTML document for Chromium's print engine: A5 pages,
 * a full-page cover, a table of contents, one named page per chapter (its
 * title becomes the running head), page numbers in the bottom margin box,
 * and Chinese line breaking that keeps closing punctuation off line starts
 * (`line-break: strict`).
 */
import type { Chapter, Section } from "./chapters.ts";

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** CSS string literal. */
const cssString = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

export interface PrintOptions {
  title: string;
  edition: string;
  issuer: string;
  /** Data URL or same-origin URL of the cover image (A5 portrait). */
  cover: string;
  /** Base URL the fonts are served from (see pdf.ts). */
  fontBase: string;
  /** Start page of each chapter, when known (the second pass); empty otherwise. */
  pages?: readonly number[];
}

function section(s: Section): string {
  const parts = [s.heading ? `<h2>${escape(s.heading)}</h2>` : ""];
  if (s.meta) parts.push(`<p class="meta">${escape(s.meta)}</p>`);
  for (const p of s.paragraphs ?? []) parts.push(`<p>${escape(p)}</p>`);
  if (s.ordered) parts.push(`<ol>${s.ordered.map((i) => `<li>${escape(i)}</li>`).join("")}</ol>`);
  for (const l of s.lists ?? []) parts.push(`<p class="label">${escape(l.label)}</p><ul>${l.items.map((i) => `<li>${escape(i)}</li>`).join("")}</ul>`);
  return `<section>${parts.join("")}</section>`;
}

export function printHtml(chapters: readonly Chapter[], o: PrintOptions): string {
  const fonts = ([400, 700] as const).map((w) => `@font-face{font-family:"Handbook Sans";font-weight:${w};src:url(${o.fontBase}${w}.ttf) format("truetype")}`).join("");
  const named = chapters.map((c, i) => `.ch${i}{page:ch${i}}@page ch${i}{@top-center{content:${cssString(c.title)}}}`).join("");
  const css = `${fonts}
@page{size:148mm 210mm;margin:18mm 15mm 18mm 15mm;@bottom-center{content:counter(page);font:9pt "Handbook Sans"}@top-center{font:8.5pt "Handbook Sans";color:#666}}
@page cover{margin:0;@bottom-center{content:none}@top-center{content:none}}
@page contents{@top-center{content:"目录"}}
${named}
html{font-family:"Handbook Sans",sans-serif;font-size:10.5pt;line-height:1.75;color:#111;line-break:strict;word-break:normal;overflow-wrap:anywhere;text-align:justify;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0}
.cover{page:cover;width:148mm;height:210mm;break-after:page;position:relative}
.cover img{width:148mm;height:210mm;display:block;object-fit:cover}
.contents{page:contents;break-after:page}
.contents ol{list-style:none;padding:0}
.contents li{display:flex;gap:2mm;margin:3mm 0}
.contents a{color:inherit;text-decoration:none}
.contents .dots{flex:1;border-bottom:1px dotted #888;margin-bottom:1.6mm}
.chapter{break-before:page}
h1{font-size:18pt;line-height:1.4;margin:0 0 6mm;color:#a8201a}
h2{font-size:12.5pt;margin:6mm 0 2mm;break-after:avoid}
p{margin:0 0 2mm;text-indent:2em}
p.meta,p.label{text-indent:0;color:#444;font-size:9.5pt}
p.label{font-weight:700;margin-top:2mm}
ol,ul{margin:0 0 2mm;padding-left:1.6em}
li{margin:0 0 1mm}
section{break-inside:auto}
`;
  const chapterHtml = (c: Chapter, i: number) => `<div class="chapter ch${i}" id="${c.id}"><h1>${escape(c.title)}</h1>${c.sections.map(section).join("")}</div>`;
  const toc = chapters.map((c, i) => `<li><a href="#${c.id}">${escape(c.title)}</a><span class="dots"></span><span class="page">${o.pages?.[i] ?? ""}</span></li>`).join("");
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(o.title)}</title><style>${css}</style></head><body>
<div class="cover"><img src="${escape(o.cover)}" alt=""></div>
<div class="contents"><h1>目录</h1><p class="meta">${escape(o.title)}（${escape(o.edition)}）· ${escape(o.issuer)}</p><ol>${toc}</ol></div>
${chapters.map(chapterHtml).join("\n")}
</body></html>`;
}

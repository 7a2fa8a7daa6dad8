/**
 * Poster designs. Each design lays itself out for the shape of the size
 * (tall, portrait, square, landscape, cover) rather than scaling one layout,
 * and fits its text with fitText — a text that cannot fit throws PosterError.
 */
import { h, img, type PosterElement, type PosterChild } from "./element.ts";
import { fitText, type FitBox } from "./fit.ts";
import type { PosterSize, Shape } from "./sizes.ts";

export type TemplateId = "slogan" | "etiquette" | "honour" | "share";

export interface Identity {
  city: string;
  signature: string;
  emblem: string;
  primary: string;
  accent: string;
  /** The office's logo (a PNG data URL with its size), drawn instead of the emblem. */
  logo?: { dataUrl: string; width: number; height: number };
}

export interface PosterInput {
  /** Name used in error messages, e.g. the ad id or "命令行". */
  name: string;
  template: TemplateId;
  slogan: string;
  sub?: string | undefined;
  /** Etiquette: scene label, dos and don'ts. */
  scene?: string | undefined;
  dos?: readonly string[] | undefined;
  donts?: readonly string[] | undefined;
  /** Honour: names (a batch) with their category. */
  people?: readonly { name: string; category: string }[] | undefined;
  /** Share cards: section label, e.g. 好人榜. */
  label?: string | undefined;
  /** Page the QR code points to (absolute URL); no QR code when absent. */
  qrUrl?: string | undefined;
  /** QR image as a data URL; the renderer fills it in from qrUrl. */
  qr?: string | undefined;
  identity: Identity;
}

export class PosterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PosterError";
  }
}

interface Frame {
  w: number;
  h: number;
  /** Unit: 1 % of the shorter side. */
  u: number;
  shape: Shape;
}

function fitted(input: PosterInput, size: PosterSize, what: string, text: readonly string[], box: FitBox, wrapLong = false) {
  const r = fitText(text, box, wrapLong);
  if (!r.ok) {
    throw new PosterError(
      `文字放不下：公益广告“${input.name}”的${what}“${text.join(" ")}”在尺寸 ${size.id}（${size.width}×${size.height}）上即使用最小字号 ${Math.round(box.min)}px 也超出版面，请缩短文字或选择其他尺寸`,
    );
  }
  return r;
}

function lines(text: readonly string[], size: number, color: string, weight: number, extra: Record<string, string | number> = {}): PosterElement {
  return h(
    "div",
    { flexDirection: "column", alignItems: extra["alignItems"] ?? "center", ...extra },
    ...text.map((t) => h("div", { fontSize: size, fontWeight: weight, color, lineHeight: 1.25, whiteSpace: "pre" }, t)),
  );
}

function emblem(identity: Identity, d: number): PosterElement {
  const logo = identity.logo;
  if (logo) {
    const scale = d / Math.max(logo.width, logo.height);
    return h(
      "div",
      { width: d, height: d, borderRadius: d * 0.12, backgroundColor: "#ffffff", alignItems: "center", justifyContent: "center" },
      img(logo.dataUrl, logo.width * scale * 0.88, logo.height * scale * 0.88),
    );
  }
  return h(
    "div",
    { width: d, height: d, borderRadius: d / 2, backgroundColor: "#ffffff", border: `${Math.max(2, d * 0.06)}px solid ${identity.accent}`, alignItems: "center", justifyContent: "center" },
    h("div", { fontSize: d * (identity.emblem.length > 1 ? 0.34 : 0.55), fontWeight: 900, color: identity.primary }, identity.emblem),
  );
}

/** A simple city skyline drawn with blocks: the illustration of the slogan poster. */
function skyline(width: number, height: number, color: string): PosterElement {
  const heights = [0.45, 0.7, 0.55, 0.9, 0.6, 1, 0.5, 0.75, 0.4, 0.85, 0.65, 0.5];
  const bw = width / heights.length;
  return h(
    "div",
    { width, height, alignItems: "flex-end" },
    ...heights.map((k, i) =>
      h("div", {
        width: bw * 0.86,
        marginRight: bw * 0.14,
        height: height * k,
        backgroundColor: color,
        opacity: i % 2 ? 0.55 : 0.35,
        borderTopLeftRadius: i % 3 === 0 ? bw * 0.4 : 0,
        borderTopRightRadius: i % 3 === 0 ? bw * 0.4 : 0,
      }),
    ),
  );
}

/** Height the footer takes: the QR code (not on covers) or the signature line. */
function footerHeight(input: PosterInput, f: Frame): number {
  return input.qr && f.shape !== "cover" ? qrSize(f) + f.u * 1.6 : f.u * (f.shape === "cover" ? 8 : 5);
}

function qrSize(f: Frame): number {
  return f.u * (f.shape === "landscape" ? 18 : 14);
}

function footer(input: PosterInput, f: Frame): PosterElement {
  const qr = input.qr && f.shape !== "cover" ? img(input.qr, qrSize(f), qrSize(f), { backgroundColor: "#ffffff", padding: f.u * 0.8 }) : null;
  return h(
    "div",
    { width: "100%", height: footerHeight(input, f), justifyContent: "space-between", alignItems: "flex-end", flexShrink: 0 },
    h("div", { fontSize: f.u * (f.shape === "cover" ? 5.5 : 3.6), color: "#ffffff", fontWeight: 700 }, input.identity.signature),
    qr,
  );
}

function frameOf(size: PosterSize): Frame {
  return { w: size.width, h: size.height, u: Math.min(size.width, size.height) / 100, shape: size.shape };
}

function header(identity: Identity, f: Frame, text: string): { el: PosterElement; height: number } {
  const d = f.u * (f.shape === "cover" ? 14 : 10);
  return {
    height: d,
    el: h(
      "div",
      { alignItems: "center", height: d, flexShrink: 0 },
      emblem(identity, d),
      h("div", { marginLeft: f.u * 2.5, fontSize: f.u * (f.shape === "cover" ? 6 : 4), color: "#ffffff", fontWeight: 700 }, text),
    ),
  };
}

function page(identity: Identity, f: Frame, pad: number, ...children: PosterChild[]): PosterElement {
  return h("div", { width: f.w, height: f.h, backgroundColor: identity.primary, padding: pad, flexDirection: "column", justifyContent: "space-between", fontFamily: "Noto Sans SC" }, ...children);
}

/** Height of `n` lines of text at `size`. */
const linesHeight = (n: number, size: number, lh = 1.25) => n * size * lh;

function slogan(input: PosterInput, size: PosterSize): PosterElement {
  const f = frameOf(size);
  const { identity } = input;
  const horizontal = f.shape === "landscape" || f.shape === "cover";
  const pad = f.u * (f.shape === "cover" ? 7 : 6);
  const head = header(identity, f, `${identity.city}公益广告`);
  const middle = f.h - 2 * pad - head.height - footerHeight(input, f) - f.u * 4;
  const artHeight = horizontal ? middle : f.h * (f.shape === "square" ? 0.1 : 0.14);
  const textBox = { width: horizontal ? f.w * 0.62 - pad : f.w - 2 * pad, height: horizontal ? middle : middle - artHeight - f.u * 2 };
  const sub = input.sub ? fitted(input, size, "副标语", [input.sub], { width: textBox.width, height: textBox.height * 0.3, max: f.u * 6, min: f.u * 2.6, weight: 700 }, true) : undefined;
  const barHeight = f.u * 7.2;
  const subHeight = sub ? linesHeight(sub.lines.length, sub.size) : 0;
  const main = fitted(input, size, "标语", input.slogan.split(/\s+/).filter(Boolean), {
    width: textBox.width,
    height: textBox.height - subHeight - barHeight,
    max: f.u * (horizontal ? 24 : 20),
    min: f.u * 6,
    weight: 900,
  });
  const align = horizontal ? "flex-start" : "center";
  const text = h(
    "div",
    { flexDirection: "column", alignItems: align, justifyContent: "center", width: textBox.width, height: textBox.height },
    lines(main.lines, main.size, "#ffffff", 900, { alignItems: align }),
    h("div", { width: f.u * 18, height: f.u * 1.2, backgroundColor: identity.accent, marginTop: f.u * 3, marginBottom: f.u * 3 }),
    sub && lines(sub.lines, sub.size, "#fff4d6", 700, { alignItems: align }),
  );
  const art = skyline(horizontal ? f.w * 0.3 : f.w - 2 * pad, horizontal ? artHeight * 0.8 : artHeight, "#ffffff");
  const body = horizontal
    ? h("div", { height: middle, alignItems: "center", justifyContent: "space-between" }, text, art)
    : h("div", { height: middle, flexDirection: "column", justifyContent: "space-between", alignItems: "center" }, text, art);
  return page(identity, f, pad, head.el, body, footer(input, f));
}

function etiquette(input: PosterInput, size: PosterSize): PosterElement {
  const f = frameOf(size);
  const { identity } = input;
  const horizontal = f.shape === "landscape" || f.shape === "cover";
  const stacked = f.shape === "tall" || f.shape === "portrait";
  const pad = f.u * 5;
  const inner = f.w - 2 * pad;
  const middle = f.h - 2 * pad - footerHeight(input, f) - f.u * 2;
  const titleBox = { width: horizontal ? inner * 0.38 : inner, height: horizontal ? middle : middle * (stacked ? 0.24 : 0.3) };
  const sceneSize = f.u * 4;
  const head = fitted(input, size, "标语", input.slogan.split(/\s+/).filter(Boolean), {
    width: titleBox.width,
    height: titleBox.height - (input.scene ? sceneSize * 1.6 : 0),
    max: f.u * 14,
    min: f.u * 4.5,
    weight: 900,
  });
  const n = f.shape === "cover" ? 2 : 4;
  const dos = (input.dos ?? []).slice(0, n);
  const donts = (input.donts ?? []).slice(0, n);
  const gap = f.u * 2;
  const columnsArea = { width: horizontal ? inner * 0.6 : inner, height: horizontal ? middle : middle - titleBox.height - gap };
  const colWidth = stacked ? columnsArea.width : columnsArea.width / 2 - gap / 2;
  const colHeight = stacked ? columnsArea.height / 2 - gap / 2 : columnsArea.height;
  const colPad = f.u * 2.5;
  const listBox = { width: colWidth - 2 * colPad, height: colHeight - 2 * colPad - f.u * 1.2, max: f.u * 4.6, min: f.u * 2, weight: 700 as const, lineHeight: 1.45 };
  // The column title takes one line at 1.2× the item size; fit items in what remains.
  const fitItems = (what: string, items: string[]) => {
    for (let max = listBox.max; ; max = Math.floor(max * 0.94)) {
      const r = fitText(items, { ...listBox, max: Math.max(max, listBox.min), height: listBox.height - Math.max(max, listBox.min) * 1.2 * 1.3 }, true);
      if (r.ok || max <= listBox.min) return r.ok ? r : fitted(input, size, what, items, { ...listBox, height: listBox.height - listBox.min * 1.56 }, true);
    }
  };
  const doFit = fitItems(
    "“应该”条目",
    dos.map((d) => `√ ${d}`),
  );
  const dontFit = fitItems(
    "“不应该”条目",
    donts.map((d) => `× ${d}`),
  );
  const itemSize = Math.min(doFit.size, dontFit.size);
  const column = (title: string, items: string[], colour: string) =>
    h(
      "div",
      { flexDirection: "column", width: colWidth, height: colHeight, backgroundColor: "#ffffff", borderRadius: f.u * 2, padding: colPad, borderTop: `${f.u * 1.2}px solid ${colour}` },
      h("div", { fontSize: itemSize * 1.2, fontWeight: 900, color: colour, lineHeight: 1.3 }, title),
      ...items.map((t) => h("div", { fontSize: itemSize, color: "#222222", lineHeight: 1.45, fontWeight: 700 }, t)),
    );
  const columns = h(
    "div",
    { flexDirection: stacked ? "column" : "row", justifyContent: "space-between", width: columnsArea.width, height: columnsArea.height },
    column("应该", doFit.lines, "#2e7d32"),
    column("不应该", dontFit.lines, identity.primary),
  );
  const align = horizontal ? "flex-start" : "center";
  const title = h(
    "div",
    { flexDirection: "column", alignItems: align, justifyContent: "center", width: titleBox.width, height: titleBox.height },
    input.scene ? h("div", { fontSize: sceneSize, color: "#fff4d6", fontWeight: 700, marginBottom: sceneSize * 0.4 }, input.scene) : null,
    lines(head.lines, head.size, "#ffffff", 900, { alignItems: align }),
  );
  const body = h("div", { height: middle, flexDirection: horizontal ? "row" : "column", justifyContent: "space-between", alignItems: "center" }, title, columns);
  return page(identity, f, pad, body, footer(input, f));
}

function honour(input: PosterInput, size: PosterSize): PosterElement {
  const f = frameOf(size);
  const { identity } = input;
  const horizontal = f.shape === "landscape" || f.shape === "cover";
  const pad = f.u * 5;
  const inner = f.w - 2 * pad;
  const head = header(identity, f, `${identity.city}好人榜`);
  const middle = f.h - 2 * pad - head.height - footerHeight(input, f) - f.u * 3;
  const titleBox = { width: horizontal ? inner * 0.44 : inner, height: horizontal ? middle : middle * 0.4 };
  const sub = input.sub ? fitted(input, size, "副标语", [input.sub], { width: titleBox.width, height: titleBox.height * 0.3, max: f.u * 5, min: f.u * 2.4 }, true) : undefined;
  const subHeight = sub ? linesHeight(sub.lines.length, sub.size) + f.u * 2 : 0;
  const main = fitted(input, size, "标语", input.slogan.split(/\s+/).filter(Boolean), { width: titleBox.width, height: titleBox.height - subHeight, max: f.u * 12, min: f.u * 4.5, weight: 900 });
  const people = input.people ?? [];
  const grid = { width: horizontal ? inner * 0.52 : inner, height: horizontal ? middle : middle - titleBox.height - f.u * 2 };
  const cols = f.shape === "tall" || f.shape === "portrait" ? 3 : 4;
  const gridPad = f.u * 2;
  const cellWidth = (grid.width - 2 * gridPad) / cols;
  // Names at a readable size; as many rows as fit, the rest summed up as "等 N 位".
  const nameSize = Math.min(f.u * 4.2, cellWidth / 5);
  const rowHeight = nameSize * 1.3 + nameSize * 0.55 * 1.3 + f.u * 2;
  const rows = Math.max(1, Math.floor((grid.height - 2 * gridPad - nameSize) / rowHeight));
  const shown = people.slice(0, Math.min(people.length, rows * cols));
  const names = h(
    "div",
    { flexWrap: "wrap", width: grid.width, maxHeight: grid.height, backgroundColor: "#fffaf0", borderRadius: f.u * 2, padding: gridPad, alignContent: "flex-start" },
    ...shown.map((p) =>
      h(
        "div",
        { width: cellWidth, height: rowHeight, flexDirection: "column", alignItems: "center", justifyContent: "center" },
        h("div", { fontSize: nameSize, fontWeight: 900, color: identity.primary, lineHeight: 1.3 }, p.name),
        h("div", { fontSize: nameSize * 0.55, color: "#5a4300", fontWeight: 700, lineHeight: 1.3 }, p.category),
      ),
    ),
    people.length > shown.length ? h("div", { width: "100%", justifyContent: "center", fontSize: nameSize * 0.6, color: "#5a4300", lineHeight: 1.3 }, `等 ${people.length} 位`) : null,
  );
  const align = horizontal ? "flex-start" : "center";
  const title = h(
    "div",
    { flexDirection: "column", alignItems: align, justifyContent: "center", width: titleBox.width, height: titleBox.height },
    lines(main.lines, main.size, "#ffffff", 900, { alignItems: align }),
    sub && lines(sub.lines, sub.size, "#fff4d6", 700, { alignItems: align, marginTop: f.u * 2 }),
  );
  const body = h("div", { height: middle, flexDirection: horizontal ? "row" : "column", justifyContent: "space-between", alignItems: "center" }, title, names);
  return page(identity, f, pad, head.el, body, footer(input, f));
}

/** 1200×630 share card for any page. Never carries more than a title and a line of text. */
function share(input: PosterInput, size: PosterSize): PosterElement {
  const f = frameOf(size);
  const { identity } = input;
  const pad = f.u * 8;
  const title = fitted(input, size, "标题", [input.slogan], { width: f.w - 2 * pad, height: f.h * 0.42, max: f.u * 13, min: f.u * 5.5, weight: 900 }, true);
  const sub = input.sub ? fitted(input, size, "说明", [input.sub], { width: f.w - 2 * pad, height: f.h * 0.2, max: f.u * 5.4, min: f.u * 3.4, weight: 400 }, true) : undefined;
  const children: PosterChild[] = [
    h(
      "div",
      { alignItems: "center" },
      emblem(identity, f.u * 12),
      h("div", { marginLeft: f.u * 3, fontSize: f.u * 5.5, color: identity.primary, fontWeight: 700 }, `${identity.city}文明网${input.label ? ` · ${input.label}` : ""}`),
    ),
    h(
      "div",
      { flexDirection: "column" },
      lines(title.lines, title.size, "#1f1f1f", 900, { alignItems: "flex-start" }),
      sub && lines(sub.lines, sub.size, "#444444", 400, { alignItems: "flex-start", marginTop: f.u * 2 }),
    ),
    h("div", { width: "100%", height: f.u * 2.5, backgroundColor: identity.primary }),
  ];
  return h(
    "div",
    { width: f.w, height: f.h, backgroundColor: "#fffaf4", padding: pad, paddingBottom: f.u * 5, flexDirection: "column", justifyContent: "space-between", fontFamily: "Noto Sans SC" },
    ...children,
  );
}

export const TEMPLATES: Record<TemplateId, (input: PosterInput, size: PosterSize) => PosterElement> = { slogan, etiquette, honour, share };

/** @jsxImportSource satori/jsx */
/**
 * 传统: serif type (Noto Serif SC) in the campaign colour on paper, inside a
 * double rule, with a seal mark. On tall and portrait shapes the slogan is set
 * vertically, phrases as columns read right to left; on square and wide
 * shapes it runs horizontally beside the seal.
 */
import { PosterError } from "../templates.ts";
import type { PosterSize } from "../sizes.ts";
import type { PosterInput } from "../templates.ts";
import { fitted, footerHeight, frameOf, Footer, INK, Lines, linesHeight, Page, PAPER, phrases, PhotoBox, type Element, type Frame } from "./common.tsx";

const SERIF = "Noto Serif SC";
const LEADING = 1.12;

/** The seal: the emblem's characters (or the city's first two) reversed out of a square of the campaign colour. */
function Seal({ text, d, colour }: { text: string; d: number; colour: string }): Element {
  const chars = [...text].slice(0, 4);
  const two = chars.length > 1;
  return (
    <div style={{ width: d, height: d, backgroundColor: colour, borderRadius: d * 0.08, padding: d * 0.08, flexShrink: 0 }}>
      <div
        style={{
          flexDirection: "column",
          flexWrap: "wrap-reverse",
          width: "100%",
          height: "100%",
          alignContent: "center",
          justifyContent: "center",
          border: `${Math.max(1, d * 0.04)}px solid ${PAPER}`,
        }}
      >
        {chars.map((c) => (
          <div style={{ fontFamily: SERIF, fontWeight: 700, color: PAPER, fontSize: d * (two ? 0.34 : 0.6), lineHeight: 1, width: d * (two ? 0.38 : 0.7), justifyContent: "center" }}>{c}</div>
        ))}
      </div>
    </div>
  );
}

/** A phrase as a column of characters. */
function Column({ text, size, colour }: { text: string; size: number; colour: string }): Element {
  return (
    <div style={{ flexDirection: "column", alignItems: "center", width: size * 1.5 }}>
      {[...text].map((c) => (
        <div style={{ fontFamily: SERIF, fontWeight: 700, fontSize: size, lineHeight: LEADING, color: colour }}>{c}</div>
      ))}
    </div>
  );
}

function vertical(input: PosterInput, size: PosterSize, f: Frame, box: { width: number; height: number }): Element {
  const { identity } = input;
  const cols = phrases(input.slogan);
  const sub = input.sub ? [input.sub.replace(/\s+/g, "")] : [];
  const longest = Math.max(...cols.map((c) => [...c].length), 1);
  // The sub-line is a narrower column at the left, half the slogan's size.
  const columns = cols.length * 1.5 + (sub.length ? 0.9 : 0) + 0.6;
  const subLength = sub[0] ? [...sub[0]].length * 0.5 : 0;
  const sealSide = f.u * 12;
  const s = Math.min(box.height / (LEADING * Math.max(longest, subLength)), (box.width - sealSide * 0.2) / columns, f.u * 18);
  if (s < f.u * 5)
    throw new PosterError(
      `文字放不下：公益广告“${input.name}”的标语“${input.slogan}”在尺寸 ${size.id}（${size.width}×${size.height}）上竖排时字号不足 ${Math.round(f.u * 5)}px，请缩短标语或在词组间加空格分行`,
    );
  return (
    <div style={{ width: box.width, height: box.height, justifyContent: "center", alignItems: "flex-start" }}>
      {sub[0] ? (
        <div style={{ height: box.height, alignItems: "flex-end", marginRight: s * 0.4 }}>
          <Column text={sub[0]} size={s * 0.5} colour={INK} />
        </div>
      ) : null}
      {/* Right to left: the first phrase is the rightmost column. */}
      <div style={{ flexDirection: "row-reverse" }}>
        {cols.map((c) => (
          <Column text={c} size={s} colour={identity.primary} />
        ))}
      </div>
      <div style={{ height: box.height, alignItems: "flex-end", marginLeft: s * 0.3 }}>
        <Seal text={identity.emblem} d={sealSide} colour={identity.primary} />
      </div>
    </div>
  );
}

function horizontal(input: PosterInput, size: PosterSize, f: Frame, box: { width: number; height: number }): Element {
  const { identity } = input;
  const sealSide = f.u * (f.shape === "cover" ? 16 : 13);
  const width = box.width - sealSide - f.u * 4;
  const sub = input.sub ? fitted(input, size, "副标语", [input.sub], { width, height: box.height * 0.28, max: f.u * 5.5, min: f.u * 2.6, weight: 700, family: "serif" }, true) : undefined;
  const subHeight = sub ? linesHeight(sub.lines.length, sub.size) + f.u * 3 : 0;
  const main = fitted(input, size, "标语", phrases(input.slogan), { width, height: box.height - subHeight, max: f.u * 20, min: f.u * 5, weight: 700, family: "serif" });
  return (
    <div style={{ width: box.width, height: box.height, alignItems: "center", justifyContent: "center" }}>
      <div style={{ flexDirection: "column", alignItems: "flex-start", width }}>
        <Lines text={main.lines} size={main.size} color={identity.primary} weight={700} family="serif" align="flex-start" />
        {sub ? <Lines text={sub.lines} size={sub.size} color={INK} weight={700} family="serif" align="flex-start" style={{ marginTop: f.u * 3 }} /> : null}
      </div>
      <div style={{ marginLeft: f.u * 4, alignSelf: "flex-end" }}>
        <Seal text={identity.emblem} d={sealSide} colour={identity.primary} />
      </div>
    </div>
  );
}

export function traditional(input: PosterInput, size: PosterSize): Element {
  const f = frameOf(size);
  const { identity, image } = input;
  const margin = f.u * 3;
  const rule = Math.max(2, f.u * 0.5);
  const pad = f.u * 4;
  // Inside the double rule: the frame's margin, both rules and the gap between them, the padding.
  const innerW = f.w - 2 * (margin + rule * 3 + pad);
  const innerH = f.h - 2 * (margin + rule * 3 + pad) - footerHeight(input, f) - f.u * 2;
  const imageShare = image ? (f.wide ? 0.38 : f.upright ? 0.3 : 0.34) : 0;
  const picture = image ? (f.wide ? { width: Math.round(innerW * imageShare), height: innerH } : { width: innerW, height: Math.round(innerH * imageShare) }) : undefined;
  const gap = image ? f.u * 3 : 0;
  const textBox = picture ? (f.wide ? { width: innerW - picture.width - gap, height: innerH } : { width: innerW, height: innerH - picture.height - gap }) : { width: innerW, height: innerH };
  const text = f.upright ? vertical(input, size, f, textBox) : horizontal(input, size, f, textBox);
  return (
    <Page f={f} background={PAPER} pad={margin}>
      <div style={{ width: "100%", height: "100%", border: `${rule}px solid ${identity.primary}`, padding: rule }}>
        <div style={{ flexDirection: "column", justifyContent: "space-between", width: "100%", height: "100%", border: `${rule}px solid ${identity.primary}`, padding: pad }}>
          <div style={{ flexDirection: f.wide ? "row" : "column", justifyContent: "space-between", height: innerH }}>
            {picture && image ? <PhotoBox image={image} width={picture.width} height={picture.height} background={PAPER} credit={input.credit} u={f.u} /> : null}
            {text}
          </div>
          <Footer input={input} f={f} color={INK} family="serif" />
        </div>
      </div>
    </Page>
  );
}

/** @jsxImportSource satori/jsx */
/**
 * Pieces every design shares: the frame (1 unit = 1 % of the shorter side),
 * text fitting with a staff-language error, lines of text, the emblem or logo,
 * the footer (落款, partner logo, QR code), photo boxes and the skyline.
 *
 * No design uses opacity or gradients: every colour is solid, so print PDFs
 * carry no transparency (./print.ts checks it).
 */
import type { JSX } from "satori/jsx/jsx-runtime";
import { contrastRatio, mix } from "../../../primitives/colour.ts";
import { fitText, type FitBox } from "../fit.ts";
import { FAMILY_NAMES, type Family } from "../fonts.ts";
import type { PosterSize, Shape } from "../sizes.ts";
import { PosterError, type Identity, type ImageRef, type PosterInput } from "../templates.ts";

export type Element = JSX.Element;

/** Text colours on the primary colour, and the paper of the traditional design: the contrast check in settings covers each. */
export const ON_PRIMARY = "#ffffff";
export const ON_PRIMARY_SOFT = "#fff4d6";
export const PAPER = "#fbf7ee";
export const INK = "#222222";
/** The 要 colour on white (5.1:1). */
export const DO_GREEN = "#2e7d32";

export interface Frame {
  w: number;
  h: number;
  /** Unit: 1 % of the shorter side. */
  u: number;
  shape: Shape;
  /** Landscape and cover: text beside the picture rather than above it. */
  wide: boolean;
  /** Tall and portrait. */
  upright: boolean;
}

export function frameOf(size: PosterSize): Frame {
  return {
    w: size.width,
    h: size.height,
    u: Math.min(size.width, size.height) / 100,
    shape: size.shape,
    wide: size.shape === "landscape" || size.shape === "cover",
    upright: size.shape === "tall" || size.shape === "portrait",
  };
}

/** Fits text or throws a PosterError that says which text, on which size, and what to do. */
export function fitted(input: PosterInput, size: PosterSize, what: string, text: readonly string[], box: FitBox, wrapLong = false) {
  const r = fitText(text, box, wrapLong);
  if (!r.ok) {
    throw new PosterError(
      `文字放不下：公益广告“${input.name}”的${what}“${text.join(" ")}”在尺寸 ${size.id}（${size.width}×${size.height}）上即使用最小字号 ${Math.round(box.min)}px 也超出版面，请缩短文字或选择其他尺寸`,
    );
  }
  return r;
}

/**
 * Fits a card's items under its heading, which takes one line `heading` times
 * the item size: each size is tried with the room the heading leaves at that
 * size, down to the minimum (then the PosterError of `fitted`).
 */
export function fitUnderHeading(input: PosterInput, size: PosterSize, what: string, items: readonly string[], box: FitBox, heading: number) {
  for (let max = box.max; ; max = Math.max(box.min, Math.floor(max * 0.94))) {
    const r = fitText(items, { ...box, max, height: box.height - max * heading }, true);
    if (r.ok) return r;
    if (max <= box.min) return fitted(input, size, what, items, { ...box, height: box.height - box.min * heading }, true);
  }
}

/** The slogan's phrases: a space marks where staff want a line break. */
export const phrases = (text: string) => text.split(/\s+/).filter(Boolean);

/** Height of `n` lines of text at `size`. */
export const linesHeight = (n: number, size: number, lh = 1.25) => n * size * lh;

export function Lines(props: {
  text: readonly string[];
  size: number;
  color: string;
  weight: number;
  align?: string;
  family?: Family;
  lineHeight?: number;
  style?: Record<string, string | number>;
}): Element {
  const { text, size, color, weight, align = "center", family = "sans", lineHeight = 1.25 } = props;
  return (
    <div style={{ flexDirection: "column", alignItems: align, ...props.style }}>
      {text.map((t) => (
        <div style={{ fontSize: size, fontWeight: weight, color, lineHeight, whiteSpace: "pre", fontFamily: FAMILY_NAMES[family] }}>{t}</div>
      ))}
    </div>
  );
}

/** The office's logo on a white tile, or the emblem text in a white circle. */
export function Emblem({ identity, d }: { identity: Identity; d: number }): Element {
  const logo = identity.logo;
  if (logo) {
    const scale = (d * 0.88) / Math.max(logo.width, logo.height);
    return (
      <div style={{ width: d, height: d, borderRadius: d * 0.12, backgroundColor: "#ffffff", alignItems: "center", justifyContent: "center", flexShrink: 0 }}>
        <img src={logo.dataUrl} width={logo.width * scale} height={logo.height * scale} style={{ width: logo.width * scale, height: logo.height * scale }} />
      </div>
    );
  }
  return (
    <Ring d={d} fill="#ffffff" ring={identity.accent} width={Math.max(2, d * 0.06)}>
      <div style={{ fontSize: d * (identity.emblem.length > 1 ? 0.34 : 0.55), fontWeight: 900, color: identity.primary }}>{identity.emblem}</div>
    </Ring>
  );
}

/** A ringed circle of diameter `d` with its content centred: the emblem and the person placeholder. */
function Ring(props: { d: number; fill: string; ring: string; width: number; children?: unknown }): Element {
  const { d } = props;
  return (
    <div
      style={{ width: d, height: d, borderRadius: d / 2, backgroundColor: props.fill, border: `${props.width}px solid ${props.ring}`, alignItems: "center", justifyContent: "center", flexShrink: 0 }}
    >
      {props.children as Element}
    </div>
  );
}

/** The element type the renderer replaces with the cropped image (./images.ts); never reaches Satori. */
export const PHOTO = "wenming-photo";

export interface PhotoProps {
  image: ImageRef;
  width: number;
  height: number;
  /** Colour behind transparent parts of an illustration. */
  background: string;
  /** Rounded corners, in pixels. */
  radius?: number;
}

/** A photo cover-cropped around its focal point to exactly `width`×`height` (never distorted). */
export function Photo(props: PhotoProps): Element {
  return { type: PHOTO, props, key: null } as unknown as Element;
}

/**
 * A photo with its credit line under it, right-aligned on the design's colour.
 * Nothing is ever drawn over a photo: the renderer places photos last
 * (./render.ts), and text on a picture would depend on the picture for its
 * contrast.
 */
export function PhotoBox(props: PhotoProps & { credit?: string | undefined; u: number }): Element {
  const { credit, u, ...photo } = props;
  const line = credit ? Math.max(10, u * 2) : 0;
  const colour = contrastRatio(photo.background, ON_PRIMARY_SOFT) >= 4.5 ? ON_PRIMARY_SOFT : INK;
  return (
    <div style={{ flexDirection: "column", width: photo.width, height: photo.height, flexShrink: 0 }}>
      <Photo {...photo} height={photo.height - (credit ? line * 1.8 : 0)} />
      {credit ? <div style={{ justifyContent: "flex-end", height: line * 1.8, alignItems: "center", fontSize: line, color: colour, fontWeight: 400, paddingRight: u }}>{credit}</div> : null}
    </div>
  );
}

/** The person placeholder: the first character of the name in the campaign colour on paper, ringed. */
export function Placeholder({ name, d, identity }: { name: string; d: number; identity: Identity }): Element {
  return (
    <Ring d={d} fill={PAPER} ring={identity.primary} width={Math.max(1, d * 0.04)}>
      <div style={{ fontSize: d * 0.42, fontWeight: 900, color: identity.primary }}>{[...name][0] ?? ""}</div>
    </Ring>
  );
}

/** A simple city skyline drawn with blocks, in solid tints of `over` mixed into `color`. */
export function Skyline({ width, height, color, over }: { width: number; height: number; color: string; over: string }): Element {
  const heights = [0.45, 0.7, 0.55, 0.9, 0.6, 1, 0.5, 0.75, 0.4, 0.85, 0.65, 0.5];
  const bw = width / heights.length;
  return (
    <div style={{ width, height, alignItems: "flex-end" }}>
      {heights.map((k, i) => (
        <div
          style={{
            width: bw * 0.86,
            marginRight: bw * 0.14,
            height: height * k,
            backgroundColor: mix(over, color, i % 2 ? 0.55 : 0.35),
            borderTopLeftRadius: i % 3 === 0 ? bw * 0.4 : 0,
            borderTopRightRadius: i % 3 === 0 ? bw * 0.4 : 0,
          }}
        />
      ))}
    </div>
  );
}

export function qrSize(f: Frame): number {
  return f.u * (f.shape === "landscape" ? 18 : 14);
}

/** Height the footer takes: the QR code (not on covers) or the signature line with the logos. */
export function footerHeight(input: PosterInput, f: Frame): number {
  const line = f.u * (f.shape === "cover" ? 9 : 7);
  return input.qr && f.shape !== "cover" ? Math.max(qrSize(f) + f.u * 1.6, line) : line;
}

/**
 * The foot of every poster: the office's emblem or logo (unless the design
 * shows it in its header) and its 落款, a partner's logo, the QR code.
 */
export function Footer(props: { input: PosterInput; f: Frame; color?: string; emblem?: boolean; family?: Family }): Element {
  const { input, f, color = ON_PRIMARY, emblem = true, family = "sans" } = props;
  const height = footerHeight(input, f);
  const showQr = input.qr && f.shape !== "cover";
  const q = qrSize(f);
  const mark = f.u * (f.shape === "cover" ? 8 : 6.5);
  const partner = input.partnerLogo;
  const partnerScale = partner ? mark / partner.height : 0;
  return (
    <div style={{ width: "100%", height, justifyContent: "space-between", alignItems: "flex-end", flexShrink: 0 }}>
      <div style={{ alignItems: "center", height: mark }}>
        {emblem ? <Emblem identity={input.identity} d={mark} /> : null}
        <div
          style={{ whiteSpace: "nowrap", flexShrink: 0, marginLeft: emblem ? f.u * 1.8 : 0, fontSize: f.u * (f.shape === "cover" ? 5 : 3.6), color, fontWeight: 700, fontFamily: FAMILY_NAMES[family] }}
        >
          {input.identity.signature}
        </div>
        {partner ? (
          <div style={{ marginLeft: f.u * 3, padding: f.u * 0.6, backgroundColor: "#ffffff", borderRadius: f.u }}>
            <img src={partner.dataUrl} width={partner.width * partnerScale * 0.85} height={mark * 0.85} style={{ width: partner.width * partnerScale * 0.85, height: mark * 0.85 }} />
          </div>
        ) : null}
      </div>
      {showQr ? <img src={input.qr} width={q} height={q} style={{ width: q, height: q, backgroundColor: "#ffffff", padding: f.u * 0.8 }} /> : null}
    </div>
  );
}

/** The design's header: emblem or logo and a line such as 示例市公益广告. */
export function Header({ identity, f, text, color = ON_PRIMARY }: { identity: Identity; f: Frame; text: string; color?: string }): Element {
  const d = headerHeight(f);
  return (
    <div style={{ alignItems: "center", height: d, flexShrink: 0 }}>
      <Emblem identity={identity} d={d} />
      <div style={{ marginLeft: f.u * 2.5, fontSize: f.u * (f.shape === "cover" ? 6 : 4), color, fontWeight: 700 }}>{text}</div>
    </div>
  );
}

export const headerHeight = (f: Frame) => f.u * (f.shape === "cover" ? 14 : 10);

/** The whole poster: a solid background, padding, children spaced top to bottom. */
export function Page(props: { f: Frame; background: string; pad: number | string; children?: unknown; direction?: "column" | "row" }): Element {
  return (
    <div
      style={{
        width: props.f.w,
        height: props.f.h,
        backgroundColor: props.background,
        padding: props.pad,
        flexDirection: props.direction ?? "column",
        justifyContent: "space-between",
        fontFamily: FAMILY_NAMES.sans,
      }}
    >
      {props.children as Element}
    </div>
  );
}

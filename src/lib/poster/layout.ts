/**
 * From a design to the element tree Satori draws: the design's components are
 * expanded here (so the renderer sees every box), and each photo box becomes
 * a slot the renderer fills with the image cropped to exactly that box
 * (./images.ts). The same tree serves the contrast and placement checks.
 */
import { registerTsx } from "./tsx-hook.ts";
import type { PosterSize } from "./sizes.ts";
import type { PosterInput } from "./templates.ts";

registerTsx();
const designs = await import("./designs/index.tsx");

export const { DESIGNS, SERIF_DESIGNS, PHOTO, HONOUR_MAX, gridFor } = designs;
export type PhotoProps = import("./designs/index.tsx").PhotoProps;

export interface Node {
  type: string;
  props: { style?: Record<string, string | number>; children?: Child | Child[]; src?: string; [key: string]: unknown };
}
export type Child = Node | string | number | null | undefined | false | Child[];

export interface Slot extends PhotoProps {
  /** Where the slot's src is written once the image is ready. */
  node: Node;
}

/** Calls function components and flattens fragments, recording photo slots. */
function expand(child: unknown, slots: Slot[]): Child {
  if (child === null || child === undefined || child === false || child === true) return null;
  if (typeof child === "string" || typeof child === "number") return child;
  if (Array.isArray(child)) return child.map((c) => expand(c, slots));
  const el = child as { type: unknown; props: Record<string, unknown> };
  if (typeof el.type === "function") return expand((el.type as (p: unknown) => unknown)(el.props), slots);
  if (typeof el.type === "symbol") return expand(el.props["children"], slots);
  if (el.type === PHOTO) {
    const p = el.props as unknown as PhotoProps;
    const w = Math.round(p.width);
    const h = Math.round(p.height);
    const node: Node = { type: "img", props: { src: "", width: w, height: h, style: { width: w, height: h, flexShrink: 0, ...(p.radius ? { borderRadius: p.radius } : {}) } } };
    slots.push({ ...p, width: w, height: h, node });
    return node;
  }
  const props = { ...el.props };
  // Every box is a flex container sized border-box (Satori's defaults differ from the designs' arithmetic).
  if (el.type === "div") props["style"] = { display: "flex", boxSizing: "border-box", ...(props["style"] as object | undefined) };
  if ("children" in props) props["children"] = expand(props["children"], slots);
  return { type: el.type as string, props };
}

/** The poster's element tree and its photo slots (their src still empty). */
export function layoutPoster(input: PosterInput, size: PosterSize): { tree: Node; slots: Slot[] } {
  const slots: Slot[] = [];
  const tree = expand(DESIGNS[input.template](input, size), slots) as Node;
  return { tree, slots };
}

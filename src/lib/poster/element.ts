/**
 * Satori's element objects, built without React: h("div", style, ...children).
 * Templates stay plain TypeScript that Node can run directly.
 */

export type Style = Record<string, string | number>;
export interface PosterElement {
  type: string;
  props: { style?: Style; children?: PosterChild | PosterChild[]; src?: string; width?: number; height?: number };
}
export type PosterChild = PosterElement | string | null | false | undefined;

export function h(type: string, style: Style, ...children: PosterChild[]): PosterElement {
  const kids = children.filter((c): c is PosterElement | string => Boolean(c));
  return { type, props: { style: { display: "flex", boxSizing: "border-box", ...style }, children: kids } };
}

export function img(src: string, width: number, height: number, style: Style = {}): PosterElement {
  return { type: "img", props: { src, width, height, style: { width, height, ...style } } };
}

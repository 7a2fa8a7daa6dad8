/**
 * Colour arithmetic for the site's identity colours: WCAG 2.x contrast
 * (relative luminance of sRGB) and a darker shade for hover and borders.
 */

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.replace(/^#/, ""), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #RRGGBB colours, 1–21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The minimum for normal text (WCAG 2.2 AA, GB/T 37668). */
export const MIN_TEXT_CONTRAST = 4.5;

/** `hex` mixed with black: `amount` 0 keeps it, 1 is black. */
export function darken(hex: string, amount: number): string {
  return `#${channels(hex)
    .map((c) =>
      Math.round(c * (1 - amount))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** `hex` mixed with `other`: `amount` 0 keeps `hex`, 1 is `other` (a solid colour instead of an opacity, so print has no transparency). */
export function mix(hex: string, other: string, amount: number): string {
  const a = channels(hex);
  const b = channels(other);
  return `#${a
    .map((c, i) =>
      Math.round(c + ((b[i] ?? 0) - c) * amount)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** CSS custom properties of the site's identity colours (src/pages/theme.css.ts). */
import { darken } from "../../primitives/colour.ts";

/** Shades derived from the two colours staff set; `--brand` keeps the primary colour in every display mode. */
export function themeCss(colours: { primary: string; accent: string }): string {
  const primary = colours.primary.toLowerCase();
  const vars = { "--primary": primary, "--primary-dark": darken(primary, 0.25), "--accent": colours.accent.toLowerCase() };
  const body = Object.entries(vars)
    .map(([k, v]) => `${k}:${v}`)
    .join(";");
  return `:root:not(.contrast-high){${body}}:root{--brand:${primary}}\n`;
}

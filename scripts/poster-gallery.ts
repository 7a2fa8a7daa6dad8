/**
 * The picture of the designs in the README: each design from the sample
 * content on a phone screen and an LED screen, drawn by the renderer.
 *   node scripts/poster-gallery.ts [docs/posters.png]
 */
import sharp, { type OverlayOptions } from "sharp";
import { getContent } from "../src/lib/content/cached.ts";
import { adInput } from "../src/lib/poster/jobs.ts";
import { renderPreviewPng } from "../src/lib/poster/render.ts";
import { findSize, type PosterSize } from "../src/lib/poster/sizes.ts";
import { TEMPLATE_NAMES, TEMPLATES } from "../src/schemas/ad.ts";

const out = process.argv[2] ?? "docs/posters.png";
const content = await getContent();
const phone = findSize("phone") as PosterSize;
const led = findSize("led") as PosterSize;
const cell = { width: 270, gap: 16 };
const tiles: OverlayOptions[] = [];
let x = cell.gap;
for (const design of TEMPLATES) {
  const ad = content.ads.find((a) => a.data.template === design);
  if (!ad) continue;
  const input = adInput(content, ad.id);
  tiles.push({ input: await renderPreviewPng(input, phone, cell.width), left: x, top: cell.gap });
  tiles.push({ input: await renderPreviewPng(input, led, cell.width), left: x, top: cell.gap * 2 + 480 });
  console.log(`${design}（${TEMPLATE_NAMES[design]}）：${ad.id}`);
  x += cell.width + cell.gap;
}
await sharp({ create: { width: x, height: cell.gap * 3 + 480 + 152, channels: 3, background: "#e8e8e8" } })
  .composite(tiles)
  .png({ compressionLevel: 9, palette: true, quality: 90 })
  .toFile(out);
console.log(`已写入 ${out}`);

/**
 * Poster checks at content-check time: every ad is laid out in each of its
 * sizes (no drawing: ≈ 1 ms a layout), so text that cannot fit is a content
 * problem found before the build renders anything, and every photo box is
 * compared with the image's pixels. An image enlarged beyond WARN_ENLARGEMENT prints soft (a warning
 * naming the size and the pixels it needs); beyond MAX_ENLARGEMENT it is
 * refused, as is text that cannot fit — found here rather than halfway
 * through a build.
 */
import { basename, join, relative } from "node:path";
import type { SiteContent } from "../content/load.ts";
import type { ContentProblem } from "../content/problems.ts";
import { enlargements, MAX_ENLARGEMENT, WARN_ENLARGEMENT } from "./images.ts";
import { adInput } from "./jobs.ts";
import { layoutPoster } from "./layout.ts";
import { sizesOf } from "./sizes-of.ts";
import { PosterError } from "./templates.ts";

type Checked = Pick<SiteContent, "root" | "site" | "logo" | "ads" | "guides" | "people">;

export function checkPosters(content: Checked, problems: ContentProblem[], warnings: string[]): void {
  const shown = (path: string) => join(basename(content.root), relative(content.root, path));
  for (const ad of content.ads) {
    const input = adInput(content as SiteContent, ad.id);
    const file = shown(ad.file);
    for (const size of sizesOf(ad.data.sizes)) {
      let slots;
      try {
        // The QR code's place matters to the layout, not its picture.
        slots = layoutPoster({ ...input, qr: input.qrUrl ? "qr" : undefined }, size).slots;
      } catch (error) {
        if (error instanceof PosterError) problems.push({ file, message: error.message });
        else throw error;
        continue;
      }
      for (const e of enlargements(slots, size)) {
        const which = e.image === input.image ? "主图" : "照片";
        const name = relative(content.root, e.image.file);
        const detail = `${which}“${name}”为 ${e.image.width}×${e.image.height} 像素，尺寸“${size.label}”的图片区域需要约 ${e.needed.width}×${e.needed.height} 像素（${e.label}），需放大 ${e.factor.toFixed(1)} 倍`;
        if (e.factor > MAX_ENLARGEMENT && which === "主图") problems.push({ file, field: "image", message: `${detail}，印出来会明显模糊：请换用更大的原图，或在 sizes 中去掉该尺寸` });
        else if (e.factor > WARN_ENLARGEMENT) warnings.push(`公益广告“${ad.id}”：${detail}，印刷时可能发虚；建议换用更大的原图`);
      }
    }
  }
}

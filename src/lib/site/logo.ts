/**
 * The site's logo as the site publishes it (site.yaml `logo`, a file of
 * content/images/): a raster logo is drawn again in its own format without
 * its metadata — a picture saved by a camera or an editor may say where it
 * was taken and by whom, and the file staff put in content/images/ is never
 * published as it is; an SVG is published as it is (the content check refused
 * scripts and outside references in it, and the output scan reads its text).
 */
import sharp from "sharp";
import { extname } from "node:path";

/** What each kind of logo file is published as: its extension and content type. */
const KINDS: Record<string, { ext: string; type: string }> = {
  ".png": { ext: "png", type: "image/png" },
  ".jpg": { ext: "jpg", type: "image/jpeg" },
  ".jpeg": { ext: "jpg", type: "image/jpeg" },
  ".webp": { ext: "webp", type: "image/webp" },
  ".svg": { ext: "svg", type: "image/svg+xml" },
};

/** The published logo's extension and content type, for the logo named `logo`. */
export function logoKind(logo: string): { ext: string; type: string } {
  const kind = KINDS[extname(logo).toLowerCase()];
  if (!kind) throw new Error(`站点标识 ${logo} 应为 PNG、JPG、WebP 或 SVG 图片`);
  return kind;
}

/** The bytes published for a logo file's `bytes` (named `logo`): upright, without metadata, at full quality. */
export async function publishedLogo(logo: string, bytes: Buffer): Promise<Buffer> {
  const { ext } = logoKind(logo);
  if (ext === "svg") return bytes;
  // Written again without the file's metadata (sharp keeps none unless asked), turned as the camera meant.
  const upright = sharp(bytes).rotate();
  return (ext === "png" ? upright.png({ compressionLevel: 9 }) : ext === "webp" ? upright.webp({ lossless: true }) : upright.jpeg({ quality: 95, mozjpeg: true })).toBuffer();
}

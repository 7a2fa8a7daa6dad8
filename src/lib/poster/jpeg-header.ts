/**
 * Print JPEGs say their resolution (300 dpi) and colour space (sRGB) in their
 * header. sharp writes both only through withMetadata(), which also converts
 * every pixel to sRGB through the colour engine — 180 ms of an A3 poster's
 * ≈ 450 ms, for pixels that are sRGB already. The two header segments are
 * written here instead: a JFIF APP0 with the density and an ICC APP2 with
 * libvips' own sRGB profile.
 */
import sharp from "sharp";

let srgb: Promise<Buffer> | undefined;

/** libvips' sRGB profile, as sharp embeds it (taken from a one-pixel image, once). */
function srgbProfile(): Promise<Buffer> {
  srgb ??= sharp({ create: { width: 1, height: 1, channels: 3, background: "#fff" } })
    .withIccProfile("srgb")
    .jpeg()
    .toBuffer()
    .then((jpeg) => sharp(jpeg).metadata())
    .then((m) => {
      if (!m.icc) throw new Error("libvips wrote no sRGB profile");
      return m.icc;
    });
  return srgb;
}

function segment(marker: number, body: Buffer): Buffer {
  if (body.length + 2 > 0xffff) throw new Error(`JPEG segment too long (${body.length} bytes)`);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(marker, 0);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** `jpeg` (as sharp writes it without metadata: no APP0/APP2) with its density in dots per inch and the sRGB profile. */
export async function tagPrintJpeg(jpeg: Buffer, dpi: number): Promise<Buffer> {
  if (jpeg.readUInt16BE(0) !== 0xffd8) throw new Error("not a JPEG");
  const marker = jpeg.readUInt16BE(2);
  if (marker === 0xffe0 || marker === 0xffe2) throw new Error("JPEG already has a JFIF or ICC segment");
  const d = Math.max(1, Math.min(0xffff, Math.round(dpi)));
  const jfif = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x02, 0x01, d >> 8, d & 0xff, d >> 8, d & 0xff, 0x00, 0x00]);
  const icc = Buffer.concat([Buffer.from("ICC_PROFILE\0", "latin1"), Buffer.from([1, 1]), await srgbProfile()]);
  return Buffer.concat([jpeg.subarray(0, 2), segment(0xffe0, jfif), segment(0xffe2, icc), jpeg.subarray(2)]);
}

/**
 * Render cache: a poster is keyed by its input, size, format, the fonts and
 * the renderer's code and library versions, so an unchanged poster is never
 * rendered twice, and any change that could alter pixels renders it again.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { packageVersion } from "../package-version.ts";
import { fontVersion } from "./fonts.ts";
import type { PosterJob } from "./jobs.ts";

let rendererVersion: string | undefined;

/** Hash of the poster code and the versions of the libraries that draw it. */
export function posterRendererVersion(): string {
  if (!rendererVersion) {
    const hash = createHash("sha256");
    const dir = dirname(fileURLToPath(import.meta.url));
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f));
    for (const file of files.sort()) hash.update(readFileSync(join(dir, file)));
    for (const pkg of ["satori", "sharp", "@napi-rs/canvas", "pdfkit", "svg-to-pdfkit", "qrcode", "pdf-lib", "esbuild"]) hash.update(`${pkg}@${packageVersion(pkg)}`);
    hash.update(fontVersion());
    rendererVersion = hash.digest("hex").slice(0, 16);
  }
  return rendererVersion;
}

export function jobKey(job: PosterJob): string {
  return createHash("sha256")
    .update(JSON.stringify([posterRendererVersion(), job.input, job.size, job.formats]))
    .digest("hex")
    .slice(0, 32);
}

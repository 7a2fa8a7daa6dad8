/**
 * Render cache: a poster is keyed by its input, size, format, the fonts and
 * the renderer's code and library versions, so an unchanged poster is never
 * rendered twice, and any change that could alter pixels renders it again.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fontVersion } from "./fonts.ts";
import type { PosterJob } from "./jobs.ts";

/** A dependency's version, found by walking up from its entry file (some packages do not export package.json). */
function packageVersion(require: NodeJS.Require, pkg: string): string {
  let dir = dirname(require.resolve(pkg));
  while (dir !== dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (json.name === pkg) return json.version ?? "?";
    }
    dir = dirname(dir);
  }
  return "?";
}

let rendererVersion: string | undefined;

/** Hash of the poster code and the versions of the libraries that draw it. */
export function posterRendererVersion(): string {
  if (!rendererVersion) {
    const require = createRequire(import.meta.url);
    const hash = createHash("sha256");
    const dir = dirname(fileURLToPath(import.meta.url));
    for (const file of readdirSync(dir).sort()) if (file.endsWith(".ts")) hash.update(readFileSync(join(dir, file)));
    for (const pkg of ["satori", "sharp", "@resvg/resvg-js", "pdfkit", "svg-to-pdfkit", "qrcode"]) hash.update(`${pkg}@${packageVersion(require, pkg)}`);
    hash.update(fontVersion());
    rendererVersion = hash.digest("hex").slice(0, 16);
  }
  return rendererVersion;
}

export function jobKey(job: PosterJob): string {
  return createHash("sha256")
    .update(JSON.stringify([posterRendererVersion(), job.input, job.size, job.format]))
    .digest("hex")
    .slice(0, 32);
}

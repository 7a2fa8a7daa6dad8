/**
 * Lets plain Node (the CLI, the render processes, the build script) import the
 * poster designs, which are TSX: Node strips TypeScript types but does not
 * compile JSX. A module hook compiles `.tsx` files with esbuild (the compiler
 * Vite itself ships) using Satori's JSX runtime. Under Vite (Astro, Vitest) the
 * designs are compiled by Vite and this hook is never asked.
 *
 * Every process that draws posters loads the designs, and esbuild's first
 * call starts its service (≈ 0.1 s, then a transform per file): the compiled
 * code is kept in node_modules/.cache under a digest of everything it is made
 * from — the file's path and text, esbuild's version and the options — so an
 * edited design or another esbuild is compiled again, and a cache that cannot
 * be read or written only costs the compile.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire, registerHooks } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TransformOptions } from "esbuild";

// esbuild's module is loaded only to compile (≈ 50 ms a process otherwise); its version is part of every key.
const require = createRequire(import.meta.url);
const ESBUILD_VERSION = (require("esbuild/package.json") as { version: string }).version;

/** Where compiled designs are kept: the project's, whatever the working folder or the build's cache. */
export const TSX_CACHE = fileURLToPath(new URL("../../../node_modules/.cache/wenming-tsx/", import.meta.url));

let registered = false;

/** The design in `file` (its text `source`) as an ES module, from the cache when it was compiled before. */
export function compileTsx(file: string, source: string, cache = TSX_CACHE): string {
  const options: TransformOptions = { loader: "tsx", jsx: "automatic", jsxImportSource: "satori/jsx", format: "esm", sourcefile: file, sourcemap: "inline" };
  const key = createHash("sha256")
    .update(JSON.stringify([ESBUILD_VERSION, options]))
    .update("\n")
    .update(source)
    .digest("base64url");
  const cached = join(cache, `${key}.mjs`);
  try {
    return readFileSync(cached, "utf8");
  } catch {
    // Not compiled yet (or unreadable): compiled below.
  }
  const { code } = (require("esbuild") as typeof import("esbuild")).transformSync(source, options);
  try {
    mkdirSync(cache, { recursive: true });
    // Whole or not at all: another process may read it meanwhile.
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  } catch {
    // A read-only project folder: the design is compiled in every process, as without the cache.
  }
  return code;
}

export function registerTsx(): void {
  if (registered) return;
  registered = true;
  registerHooks({
    load(url, context, nextLoad) {
      if (!url.startsWith("file:") || !url.endsWith(".tsx")) return nextLoad(url, context);
      const file = fileURLToPath(url);
      return { format: "module", source: compileTsx(file, readFileSync(file, "utf8")), shortCircuit: true };
    },
  });
}

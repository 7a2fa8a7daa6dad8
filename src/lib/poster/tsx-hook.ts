/**
 * Lets plain Node (the CLI, the render processes, the build script) import the
 * poster designs, which are TSX: Node strips TypeScript types but does not
 * compile JSX. A module hook compiles `.tsx` files with esbuild (the compiler
 * Vite itself ships) using Satori's JSX runtime. Under Vite (Astro, Vitest) the
 * designs are compiled by Vite and this hook is never asked.
 */
import { readFileSync } from "node:fs";
import { registerHooks } from "node:module";
import { fileURLToPath } from "node:url";
import { transformSync } from "esbuild";

let registered = false;

export function registerTsx(): void {
  if (registered) return;
  registered = true;
  registerHooks({
    load(url, context, nextLoad) {
      if (!url.startsWith("file:") || !url.endsWith(".tsx")) return nextLoad(url, context);
      const file = fileURLToPath(url);
      const { code } = transformSync(readFileSync(file, "utf8"), { loader: "tsx", jsx: "automatic", jsxImportSource: "satori/jsx", format: "esm", sourcefile: file, sourcemap: "inline" });
      return { format: "module", source: code, shortCircuit: true };
    },
  });
}

// @ts-check
import mdx from "@astrojs/mdx";
import { defineConfig } from "astro/config";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";
import { buildOutput } from "./src/integrations/build-output.ts";
import { CSP_DIRECTIVES, displayScriptHash } from "./src/lib/site/security.ts";

const contentDir = process.env.WENMING_CONTENT ?? "content";

/**
 * The public origin from site.yaml. A broken or missing file is not reported
 * here (Astro would print an English config error without the file name):
 * the content loader reports it with file, line and field, in Chinese.
 */
function siteUrl() {
  try {
    const url = parse(readFileSync(`${contentDir}/site.yaml`, "utf8"))?.siteUrl;
    return typeof url === "string" && URL.canParse(url) ? url : undefined;
  } catch {
    return undefined;
  }
}
const site = siteUrl();

export default defineConfig({
  ...(site ? { site } : {}),
  // Astro's caches (content store, incremental-build manifest, optimised images); tests give each build its own.
  cacheDir: process.env.WENMING_ASTRO_CACHE ?? "./node_modules/.astro",
  trailingSlash: "always",
  // Four pages in flight overlap file writes with rendering: at city scale pages take 34 s instead of 58 s.
  build: { format: "directory", inlineStylesheets: "never", concurrency: 4 },
  compressHTML: true,
  // Shiki writes inline styles, which the CSP forbids; staff content has no code blocks.
  markdown: { syntaxHighlight: false },
  prefetch: false,
  // Astro's log without a line per page (src/integrations/build-log.mjs).
  logger: { entrypoint: "./src/integrations/build-log.mjs" },
  devToolbar: { enabled: false },
  security: {
    csp: {
      directives: CSP_DIRECTIVES,
      // The display-settings head script is inline; its hash must be in the meta policy as well as the header.
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"], hashes: [/** @type {`sha256-${string}`} */ (displayScriptHash().slice(1, -1))] },
      styleDirective: { resources: ["'self'"] },
    },
  },
  vite: {
    resolve: { alias: { "@content": resolve(contentDir) } },
    build: {
      // Scripts as files, never inlined: the CSP header then needs no per-page hashes.
      assetsInlineLimit: 0,
      rollupOptions: {
        // Astro's own MDX head-injection marker, warned about once per MDX file (300 boxed warnings at city
        // scale that bury real ones): harmless, withastro/astro#18087. Every other warning is shown.
        onwarn(warning, warn) {
          if (warning.code === "MODULE_LEVEL_DIRECTIVE" && warning.message.includes("astro:head-inject")) return;
          warn(warning);
        },
      },
    },
  },
  // Same-day rebuilds re-render only pages whose cacheKey (data + settings + as-of date) changed.
  experimental: { incrementalBuild: true },
  // Posters, search index and output checks: src/integrations/build-output.ts.
  integrations: [mdx(), buildOutput()],
});

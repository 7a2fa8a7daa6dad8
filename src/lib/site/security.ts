import { createHash } from "node:crypto";
import { DISPLAY_HEAD_SCRIPT } from "./display-settings.ts";
import { PAGES_INDEX } from "../search/indexes.ts";

/**
 * The site's security policy, in one place: the CSP directives Astro puts in
 * each page's meta tag, and the HTTP headers written for nginx and `_headers`
 * hosts (deploy/). Tests compare the deploy files with these values.
 */

type Directive = `${"default-src" | "img-src" | "font-src" | "connect-src" | "worker-src" | "object-src" | "base-uri" | "form-action" | "manifest-src" | "media-src"} ${string}`;

/** `'sha256-…'` of the 适老化 head script (./display-settings.ts), for CSP headers. */
export function displayScriptHash(): string {
  return `'sha256-${createHash("sha256").update(DISPLAY_HEAD_SCRIPT).digest("base64")}'`;
}

/** CSP directives besides script-src/style-src (which Astro fills with hashes). */
export const CSP_DIRECTIVES: Directive[] = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "manifest-src 'self'",
  "media-src 'self'",
];

/**
 * Headers for every response. frame-ancestors only works as a header, so the
 * header CSP adds it to the meta policy's directives.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

/**
 * The CSP sent as an HTTP header. Both it and each page's meta policy apply,
 * so it must allow what pages run: our scripts are files ('self'), Pagefind
 * needs 'wasm-unsafe-eval', and the one inline script (display settings) is
 * allowed by its hash. frame-ancestors only works in a header.
 */
export function headerCsp(): string {
  return [...CSP_DIRECTIVES, `script-src 'self' 'wasm-unsafe-eval' ${displayScriptHash()}`, "style-src 'self'", "frame-ancestors 'none'", "upgrade-insecure-requests"].join("; ");
}

/** Cache lifetimes: hashed assets forever, everything else revalidated (the site is rebuilt daily). */
export const CACHE_RULES = [
  { pattern: "/_astro/*", cacheControl: "public, max-age=31536000, immutable" },
  // The pages' search index (its chunks are named by their hash) and the lists' (in a folder named by its hash).
  ...["fragment/", "index/", "lists/"].map((dir) => ({ pattern: `${PAGES_INDEX}${dir}*`, cacheControl: "public, max-age=31536000, immutable" }) as const),
  { pattern: "/*", cacheControl: "public, max-age=0, must-revalidate" },
] as const;

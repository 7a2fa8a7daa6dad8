/**
 * The site's security policy, in one place: the CSP directives Astro puts in
 * each page's meta tag, and the HTTP headers written for nginx and `_headers`
 * hosts (deploy/). Tests compare the deploy files with these values.
 */

/** CSP directives besides script-src/style-src (which Astro fills with hashes). */
export const CSP_DIRECTIVES = [
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

/** The CSP sent as an HTTP header: hash-free script-src 'self' (pages add their hashes in meta) plus frame-ancestors. */
export function headerCsp(): string {
  return [...CSP_DIRECTIVES, "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "frame-ancestors 'none'", "upgrade-insecure-requests"].join("; ");
}

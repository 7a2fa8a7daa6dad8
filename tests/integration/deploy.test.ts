/** The deploy files carry exactly the headers of the security policy the pages are built with. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CSP_DIRECTIVES, displayScriptHash, headerCsp, SECURITY_HEADERS } from "../../src/lib/site/security.ts";
import { DISPLAY_HEAD_SCRIPT } from "../../src/lib/site/display-settings.ts";

const expected = { "Content-Security-Policy": headerCsp(), ...SECURITY_HEADERS };

function parseHeadersFile(text: string): Map<string, Record<string, string>> {
  const rules = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    if (!line.startsWith(" ")) rules.set(line.trim(), (current = {}));
    else if (current) {
      const i = line.indexOf(":");
      current[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
  }
  return rules;
}

function parseNginx(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^add_header (\S+) "([^"]*)" always;$/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]));
}

/** Directives of a CSP as name → sources. */
export function parseCsp(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = "", ...sources] = d.split(/\s+/);
        return [name, sources];
      }),
  );
}

describe("deploy files", () => {
  it("_headers sends the policy on every path and caches only hashed assets forever", () => {
    const rules = parseHeadersFile(readFileSync("public/_headers", "utf8"));
    expect(rules.get("/*")).toEqual(expected);
    expect(rules.get("/_astro/*")).toEqual({ "Cache-Control": "public, max-age=31536000, immutable" });
    expect([...rules.keys()].filter((k) => rules.get(k)?.["Cache-Control"]?.includes("immutable")).sort()).toEqual(["/_astro/*", "/pagefind/fragment/*", "/pagefind/index/*", "/pagefind/lists/*"]);
  });
  it("nginx includes the same headers in every location", () => {
    expect(parseNginx(readFileSync("deploy/nginx/security-headers.conf", "utf8"))).toEqual(expected);
    const server = readFileSync("deploy/nginx/wenming.conf", "utf8");
    const locations = server.match(/location [^{]+\{[^}]+\}/g) ?? [];
    // /_astro/, the fragment and index chunks of the pages' search index, the lists' index (in folders named by their hash), and /.
    expect(locations.length).toBe(5);
    for (const l of locations) expect(l).toContain("include /etc/nginx/wenming/security-headers.conf;");
    expect(server).toMatch(/location \^~ \/_astro\/ \{[^}]*immutable/);
    for (const dir of ["fragment/", "index/", "lists/"]) expect(server).toMatch(new RegExp(`location \\^~ /pagefind/${dir} \\{[^}]*immutable`));
  });
  it("meets Mozilla Observatory's A+ rules: no unsafe-inline/eval, frame-ancestors, object-src none, HSTS ≥ 6 months, nosniff, referrer policy", () => {
    const csp = parseCsp(headerCsp());
    for (const sources of csp.values()) {
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("*");
    }
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("script-src")).toEqual(["'self'", "'wasm-unsafe-eval'", displayScriptHash()]);
    expect(csp.get("worker-src")).toEqual(["'self'", "blob:"]);
    expect(Number(/max-age=(\d+)/.exec(SECURITY_HEADERS["Strict-Transport-Security"] ?? "")?.[1])).toBeGreaterThanOrEqual(15768000);
    expect(SECURITY_HEADERS["X-Content-Type-Options"]).toBe("nosniff");
    expect(SECURITY_HEADERS["Referrer-Policy"]).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
  });
  it("the meta policy's directives are the header's, minus frame-ancestors", () => {
    const header = parseCsp(headerCsp());
    for (const d of CSP_DIRECTIVES) {
      const [name = "", ...sources] = d.split(/\s+/);
      expect(header.get(name)).toEqual(sources);
    }
    expect(DISPLAY_HEAD_SCRIPT).not.toContain("</script");
  });
});

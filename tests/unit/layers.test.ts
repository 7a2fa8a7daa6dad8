/**
 * The layers point one way: pages and components → lib → schemas →
 * primitives. Each rule below is checked over every import in src/.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|astro|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Every module a file imports at run time (type-only imports are erased): relative paths resolved from the repository root, others as written. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8").replace(/(?:^|\n)\s*import\s+type\s[^;]*;/g, "");
  const found = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^"';]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s+["']([^"']+)["']/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? "",
  );
  return found.map((spec) => (spec.startsWith(".") ? normalize(join(dirname(file), spec)) : spec));
}

const rules: { layer: string; may: (spec: string) => boolean; says: string; except?: RegExp }[] = [
  { layer: "src/primitives", may: (s) => s.startsWith("src/primitives/") || s.startsWith("node:"), says: "primitives import only primitives and Node" },
  { layer: "src/schemas", may: (s) => s.startsWith("src/primitives/") || s.startsWith("src/schemas/") || s === "zod" || s === "astro/zod", says: "schemas import only primitives, schemas and zod" },
  {
    layer: "src/lib",
    may: (s) => !s.startsWith("astro:") && !/^src\/(pages|components|layouts|integrations|scripts)\//.test(s) && s !== "src/collections.ts",
    says: "lib knows nothing of Astro, pages or integrations",
  },
  // MDX components (src/components/mdx/) get only the attributes staff write, so they look their data up.
  { layer: "src/components", may: (s) => s !== "src/collections.ts" && !s.startsWith("astro:content"), says: "components render props: they do not load collections", except: /\/mdx\// },
  { layer: "src/layouts", may: (s) => s !== "src/collections.ts" && !s.startsWith("astro:content"), says: "layouts render props: they do not load collections" },
];

describe.each(rules)("$layer: $says", ({ layer, may, except }) => {
  it.each(
    sources(layer)
      .filter((f) => !except?.test(f))
      .map((f) => [f]),
  )("%s", (file) => {
    expect(importsOf(file).filter((spec) => !may(spec))).toEqual([]);
  });
});

it("the search index does not borrow helpers from the poster renderer", () => {
  expect(importsOf("src/integrations/search-index.ts").filter((s) => s.startsWith("src/lib/poster/"))).toEqual([]);
});

/** The poster designs compiled for plain Node: kept under a digest of what they are made from, used only while it is the same. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compileTsx } from "../../../src/lib/poster/tsx-hook.ts";

const design = (text: string) => `export const Slogan = ({ size }: { size: number }) => <div style={{ fontSize: size }}>${text}</div>;\n`;
let cache: string;
afterEach(() => rmSync(cache, { recursive: true, force: true }));
const fresh = () => (cache = mkdtempSync(join(tmpdir(), "wenming-tsx-")));
const kept = () => readdirSync(cache).filter((f) => f.endsWith(".mjs"));

describe("compileTsx", () => {
  it("compiles a design with Satori's JSX runtime and keeps it: the next process takes the kept code", () => {
    fresh();
    const code = compileTsx("/designs/slogan.tsx", design("civility"), cache);
    expect(code).toContain("satori/jsx/jsx-runtime");
    expect(code).toContain("civility");
    expect(kept()).toHaveLength(1);
    // What is kept is what is used: a marked copy comes back instead of a new compile.
    const file = join(cache, kept()[0] ?? "");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n// kept`);
    expect(compileTsx("/designs/slogan.tsx", design("civility"), cache)).toMatch(/\/\/ kept$/);
  });

  it.each([
    { change: "the design's text", file: "/designs/slogan.tsx", source: design("together") },
    { change: "the design's file", file: "/designs/other.tsx", source: design("civility") },
  ])("compiles again when $change changes, and keeps both", ({ file, source }) => {
    fresh();
    compileTsx("/designs/slogan.tsx", design("civility"), cache);
    for (const f of kept()) writeFileSync(join(cache, f), "// stale");
    const code = compileTsx(file, source, cache);
    expect(code).not.toContain("// stale");
    // The inline source map names the file.
    expect(Buffer.from(/base64,(\S+)/.exec(code)?.[1] ?? "", "base64").toString()).toContain(file);
    expect(kept()).toHaveLength(2);
  });

  it("compiles every time where the cache cannot be written, and says nothing", () => {
    fresh();
    // A file where the cache's folder should be: no folder can be made there, whoever runs the test.
    const blocked = join(cache, "blocked");
    writeFileSync(blocked, "");
    for (let i = 0; i < 2; i++) expect(compileTsx("/designs/slogan.tsx", design("civility"), blocked)).toContain("civility");
    expect(readFileSync(blocked, "utf8")).toBe("");
  });
});

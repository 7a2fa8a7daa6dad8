/**
 * Bad content is refused with a message naming the file and the problem. Each
 * folder in tests/fixtures/bad/ holds one problem: files that replace or add to
 * a copy of the sample content, and expect.txt with what the message must say.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/lib/content/load.ts";
import { ContentError } from "../../src/lib/content/problems.ts";
import { BAD, contentWith, sampleContent } from "./helpers.ts";

describe("the sample content", () => {
  it("passes every check", async () => {
    const c = await loadContent("content", "2026-11-22");
    expect(c.people.map((p) => p.id)).toEqual(
      readdirSync("content/good-people/people")
        .map((f) => f.replace(/\.md$/, ""))
        .sort(),
    );
    expect(c.integrity).toHaveLength(40);
    expect(c.warnings).toEqual([]);
  });
});

describe.each(readdirSync(BAD))("bad content: %s", (fixture) => {
  it("is refused with file and problem named", async () => {
    // Every expectation names the file as staff see it: content/…, with line or field.
    expect(readFileSync(join(BAD, fixture, "expect.txt"), "utf8")).toMatch(/^content\/\S+ · /);
    const expected = readFileSync(join(BAD, fixture, "expect.txt"), "utf8").trim();
    const error = await loadContent(contentWith(fixture), "2026-11-22").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).message).toContain(expected);
  });
});

describe("bad content at any scale", () => {
  it("a list of 130,000 rows, every one wrong, is refused with each row named (a spread of them into one call overflowed the stack)", async () => {
    const root = sampleContent();
    const csv = join(root, "integrity/black/2026-11.csv");
    const [head = "", first = ""] = readFileSync(csv, "utf8").split("\n");
    const cells = first.split(",");
    const rows = Array.from({ length: 130_000 }, (_, i) => [`2026-11-${String(i + 1).padStart(6, "0")}`, ...cells.slice(1, 3), "91350100M000100Y44", ...cells.slice(4)].join(","));
    writeFileSync(csv, `${head}\n${rows.join("\n")}\n`);
    const error = await loadContent(root, "2026-11-22").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems;
    expect(problems).toHaveLength(130_000);
    expect((error as ContentError).message).toContain("content/integrity/black/2026-11.csv:130001 · 统一社会信用代码 · 第 18 位校验码不符（GB 32100）：收到 91350100M000100Y44");
  }, 60_000);
});

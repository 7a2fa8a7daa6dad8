/**
 * Bad content is refused with a message naming the file and the problem. Each
 * folder in tests/fixtures/bad/ holds one problem: files that replace or add to
 * a copy of the sample content, and expect.txt with what the message must say.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/lib/content/load.ts";
import { ContentError } from "../../src/lib/content/problems.ts";
import { BAD, contentWith } from "./helpers.ts";

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

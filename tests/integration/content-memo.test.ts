/**
 * The loader remembers each file's own checks by the file's bytes (memo.ts).
 * Whatever it answers from them must be exactly what a load from nothing
 * answers: after every bad-content fixture laid over the sample, after edits to
 * every kind and list, on another as-of date, on another real day, and from
 * a build's memo file.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { lastLoadCounts, loadContent } from "../../src/lib/content/load.ts";
import { clearMemo, saveMemoFile, useMemoFile } from "../../src/lib/content/memo.ts";
import { ContentError } from "../../src/lib/content/problems.ts";
import { BAD, edit, sampleContent, type Change } from "./helpers.ts";

const AS_OF = "2026-11-22";

/** What a load gives: the content, or the problems it was refused for. */
async function outcome(root: string, asOf = AS_OF): Promise<unknown> {
  try {
    return { content: await loadContent(root, asOf) };
  } catch (error) {
    if (error instanceof ContentError) return { problems: error.problems };
    throw error;
  }
}

/** Lays a bad-content fixture over the content. */
function fixture(name: string): Change {
  return (root) => {
    const from = join(BAD, name, "content");
    const copy = (dir: string): void => {
      for (const entry of readdirSync(join(from, dir), { withFileTypes: true })) {
        const rel = join(dir, entry.name);
        if (entry.isDirectory()) copy(rel);
        else writeFileSync(join(root, rel), readFileSync(join(from, rel)));
      }
    };
    copy("");
  };
}

const RED = "integrity/red/2026-11.csv";
const BLACK = "integrity/black/2025-09.csv";

const changes: [string, Change][] = [
  ...readdirSync(BAD).map((name): [string, Change] => [`bad fixture ${name}`, fixture(name)]),
  ["a person's story edited", edit("good-people/people/li-jianguo.md", /\n\n/, "\n\n他还常年帮助邻居。\n\n")],
  ["a phone number put in a person's story", edit("good-people/people/li-jianguo.md", /\n\n/, "\n\n联系电话 13912345678。\n\n")],
  ["a black-list row's reason edited", edit(BLACK, "生产销售超范围使用食品添加剂的糕点", "生产销售超范围使用食品添加剂的月饼")],
  ["a black-list row withdrawn", edit(BLACK, "2028-06-11,公示中,,", "2028-06-11,已移出,2026-11-01,经复核撤销")],
  ["a black-list row's credit code broken", edit(BLACK, "92990100Y65Y1B0211", "92990100Y65Y1B0212")],
  ["an ID number put in a black-list row", edit(BLACK, ",刘某,,", ",刘某,110101199003071234,")],
  ["a red-list file emptied to its header", (root) => writeFileSync(join(root, RED), `${readFileSync(join(root, RED), "utf8").split("\n")[0]}\n`)],
  ["a batch's title edited", edit("good-people/batches.yaml", /title: (\S+)/, "title: $1（修订）")],
  ["the site's name edited", edit("site.yaml", /name: (\S+)/, "name: $1 ")],
];

afterEach(() => {
  vi.useRealTimers();
  clearMemo();
});

it("a load after one file changed checks that file again and takes the others' checks from memory", async () => {
  const root = sampleContent();
  await outcome(root);
  const files = lastLoadCounts().checked;
  expect(files).toBeGreaterThan(30);
  await outcome(root);
  expect(lastLoadCounts()).toEqual({ remembered: files, checked: 0 });
  for (const [rel, from, to] of [
    [BLACK, "糕点", "月饼"],
    ["good-people/people/li-jianguo.md", /。/, "，"],
    ["site.yaml", /name: (\S+)/, "name: $1（试）"],
  ] as const) {
    edit(rel, from, to)(root);
    await outcome(root);
    expect(lastLoadCounts(), rel).toEqual({ remembered: files - 1, checked: 1 });
  }
});

describe("a load answered from remembered checks equals a load from nothing", () => {
  it.each(changes)("after %s", async (_, change) => {
    const root = sampleContent();
    clearMemo();
    // Remembered: every file of the sample as it was.
    await outcome(root);
    change(root);
    const warm = await outcome(root);
    clearMemo();
    const cold = await outcome(root);
    expect(warm).toEqual(cold);
    // And once more, every file now remembered as changed.
    expect(await outcome(root)).toEqual(cold);
  });

  it("on another as-of date", async () => {
    const root = sampleContent();
    await outcome(root);
    for (const asOf of ["2025-01-01", "2026-06-30", "2026-11-22"]) {
      const warm = await outcome(root, asOf);
      clearMemo();
      expect(warm, asOf).toEqual(await outcome(root, asOf));
    }
  });

  it("on another real day: a date refused as in the future yesterday is accepted today", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T12:00:00+08:00"));
    const root = sampleContent();
    edit("etiquette/jiaotong-lirang.mdx", "updated: 2026-10-12", "updated: 2026-12-02")(root);
    const refused = (await outcome(root)) as { problems?: { message: string }[] };
    expect(refused.problems?.map((p) => p.message).join("\n")).toMatch(/日期在未来/);
    vi.setSystemTime(new Date("2026-12-03T12:00:00+08:00"));
    const warm = await outcome(root);
    expect(warm).toHaveProperty("content");
    clearMemo();
    expect(warm).toEqual(await outcome(root));
  });

  it("from a build's memo file: the same code reads it, other code or a damaged file does not", async () => {
    const root = sampleContent();
    const file = join(mkdtempSync(join(tmpdir(), "wenming-memo-")), "content-memo.bin");
    useMemoFile(file, "code-1");
    const cold = await outcome(root);
    saveMemoFile();
    expect(existsSync(file)).toBe(true);
    edit(BLACK, "生产销售超范围使用食品添加剂的糕点", "生产销售超范围使用食品添加剂的月饼")(root);
    for (const [stamp, damage] of [
      ["code-1", false],
      ["code-2", false],
      ["code-1", true],
    ] as const) {
      clearMemo();
      if (damage) writeFileSync(file, readFileSync(file).subarray(0, 1000));
      useMemoFile(file, stamp);
      const warm = await outcome(root);
      clearMemo();
      expect(warm, `${stamp}${damage ? ", damaged" : ""}`).toEqual(await outcome(root));
      expect(warm).not.toEqual(cold);
    }
  });
});

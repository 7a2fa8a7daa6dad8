/**
 * How the workbench checks a change before writing it (src/studio/store.ts):
 * on a linked copy of the content folder, so a check must never reach the
 * originals through the links; and with the problems the folder already
 * had, remembered between saves, so that memory must notice any file
 * changed outside the workbench.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { formatProblem } from "../../../src/lib/content/problems.ts";
import { ContentStore, type Changes } from "../../../src/studio/store.ts";

const AS_OF = "2026-11-22";
const PERSON = "good-people/people/chen-youfu.md";
const OTHER = "good-people/people/deng-li.md";

function freshContent(): string {
  const root = join(mkdtempSync(join(tmpdir(), "studio-store-")), "content");
  cpSync("content", root, { recursive: true });
  return root;
}

/** Every file with its bytes' hash and inode. */
function snapshot(root: string, dir = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (rel === ".git") continue;
    if (e.isDirectory()) Object.assign(out, snapshot(root, rel));
    else
      out[rel] = `${createHash("sha256")
        .update(readFileSync(join(root, rel)))
        .digest("hex")}:${statSync(join(root, rel)).ino}`;
  }
  return out;
}

const edit = (root: string, rel: string, from: string | RegExp, to: string) => Buffer.from(readFileSync(join(root, rel), "utf8").replace(from, to));

describe("checking a change never touches the content folder", () => {
  const changes: [string, (root: string) => Changes][] = [
    ["an edited file", (root) => new Map([[PERSON, edit(root, PERSON, "陈有福原本", "陈有福早年")]])],
    ["an edit that brings a problem", (root) => new Map([[PERSON, edit(root, PERSON, "category: 诚实守信", "category: 不存在的类别")]])],
    ["a deleted file", () => new Map([[OTHER, null]])],
    ["a new file in a new folder", () => new Map([["good-people/extra/new.md", Buffer.from("---\nname: 新人\n---\n")]])],
    [
      "several at once",
      (root) =>
        new Map<string, Buffer | null>([
          [PERSON, edit(root, PERSON, "八年", "九年")],
          [OTHER, null],
        ]),
    ],
  ];
  it.each(changes)("%s", async (_, make) => {
    const root = freshContent();
    const store = new ContentStore(root);
    const before = snapshot(root);
    await store.check(make(root), AS_OF);
    await store.newProblems(make(root), AS_OF);
    expect(snapshot(root)).toEqual(before);
  });
});

describe("the problems the folder already has are remembered only while nothing changed", () => {
  it("a save after a save checks once; a change made outside the workbench is checked again, and its problem does not block another file", async () => {
    const root = freshContent();
    const store = new ContentStore(root);
    await store.ensureRepository();
    const checks = vi.spyOn(store, "check");
    const save = (rel: string, from: string, to: string) => store.save(new Map([[rel, edit(root, rel, from, to)]]), "测试", { name: "测试" }, AS_OF);

    expect((await save(PERSON, "陈有福原本", "陈有福早年")).ok).toBe(true);
    expect(checks).toHaveBeenCalledTimes(2);
    checks.mockClear();
    expect((await save(PERSON, "陈有福早年", "陈有福当年")).ok).toBe(true);
    expect(checks).toHaveBeenCalledTimes(1);

    // Broken outside the workbench (an editor, a script): the memory must not hide it.
    writeFileSync(join(root, OTHER), edit(root, OTHER, /category: .*/, "category: 不存在的类别"));
    checks.mockClear();
    const third = await save(PERSON, "陈有福当年", "陈有福那年");
    expect(checks).toHaveBeenCalledTimes(2);
    expect(third.ok).toBe(true);
    expect(third.existing.map(formatProblem).join("\n")).toContain("deng-li.md");

    // The same problem brought by a save is refused.
    const broken = await store.save(new Map([[PERSON, edit(root, PERSON, /category: .*/, "category: 不存在的类别")]]), "测试", { name: "测试" }, AS_OF);
    expect(broken.ok).toBe(false);
    expect(broken.problems.map(formatProblem).join("\n")).toContain("chen-youfu.md");
  });

  it.each([
    ["a longer line", "category: 不存在的类别"],
    ["a line of the same length", "category: 诚实守心"],
  ])("an outside edit with %s is noticed", async (_, replacement) => {
    const root = freshContent();
    const store = new ContentStore(root);
    await store.ensureRepository();
    expect((await store.newProblems(new Map(), AS_OF)).existing).toEqual([]);
    writeFileSync(join(root, PERSON), edit(root, PERSON, "category: 诚实守信", replacement));
    const { existing } = await store.newProblems(new Map(), AS_OF);
    expect(existing.map(formatProblem).join("\n")).toContain("chen-youfu.md");
  });
});

/** Clearing away the site a build replaces: gone from its place at once, deleted in the background, leftovers swept. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discardFolder } from "../../../src/lib/build/files.ts";

function site(path: string, files = 200): void {
  for (let i = 0; i < files; i++) {
    mkdirSync(join(path, `p-${i}`), { recursive: true });
    writeFileSync(join(path, `p-${i}`, "index.html"), `<p>${i}</p>`);
  }
}

async function eventually(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("discardFolder", () => {
  it("frees the path at once and deletes the folder in the background", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wenming-discard-"));
    const old = join(dir, "dist.old");
    site(old);
    writeFileSync(join(dir, "keep.txt"), "x");
    discardFolder(old);
    expect(existsSync(old)).toBe(false);
    // A new site can take the name right away.
    site(old, 1);
    await eventually(() => readdirSync(dir).every((n) => !n.includes(".trash-")));
    expect(readdirSync(dir).sort()).toEqual(["dist.old", "keep.txt"]);
  });

  it("sweeps the leftovers of an interrupted deletion, and only those of its own path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wenming-discard-"));
    site(join(dir, "dist.old.trash-1-1"), 5);
    site(join(dir, "other.old.trash-1-1"), 5);
    discardFolder(join(dir, "dist.old")); // nothing at the path itself
    await eventually(() => !existsSync(join(dir, "dist.old.trash-1-1")));
    expect(readdirSync(dir)).toEqual(["other.old.trash-1-1"]);
  });

  it("does nothing when there is nothing to discard", () => {
    const dir = mkdtempSync(join(tmpdir(), "wenming-discard-"));
    discardFolder(join(dir, "dist.old"));
    discardFolder(join(dir, "missing", "dist.old"));
    expect(readdirSync(dir)).toEqual([]);
  });
});

/**
 * Files of a build: placing cached outputs into the site, listing a site's
 * files, and clearing away the site a build replaces (gone from its place at
 * once, deleted in the background, leftovers swept).
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discardFolder, placeFile } from "../../../src/lib/build/files.ts";
import { siteFiles } from "../../../src/lib/checks/site-files.ts";

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

describe("placeFile", () => {
  const cases: { name: string; before?: (target: string) => void }[] = [
    { name: "into a folder that does not exist yet" },
    { name: "into a folder that exists", before: (t) => mkdirSync(join(t, ".."), { recursive: true }) },
    {
      name: "over a file already there (an earlier build's)",
      before: (t) => {
        mkdirSync(join(t, ".."), { recursive: true });
        writeFileSync(t, "old");
      },
    },
    {
      name: "over a link to another cached file",
      before: (t) => {
        mkdirSync(join(t, ".."), { recursive: true });
        const other = `${t}.other`;
        writeFileSync(other, "other");
        linkSync(other, t);
      },
    },
  ];
  for (const { name, before } of cases) {
    it(`places the cached file ${name}, as a link to it`, () => {
      const dir = mkdtempSync(join(tmpdir(), "wenming-place-"));
      const cached = join(dir, "cache", "a.pf_fragment");
      mkdirSync(join(dir, "cache"));
      writeFileSync(cached, "new");
      const target = join(dir, "site", "pagefind", "fragment", "a.pf_fragment");
      before?.(target);
      placeFile(cached, target);
      expect(readFileSync(target, "utf8")).toBe("new");
      expect(statSync(target).ino).toBe(statSync(cached).ino);
    });
  }

  it("fails when the cached file is missing, and makes no folder for it", () => {
    const dir = mkdtempSync(join(tmpdir(), "wenming-place-"));
    expect(() => placeFile(join(dir, "missing"), join(dir, "site", "x", "missing"))).toThrow(/ENOENT/);
    expect(existsSync(join(dir, "site"))).toBe(false);
  });
});

describe("siteFiles", () => {
  it("lists every regular file at any depth, relative with forward slashes, and follows no links", () => {
    const dir = mkdtempSync(join(tmpdir(), "wenming-files-"));
    site(join(dir, "site"), 3);
    mkdirSync(join(dir, "site", "empty", "deeper"), { recursive: true });
    mkdirSync(join(dir, "site", "pagefind", "fragment"), { recursive: true });
    writeFileSync(join(dir, "site", "pagefind", "fragment", "zh-cn_1.pf_fragment"), "x");
    writeFileSync(join(dir, "site", "robots.txt"), "x");
    mkdirSync(join(dir, "outside"));
    writeFileSync(join(dir, "outside", "secret.html"), "x");
    symlinkSync(join(dir, "outside"), join(dir, "site", "linked"));
    symlinkSync(join(dir, "outside", "secret.html"), join(dir, "site", "linked.html"));
    expect(siteFiles(join(dir, "site")).sort()).toEqual(["p-0/index.html", "p-1/index.html", "p-2/index.html", "pagefind/fragment/zh-cn_1.pf_fragment", "robots.txt"]);
  });
});

/**
 * Files of a build: placing cached outputs into the site, listing a site's
 * files, and clearing away the site a build replaces (gone from its place at
 * once, deleted in the background, leftovers swept).
 */
import { cpSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discardFolder, placeFile, prerenderScratch, publishFolder } from "../../../src/lib/build/files.ts";
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

/** Every folder and file under `root` with its bytes, the way a reader of the site would find them. */
function tree(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        out.push(`${rel}${entry.name}/`);
        visit(path, `${rel}${entry.name}/`);
      } else out.push(`${rel}${entry.name} = ${readFileSync(path, "utf8")}`);
    }
  };
  visit(root, "");
  return out.sort();
}

describe("publishFolder", () => {
  /** Each build changes the site the way a real one does; the published folder must equal it after every publication. */
  const builds: { name: string; change: (site: string) => void }[] = [
    { name: "a first site", change: (s) => site(s, 6) },
    { name: "nothing changed", change: () => {} },
    { name: "a page changed", change: (s) => writeFileSync(join(s, "p-1", "index.html"), "<p>changed</p>") },
    { name: "a page withdrawn (its folder goes)", change: (s) => rmSync(join(s, "p-2"), { recursive: true }) },
    {
      name: "a page added deep down",
      change: (s) => {
        mkdirSync(join(s, "integrity", "black", "2026"), { recursive: true });
        writeFileSync(join(s, "integrity", "black", "2026", "index.html"), "<p>2026</p>");
      },
    },
    {
      name: "a folder replaced by a file of the same name",
      change: (s) => {
        rmSync(join(s, "p-3"), { recursive: true });
        writeFileSync(join(s, "p-3"), "file now");
      },
    },
    { name: "a whole section withdrawn", change: (s) => rmSync(join(s, "integrity"), { recursive: true }) },
  ];

  it("leaves the target equal to each build in turn, its files linked to the build's, and keeps each published site intact", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wenming-publish-"));
    const target = join(dir, "www");
    let previous: { files: string[]; snapshot: string } | undefined;
    for (const [i, { name, change }] of builds.entries()) {
      // A build writes a new folder: the kept files are links to the last one's, the changed ones new files.
      const built = join(dir, `build-${i}`);
      if (i === 0) mkdirSync(built);
      else cpSync(join(dir, `build-${i - 1}`), built, { recursive: true });
      change(built);
      // Most publications find the folders of the site replaced last ready (stale ones among them), two do not wait.
      if (i > 0 && i !== 1 && i !== 3) await eventually(() => existsSync(`${target}.skeleton`));
      const files = await publishFolder(built, target);
      expect(tree(target), name).toEqual(tree(built));
      expect(files, name).toBe(tree(built).filter((l) => l.includes(" = ")).length);
      const page = join(target, "p-0", "index.html");
      expect(statSync(page).ino, `${name}: linked, not copied`).toBe(statSync(join(built, "p-0", "index.html")).ino);
      // The site published before is untouched by this one (its files are the earlier build's).
      if (previous) expect(tree(previous.snapshot), name).toEqual(previous.files);
      previous = { files: tree(built), snapshot: built };
      expect(existsSync(`${target}.new`), name).toBe(false);
    }
    await eventually(() => !readdirSync(dir).some((n) => n.includes(".emptying-") || n.includes(".trash-")));
    expect(
      tree(`${target}.skeleton`).every((l) => l.endsWith("/")),
      "the skeleton holds folders only",
    ).toBe(true);
  });

  it("leaves the published site in place when the build cannot be published (a link in it), and the next publication recovers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wenming-publish-"));
    const target = join(dir, "www");
    const built = join(dir, "build");
    site(built, 3);
    await publishFolder(built, target);
    const published = tree(target);
    symlinkSync("/etc/passwd", join(built, "p-0", "secret.html"));
    await expect(publishFolder(built, target)).rejects.toThrow(/secret\.html/);
    expect(tree(target)).toEqual(published);
    rmSync(join(built, "p-0", "secret.html"));
    writeFileSync(join(built, "p-1", "index.html"), "<p>new</p>");
    await publishFolder(built, target);
    expect(tree(target)).toEqual(tree(built));
  });
});

describe("prerenderScratch", () => {
  const project = () => {
    const dir = mkdtempSync(join(tmpdir(), "wenming-project-"));
    mkdirSync(join(dir, "node_modules", "some-package"), { recursive: true });
    return dir;
  };

  it("leaves Astro's own folder alone when the output folder is inside the project (Astro's test: the path starts with the project's)", () => {
    const dir = project();
    expect(prerenderScratch(join(dir, "dist.tmp"), dir)).toBeUndefined();
    expect(prerenderScratch(`${dir}-sibling/dist.tmp`, dir)).toBeUndefined();
    expect(existsSync(join(dir, ".astro"))).toBe(false);
  });

  it("links the project's .astro/.prerender to a folder beside an output folder elsewhere, whose imports find the project's packages", () => {
    const dir = project();
    const out = join(mkdtempSync(join(tmpdir(), "wenming-out-")), "dist.tmp");
    // What an earlier build left: a real folder with a stale chunk.
    mkdirSync(join(dir, ".astro", ".prerender", "chunks"), { recursive: true });
    writeFileSync(join(dir, ".astro", ".prerender", "chunks", "old.mjs"), "stale");
    const remove = prerenderScratch(out, dir);
    const link = join(dir, ".astro", ".prerender");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(`${out}.prerender`);
    expect(readdirSync(link)).toEqual(["node_modules"]);
    expect(realpathSync(join(link, "node_modules", "some-package"))).toBe(realpathSync(join(dir, "node_modules", "some-package")));
    writeFileSync(join(link, "chunk.mjs"), "bundle");
    expect(readFileSync(`${out}.prerender/chunk.mjs`, "utf8")).toBe("bundle");
    remove?.();
    expect(existsSync(`${out}.prerender`)).toBe(false);
    expect(() => lstatSync(link)).toThrow();
    // The project's packages are untouched by the removal of the link to them.
    expect(existsSync(join(dir, "node_modules", "some-package"))).toBe(true);
  });
});

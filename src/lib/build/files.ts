/** Placing cached build outputs into the site being built, and clearing away (or recycling) the site it replaces. */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SiteTree } from "../checks/site-files.ts";

/**
 * Puts a cached file into the site: a hard link when possible (instant, no
 * extra disk), a copy otherwise; a file already at `target` is replaced.
 * Synchronous: builds place thousands of files (the search index alone has
 * ~15,000 at city scale), and each would cost several thread-pool round trips
 * with fs/promises. The link is tried first, and its folder made or the old
 * file removed only when it fails for that reason: one system call per file
 * in the usual case instead of three.
 */
export function placeFile(file: string, target: string): void {
  try {
    linkOrCopy(file, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && existsSync(file)) mkdirSync(dirname(target), { recursive: true });
    else if (code === "EEXIST") rmSync(target, { force: true });
    else throw error;
    linkOrCopy(file, target);
  }
}

/** A hard link, or a copy where links are refused (another file system); a missing folder or an existing target is left to the caller. */
function linkOrCopy(file: string, target: string): void {
  try {
    linkSync(file, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EEXIST") throw error;
    copyFileSync(file, target);
  }
}

/**
 * Where Astro bundles the pages before rendering them when the output folder is
 * outside the project folder (its test, copied: the output path does not start
 * with the project's): `<project>/.astro/.prerender/`, whose style sheets and
 * scripts it then renames into the output folder. A rename cannot cross file
 * systems (EXDEV), so a workbench whose `--data` is on another disk than the
 * project — `/var` on a volume of its own — could not build at all. That folder
 * is made a link to `<output>.prerender`, beside the output folder and on its
 * file system, for this build (the caller holds the project's build lock: the
 * folder is shared by every build of the project). Returns what removes both
 * after the build, or undefined where Astro uses a folder inside the output
 * folder itself.
 */
export function prerenderScratch(outDir: string, projectDir: string): (() => void) | undefined {
  if (outDir.startsWith(projectDir)) return undefined;
  const link = join(projectDir, ".astro", ".prerender");
  const target = `${outDir}.prerender`;
  // rmSync removes a link, not what it points to.
  const remove = () => {
    rmSync(link, { recursive: true, force: true });
    rmSync(target, { recursive: true, force: true });
  };
  remove();
  mkdirSync(target, { recursive: true });
  // Node finds the bundle's imports from where its files really are: the project's packages, linked beside them.
  symlinkSync(join(projectDir, "node_modules"), join(target, "node_modules"), "dir");
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(target, link, "dir");
  return remove;
}

/**
 * Removes a folder without waiting for it: it is renamed at once to a unique sibling
 * (`<path>.trash-<pid>-<time>`), which a detached process deletes. Deleting a city's
 * site (tens of thousands of files) takes seconds that a staff member would otherwise
 * wait for after the new site is already in place. Leftovers of an interrupted
 * deletion are swept by the next call for the same path.
 */
export function discardFolder(path: string): void {
  const dir = dirname(path);
  const prefix = `${basename(path)}.trash-`;
  const trash = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.startsWith(prefix))
        .map((name) => join(dir, name))
    : [];
  if (existsSync(path)) {
    const target = `${path}.trash-${process.pid}-${Date.now()}`;
    renameSync(path, target);
    trash.push(target);
  }
  if (trash.length === 0) return;
  const remover = spawn(process.execPath, ["-e", "for (const d of process.argv.slice(1)) require('node:fs').rmSync(d, { recursive: true, force: true })", ...trash], {
    detached: true,
    stdio: "ignore",
  });
  remover.unref();
}

/** True when `dir` holds no file at any depth (folders only). */
function onlyFolders(dir: string): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true })) if (!entry.isDirectory() || !onlyFolders(join(dir, entry.name))) return false;
  return true;
}

/**
 * Moves the folders of an older site (`skeleton`, emptied by recycleFolder)
 * to `target`, for a build to write into: on this kind of disk making a
 * folder costs ≈ 0.25 ms, and a city site has 24,000 (docs/performance.md).
 * Only a tree with no file in it is taken — a build must start from nothing
 * but folders — anything else is discarded; false when there is none.
 */
export function takeSkeleton(skeleton: string, target: string): boolean {
  if (!existsSync(skeleton)) return false;
  if (!onlyFolders(skeleton)) {
    discardFolder(skeleton);
    return false;
  }
  renameSync(skeleton, target);
  return true;
}

/**
 * Removes the folders left empty under `root` (a kept page's folder whose
 * page is gone, in a site built into the emptied folders of an older one),
 * deepest first; `root` itself stays. With `listed` (siteTree's, listed
 * earlier in the build), only the folders that had no file under them then
 * are tried — one given files since is not empty and stays — instead of
 * visiting every folder again.
 */
export function removeEmptyFolders(root: string, listed?: Readonly<SiteTree>): number {
  let removed = 0;
  if (listed) {
    // Every folder with a file at some depth: each file's folder and that folder's parents.
    const holding = new Set<string>();
    for (const file of listed.files) {
      let folder = dirname(file);
      while (folder !== "." && !holding.has(folder)) {
        holding.add(folder);
        folder = dirname(folder);
      }
    }
    // Listed parents first: backwards, every folder comes before its parent.
    for (const folder of listed.folders.filter((f) => !holding.has(f)).reverse()) {
      try {
        rmdirSync(join(root, folder));
        removed++;
      } catch (error) {
        if (!["ENOTEMPTY", "EEXIST", "ENOENT"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
      }
    }
    return removed;
  }
  const visit = (dir: string): boolean => {
    let empty = true;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && visit(join(dir, entry.name))) {
        rmdirSync(join(dir, entry.name));
        removed++;
      } else empty = false;
    }
    return empty;
  };
  visit(root);
  return removed;
}

/** An emptying folder this old was left by a process that was stopped (emptying a 5x site takes minutes). */
const STALE_EMPTYING_MS = 60 * 60 * 1000;

/**
 * Like discardFolder, but keeps the folders: a detached process removes every
 * file under `path` (renamed at once out of the way), then makes what is left
 * the next build's `skeleton` (takeSkeleton), or deletes it when there is one
 * already. Removing a hard link costs a tenth of removing a folder, and most of
 * a site's files are links (kept pages, posters, the search index). With no
 * `path` (the first build into a folder), the process makes the folders of
 * `site` instead, so that the next build has them too.
 */
export function recycleFolder(path: string, skeleton: string, site: string): void {
  const helper = fileURLToPath(new URL("./empty-folder.ts", import.meta.url));
  // Left by a process that was stopped mid-way (a running one is younger than an hour).
  const prefix = `${basename(skeleton)}.emptying-`;
  for (const name of existsSync(dirname(skeleton)) ? readdirSync(dirname(skeleton)) : []) {
    const started = Number(name.startsWith(prefix) ? name.split("-").pop() : NaN);
    if (started < Date.now() - STALE_EMPTYING_MS) discardFolder(join(dirname(skeleton), name));
  }
  let args: string[];
  if (existsSync(path)) {
    const emptying = `${skeleton}.emptying-${process.pid}-${Date.now()}`;
    renameSync(path, emptying);
    args = ["empty", emptying, skeleton];
  } else if (!existsSync(skeleton)) args = ["mirror", site, skeleton];
  else return;
  spawn(process.execPath, [helper, ...args], { detached: true, stdio: "ignore" }).unref();
}

/**
 * Makes `to` the same tree as `from`, each file a hard link to `from`'s (a
 * copy on another file system). `to` is a new folder, or a skeleton
 * (takeSkeleton: folders only), whose folders `from` does not have are
 * removed. Every 20 ms it gives way to the event loop, so a server
 * publishing a city site (43,000 files) goes on answering. Safe because no
 * build writes into a file it has written: a later build makes new files
 * and links (fileIdentity).
 */
export async function linkTree(from: string, to: string, reuse: boolean): Promise<number> {
  let files = 0;
  const visit = async (source: string, target: string, existing: boolean): Promise<void> => {
    const stale = existing ? new Set(readdirSync(target)) : undefined;
    if (!existing) mkdirSync(target);
    for (const entry of readdirSync(source, { withFileTypes: true })) {
      const path = join(source, entry.name);
      const had = stale?.delete(entry.name) ?? false;
      if (entry.isDirectory()) await visit(path, join(target, entry.name), had);
      else if (entry.isFile()) {
        if (had) rmSync(join(target, entry.name), { recursive: true }); // a skeleton's folder where a file was built
        linkOrCopy(path, join(target, entry.name));
        files++;
      } else throw new Error(`${path}: neither a file nor a folder`);
    }
    for (const name of stale ?? []) rmSync(join(target, name), { recursive: true });
    if (performance.now() > due) {
      await yieldToLoop();
      due = performance.now() + 20;
    }
  };
  let due = performance.now() + 20;
  await visit(from, to, reuse);
  return files;
}

/**
 * Puts a built site in place at `target` without copying it: the new tree is
 * linked beside it (`<target>.new`, in the emptied folders of the site
 * replaced last when there are some), swapped in with two renames, and the
 * replaced site emptied in the background for the next time (recycleFolder).
 * At city scale a copy took ≈ 15 s on this disk (a new file costs 0.37 ms, a
 * new folder 0.25 ms, a link 0.012 ms: docs/performance.md).
 */
export async function publishFolder(built: string, target: string): Promise<number> {
  const next = `${target}.new`;
  const old = `${target}.old`;
  const skeleton = `${target}.skeleton`;
  rmSync(next, { recursive: true, force: true });
  const files = await linkTree(built, next, takeSkeleton(skeleton, next));
  discardFolder(old);
  if (existsSync(target)) renameSync(target, old);
  renameSync(next, target);
  recycleFolder(old, skeleton, target);
  return files;
}

/**
 * A file's identity: its inode, size and modification time (to the
 * nanosecond), or undefined when there is no file. A build never writes into
 * a file it has published or cached — it writes new files and links — so a
 * file with the same identity as one an earlier build wrote has the same
 * bytes (short of someone setting its time back by hand).
 */
export function fileIdentity(path: string): string | undefined {
  try {
    const s = statSync(path, { bigint: true });
    return s.isFile() ? `${s.ino}:${s.size}:${s.mtimeNs}` : undefined;
  } catch {
    return undefined;
  }
}

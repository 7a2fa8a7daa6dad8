/**
 * Started by files.ts (recycleFolder), detached, after a build has put its
 * site in place; leaves the next build's skeleton: a tree of the site's
 * folders with no file in it (takeSkeleton).
 *
 *   node empty-folder.ts empty <folder> <skeleton>   removes every file under <folder> (the site replaced), keeping
 *                                                   its folders, then renames it to <skeleton>
 *   node empty-folder.ts mirror <site> <skeleton>    makes the folders of <site> (when no site was replaced: a first
 *                                                   build) under a temporary name, then renames it to <skeleton>
 *
 * The rename comes last, so a build never finds a half-made skeleton; when a
 * skeleton is there already, or anything fails, the work is deleted instead.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, unlinkSync } from "node:fs";
import { join } from "node:path";

function emptyFiles(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) emptyFiles(path);
    else unlinkSync(path);
  }
}

function mirrorFolders(site: string, into: string): void {
  mkdirSync(into, { recursive: true });
  for (const entry of readdirSync(site, { withFileTypes: true })) if (entry.isDirectory()) mirrorFolders(join(site, entry.name), join(into, entry.name));
}

const [mode, from, skeleton] = process.argv.slice(2);
if (from && skeleton) {
  const work = mode === "mirror" ? `${skeleton}.emptying-${process.pid}-${Date.now()}` : from;
  try {
    if (mode === "mirror") mirrorFolders(from, work);
    else emptyFiles(work);
    if (existsSync(skeleton)) throw new Error("a skeleton is there already");
    renameSync(work, skeleton);
  } catch {
    rmSync(work, { recursive: true, force: true });
  }
}

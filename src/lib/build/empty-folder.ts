/**
 * `node empty-folder.ts <folder> <skeleton>` (started by files.ts:
 * recycleFolder): removes every file under <folder>, keeping its folders, then
 * renames it to <skeleton> for the next build — or deletes it when a skeleton
 * is there already or anything fails. The rename comes last, so a build never
 * finds a half-emptied skeleton.
 */
import { existsSync, readdirSync, renameSync, rmSync, unlinkSync } from "node:fs";
import { join } from "node:path";

function emptyFiles(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) emptyFiles(path);
    else unlinkSync(path);
  }
}

const [folder, skeleton] = process.argv.slice(2);
if (folder && skeleton) {
  try {
    emptyFiles(folder);
    if (existsSync(skeleton)) throw new Error("a skeleton is there already");
    renameSync(folder, skeleton);
  } catch {
    rmSync(folder, { recursive: true, force: true });
  }
}

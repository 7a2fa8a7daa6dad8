/** Placing cached build outputs into the site being built, and clearing away the site it replaces. */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Puts a cached file into the site: a hard link when possible (instant, no
 * extra disk), a copy otherwise. Synchronous: builds place thousands of files
 * (the search index alone has ~15,000 at city scale), and each would cost
 * four thread-pool round trips with fs/promises.
 */
export function placeFile(file: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  rmSync(target, { force: true });
  try {
    linkSync(file, target);
  } catch {
    copyFileSync(file, target);
  }
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

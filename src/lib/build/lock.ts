/**
 * One build at a time per project folder: two builds would write the same
 * temporary folder and caches. The lock is a file holding the owner's pid,
 * created exclusively; a lock whose owner no longer runs is taken over.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, "wx");
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new Error(`无法创建构建锁文件 ${path}`, { cause: error });
  }
}

/**
 * Takes the lock at `path`, waiting up to `waitSeconds` for another build to
 * finish; returns the function that releases it. Throws a Chinese message when
 * the other build is still running after the wait.
 */
export async function acquireBuildLock(path: string, options: { waitSeconds: number; log?: (message: string) => void }): Promise<() => void> {
  mkdirSync(dirname(path), { recursive: true });
  const log = options.log ?? ((m: string) => console.log(m));
  const deadline = Date.now() + options.waitSeconds * 1000;
  let told = false;
  for (;;) {
    if (tryCreate(path)) break;
    const owner = ownerOf(path);
    if (owner === undefined || !isRunning(owner)) {
      // The owner is gone (crashed or killed): its lock means nothing.
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() >= deadline) throw new Error(`另一个构建（进程 ${owner}）仍在进行，本次构建已停止：请等它完成后再试。锁文件：${path}`);
    if (!told) log(`另一个构建（进程 ${owner}）正在进行，等待它完成…`);
    told = true;
    await sleep(500);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (ownerOf(path) === process.pid) rmSync(path, { force: true });
  };
}

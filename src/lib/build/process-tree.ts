/**
 * A process and all its descendants, from Linux /proc: their resident memory
 * and CPU time (the build's memory watch, the benchmark), and their ids (to
 * stop a build's helpers with it). Elsewhere the tree is just the process.
 */
import { readdirSync, readFileSync } from "node:fs";

export const TICKS_PER_SECOND = 100;

interface Proc {
  ppid: number;
  rss: number;
  cpu: number;
}

function processes(): Map<number, Proc> {
  const all = new Map<number, Proc>();
  let names: string[];
  try {
    names = readdirSync("/proc");
  } catch (error) {
    // Not Linux: no process tree to read (the build's memory watch then sees nothing).
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return all;
    throw error;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, "utf8");
      // Fields after the command name: state ppid … utime(14) stime(15) cutime(16) cstime(17).
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      all.set(Number(name), { ppid, rss: kb * 1024, cpu: ticks / TICKS_PER_SECOND });
    } catch (error) {
      // The process ended while we looked (its /proc entry went: ENOENT, or ESRCH while reading), or it is
      // another user's under a /proc mounted with hidepid (EACCES): not part of what we can measure.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ESRCH" && code !== "EACCES") throw error;
    }
  }
  return all;
}

/** `root` and its descendants' ids, `root` first. */
export function descendants(root: number, all = processes()): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, p] of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop() ?? 0;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Resident memory (bytes) and CPU time (seconds, user + system, including reaped children) of `root`'s tree. */
export function treeUsage(root: number): { rss: number; cpu: number } {
  const all = processes();
  const total = { rss: 0, cpu: 0 };
  for (const pid of descendants(root, all)) {
    total.rss += all.get(pid)?.rss ?? 0;
    total.cpu += all.get(pid)?.cpu ?? 0;
  }
  return total;
}

/** Measuring helpers for the benchmark: a process tree's peak RSS, timed log stages, brotli sizes. */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(Number(name), kb * 1024);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop() ?? 0;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface RunResult {
  code: number;
  seconds: number;
  peakRss: number;
  /** Each output line with the seconds since start when it arrived. */
  lines: { t: number; text: string }[];
}

/** Runs a command, sampling the whole process tree's RSS every 100 ms. */
export function runMeasured(cmd: string, args: string[], env: Record<string, string>, echo = false): Promise<RunResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, treeRss(child.pid ?? 0))), 100);
    const lines: RunResult["lines"] = [];
    let buffer = "";
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      let i: number;
      while ((i = buffer.indexOf("\n")) >= 0) {
        const text = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        lines.push({ t: (performance.now() - start) / 1000, text });
        if (echo) console.log(`    ${text}`);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("close", (code) => {
      clearInterval(timer);
      resolve({ code: code ?? 1, seconds: (performance.now() - start) / 1000, peakRss: peak, lines });
    });
  });
}

/** Stage durations of a build, from its log. */
export function stages(lines: RunResult["lines"]): Record<string, number> {
  const find = (re: RegExp) => lines.find((l) => re.test(l.text));
  const seconds = (re: RegExp) => {
    const line = find(re);
    return line ? Number(/（([\d.]+) s）/.exec(line.text)?.[1] ?? NaN) : NaN;
  };
  const syncStart = find(/Syncing content/)?.t;
  const syncEnd = find(/Synced content/)?.t;
  const routesStart = find(/generating static routes/)?.t;
  const posters = find(/海报与分享图/);
  const postersSeconds = seconds(/海报与分享图/);
  // Hooks run after the pages: the posters hook is the first; its log line comes at its end.
  const hooksStart = posters ? posters.t - postersSeconds : find(/SKIP_POSTERS/)?.t;
  return {
    contentSync: syncStart !== undefined && syncEnd !== undefined ? syncEnd - syncStart : NaN,
    pages: routesStart !== undefined && hooksStart !== undefined ? hooksStart - routesStart : NaN,
    posters: postersSeconds,
    searchIndex: seconds(/搜索索引/),
    outputChecks: seconds(/输出检查通过/),
  };
}

export function brotli(bytes: Buffer | string): number {
  return brotliCompressSync(typeof bytes === "string" ? Buffer.from(bytes) : bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] ?? 0) : NaN;
}

/** Measuring helpers for the benchmark: a process tree's peak RSS, timed log stages, brotli sizes. */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { TICKS_PER_SECOND, treeUsage } from "../../../src/lib/build/process-tree.ts";
import { brotliCompressSync, constants } from "node:zlib";

export interface RunResult {
  code: number;
  seconds: number;
  peakRss: number;
  /** CPU seconds of the process tree (last sample before it ended): with 2 cores, wall ≥ cpu / 2. */
  cpuSeconds: number;
  /** CPU seconds the virtual machine's host took from all cores meanwhile (steal time): a busy host makes the same build slower. */
  stealSeconds: number;
  /** Each output line with the seconds since start when it arrived. */
  lines: { t: number; text: string }[];
  /** CPU seconds of the tree, sampled every 100 ms (seconds since start). */
  samples: { t: number; cpu: number }[];
}

/** Steal time of all CPUs so far, in seconds (Linux /proc/stat; 0 where unknown). */
function steal(): number {
  try {
    const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/) ?? [];
    return Number(cpu[8] ?? 0) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Runs a command, sampling the whole process tree's RSS and CPU time every 100 ms. */
export function runMeasured(cmd: string, args: string[], env: Record<string, string>, echo = false): Promise<RunResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    const stolen = steal();
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let peak = 0;
    let cpu = 0;
    const samples: RunResult["samples"] = [];
    const timer = setInterval(() => {
      const u = treeUsage(child.pid ?? 0);
      peak = Math.max(peak, u.rss);
      cpu = Math.max(cpu, u.cpu);
      samples.push({ t: (performance.now() - start) / 1000, cpu });
    }, 100);
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
      resolve({ code: code ?? 1, seconds: (performance.now() - start) / 1000, peakRss: peak, cpuSeconds: cpu, stealSeconds: steal() - stolen, lines, samples });
    });
  });
}

export interface Stage {
  /** Wall seconds. */
  seconds: number;
  /** CPU seconds of the whole process tree meanwhile (with 2 cores at most twice the wall time). */
  cpu: number;
}

/** Stages of a build from its log (Astro's own lines and our integrations' "（12.3 s）" endings), with the CPU they used. */
export function stages(run: Pick<RunResult, "lines" | "samples">): Record<string, Stage> {
  const plain = run.lines.map((l) => ({ t: l.t, text: l.text.replace(/\u001b\[[\d;]*m/g, "") }));
  const cpuAt = (t: number) => run.samples.findLast((s) => s.t <= t)?.cpu ?? 0;
  const stage = (from: number | undefined, to: number | undefined): Stage =>
    from === undefined || to === undefined ? { seconds: NaN, cpu: NaN } : { seconds: to - from, cpu: cpuAt(to) - cpuAt(from) };
  const find = (re: RegExp, from = 0) => plain.slice(from).find((l) => re.test(l.text));
  // A hook logs one line at its end with its own duration.
  const hook = (re: RegExp) => {
    const line = find(re);
    const seconds = Number(/（([\d.]+) s）/.exec(line?.text ?? "")?.[1] ?? NaN);
    return line && !Number.isNaN(seconds) ? stage(line.t - seconds, line.t) : stage(undefined, undefined);
  };
  const routes = plain.findIndex((l) => /generating static routes/.test(l.text));
  // Astro ends page generation with "✓ Completed in 46.93s." (without the [build] tag of its other stages).
  const pagesDone = routes >= 0 ? find(/^(?!.*\[build\]).*✓ Completed in /, routes) : undefined;
  return {
    contentSync: stage(find(/Syncing content/)?.t, find(/Synced content/)?.t),
    pages: stage(plain[routes]?.t, pagesDone?.t),
    posters: hook(/海报与分享图/),
    searchIndex: hook(/搜索索引/),
    outputChecks: hook(/输出检查通过/),
  };
}

export function brotli(bytes: Buffer | string): number {
  return brotliCompressSync(typeof bytes === "string" ? Buffer.from(bytes) : bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] ?? 0) : NaN;
}

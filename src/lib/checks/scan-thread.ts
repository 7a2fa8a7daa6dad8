/**
 * The output scan's worker thread (scan-worker.ts), started before the build
 * has all its pages: it reads the last build's findings meanwhile, then scans
 * the files it is sent once, and saves this scan's findings after sending what
 * it found. A build that fails before its scan cancels it.
 */
import { Worker, type ResourceLimits } from "node:worker_threads";
import type { OutputScan, OutputScanOptions } from "./output-scan.ts";

export interface ScanThreadData {
  /** The last build's findings (file, and the stamp they must carry); this scan's are saved to `<file>.next`. */
  findingsFrom?: [file: string, stamp: string] | undefined;
}

/** What the thread is sent: everything the scan needs but the findings, which it reads itself. */
export type ScanRequest = Omit<OutputScanOptions, "findings">;

/** What the thread sends back: the scan (without its findings, which stay in the thread), then that they are saved. */
export type ScanReply = { scan: OutputScan } | { saved: true };

export interface ScanThread {
  /** Scans once: resolves with what the scan found, or rejects with why the thread ended without it. */
  scan(request: ScanRequest): Promise<OutputScan>;
  /** Resolves once this scan's findings are saved (right after the scan without findingsFrom). */
  saved: Promise<void>;
  /** Ends a thread that will not be used (its build failed before the scan). */
  cancel(): void;
}

export function startScanThread(data: ScanThreadData = {}, resourceLimits?: ResourceLimits): ScanThread {
  const worker = new Worker(new URL("./scan-worker.ts", import.meta.url), { workerData: data, ...(resourceLimits ? { resourceLimits } : {}) });
  const ended = (code: number) => new Error(`输出检查线程意外退出（退出码 ${code}）`);
  // Each promise settles once: an exit after both replies changes nothing.
  const awaited = <T>(pick: (reply: ScanReply) => T | undefined): Promise<T> =>
    new Promise<T>((done, fail) => {
      worker.on("message", (reply: ScanReply) => {
        const value = pick(reply);
        if (value !== undefined) done(value);
      });
      worker.once("error", fail);
      worker.once("exit", (code) => fail(ended(code)));
    });
  const scanned = awaited((reply) => ("scan" in reply ? reply.scan : undefined));
  const saved = awaited((reply) => ("saved" in reply ? true : undefined)).then(() => undefined);
  // Whoever awaits them sees their failure; a cancelled or unused thread's is nobody's (not an unhandled rejection).
  scanned.catch(() => undefined);
  saved.catch(() => undefined);
  let sent = false;
  return {
    scan(request) {
      if (sent) throw new Error("内部错误：输出检查线程只扫描一次");
      sent = true;
      worker.postMessage(request);
      return scanned;
    },
    saved,
    cancel: () => void worker.terminate(),
  };
}

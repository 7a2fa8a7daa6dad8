/**
 * Worker thread of the output scan (scan-thread.ts): reads the last build's
 * findings as soon as it starts — megabytes at city scale, read while the
 * build is still placing its pages — then makes one scanOutput pass when the
 * build sends the files, beside the search indexer on the main thread. Its
 * findings are saved after the result is sent (to `findings.next`, put in
 * place by finishChecks once every check passed), so saving them delays no
 * check.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadFindings, saveFindings, scanOutput } from "./output-scan.ts";
import type { ScanReply, ScanRequest, ScanThreadData } from "./scan-thread.ts";

const { findingsFrom } = workerData as ScanThreadData;
const earlier = findingsFrom ? loadFindings(...findingsFrom) : undefined;
const reply = (message: ScanReply) => parentPort?.postMessage(message);
parentPort?.once("message", (request: ScanRequest) => {
  // A failure is not caught: it ends the thread with its error, which fails the build (scan-thread.ts).
  void scanOutput({ ...request, findings: earlier }).then((scan) => {
    reply({ scan: { ...scan, findings: {} } });
    if (findingsFrom) saveFindings(`${findingsFrom[0]}.next`, findingsFrom[1], scan.findings);
    reply({ saved: true });
  });
});

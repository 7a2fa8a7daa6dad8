/**
 * Worker thread: one scanOutput pass, so it runs beside the search indexer on
 * the main thread. The last build's findings are read, and this scan's saved
 * (to `findings.next`, put in place by finishChecks once every check passed),
 * here rather than on the main thread: megabytes at city scale.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadFindings, saveFindings, scanOutput, type OutputScanOptions } from "./output-scan.ts";

const { findingsFrom, ...options } = workerData as OutputScanOptions & { findingsFrom?: [file: string, stamp: string] };
const scan = scanOutput({ ...options, findings: findingsFrom ? loadFindings(...findingsFrom) : undefined });
if (findingsFrom) saveFindings(`${findingsFrom[0]}.next`, findingsFrom[1], scan.findings);
parentPort?.postMessage({ ...scan, findings: {} });

/** Worker thread: one scanOutput pass, so it runs beside the search indexer on the main thread. */
import { parentPort, workerData } from "node:worker_threads";
import { scanOutput, type OutputScanOptions } from "./output-scan.ts";

parentPort?.postMessage(scanOutput(workerData as OutputScanOptions));

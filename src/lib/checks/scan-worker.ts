/** Worker thread: the personal-data scan, so it runs beside the link check. */
import { parentPort, workerData } from "node:worker_threads";
import { scanForPersonalData } from "./personal-data-scan.ts";

const { root, clean, allowed } = workerData as { root: string; clean: string[]; allowed: string[] };
const set = new Set(clean);
const leaks = await scanForPersonalData(root, set, new Set(allowed));
parentPort?.postMessage({ leaks, clean: [...set] });

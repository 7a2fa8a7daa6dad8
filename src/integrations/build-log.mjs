// @ts-check
/**
 * Astro's log (astro.config.mjs `logger`) without its line per page: a city
 * build wrote 23,000 of them (≈ 1.8 MB, 0.3 s of the build's main thread, and
 * as much again for whoever reads the log, such as the workbench's 预览), and
 * they bury what staff should read. Everything else — errors, warnings, each
 * stage and this project's own lines — is written as Astro writes it. Astro
 * loads a logger only as JavaScript.
 */
import { stripVTControlCharacters } from "node:util";
import node from "astro/logger/node";

// Astro writes a page as two events: "  ├─ <file>" without a line end, then its time or "(cached)"/"(restored)".
// Pages are generated four at a time, so the second half is recognised by itself, not by following the first.
const PAGE_FILE = /^ {2}├─ /;
const PAGE_END = /^ \((?:\+[\d.]+m?s|cached|restored)\)/;

/**
 * @param {string | null} label
 * @param {string} message
 */
export function isPageLine(label, message) {
  const text = stripVTControlCharacters(message);
  return label === null ? PAGE_FILE.test(text) : label === "SKIP_FORMAT" && PAGE_END.test(text);
}

/** @param {import("astro/logger/node").NodeHandlerConfig | undefined} config */
export default function buildLog(config) {
  const destination = node(config);
  return {
    ...destination,
    /** @param {import("astro").AstroLoggerMessage} event */
    write(event) {
      if (event.level === "info" && isPageLine(event.label, event.message)) return;
      destination.write(event);
    },
  };
}

/**
 * npm run build: builds the site for the as-of date (AS_OF or today in
 * Asia/Shanghai) into a temporary folder and replaces dist/ only when the
 * build and every check on its output passed, so a failed build leaves the
 * last good site in place. One build at a time per project folder (a lock);
 * a failed build, however it fails, removes its temporary folder and says so
 * in Chinese before the details, and ends the process.
 *
 * With WENMING_BUILD_SERVICE=1 and an IPC channel (src/lib/build/warm-builder.ts,
 * the workbench's 预览) the process stays after a successful build and builds
 * again on request, the same way: Node, Astro and Vite are then loaded and
 * warm, which is most of a small site's build. Each request may set only the
 * as-of date; the content is read again for every build.
 */
// First: mimalloc (Rolldown, Astro's compiler) reads its settings when it loads.
import "../src/lib/build/allocators.ts";
import { build } from "astro";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { discardFolder } from "../src/lib/build/files.ts";
import { capacityProblem, contentCounts, memoryBudget, watchMemory } from "../src/lib/build/capacity.ts";
import { acquireBuildLock } from "../src/lib/build/lock.ts";
import { descendants } from "../src/lib/build/process-tree.ts";
import { forgetContent, getContent } from "../src/lib/content/cached.ts";
import { resolveAsOf } from "../src/primitives/dates.ts";
import { LEDGER_FILE, recordPublished } from "../src/lib/integrity/ledger.ts";
import { entryKey } from "../src/lib/integrity/lists.ts";
import type { BuilderMessage, BuildRequest } from "../src/lib/build/warm-builder.ts";
import { findChromium } from "./lib/chromium.ts";

// No network at build time: Astro would otherwise send anonymous usage data.
process.env["ASTRO_TELEMETRY_DISABLED"] = "1";

/** The temporary folder of the build under way, removed by every way out of a failed build. */
let tmp: string | undefined;

/** Set once the lock is held, so that every way out releases it. */
const lock: { release?: () => void } = {};

/** Exit status of a build stopped at the memory limit (src/lib/build/capacity.ts), for scripts that expect it. */
const STOPPED_AT_LIMIT = 3;

/** Every way out of a failed build: remove the temporary folder, release the lock, then explain. */
function fail(error: unknown, status = 1): never {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  lock.release?.();
  console.error(`\n构建失败，未发布任何内容，已保留上一次成功构建的 ${resolve(process.env["WENMING_OUT"] ?? "dist")}（如有）。\n`);
  if (error instanceof Error) {
    console.error(error.message);
    if (process.env["WENMING_LOG"] === "debug" || !(["ContentError", "CapacityError"].includes(error.name) || error.message.startsWith("内容检查")))
      console.error(`\n详细信息：\n${error.stack ?? ""}`);
    for (let cause = error.cause; cause; cause = cause instanceof Error ? cause.cause : undefined) console.error(`原因：${cause instanceof Error ? cause.message : JSON.stringify(cause)}`);
  } else console.error(String(error));
  process.exit(status);
}

/** A build at its memory limit: its helpers (Pagefind, renderers, Chromium) go first, then the build, saying why. */
function stopAtLimit(message: string): never {
  for (const pid of descendants(process.pid).slice(1).reverse()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch (error) {
      // Already gone.
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }
  const error = new Error(message);
  error.name = "CapacityError";
  fail(error, STOPPED_AT_LIMIT);
}
// An error thrown outside the awaited chain (a file system error in a callback) must not skip the cleanup.
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

/** `f()`, or the build's failure with what it threw. */
function orFail<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    fail(error);
  }
}

/** One build, start to finish; any failure ends the process through fail(). */
async function buildOnce(): Promise<void> {
  const outDir = resolve(process.env["WENMING_OUT"] ?? "dist");
  // A fixed temporary name: Astro's incremental build cache is keyed by the config, outDir included.
  tmp = `${outDir}.tmp`;
  const old = `${outDir}.old`;
  const astroCache = resolve(process.env["WENMING_ASTRO_CACHE"] ?? "node_modules/.astro");

  const asOf = orFail(resolveAsOf);
  process.env["AS_OF"] = asOf;
  // The 市民文明手册's PDFs are printed by Chromium; quick builds without posters skip them.
  if (process.env["SKIP_POSTERS"] !== "1") process.env["WENMING_CHROMIUM"] = await findChromium().catch(fail);

  // One lock per project folder, whatever the caches: every build of this folder writes Astro's
  // prerender chunks into the same .astro/ folder, so two at once would delete each other's modules.
  lock.release = await acquireBuildLock(resolve("node_modules/.cache/wenming-build.lock"), { waitSeconds: Number(process.env["WENMING_LOCK_WAIT"] ?? 600) }).catch(fail);
  await rm(tmp, { recursive: true, force: true });
  discardFolder(old);

  const contentRoot = resolve(process.env["WENMING_CONTENT"] ?? "content");

  // Memory: content that would not fit stops here, before anything runs; a build that grows past the
  // limit anyway stops when it does (checked every second), instead of being killed by the system.
  const budget = orFail(memoryBudget);
  {
    const problem = capacityProblem(contentCounts(await getContent(contentRoot, asOf).catch(fail)), budget);
    if (problem) stopAtLimit(problem);
  }
  const stopWatching = watchMemory(budget, stopAtLimit);

  // Astro keeps a content cache; when the content folder changes (tests, the
  // benchmark), entries of the previous folder must not leak into this build.
  const marker = join(astroCache, "wenming-content-root");
  const force = !existsSync(marker) || readFileSync(marker, "utf8") !== contentRoot;

  console.log(`wenming: 构建站点，数据截至 ${asOf}`);
  try {
    await build({ outDir: tmp, force, logLevel: process.env["WENMING_LOG"] === "debug" ? "debug" : "info" });
    await mkdir(dirname(marker), { recursive: true });
    await writeFile(marker, contentRoot);
    if (existsSync(outDir)) await rename(outDir, old);
    await rename(tmp, outDir);
    tmp = undefined;
    // The new site is in place; the old one is deleted in the background (seconds at city scale).
    discardFolder(old);
  } catch (error) {
    fail(error);
  }
  stopWatching();
  // Every list entry with a page is now published at its URL for good: record it (ledger.ts).
  // A preview (the workbench's 预览, WENMING_PREVIEW=1) publishes nothing, so records nothing.
  const { integrity } = await getContent(contentRoot, asOf);
  const recorded = process.env["WENMING_PREVIEW"] === "1" ? 0 : recordPublished(contentRoot, integrity.map(entryKey));
  if (recorded > 0) console.log(`wenming: 已将 ${recorded} 个新公开的红黑榜条目编号记入 ${join(contentRoot, LEDGER_FILE)}（请一并提交）`);
  lock.release();
  console.log(`wenming: 已输出到 ${outDir}`);
}

if (process.env["WENMING_BUILD_SERVICE"] === "1" && process.send) serve();
else await buildOnce();

/**
 * Warm builds on request (src/lib/build/warm-builder.ts): one at a time, each
 * answered when done; a failed one ends the process as above. The content is
 * read again for every build (forgetContent), and a process grown past
 * WENMING_BUILDER_MAX_MIB after a build leaves, so that the next build starts
 * fresh.
 */
function serve(): void {
  const maxRss = Number(process.env["WENMING_BUILDER_MAX_MIB"] ?? 2048) * 2 ** 20;
  const send = (message: BuilderMessage) => process.send?.(message);
  const initialAsOf = process.env["AS_OF"];
  let busy = false;
  process.on("message", (request: BuildRequest) => {
    if (busy) {
      send({ type: "refused", reason: "busy" });
      return;
    }
    busy = true;
    // Only the as-of date changes from build to build: everything else is this process's environment
    // (a build sets AS_OF to the date it resolved, which must not carry over to the next).
    const asOf = request.asOf ?? initialAsOf;
    if (asOf) process.env["AS_OF"] = asOf;
    else delete process.env["AS_OF"];
    forgetContent();
    void buildOnce().then(() => {
      busy = false;
      if (!process.connected) process.exit(0);
      const recycle = process.memoryUsage.rss() > maxRss;
      // Once the answer is out: exiting at once could drop it.
      process.send?.({ type: "built", recycle } satisfies BuilderMessage, () => {
        if (recycle) process.exit(0);
      });
    });
  });
  // Without the workbench there is no one to build for: leave (after the build under way, if any).
  process.on("disconnect", () => {
    if (!busy) process.exit(0);
  });
  // Everything a build needs is loaded by the imports above: say so.
  send({ type: "ready" });
}

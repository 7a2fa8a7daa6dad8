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
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { discardFolder, prerenderScratch, recycleFolder, takeSkeleton } from "../src/lib/build/files.ts";
import { codeStamp, KEEP_FROM_ENV, nextRecordFile, recordFile } from "../src/lib/build/kept-pages.ts";
import { capacityProblem, contentCounts, memoryBudget, PAGES_STAGE_ONLY, roughItemCount, separateStages, watchMemory, type Budget } from "../src/lib/build/capacity.ts";
import { acquireBuildLock } from "../src/lib/build/lock.ts";
import { systemErrorAdvice } from "../src/lib/build/system-errors.ts";
import { descendants } from "../src/lib/build/process-tree.ts";
import { cachePath, contentRoot as contentFolder, forgetContent, getContent } from "../src/lib/content/cached.ts";
import { saveMemoFile, useMemoFile } from "../src/lib/content/memo.ts";
import { lastLoadCounts } from "../src/lib/content/load.ts";
import { resolveAsOf } from "../src/primitives/dates.ts";
import { LEDGER_FILE, recordPublished } from "../src/lib/integrity/ledger.ts";
import { entryKey } from "../src/primitives/integrity-terms.ts";
import type { BuilderMessage, BuildRequest } from "../src/lib/build/warm-builder.ts";
import { findChromium } from "./lib/chromium.ts";

// No network at build time: Astro would otherwise send anonymous usage data.
process.env["ASTRO_TELEMETRY_DISABLED"] = "1";

const LOG_LEVEL = process.env["WENMING_LOG"] === "debug" ? "debug" : "info";

/** Astro, loaded where pages are built (not in a build's second stage, whose process should stay small). */
const astro = () => import("astro");

/** Said by a build in two processes (tests look for it). */
const TWO_STAGES_SAID = "wenming: 分两个进程构建：先生成页面（同时开始绘制海报），该进程结束后再完成海报、生成搜索索引并检查输出（节省内存）";

/**
 * Astro empties its output folder first; the build's folder is new or holds folders only (takeSkeleton), which
 * are to be kept.
 */
const KEEP_OUT_DIR = { build: { emptyOutDir: false } };

/** Where the emptied folders of the site replaced last are kept for the next build (files.ts: recycleFolder). */
const skeletonOf = (outDir: string) => `${outDir}.skeleton`;

/** The temporary folder of the build under way, removed by every way out of a failed build. */
let tmp: string | undefined;

/** Removes the folder Astro's prerender bundle is linked to for the build under way (files.ts: prerenderScratch), if any. */
let removeScratch: (() => void) | undefined;

/** Set once the lock is held, so that every way out releases it. */
const lock: { release?: () => void } = {};

/** Exit status of a build stopped at the memory limit (src/lib/build/capacity.ts), for scripts that expect it. */
const STOPPED_AT_LIMIT = 3;

/**
 * What every way out of a failed build does first: remove the temporary folder, release the lock. Each step is
 * tried whatever the others do — the failure being cleaned up after may be the very one that makes a step fail (a
 * full disk, an output path through a file) — and what could not be done is returned to be said after the failure.
 */
function cleanUp(): string[] {
  const path = tmp;
  const steps = [() => path && rmSync(path, { recursive: true, force: true }), () => path && rmSync(nextRecordFile(path), { force: true }), () => removeScratch?.(), () => lock.release?.()];
  const failed: string[] = [];
  for (const step of steps)
    try {
      step();
    } catch (error) {
      failed.push(error instanceof Error ? error.message : String(error));
    }
  return failed;
}

/** Every way out of a failed build: clean up, then explain. */
function fail(error: unknown, status = 1): never {
  const leftovers = cleanUp();
  console.error(`\n构建失败，未发布任何内容，已保留上一次成功构建的 ${resolve(process.env["WENMING_OUT"] ?? "dist")}（如有）。\n`);
  // A failure of the machine (a full disk, a read-only folder…) is not the content's: said first, in words staff know.
  const advice = systemErrorAdvice(error);
  if (advice) console.error(`${advice}\n`);
  if (error instanceof Error) {
    console.error(error.message);
    if (process.env["WENMING_LOG"] === "debug" || !(["ContentError", "CapacityError"].includes(error.name) || error.message.startsWith("内容检查")))
      console.error(`\n详细信息：\n${error.stack ?? ""}`);
    for (let cause = error.cause; cause; cause = cause instanceof Error ? cause.cause : undefined) console.error(`原因：${cause instanceof Error ? cause.message : JSON.stringify(cause)}`);
  } else console.error(String(error));
  for (const leftover of leftovers) console.error(`（清理临时文件时出错，下次构建会再试：${leftover}）`);
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
// Only the error: Node passes these handlers a second argument ("uncaughtException", a promise), not an exit status.
process.on("uncaughtException", (error) => fail(error));
process.on("unhandledRejection", (reason) => fail(reason));

/** Reads and checks the content (any problem fails the build), and stops when it would not fit in `budget`. */
async function checkContent(contentRoot: string, asOf: string, budget: Budget, twoStages: boolean): Promise<void> {
  // Each file's own checks, from the last build of the same code where the file is unchanged (memo.ts).
  orFail(() => useMemoFile(cachePath("content-memo.bin"), codeStamp(fileURLToPath(new URL("../", import.meta.url)))));
  const content = await getContent(contentRoot, asOf).catch(fail);
  orFail(saveMemoFile);
  const { remembered, checked } = lastLoadCounts();
  console.log(`wenming: 内容检查通过（${checked} 个文件逐项检查，${remembered} 个未改动的文件沿用上次的检查结果）`);
  const problem = capacityProblem(contentCounts(content), budget, twoStages);
  if (problem) stopAtLimit(problem);
}

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
  rmSync(nextRecordFile(tmp), { force: true });
  discardFolder(old);

  const contentRoot = contentFolder();

  // Memory: content that would not fit stops before anything runs (checkContent); a build that grows past
  // the limit anyway stops when it does (checked every second), instead of being killed by the system.
  // A warm build process (预览) keeps Astro loaded between builds: one process there, whatever the size.
  const budget = orFail(memoryBudget);
  const twoStages = process.env["WENMING_BUILD_SERVICE"] !== "1" && orFail(() => separateStages(roughItemCount(contentRoot), process.env, budget.bytes));
  // In two stages, Astro's process reads and checks the content: read here too, it would stay resident beside it.
  if (!twoStages) await checkContent(contentRoot, asOf, budget, false);
  const stopWatching = watchMemory(budget, stopAtLimit);

  // Astro keeps a content cache; when the content folder changes (tests, the
  // benchmark), entries of the previous folder must not leak into this build.
  const marker = join(astroCache, "wenming-content-root");
  const force = !existsSync(marker) || readFileSync(marker, "utf8") !== contentRoot;

  // Pages of the published site may be kept (kept-pages.ts) — none when Astro's caches are discarded, but this
  // build's pages are recorded for the next.
  process.env[KEEP_FROM_ENV] = outDir;
  if (force) rmSync(recordFile(outDir), { force: true });
  // The folders of an older site, emptied after the last build, spare making them again.
  orFail(() => takeSkeleton(skeletonOf(outDir), tmp as string));
  // Astro's bundle of the pages on the output folder's file system, whatever disk the project is on.
  removeScratch = orFail(() => prerenderScratch(tmp as string, process.cwd()));

  console.log(`wenming: 构建站点，数据截至 ${asOf}`);
  if (twoStages) console.log(TWO_STAGES_SAID);
  try {
    if (twoStages) {
      await pagesStage(tmp, force);
      // Loaded here: ≈ 80 MB that would otherwise sit beside Astro's process for the whole page stage.
      const { finishSite, stageLogger } = await import("../src/integrations/build-output.ts");
      await finishSite(tmp, stageLogger, true);
    } else await (await astro()).build({ outDir: tmp, force, logLevel: LOG_LEVEL, vite: KEEP_OUT_DIR });
    await mkdir(dirname(marker), { recursive: true });
    await writeFile(marker, contentRoot);
    // The published site's record goes first: a record must never describe another site than the one beside it.
    rmSync(recordFile(outDir), { force: true });
    if (existsSync(outDir)) await rename(outDir, old);
    await rename(tmp, outDir);
    if (existsSync(nextRecordFile(tmp))) await rename(nextRecordFile(tmp), recordFile(outDir));
    tmp = undefined;
    removeScratch?.();
    removeScratch = undefined;
    // The new site is in place; the old one's files are removed in the background and its folders kept for the next build.
    recycleFolder(old, skeletonOf(outDir), outDir);
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

/**
 * Runs Astro's stage (the handbook's PDFs into their cache, then the pages, with posters rendered into
 * their cache beside them once the pages' memory peak has passed) into `outDir` in a
 * process of its own (this script with WENMING_BUILD_STAGE=pages), which ends
 * when it is done. A failed stage has said why (the same words as here); this
 * process then cleans up and ends with the same status, without saying it twice.
 */
async function pagesStage(outDir: string, force: boolean): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    stdio: "inherit",
    env: { ...process.env, WENMING_BUILD_STAGE: PAGES_STAGE_ONLY, WENMING_STAGE_OUT: outDir, WENMING_STAGE_FORCE: force ? "1" : "0" },
  });
  const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
  if (code === 0) return;
  if (code !== null) {
    cleanUp();
    process.exit(code);
  }
  fail(new Error(`生成页面的进程意外结束（信号 ${signal ?? "未知"}），可能是系统内存不足`));
}

/**
 * The stage process: the content checked, then Astro's build into the folder
 * its parent gave, then out at once (its memory is what it is for).
 */
async function runPagesStage(): Promise<void> {
  tmp = process.env["WENMING_STAGE_OUT"];
  if (!tmp) fail(new Error("WENMING_STAGE_OUT is not set"));
  await checkContent(contentFolder(), orFail(resolveAsOf), orFail(memoryBudget), true);
  try {
    // The handbook first, alone with this process: its Chromium is not beside Astro, the renderers or Pagefind,
    // and the build script only places it from the cache, without loading a renderer for its cover.
    await (await import("../src/integrations/handbook.ts")).printHandbook();
    await (await astro()).build({ outDir: tmp, force: process.env["WENMING_STAGE_FORCE"] === "1", logLevel: LOG_LEVEL, vite: KEEP_OUT_DIR });
  } catch (error) {
    fail(error);
  }
  process.exit(0);
}

if (process.env["WENMING_BUILD_STAGE"] === PAGES_STAGE_ONLY) await runPagesStage();
else if (process.env["WENMING_BUILD_SERVICE"] === "1" && process.send) serve();
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
  // Everything a build needs is loaded (the imports above, and Astro): say so.
  void astro().then(() => send({ type: "ready" }), fail);
}

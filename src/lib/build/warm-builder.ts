/**
 * A build process kept between builds, for the workbench's 预览: the build
 * script (scripts/build.ts) in its service mode, which builds again on
 * request the same way a one-off build does. Starting Node, Astro and Vite and
 * compiling their code is most of a small site's build (sample: ≈ 3.4 s a
 * one-off build, ≈ 1.3 s a warm one; docs/performance.md). A build that fails
 * ends the process, as a one-off build does; the next build starts another.
 * The process leaves after `idleMs` without work, and after a build that left
 * it larger than its limit (scripts/build.ts).
 *
 * Publication (发布) does not use it: a publication is always a build in a
 * process of its own.
 */
import { fork, type ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

/** Asked of the build process: one build, for this as-of date (else the date it was started with, or today). */
export interface BuildRequest {
  asOf?: string | undefined;
}

/** What the build process says: loaded; a build done (and whether the process now leaves); a request refused. */
export type BuilderMessage = { type: "ready" } | { type: "built"; recycle: boolean } | { type: "refused"; reason: string };

export interface WarmBuilderOptions {
  /** The project folder. */
  cwd: string;
  /** The builds' environment (content, output, caches, WENMING_PREVIEW); fixed for the process's life. */
  env: Record<string, string>;
  /** Leave after this long without a build (default 15 minutes). */
  idleMs?: number;
}

/** Calls `onLine` with each line of a process's output stream, a line cut between two chunks included. */
export function eachLine(stream: Readable, onLine: (line: string) => void): void {
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const lines = (rest + chunk).split(/\r?\n/);
    rest = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  });
  stream.on("end", () => {
    if (rest) onLine(rest);
    rest = "";
  });
}

const SCRIPT = fileURLToPath(new URL("../../../scripts/build.ts", import.meta.url));

interface Running {
  child: ChildProcess;
  ready: Promise<void>;
  /** The current build's line handler; lines outside a build are dropped. */
  onLine?: ((line: string) => void) | undefined;
  /** Settles the current build with its status: 0 built, else the exit status of the process. */
  settle?: ((code: number) => void) | undefined;
  /** The process's exit status, once it has ended. */
  exited?: number;
  /** Ended by close(). */
  closed?: boolean;
}

export class WarmBuilder {
  readonly #options: WarmBuilderOptions;
  #running: Running | undefined;
  #idle: NodeJS.Timeout | undefined;

  constructor(options: WarmBuilderOptions) {
    this.#options = options;
  }

  /** Starts the process now (if none is running), so that the next build finds it loaded. */
  warm(): void {
    this.#process();
  }

  /** The running process's id, if one is running (warm or building). */
  get pid(): number | undefined {
    return this.#running?.child.pid;
  }

  /** One build: every line of its output goes to `onLine`; resolves 0 when the site was built, else the failed process's exit status. */
  async build(asOf: string | undefined, onLine: (line: string) => void): Promise<number> {
    clearTimeout(this.#idle);
    const running = this.#process();
    if (running.onLine) throw new Error("上一次预览构建尚未结束");
    // From now on: a process that fails while it loads says why in these lines.
    running.onLine = onLine;
    try {
      await running.ready;
    } catch {
      // The process ended before it was ready: its exit status is the build's.
      running.onLine = undefined;
      return running.exited ?? 1;
    }
    const done = new Promise<number>((resolve) => {
      running.settle = resolve;
    });
    if (running.exited !== undefined) running.settle?.(running.exited);
    // A channel closed meanwhile is reported by the process's "close" event, which settles the build.
    running.child.send({ asOf } satisfies BuildRequest, () => undefined);
    const code = await done;
    running.onLine = undefined;
    running.settle = undefined;
    // A failed build ended its process, and a grown one left: start the next one now (staff are correcting the
    // content, or will preview again), and let it go when it is not used. Not after close(): that was meant.
    if (running.closed) return code;
    this.warm();
    this.#idle = setTimeout(() => this.close(), this.#options.idleMs ?? 15 * 60_000).unref();
    return code;
  }

  /** Ends the process (a build under way ends as failed). */
  close(): void {
    clearTimeout(this.#idle);
    const running = this.#running;
    this.#running = undefined;
    if (!running) return;
    running.closed = true;
    running.child.kill();
  }

  #process(): Running {
    if (this.#running) return this.#running;
    const child = fork(SCRIPT, [], {
      cwd: this.#options.cwd,
      env: { ...process.env, ...this.#options.env, WENMING_BUILD_SERVICE: "1", FORCE_COLOR: "0", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let readied: () => void = () => undefined;
    let failed: (error: Error) => void = () => undefined;
    const running: Running = {
      child,
      ready: new Promise<void>((resolve, reject) => {
        readied = resolve;
        failed = reject;
      }),
    };
    running.ready.catch(() => undefined);
    this.#running = running;
    for (const stream of [child.stdout, child.stderr]) if (stream) eachLine(stream, (line) => running.onLine?.(line));
    child.on("message", (message: BuilderMessage) => {
      if (message.type === "ready") readied();
      else if (message.type === "built") {
        if (message.recycle && this.#running === running) this.#running = undefined;
        running.settle?.(0);
      } else running.settle?.(1);
    });
    child.on("error", (error) => {
      running.exited ??= 1;
      failed(error);
      running.settle?.(1);
    });
    // "close", not "exit": the last lines of a failed build's explanation must reach onLine first.
    child.on("close", (code, signal) => {
      running.exited = code ?? 1;
      if (this.#running === running) this.#running = undefined;
      failed(new Error(`build process ended (${code ?? signal})`));
      running.settle?.(code ?? 1);
    });
    return running;
  }
}
